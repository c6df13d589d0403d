/**
 * Runs test/vscode/suite in a real VS Code extension host with @vscode/test-electron, against this repository
 * as the extension under development (dist/ must be built: `npm run build`).
 *
 * VS Code cannot be downloaded on these machines, so nothing is downloaded here: set VSCODE_EXECUTABLE to an
 * installed VS Code (`code` binary or Electron executable). Without one this exits with code 3, saying so; it
 * never reports a pass it did not run. Exit codes: 0 passed, 1 failed, 2 usage error, 3 no VS Code available.
 *
 *   VSCODE_EXECUTABLE=/usr/share/code/code node out/test/vscode/runTest.js
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/** The repository: this file runs as out/test/vscode/runTest.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

const NO_VSCODE = 'No VS Code is available to run the extension-host tests (test/vscode): @vscode/test-electron '
  + 'would download one, and these machines cannot reach its servers, so nothing was run. Set VSCODE_EXECUTABLE '
  + 'to an installed VS Code executable (for example /usr/share/code/code) to run them. The same client wiring '
  + '(activation, status bar, commands, hover, completion, diagnostics and quick fixes through the real '
  + 'vscode-languageclient) is tested in a real VS Code, code-server 4.100 = VS Code 1.100, by '
  + 'scripts/e2e-vscode.sh.';

async function main(): Promise<number> {
  const executable = process.env.VSCODE_EXECUTABLE;
  if (!executable) {
    console.error(NO_VSCODE);
    return 3;
  }
  if (!fs.existsSync(executable)) {
    console.error(`VSCODE_EXECUTABLE=${executable} does not exist.`);
    return 2;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'client.js'))) {
    console.error('dist/client.js is missing: run `npm run build` first.');
    return 2;
  }

  // A throwaway workspace with copies of the example papers, and a fresh profile.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-vscode-'));
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(workspace);
  for (const file of ['sample-paper.md', 'faulty-paper.md']) fs.copyFileSync(path.join(ROOT, 'examples', file), path.join(workspace, file));
  try {
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', path.join(dir, 'extensions')],
      extensionTestsEnv: { LEXCITE_TEST_WORKSPACE: workspace, LEXCITE_SUITE: process.env.LEXCITE_SUITE || 'vscode-extension-host' },
    });
  } catch (error) {
    console.error(`The extension-host tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
