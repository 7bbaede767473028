#!/usr/bin/env bash
# Builds the host with AddressSanitizer + UndefinedBehaviorSanitizer (build/native-asan) and runs the host tests
# that drive request decoding, dispatch and the file system through it. Any sanitizer report aborts the host,
# which fails the test that was running. Not part of npm test: the sanitizer build alone takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-native.sh asan
npx tsx scripts/build-runtime.ts >/dev/null
export SOCKET_HOST_BINARY="$PWD/build/native-asan/socket-host"
# GTK and WebKit keep allocations for the life of the process on purpose: leak reports would be theirs.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$PWD/scripts/ubsan-suppressions.txt"
tests=(test/host/fs.test.ts test/host/robustness.test.ts test/security/fs-symlinks.test.ts test/security/fs-limits.test.ts
  test/host/fs-off-main-thread.test.ts test/host/fs-queue-bound.test.ts test/host/watch-off-main-thread.test.ts
  test/host/serving-off-main-thread.test.ts test/security/serving-hostile-files.test.ts test/security/watch-swap.test.ts
  test/host/fs-fifo-close.test.ts test/security/watch-flood.test.ts test/host/serving-range.test.ts)
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a npx tsx scripts/run-tests.ts "${tests[@]}"
fi
exec npx tsx scripts/run-tests.ts "${tests[@]}"
