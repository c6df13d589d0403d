/**
 * A seeded random-edit soak over the real server: thousands of small edits (citations, footnotes, 以下简称,
 * quotations, deletions) to a real paper, with hover, completion, diagnostics, code actions and symbols asked
 * in between, and now and then a quick fix applied as a user would. No request may fail, every range must lie in
 * the edited text (UTF-16), the diagnostics kept up incrementally must equal those of the same text opened fresh,
 * and the server's memory must stay flat once warm. LEXCITE_SOAK_EDITS sets the number of edits (300 here;
 * ≥ 5000 for the long run); LEXCITE_FUZZ_SEED replays another seed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, Range, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO_ROOT, bulletinCorpus } from '../helpers/corpus';
import { FUZZ_SEED, Lines, assertRange, linesOf, snap } from '../helpers/fuzz';
import { LspClient, startClient } from '../helpers/lspClient';
import { EditGenerator, Random, residentBytes, soakEdits } from '../helpers/soak';

const EDITS = soakEdits();
/** Diagnostics are compared with a fresh check every this many edits (and after the last). */
const COMPARE_EVERY = 25;
/** Growth of the server's resident memory allowed between the end of the warm-up and the end of the run. */
const MAX_RSS_GROWTH = 64 * 1024 * 1024;

function assertSymbols(lines: Lines, symbols: DocumentSymbol[], what: string): void {
  for (const symbol of symbols) {
    assertRange(lines, symbol.range, `${what} ${symbol.name}`);
    assertRange(lines, symbol.selectionRange, `${what} ${symbol.name} selection`);
    assertSymbols(lines, symbol.children ?? [], what);
  }
}

describe('soak: random edits to a real paper over the real server', function () {
  this.timeout(EDITS > 300 ? 0 : 120000);
  let client: LspClient;

  before(async () => {
    client = await startClient({ pullDiagnostics: true, settings: { paperDate: '2025-11-22' } });
  });
  after(async () => client.shutdown());

  it(`${EDITS} edits (seed ${FUZZ_SEED}): no error, ranges in bounds, incremental = fresh diagnostics, flat memory`, async () => {
    const random = new Random(FUZZ_SEED);
    const edits = new EditGenerator(bulletinCorpus(), random);
    const uri = client.uri('soak.md');
    const initial = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'sample-paper.md'), 'utf8');
    let mirror = TextDocument.create(uri, 'markdown', 1, initial);
    await client.open(uri, initial);
    let diagnostics: Diagnostic[] = await client.pullDiagnostics(uri);
    const warmUp = Math.min(200, Math.floor(EDITS / 3));
    let baseline: number | undefined;
    let fresh = 0;
    let applied = 0;

    const edit = async (range: Range, text: string) => {
      const version = await client.edit(uri, range, text);
      mirror = TextDocument.update(mirror, [{ range, text }], version);
    };

    for (let n = 1; n <= EDITS; n++) {
      const change = edits.next(mirror.getText(), 6000);
      await edit({ start: mirror.positionAt(change.start), end: mirror.positionAt(change.end) }, change.text);
      const text = mirror.getText();
      const lines = linesOf(text);
      const what = `edit ${n}`;
      const position = mirror.positionAt(snap(text, random.int(text.length + 1)));
      const at = { textDocument: { uri }, position };
      switch (random.int(5)) {
        case 0: {
          const hover = await client.request<Hover | null>('textDocument/hover', at);
          if (hover?.range) assertRange(lines, hover.range, `${what}: hover`);
          break;
        }
        case 1: {
          const completion = await client.request<CompletionList>('textDocument/completion', at);
          for (const item of completion.items) if (item.textEdit && 'range' in item.textEdit) assertRange(lines, item.textEdit.range, `${what}: completion ${item.label}`);
          break;
        }
        case 2:
          diagnostics = await client.pullDiagnostics(uri);
          for (const d of diagnostics) assertRange(lines, d.range, `${what}: diagnostic ${d.code}`);
          break;
        case 3: {
          // Half the time with the diagnostics last pulled, maybe from an older version: the server answers for
          // the current one (stale diagnostics get no action).
          if (random.next() < 0.5) diagnostics = await client.pullDiagnostics(uri);
          const range: Range = diagnostics.length ? diagnostics[random.int(diagnostics.length)].range : { start: position, end: position };
          const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
          for (const action of actions) {
            const edit = action.edit!.documentChanges![0] as TextDocumentEdit;
            assert.equal(edit.textDocument.version, mirror.version, `${what}: ${action.title} is for the current version`);
            for (const e of edit.edits) assertRange(lines, (e as { range: Range }).range, `${what}: ${action.title}`);
          }
          const fix = actions.find((a) => a.isPreferred);
          if (fix && random.next() < 0.3) {
            const [only] = (fix.edit!.documentChanges![0] as TextDocumentEdit).edits as { range: Range; newText: string }[];
            await edit(only.range, only.newText);
            applied++;
          }
          break;
        }
        default:
          assertSymbols(lines, await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }), `${what}: symbol`);
      }

      if (n % COMPARE_EVERY === 0 || n === EDITS) {
        const incremental = await client.pullDiagnostics(uri);
        const freshUri = client.uri(`soak-fresh-${fresh++}.md`);
        await client.open(freshUri, mirror.getText());
        const whole = await client.pullDiagnostics(freshUri);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
        assert.deepEqual(incremental, whole, `${what}: incremental diagnostics equal a fresh check of ${JSON.stringify(mirror.getText())}`);
      }
      if (n === warmUp) baseline = residentBytes(client.process.pid!, (file) => fs.readFileSync(file, 'utf8'));
    }

    assert.equal(await client.request('lexcite/ping', null), null, 'still answering');
    assert.doesNotMatch(client.stderr, /failed|Error/, 'nothing failed on the server');
    assert.doesNotMatch(JSON.stringify(client.notifications.filter((m) => m.method === 'window/logMessage')), /failed/, 'no handler failure logged');
    const final = residentBytes(client.process.pid!, (file) => fs.readFileSync(file, 'utf8'));
    if (baseline !== undefined && final !== undefined) {
      assert.ok(final - baseline < MAX_RSS_GROWTH, `resident memory grew ${Math.round((final - baseline) / 1048576)} MB after the warm-up (${Math.round(baseline / 1048576)} → ${Math.round(final / 1048576)} MB)`);
    }
    assert.ok(applied > 0 || EDITS < 100, 'some quick fixes were applied');
  });
});
