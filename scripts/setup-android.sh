#!/usr/bin/env bash
# Resolves everything the Android host's build and Robolectric tests need (Kotlin, coroutines, JUnit, Robolectric
# and its SDK 34 framework jars, the Maven plugins) from Maven Central into the local Maven repository, once, so
# that tests run with `mvn -o`. Compiles the module and runs its one plain-JVM test class to fetch the test
# runner's provider too. Extra arguments go to Maven (e.g. -Dmaven.repo.local=DIR).
set -euo pipefail
cd "$(dirname "$0")/../native/android"
if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
  echo "setup-android: java or mvn missing (scripts/apt-packages.txt lists them); skipping" >&2
  exit 0
fi
echo "setup-android: resolving the Android host's Maven dependencies"
mvn -B -q -T1 "$@" test -Dtest=AppOriginTest -Dsurefire.failIfNoSpecifiedTests=false
