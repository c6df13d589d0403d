/**
 * The reverse index in the real server: never built in the middle of a request. A paper quoting one law's words
 * as another's first gets what is known without it (the quotation is not in the cited article); the server builds
 * the index in time slices, answering requests meanwhile, then says where the words are, with the fix. The index
 * is saved in the cache folder, and the next server loads it instead of building it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, positionOf, startClient } from '../helpers/lspClient';

const WORDS = '收集个人信息，应当限于实现处理目的的最小范围，不得过度收集个人信息。';
const DRAFT = `# 草稿\n\n《网络安全法》第二十一条规定：“${WORDS}”\n`;
const WAIT_MS = 90_000;

/** Pulls the paper's diagnostics until the server says where the quotation's words are. */
async function untilMisattributed(client: LspClient, uri: string): Promise<Diagnostic[]> {
  const started = Date.now();
  let diagnostics = await client.pullDiagnostics(uri);
  while (!diagnostics.some((d) => d.code === 'quote.misattributed')) {
    assert.ok(Date.now() - started < WAIT_MS, `still ${JSON.stringify(diagnostics.map((d) => d.code))} after ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    diagnostics = await client.pullDiagnostics(uri);
  }
  return diagnostics;
}

function logLines(client: LspClient): string[] {
  return client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
}

describe('reverse lookup over LSP', function () {
  this.timeout(2 * WAIT_MS + 30_000);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-reverse-lsp-'));
  after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it('first the plain mismatch, then, once the index is built in the background, where the words are and the fix', async () => {
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { cacheDir } });
    try {
      const uri = client.uri('draft.md');
      await client.open(uri, DRAFT);
      const first = await client.pullDiagnostics(uri);
      assert.deepEqual(first.map((d) => [d.code, d.message]), [['quote.mismatch', '引文未见于《中华人民共和国网络安全法》第二十一条']]);
      // Requests are answered while the index is built.
      const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(DRAFT, '网络安全法') });
      assert.ok(hover, 'the hover answers during the build');
      const [d] = await untilMisattributed(client, uri);
      assert.equal(d.message, '此段文字出自《中华人民共和国个人信息保护法》第六条第二款，而非《网络安全法》第二十一条');
      assert.deepEqual(d.range, { start: { line: 2, character: 15 }, end: { line: 2, character: 17 + WORDS.length } });
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const fix = actions.find((a) => a.title === '改引《个人信息保护法》第六条第二款');
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
      const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, DRAFT), change.edits);
      assert.equal(fixed, `# 草稿\n\n《个人信息保护法》第六条第二款规定：“${WORDS}”\n`);
    } finally {
      await client.shutdown();
    }
  });

  it('a second server loads the index the first saved, and writes nothing', async () => {
    const file = () => fs.readdirSync(cacheDir).filter((name) => /^reverse-.*\.bin$/.test(name)).map((name) => path.join(cacheDir, name));
    if (file().length === 0) {
      const builder = await startClient({ pullDiagnostics: true, initializationOptions: { cacheDir } });
      try {
        const uri = builder.uri('draft.md');
        await builder.open(uri, DRAFT);
        await untilMisattributed(builder, uri);
        // Saved once served: the file is written in steps after the index is in use.
        const started = Date.now();
        while (!logLines(builder).some((line) => line.startsWith('lexcite: reverse index saved to '))) {
          assert.ok(Date.now() - started < WAIT_MS, JSON.stringify(logLines(builder)));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await builder.shutdown();
      }
    }
    const [saved] = file();
    const stamp = fs.statSync(saved);
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { cacheDir } });
    try {
      const uri = client.uri('draft.md');
      await client.open(uri, DRAFT);
      const [d] = await untilMisattributed(client, uri);
      assert.equal(d.message, '此段文字出自《中华人民共和国个人信息保护法》第六条第二款，而非《网络安全法》第二十一条');
      const lines = logLines(client).filter((line) => /reverse index/.test(line));
      assert.equal(lines.length, 1, JSON.stringify(lines));
      assert.match(lines[0], new RegExp(`^lexcite: reverse index loaded from ${saved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+ ms$`));
      assert.deepEqual(file(), [saved]);
      assert.equal(fs.statSync(saved).mtimeMs, stamp.mtimeMs);
    } finally {
      await client.shutdown();
    }
  });
});
