#!/usr/bin/env bash
# End-to-end test of the packaged extension in a real VS Code: code-server (VS Code 1.100 served to a browser)
# driven by playwright-core with Debian's Chromium. Sets up what is missing, then runs test/e2e/vscode.e2e.ts.
#
# usage: scripts/e2e-vscode.sh            (idempotent; a warm run takes well under a minute)
# env:   CODE_SERVER_DIR   where code-server is installed (default $HOME/.cache/code-server-e2e; kept between runs)
#        LEXCITE_SHARED    the shared folder with tools/install-code-server.sh (default: ../shared beside the repo)
#        LEXCITE_RESULTS_DIR  when set, the reporter writes the counts there (as .ci/run does)
#        LEXCITE_E2E_PUBLISH=0   do not refresh the README's screenshots in docs/images/
#        LEXCITE_E2E_KEEP=1      keep the temporary workspace, profiles and logs
# Screenshots land in test-results/e2e/ (one per check, failed-<x>.png for a failed one); the README's hover,
# completion, diagnostics and report pictures are refreshed in docs/images/.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${LEXCITE_SHARED:-$(dirname "$REPO")/shared}
CODE_SERVER_DIR=${CODE_SERVER_DIR:-$HOME/.cache/code-server-e2e}
cd "$REPO"
start=$SECONDS
step() { echo "::: e2e-vscode [$((SECONDS - start))s] $*"; }

# 1. Debian packages: the browser and a CJK font (without it Chinese renders as boxes in the screenshots).
need=""
for p in chromium fonts-wqy-microhei; do
  # (dpkg -s also succeeds for a removed package whose config files remain: ask for the installed state.)
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need="$need $p"
done
if [ -n "$need" ]; then
  step "apt-get install$need"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq $need >/dev/null
fi

# 2. code-server, from the npm registry (the script works around its two downloads from elsewhere).
step "code-server in $CODE_SERVER_DIR"
[ -f "$SHARED/tools/install-code-server.sh" ] || { echo "missing $SHARED/tools/install-code-server.sh (set LEXCITE_SHARED)" >&2; exit 1; }
entry=$(bash "$SHARED/tools/install-code-server.sh" "$CODE_SERVER_DIR" | tail -1)
export LEXCITE_CODE_SERVER="${entry#node }"
[ -f "$LEXCITE_CODE_SERVER" ] || { echo "code-server was not installed: $entry" >&2; exit 1; }

# 3. The project's own dependencies (a fresh clone) and the packaged extension.
[ -d node_modules/playwright-core ] || { step "npm ci"; npm ci --no-audit --no-fund; }
reason=""
if [ ! -f lexcite.vsix ]; then
  reason="lexcite.vsix is missing"
else
  newer=$(find client/src server/src data syntaxes l10n scripts/bundle.mjs package.json package.nls.json package.nls.zh-cn.json \
    README.md LICENSE .vscodeignore -newer lexcite.vsix -type f -print -quit 2>/dev/null || true)
  [ -z "$newer" ] || reason="lexcite.vsix is older than $newer"
fi
if [ -n "$reason" ]; then
  step "npm run package ($reason)"
  log="${TMPDIR:-/tmp}/lexcite-package.$$.log"
  npm run package </dev/null >"$log" 2>&1 || { tail -30 "$log"; exit 1; }
  rm -f "$log"
elif [ -n "$(find test/e2e -name '*.ts' -newer out/test/e2e/vscode.e2e.js 2>/dev/null)" ] || [ ! -f out/test/e2e/vscode.e2e.js ]; then
  step "lexcite.vsix is up to date; compiling the test"
  npx tsc -p .
else
  step "lexcite.vsix and out/test/e2e/vscode.e2e.js are up to date"
fi
export LEXCITE_VSIX="$REPO/lexcite.vsix"
export LEXCITE_CHROMIUM=${LEXCITE_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}

# 4. The test: one browser session against code-server with the .vsix installed.
step "mocha out/test/e2e/vscode.e2e.js"
status=0
LEXCITE_SUITE=e2e-vscode npx mocha --no-config --timeout 180000 --reporter ./test/reporter.js out/test/e2e/vscode.e2e.js || status=$?
step "done (exit $status)"
exit $status
