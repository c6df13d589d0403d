#!/usr/bin/env bash
# The citation report's HTML in Debian's Chromium (test/e2e/report.e2e.ts). Installs chromium and the CJK font
# if missing, builds, runs. Idempotent; a few seconds once Chromium is installed.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
need=""
for p in chromium fonts-wqy-microhei; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || need="$need $p"
done
if [ -n "$need" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
npm run --silent build
LEXCITE_SUITE=e2e-report npx mocha --no-config --timeout 120000 --reporter ./test/reporter.js out/test/e2e/report.e2e.js
