#!/usr/bin/env bash
# Builds the Linux host once into build/native/socket-host (CMake + Ninja when present).
# Incremental: configure runs only the first time, and the build step is a no-op when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/native
work=$out/cmake
if [ ! -f "$work/CMakeCache.txt" ]; then
  generator=()
  if command -v ninja >/dev/null; then generator=(-G Ninja); fi
  cmake -S native -B "$work" "${generator[@]}" -DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null
fi
if ! log=$(cmake --build "$work" --parallel "$(nproc 2>/dev/null || echo 2)" 2>&1); then
  echo "$log" >&2
  echo "build-native: the host failed to build" >&2
  exit 1
fi
echo "$log" | grep -v -e '^ninja: no work to do' -e '^-- ' -e '^\[[0-9/%]*\]' -e '^$' || true
test -x "$out/socket-host" || { echo "build-native: $out/socket-host was not produced" >&2; exit 1; }
