/**
 * lexcite/footnote through the real server, as the VS Code command uses it: the work is picked from
 * lexcite/search, the edits come back for the version the client saw, and a stale version gets none.
 */
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { FootnoteResult, Methods, SearchItem, WireTextEdit } from '../../protocol/requests';
import { LspClient, positionOf, startClient } from '../helpers/lspClient';

function apply(text: string, edits: WireTextEdit[]): string {
  const lines = new LineIndex(text);
  let out = text;
  for (const edit of [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))) {
    out = out.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + out.slice(lines.offsetAt(edit.range.end));
  }
  return out;
}

const PAPER = '学界看法不一。[^1]有学者主张构思决定论。数字法学亦有争论。\n\n[^1]: 张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。\n';

describe('lexcite/footnote (real server)', function () {
  this.timeout(60000);
  let client: LspClient;
  before(async () => {
    client = await startClient({ settings: { style: '法学研究' } });
  });
  after(async () => client.shutdown());

  it('the picked work as a new note in the house style, then 同上注 for the same work; a stale version gets no edits', async () => {
    const uri = client.uri('footnote.md');
    await client.open(uri, PAPER);
    const [item] = await client.request<SearchItem[]>(Methods.search, { query: '为数字法学辩护', limit: 5, uri });
    assert.equal(item.title, '为数字法学辩护');
    const position = positionOf(PAPER, '构思决定论。', 6);
    const result = await client.request<FootnoteResult>(Methods.footnote, { textDocument: { uri }, version: 1, position, type: item.type, id: item.id });
    assert.deepEqual([result.version, result.label, result.number, result.problem], [1, '2', 2, undefined]);
    assert.deepEqual(result.choices.map((c) => c.form), ['full']);
    // 《法学研究》 writes no 载 before the journal.
    const after = apply(PAPER, result.choices[0].edits);
    assert.equal(after, '学界看法不一。[^1]有学者主张构思决定论。[^2]数字法学亦有争论。\n\n[^1]: 张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。\n[^2]: 韩旭至：《为数字法学辩护》，《华东政法大学学报》2025年第4期。\n');

    // The paper changes under the request: nothing is offered for the old version.
    await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '引言。');
    const stale = await client.request<FootnoteResult>(Methods.footnote, { textDocument: { uri }, version: 1, position, type: item.type, id: item.id });
    assert.deepEqual([stale.version, stale.choices, stale.problem], [2, [], '论文在选择文献时已改动，未插入脚注，请重试']);

    // The same work again right after it: 同上注 is offered.
    const now = `引言。${after}`;
    await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, now);
    const end = positionOf(now, '亦有争论。', 5);
    const again = await client.request<FootnoteResult>(Methods.footnote, { textDocument: { uri }, version: 3, position: end, type: item.type, id: item.id });
    assert.deepEqual(again.choices.map((c) => [c.form, c.note]), [['full', '韩旭至：《为数字法学辩护》，《华东政法大学学报》2025年第4期。'], ['ibid', '同上注。']]);
    assert.match(apply(now, again.choices[1].edits), /争论。\[\^3\]\n\n\[\^1\]: .*\n\[\^2\]: 韩旭至.*\n\[\^3\]: 同上注。\n$/);
  });

  it('an unknown document or a malformed entry: null or a reason, never a failure', async () => {
    const unknown = await client.request<FootnoteResult | null>(Methods.footnote, { textDocument: { uri: client.uri('not-open.md') }, version: 1, position: { line: 0, character: 0 }, type: 'record', id: 'x' });
    assert.equal(unknown, null);
    const uri = client.uri('footnote-bad.md');
    await client.open(uri, '正文。\n');
    const bad = await client.request<FootnoteResult>(Methods.footnote, { textDocument: { uri }, version: 1, position: { line: 0, character: 1 }, type: '__proto__', id: 'constructor' });
    assert.deepEqual(bad.choices, []);
    assert.ok(bad.problem);
  });
});
