/**
 * Find References reads the workspace's Markdown files: special files named .md (a FIFO, a link to
 * /dev/zero), a link loop and a file over the size limit must be skipped, with the answer still prompt.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Location } from 'vscode-languageserver-protocol';
import { startClient } from '../helpers/lspClient';

const CITE = '《国务院关于深入实施“人工智能+”行动的意见》第（八）项要求加强数据供给创新。\n';

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

describe('find references over special workspace files', function () {
  this.timeout(30000);
  let folder: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-workspace-'));
    fs.writeFileSync(path.join(folder, 'paper.md'), CITE);
    fs.mkdirSync(path.join(folder, 'chapters'));
    fs.writeFileSync(path.join(folder, 'chapters', 'other.md'), `# 第二章\n\n${CITE}`);
    execFileSync('mkfifo', [path.join(folder, 'notes.md')]);
    fs.symlinkSync('/dev/zero', path.join(folder, 'zero.md'));
    fs.symlinkSync('..', path.join(folder, 'chapters', 'loop'));
    // Over the limit set below (2,000 characters, so at most 6,000 bytes of UTF-8).
    fs.writeFileSync(path.join(folder, 'huge.md'), CITE + '文'.repeat(4000) + '\n');
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('answers promptly with the regular papers only', async () => {
    const client = await startClient({ pullDiagnostics: true, workspaceFolder: folder, settings: { maxPaperSize: 2000 } });
    try {
      const uri = client.uri('paper.md');
      await client.open(uri, CITE);
      const started = Date.now();
      const locations = await within(client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 2 }, context: { includeDeclaration: true } }), 10000, 'references');
      const files = locations.map((l) => path.relative(folder, new URL(l.uri).pathname)).sort();
      assert.deepEqual(files, ['chapters/other.md', 'paper.md']);
      assert.ok(Date.now() - started < 5000, `answered in ${Date.now() - started} ms`);
      // The server is still alive and answering.
      assert.equal(await within(client.request('lexcite/ping', null), 5000, 'ping'), null);
    } finally {
      await client.shutdown();
    }
  });
});
