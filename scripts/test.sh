#!/usr/bin/env bash
# The one test command (README, CI): set up, check generated files are fresh, then run every test.
# Window tests need an X display; without one, the whole run goes under a private Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s gen -- --check
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s '-screen 0 1280x1024x24' npx tsx scripts/run-tests.ts "$@"
fi
exec npx tsx scripts/run-tests.ts "$@"
