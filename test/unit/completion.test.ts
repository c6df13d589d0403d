/**
 * Completion as writers use it, on the shipped statute book: article numbers by what is typed (第十 → 第十条 and
 * 第十一条 to 第十九条), the 款 and 项 under a provision, the version in force at the paper's date, and inserted text
 * that follows the paper (title form, numerals, one item per work).
 */
import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { CURSOR, atCursor, completionAt } from '../helpers/atCursor';
import { productCorpus } from '../helpers/corpus';

const corpus = () => productCorpus();
const labels = (marked: string, date?: string) => completionAt(marked, { corpus: corpus(), settings: date ? { paperDate: date } : {} }).map((i) => i.label);

/** The paper after accepting the item: its textEdit applied to the text without the ‸. */
function accept(marked: string, item: CompletionItem): string {
  const text = marked.replace(CURSOR, '');
  const edit = item.textEdit as TextEdit;
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
}

describe('completion as writers use it (shipped statute book)', function () {
  this.timeout(60000);
  before(() => corpus());

  it('after 《个人信息保护法》第十: 第十条, then 第十一条 to 第十九条', () => {
    assert.deepEqual(labels('《个人信息保护法》第十‸'), ['第10条', '第11条', '第12条', '第13条', '第14条', '第15条', '第16条', '第17条', '第18条', '第19条']);
    // The editor asks again as the user types (第十 → 第十三), rather than filtering 第10条 by 十 itself.
    const { service, document, position, settings } = atCursor('《个人信息保护法》第十‸', { corpus: corpus() });
    const list = service.completion(document, position, settings);
    assert.equal(list.isIncomplete, true);
    assert.ok(list.items.every((item) => item.filterText!.startsWith('第十')));
  });

  it('in a paper that writes 第十三条, the items are written so too, and accepting one replaces what was typed', () => {
    const marked = '依《个人信息保护法》第十三条，处理者须取得同意；另见《个人信息保护法》第十‸。';
    const items = completionAt(marked, { corpus: corpus() });
    assert.deepEqual(items.map((i) => i.label), ['第十条', '第十一条', '第十二条', '第十三条', '第十四条', '第十五条', '第十六条', '第十七条', '第十八条', '第十九条']);
    assert.equal(accept(marked, items[4]), '依《个人信息保护法》第十三条，处理者须取得同意；另见《个人信息保护法》第十四条。');
  });

  it('after 《民法典》第一千零三十 (or 第103): 第1030条 to 第1039条', () => {
    const expected = ['第1030条', '第1031条', '第1032条', '第1033条', '第1034条', '第1035条', '第1036条', '第1037条', '第1038条', '第1039条'];
    assert.deepEqual(labels('《民法典》第一千零三十‸'), expected);
    assert.deepEqual(labels('《民法典》第103‸'), ['第103条', ...expected]);
    // 二百六 begins 二百六十…, not 二百零六.
    assert.deepEqual(labels('《民法典》第二百六‸').slice(0, 2), ['第260条', '第261条']);
  });

  it('offers the articles of the version in force at the paper’s date', () => {
    // 公司法 2018 has 218 articles; the 2023 revision, in force from 2024-07-01, has 266.
    assert.deepEqual(labels('《公司法》第二百六‸', '2023-06-01'), []);
    assert.deepEqual(labels('《公司法》第二百六‸', '2025-03-01'), ['第260条', '第261条', '第262条', '第263条', '第264条', '第265条', '第266条']);
    assert.deepEqual(labels('---\ndate: 2023-06-01\n---\n《公司法》第二百六‸', '2025-03-01'), []);
    assert.deepEqual(labels('《公司法》（2023年修订）第二百六十‸', '2023-06-01'), ['第260条', '第261条', '第262条', '第263条', '第264条', '第265条', '第266条']);
  });

  it('after 第十三条第: that article’s 款, then the 项 of its 款 — not the law’s articles', () => {
    const items = completionAt('《个人信息保护法》第十三条第‸', { corpus: corpus() });
    assert.deepEqual(items.map((i) => i.label), ['第一款', '第二款', '第（一）项', '第（二）项', '第（三）项', '第（四）项', '第（五）项', '第（六）项', '第（七）项']);
    assert.equal(items[0].detail, '符合下列情形之一的，个人信息处理者方可处理个人信息：');
    assert.equal(items[6].detail, '第十三条第一款第（五）项 为公共利益实施新闻报道、舆论监督等行为，在合理的范围内处理个……');
    assert.deepEqual(labels('《个人信息保护法》第十三条第二‸'), ['第二款', '第（二）项']);
  });

  it('after 第十三条第一款第: that 款’s 项; after an article or 款 that does not exist, nothing', () => {
    assert.deepEqual(labels('《个人信息保护法》第十三条第一款第‸'), ['第（一）项', '第（二）项', '第（三）项', '第（四）项', '第（五）项', '第（六）项', '第（七）项']);
    assert.deepEqual(labels('《个人信息保护法》第十三条第一款第（五‸'), ['第（五）项']);
    assert.deepEqual(labels('《个人信息保护法》第七十五条第‸'), []);
    assert.deepEqual(labels('《数据安全法》第二十七条第三款第‸'), []);
  });

  it('continues a list or range: after 第十三条、第 the law’s articles, after 第一款、第 the article’s other 款 first', () => {
    assert.deepEqual(labels('《个人信息保护法》第十三条、第十‸').slice(0, 2), ['第十条', '第十一条']);
    assert.deepEqual(labels('《个人信息保护法》第十三条至第十‸').length, 10);
    assert.deepEqual(labels('《个人信息保护法》第十三条第一款、第‸').slice(0, 3), ['第一款', '第二款', '第（一）项']);
    assert.deepEqual(labels('《个人信息保护法》第十三条、第十四条第‸'), ['第一款', '第二款']);
  });

  it('the 款 follow the paper’s numerals too: 第13条第 offers 第1款', () => {
    assert.deepEqual(labels('《个人信息保护法》第13条第‸').slice(0, 2), ['第1款', '第2款']);
  });

  it('a title is inserted as the paper writes its others: without 中华人民共和国 unless the paper keeps it', () => {
    const dropped = '依《民法典》第一千零三十四条，见《个人信息保‸';
    const [plain] = completionAt(dropped, { corpus: corpus() });
    assert.equal(plain.label, '个人信息保护法');
    assert.equal(accept(dropped, plain), '依《民法典》第一千零三十四条，见《个人信息保护法》');
    const kept = '依《中华人民共和国民法典》第一千零三十四条，见《个人信息保‸';
    const [full] = completionAt(kept, { corpus: corpus() });
    assert.equal(accept(kept, full), '依《中华人民共和国民法典》第一千零三十四条，见《中华人民共和国个人信息保护法》');
  });

  it('one item per statute, in the version in force at the paper’s date, tagged only when that date leaves the version in doubt', () => {
    const at = (date: string) => completionAt(`---\ndate: ${date}\n---\n见《网络安全‸`, { corpus: corpus() }).filter((i) => i.label === '网络安全法');
    // The 2025 amendment took effect on 2026-01-01.
    assert.deepEqual(at('2024-05-01').map((i) => [i.detail, (i.textEdit as TextEdit).newText]), [['法律法规 · 2016-11-07', '网络安全法》']]);
    assert.deepEqual(at('2025-11-15').map((i) => [i.detail, (i.textEdit as TextEdit).newText]), [['法律法规 · 2016-11-07', '网络安全法》（2016年）']]);
    assert.deepEqual(at('2026-01-15').map((i) => [i.detail, (i.textEdit as TextEdit).newText]), [['法律法规 · 2025-10-28', '网络安全法》（2025年修正）']]);
    assert.deepEqual(at('2026-11-01').map((i) => [i.detail, (i.textEdit as TextEdit).newText]), [['法律法规 · 2025-10-28', '网络安全法》']]);
  });
});
