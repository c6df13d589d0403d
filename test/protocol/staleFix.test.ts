/**
 * A quick fix asked for with a diagnostic from an older version of the paper: the server must not stamp the
 * old edit with the new version (applied, it would rewrite the wrong characters).
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient } from '../helpers/lspClient';

const LINE = '国发[2025]11号是本文讨论的文件。';

function apply(text: string, version: number, action: CodeAction): string {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, version, 'the edit is stamped with the version it was computed for');
  return TextDocument.applyEdits(TextDocument.create('x', 'markdown', version, text), change.edits);
}

describe('quick fixes over LSP', function () {
  this.timeout(30000);

  it('a diagnostic from before an edit gets no stale fix; the current diagnostic gets a fix that rewrites the right text', async () => {
    const client = await startClient({ pullDiagnostics: true });
    try {
      const uri = client.uri('stale.md');
      await client.open(uri, `${LINE}\n`);
      const v1 = (await client.pullDiagnostics(uri)).filter((d) => d.code === 'docnumber.format');
      assert.equal(v1.length, 1, 'v1 has the 文号 format warning');
      // The user types 参见 at the start of the line (v2), then the editor asks for actions on the v1 diagnostic.
      const version = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '参见');
      const v2Text = `参见${LINE}\n`;
      const stale = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: v1[0].range, context: { diagnostics: v1 } });
      for (const action of stale) assert.equal(apply(v2Text, version, action).includes('1号1号'), false, `no action mangles the text: ${action.title}`);
      assert.deepEqual(stale, [], 'the v1 diagnostic no longer exists as sent: no actions');

      const v2 = (await client.pullDiagnostics(uri)).filter((d) => d.code === 'docnumber.format') as Diagnostic[];
      const fresh = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: v2[0].range, context: { diagnostics: v2 } });
      const fix = fresh.find((a) => a.isPreferred);
      assert.ok(fix, 'the current diagnostic has its fix');
      assert.equal(apply(v2Text, version, fix), '参见国发〔2025〕11号是本文讨论的文件。\n');
    } finally {
      await client.shutdown();
    }
  });
});
