#!/usr/bin/env bash
# npm start: set up what is missing, then build the demo app with ssc and run it. Under a private Xvfb only
# when there is no display at all (e.g. over ssh), so on a desktop the window simply opens.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "start: no display; running the demo under Xvfb (nothing will be visible; Ctrl-C to stop)" >&2
  exec xvfb-run -a -s '-screen 0 1280x1024x24' node cli/bin/ssc.js build -r examples/demo "$@"
fi
exec node cli/bin/ssc.js build -r examples/demo "$@"
