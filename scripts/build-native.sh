#!/usr/bin/env bash
# Builds the Linux host once into build/native/socket-host, with its web-process extension in
# build/native/socket-webext/ (native/linux/fast_read.hh), (CMake + Ninja when present), hardened (PIE, full
# RELRO, stack protector, _FORTIFY_SOURCE=3). `build-native.sh asan` builds the ASan + UBSan host into
# build/native-asan/socket-host instead (docs/security.md).
# Incremental: configure runs only the first time, and the build step is a no-op when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/native
flags=(-DCMAKE_BUILD_TYPE=MinSizeRel)
if [ "${1:-}" = asan ]; then
  out=build/native-asan
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOCKET_SANITIZE=ON)
fi
work=$out/cmake
if [ ! -f "$work/CMakeCache.txt" ]; then
  generator=()
  if command -v ninja >/dev/null; then generator=(-G Ninja); fi
  cmake -S native -B "$work" "${generator[@]}" "${flags[@]}" >/dev/null
elif ! grep -q "SOCKET_HARDEN" "$work/CMakeCache.txt"; then
  # A build folder configured before the hardening options existed: configure again to pick them up.
  cmake "$work" "${flags[@]}" >/dev/null
fi
# Progress ([n/N] per compiled file) as it happens; the full log only when the build fails.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! cmake --build "$work" --parallel "$(nproc 2>/dev/null || echo 2)" 2>&1 | tee "$log" |
    sed -u -n 's/^\[\([0-9]*\/[0-9]*\)\] /build-native: [\1] /p'; then
  cat "$log" >&2
  echo "build-native: the host failed to build" >&2
  exit 1
fi
grep -v -e '^ninja: no work to do' -e '^-- ' -e '^\[[0-9/%]*\]' -e '^$' "$log" || true
test -x "$out/socket-host" || { echo "build-native: $out/socket-host was not produced" >&2; exit 1; }
