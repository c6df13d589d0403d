#!/usr/bin/env bash
# End-to-end test of the language server with a second real LSP client: Neovim's built-in one (Debian's neovim,
# 0.7.x), headless, against `node bin/lexcite.js lsp --stdio`. Installs neovim if missing, builds, runs
# test/e2e/neovim.e2e.ts.
#
# usage: scripts/e2e-neovim.sh            (idempotent; a few seconds once neovim is installed)
# env:   LEXCITE_NVIM            the nvim to drive (default: nvim on the PATH)
#        LEXCITE_RESULTS_DIR     when set, the reporter writes the counts there (as .ci/run does)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
start=$SECONDS
step() { echo "::: e2e-neovim [$((SECONDS - start))s] $*"; }

if [ -z "${LEXCITE_NVIM:-}" ] && ! command -v nvim >/dev/null 2>&1; then
  step "apt-get install neovim"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi
export LEXCITE_NVIM=${LEXCITE_NVIM:-$(command -v nvim)}
step "$("$LEXCITE_NVIM" --version | head -1)"

# bin/lexcite.js runs the built server (dist/); the test itself is compiled to out/.
[ -d node_modules/vscode-languageserver ] || { step "npm ci"; npm ci --no-audit --no-fund; }
step "npm run build"
npm run --silent build

step "mocha out/test/e2e/neovim.e2e.js"
status=0
LEXCITE_SUITE=e2e-neovim npx mocha --no-config --timeout 120000 --reporter ./test/reporter.js out/test/e2e/neovim.e2e.js || status=$?
step "done (exit $status)"
exit $status
