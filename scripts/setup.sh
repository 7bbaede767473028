#!/usr/bin/env bash
# Makes a fresh Debian 12 checkout ready to run: system packages, npm packages, the native host and the
# bundled runtime JS. Safe to run again: every step skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t packages < <(grep -v '^\s*#' scripts/apt-packages.txt | grep -v '^\s*$')
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); elif command -v sudo >/dev/null; then apt_get=(sudo apt-get); else
    echo "setup: not root and no sudo; install these packages first: ${missing[*]}" >&2; exit 1
  fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  # One line per package fetched, unpacked and set up, so a long install shows it is moving.
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" |
    sed -u -n 's/^\(Get:\|Unpacking \|Setting up \)/setup: apt: &/p'
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

if [ -f scripts/build-native.sh ]; then bash scripts/build-native.sh; fi
if [ -f scripts/build-runtime.ts ]; then npx tsx scripts/build-runtime.ts; fi
if [ -f scripts/setup-android.sh ]; then bash scripts/setup-android.sh; fi
