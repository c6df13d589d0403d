/**
 * A short fuzz run against the real server process over stdio: random papers opened and edited incrementally
 * (the test keeps its own copy of the text, as an editor does), and after every edit diagnostics, hover,
 * completion, definition, highlights and code actions at random places. No request may fail, every range must
 * lie inside the text as edited, and the server must still be answering at the end.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CodeAction, CompletionList, Diagnostic, DocumentHighlight, Hover, Location, Range, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bulletinCorpus } from '../helpers/corpus';
import { assertRange, checkAsync, fuzzTimeout, linesOf, markdownArbitrary, runs, snap, titled } from '../helpers/fuzz';
import { LspClient, startClient } from '../helpers/lspClient';
import { Methods } from '../../protocol/requests';

describe('fuzz: the language server over stdio', function () {
  this.timeout(fuzzTimeout(60000));
  let client: LspClient;
  let documents = 0;

  before(async () => {
    client = await startClient({ pullDiagnostics: true, settings: { paperDate: '2025-11-22' } });
  });
  after(async () => client.shutdown());

  const fragment = markdownArbitrary(bulletinCorpus(), { maxFragments: 8 });
  const edit = fc.record({ at: fc.nat(), length: fc.nat(12), text: fragment, probe: fc.nat() });
  const n = runs(60);

  it(titled('random papers and incremental edits: no request fails, every range inside the edited text', n), async () => {
    await checkAsync(fc.asyncProperty(markdownArbitrary(bulletinCorpus(), { maxFragments: 30 }), fc.array(edit, { minLength: 1, maxLength: 8 }), async (initial, edits) => {
      const uri = client.uri(`fuzz-${documents++}.md`);
      let mirror = TextDocument.create(uri, 'markdown', 1, initial);
      await client.open(uri, initial);
      for (const e of [{ at: 0, length: 0, text: '', probe: 0 }, ...edits]) {
        if (e.text !== '' || e.length !== 0) {
          const text = mirror.getText();
          const start = snap(text, e.at % (text.length + 1));
          const range = { start: mirror.positionAt(start), end: mirror.positionAt(snap(text, Math.min(text.length, start + e.length))) };
          const version = await client.edit(uri, range, e.text);
          mirror = TextDocument.update(mirror, [{ range, text: e.text }], version);
        }
        const text = mirror.getText();
        const lines = linesOf(text);
        const diagnostics = await client.pullDiagnostics(uri);
        for (const d of diagnostics) assertRange(lines, d.range, `diagnostic ${d.code}`);
        const position = mirror.positionAt(snap(text, e.probe % (text.length + 1)));
        const at = { textDocument: { uri }, position };
        const hover = await client.request<Hover | null>('textDocument/hover', at);
        if (hover?.range) assertRange(lines, hover.range, 'hover');
        const completion = await client.request<CompletionList>('textDocument/completion', at);
        for (const item of completion.items) if (item.textEdit && 'range' in item.textEdit) assertRange(lines, item.textEdit.range, 'completion');
        const definition = await client.request<Location[]>('textDocument/definition', at);
        for (const l of definition) if (l.uri === uri) assertRange(lines, l.range, 'definition');
        const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', at);
        for (const h of highlights) assertRange(lines, h.range, 'highlight');
        const range: Range = diagnostics[0]?.range ?? { start: position, end: position };
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: diagnostics.slice(0, 3) as Diagnostic[] } });
        for (const action of actions) {
          const change = action.edit!.documentChanges![0] as TextDocumentEdit;
          assert.deepEqual(change.textDocument, { uri, version: mirror.version }, 'the quick fix names the current version');
          for (const te of change.edits) assertRange(lines, (te as { range: Range }).range, action.title);
        }
      }
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }), n);
    assert.equal(await client.request(Methods.ping, null), null, 'still answering');
    assert.doesNotMatch(client.stderr, /failed|Error/, 'nothing failed on the server');
    assert.doesNotMatch(JSON.stringify(client.notifications.filter((m) => m.method === 'window/logMessage')), /failed/, 'no handler failure logged');
  });
});
