/**
 * Entry point that @vscode/test-electron loads inside the extension host: runs every *.test.js beside this file
 * with mocha and the repository's reporter (which prints "N passed, N failed" and, when LEXCITE_RESULTS_DIR is
 * set, records the counts).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

/** The repository: this file runs as out/test/vscode/suite/index.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: path.join(ROOT, 'test', 'reporter.js') });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
