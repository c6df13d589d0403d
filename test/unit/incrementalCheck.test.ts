import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { productCorpus } from '../helpers/corpus';

/**
 * An open paper is re-checked block by block, each block's findings kept until the block or what they were
 * derived from changes. These edits change a paragraph that other paragraphs' findings depend on; after each,
 * the kept findings must equal a fresh check of the same text.
 */
const settings = resolveSettings({ paperDate: '2025-06-01' }, 'zh-cn');
const uri = 'file:///incremental.md';

const PAPER = [
  '数据处理者须对其行为负责。“个人信息处理者应当对其个人信息处理活动负责”。[^1]',
  '《中华人民共和国个人信息保护法》第十三条规定了处理个人信息的合法性基础。',
  '该法第一百条另有规定。',
  '《中华人民共和国数据安全法》（以下简称《数安法》）第二十一条规定了分类分级。',
  '《数安法》第六十条规定了法律责任。',
  '另见《网络安全法》第21条与第二十二条。',
  '学界已有讨论。[^2]另有观点。[^3]',
  '[^1]: 《中华人民共和国个人信息保护法》第九条。',
  '[^2]: 张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。',
  '[^3]: 同上注，第5页。',
].join('\n\n');

/**
 * The same paper with forty short paragraphs before each paragraph: a paper of hundreds of blocks, where what a
 * paragraph depends on lies in another group of paragraphs (incremental.ts BlockGroup), kept or checked on its
 * own. The 该法 is still near enough to the title it points back to for a (less certain) finding.
 */
const SPREAD = PAPER.split('\n\n').map((paragraph, i) => `${Array.from({ length: 40 }, (_, k) => `第${i}部分第${k}段。`).join('\n\n')}\n\n${paragraph}`).join('\n\n');
const VARIANTS: [string, string][] = [['a short paper', PAPER], ['a paper of many groups of paragraphs', SPREAD]];

/** Each edit: what it replaces, with what, and the diagnostic it makes appear or go (code and a word of its text). */
const EDITS: { from: string; to: string; changes: string }[] = [
  // The footnote a quotation's sentence ends with now cites an article that does not say it.
  { from: '第九条。', to: '第十条。', changes: 'quote' },
  // The work 该法 points back to, in the paragraph before, changes: 民法典 has a 第一百条.
  { from: '《中华人民共和国个人信息保护法》第十三条', to: '《中华人民共和国民法典》第十三条', changes: 'anaphor' },
  // The short name's definition goes: 《数安法》 no longer means the 数据安全法.
  { from: '（以下简称《数安法》）', to: '', changes: 'short name' },
  // The footnote a 同上注 follows now cites two works: the short form becomes ambiguous.
  { from: '2025年第4期。', to: '2025年第4期；郑曦：《数字时代刑事诉讼理论研究的转型》，载《环球法律评论》2025年第4期。', changes: 'ibid' },
  // The paper's numerals become consistent: the numeral style findings go.
  { from: '第二十二条', to: '第22条', changes: 'numerals' },
  // Every article now in Chinese numerals: the paper follows 《中国法学》, and the numeral findings of every other
  // paragraph go.
  { from: '第21条与第22条', to: '第二十一条与第二十二条', changes: 'house style' },
];

function signature(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);
}

describe('re-checking an edited paper block by block', function () {
  this.timeout(60000);

  for (const [name, paper] of VARIANTS) it(`after each edit that another paragraph depends on, the diagnostics equal a fresh check and have changed: ${name}`, () => {
    const corpus = productCorpus();
    const service = new CitationService(corpus);
    let text = paper;
    let version = 1;
    let last = service.diagnostics({ uri, version, getText: () => text }, settings);
    assert.deepEqual(last, new CitationService(corpus).diagnostics({ uri, version, getText: () => text }, settings));
    for (const { from, to, changes } of EDITS) {
      assert.ok(text.includes(from), from);
      text = text.replace(from, to);
      version++;
      const incremental = service.diagnostics({ uri, version, getText: () => text }, settings);
      const fresh = new CitationService(corpus).diagnostics({ uri, version, getText: () => text }, settings);
      assert.deepEqual(signature(incremental), signature(fresh), `after the ${changes} edit`);
      assert.deepEqual(incremental, fresh, `after the ${changes} edit`);
      assert.notDeepEqual(signature(incremental), signature(last), `the ${changes} edit changed the diagnostics`);
      last = incremental;
    }
  });

  for (const [name, paper] of VARIANTS) it(`typing a line break shifts the kept diagnostics of the paragraphs below by a line: ${name}`, () => {
    const corpus = productCorpus();
    const service = new CitationService(corpus);
    const before = service.diagnostics({ uri, version: 1, getText: () => paper }, settings);
    const typed = paper.replace('数据处理者', '数据\n处理者');
    const after = service.diagnostics({ uri, version: 2, getText: () => typed }, settings);
    assert.deepEqual(after, new CitationService(corpus).diagnostics({ uri, version: 2, getText: () => typed }, settings));
    const below = (list: Diagnostic[]) => list.filter((d) => d.range.start.line >= 2);
    assert.ok(below(before).length > 0);
    assert.deepEqual(below(after).map((d) => d.range.start.line), below(before).map((d) => d.range.start.line + 1));
  });

  it('a short name typed before the paragraph that defines it is reported, and the finding goes with it', () => {
    const corpus = productCorpus();
    const service = new CitationService(corpus);
    const text = `引言。\n\n${'其他论述。\n\n'.repeat(40)}《中华人民共和国数据安全法》（以下简称《数据法甲》）第二十一条规定了分类分级。\n\n《数据法甲》第二十条。`;
    const codes = (list: Diagnostic[]) => list.map((d) => d.code);
    assert.ok(!codes(service.diagnostics({ uri, version: 1, getText: () => text }, settings)).includes('shortname.before-definition'));
    const typed = text.replace('引言。', '引言：《数据法甲》。');
    const after = service.diagnostics({ uri, version: 2, getText: () => typed }, settings);
    assert.deepEqual(after, new CitationService(corpus).diagnostics({ uri, version: 2, getText: () => typed }, settings));
    assert.ok(codes(after).includes('shortname.before-definition'));
    assert.ok(!codes(service.diagnostics({ uri, version: 3, getText: () => text }, settings)).includes('shortname.before-definition'));
  });

  it('with more citations than the limit: edits before, at and after the cut give what a fresh check gives', () => {
    const corpus = productCorpus();
    const limited = resolveSettings({ paperDate: '2025-06-01', maxCitations: 3 }, 'zh-cn');
    const service = new CitationService(corpus);
    let text = ['引言。', '《网络安全法》第21条。', '《数据安全法》第二十一条。', '其他论述。', '《个人信息保护法》第十三条与《民法典》第一千零三十四条。', '后文一。', '后文二。', '后文三。', '结语《网络安全法》第二十二条。'].join('\n\n');
    const edits: [string, string][] = [
      ['结语', '结语部分'], // after the cut
      ['后文三。', '后文三。[^9]'], // after the cut, a footnote mark
      ['《网络安全法》第21条', '《网络安全法》第91条'], // before it, the same length: an article that does not exist
      ['引言。', '引言：本文讨论。'], // before it, no citation added
      ['《个人信息保护法》', '《中华人民共和国个人信息保护法》'], // in its paragraph, before it
      ['其他论述。', '其他论述《刑法》第二百五十三条之一。'], // a citation before it: the cut moves
      ['《中华人民共和国个人信息保护法》第十三条与', '与'], // the paragraph the cut was in
      ['引言：本文讨论。', '引言。'],
    ];
    let version = 1;
    const cutAt = (list: Diagnostic[]) => list.find((d) => d.code === 'paper.too-many-citations')?.range.start;
    const cuts = [cutAt(service.diagnostics({ uri, version, getText: () => text }, limited))];
    for (const [from, to] of edits) {
      text = text.replace(from, to);
      version++;
      const incremental = service.diagnostics({ uri, version, getText: () => text }, limited);
      assert.deepEqual(incremental, new CitationService(corpus).diagnostics({ uri, version, getText: () => text }, limited), `after ${from} → ${to}`);
      cuts.push(cutAt(incremental));
    }
    assert.ok(cuts.every((cut) => cut !== undefined));
    assert.ok(new Set(cuts.map((cut) => JSON.stringify(cut))).size >= 3, JSON.stringify(cuts));
  });

  it('with a citation limit, citations typed far below a quotation move the cut above its footnote: the quotation is no longer checked against it', () => {
    const corpus = productCorpus();
    const limited = resolveSettings({ paperDate: '2025-06-01', maxCitations: 1 }, 'zh-cn');
    const service = new CitationService(corpus);
    const text = [
      '数据处理者须对其行为负责。“个人信息处理者应当对其个人信息处理活动负责”。[^1]',
      ...Array.from({ length: 40 }, (_, k) => `第${k}段论述。`),
      '其他论述。',
      '[^1]: 《中华人民共和国个人信息保护法》第十条。',
      '《网络安全法》第二十一条。',
    ].join('\n\n');
    const quoteFindings = (list: Diagnostic[]) => list.filter((d) => String(d.code).startsWith('quote.')).map((d) => `${d.range.start.line} ${d.code}`);
    const before = service.diagnostics({ uri, version: 1, getText: () => text }, limited);
    assert.equal(quoteFindings(before).length, 1, JSON.stringify(before));
    // The quotation's paragraph, forty paragraphs above, is unchanged; the cut now falls before its footnote.
    const typed = text.replace('其他论述。', '其他论述《刑法》第二百五十三条之一与《民法典》第一千零三十四条。');
    const after = service.diagnostics({ uri, version: 2, getText: () => typed }, limited);
    assert.deepEqual(after, new CitationService(corpus).diagnostics({ uri, version: 2, getText: () => typed }, limited));
    assert.deepEqual(quoteFindings(after), []);
  });

  it('an edit of the paper’s date, and an edit made with other levels, re-check the paragraphs far from it', () => {
    const corpus = productCorpus();
    const service = new CitationService(corpus);
    const text = `---\ndate: 2025-06-01\n---\n\n${'其他论述。\n\n'.repeat(40)}《中华人民共和国个人信息保护法》第十三条与《网络安全法》第21条。`;
    const codes = (list: Diagnostic[]) => list.map((d) => `${d.code} ${d.severity}`);
    const first = service.diagnostics({ uri, version: 1, getText: () => text }, settings);
    assert.ok(!codes(first).some((code) => code.startsWith('statute.not-yet-in-force')), JSON.stringify(first));
    const redated = text.replace('2025-06-01', '2019-01-01');
    const after = service.diagnostics({ uri, version: 2, getText: () => redated }, settings);
    assert.deepEqual(after, new CitationService(corpus).diagnostics({ uri, version: 2, getText: () => redated }, settings));
    assert.ok(codes(after).some((code) => code.startsWith('statute.not-yet-in-force')), JSON.stringify(after));
    // The numerals finding far below is now an error.
    const stricter = resolveSettings({ paperDate: '2025-06-01', diagnostics: { 'style.article-numerals': 'error' } }, 'zh-cn');
    const typed = redated.replace('其他论述。', '其他的论述。');
    const relevelled = service.diagnostics({ uri, version: 3, getText: () => typed }, stricter);
    assert.deepEqual(relevelled, new CitationService(corpus).diagnostics({ uri, version: 3, getText: () => typed }, stricter));
    assert.ok(codes(relevelled).includes('style.article-numerals 1'), JSON.stringify(relevelled));
  });

  it('a line typed above a footnote defined twice moves the finding and the line its message names', () => {
    const corpus = productCorpus();
    const service = new CitationService(corpus);
    const text = '引言。[^1]\n\n正文。\n\n[^1]: 第一个定义。\n[^1]: 第二个定义。';
    const duplicate = (list: Diagnostic[]) => list.find((d) => d.code === 'footnote.duplicate')!;
    const before = duplicate(service.diagnostics({ uri, version: 1, getText: () => text }, settings));
    assert.match(before.message, /5/);
    const typed = text.replace('正文。', '正文\n继续。');
    const after = duplicate(service.diagnostics({ uri, version: 2, getText: () => typed }, settings));
    assert.deepEqual(after, duplicate(new CitationService(corpus).diagnostics({ uri, version: 2, getText: () => typed }, settings)));
    assert.equal(after.range.start.line, before.range.start.line + 1);
    assert.match(after.message, /6/);
  });

  it('after an edit that leaves the diagnostics as they were, a hover below it still gives the citation’s verdict', () => {
    const corpus = productCorpus();
    const service = new CitationService(corpus);
    const text = '引言。\n\n地方层面，《厦门市促进数据产业高质量发展若干举措》规定了数据资产登记。';
    const at = { line: 2, character: '地方层面，《厦门市促进'.length };
    const before = service.diagnostics({ uri, version: 1, getText: () => text }, settings);
    const hoverText = (h: ReturnType<CitationService['hover']>) => JSON.stringify(h?.contents);
    const first = hoverText(service.hover({ uri, version: 1, getText: () => text }, at, settings));
    // Words typed in the first paragraph: every offset below moves, no line or column does.
    const typed = text.replace('引言。', `引言：${'本文讨论地方数据产业政策的规范体系与实施效果。'.repeat(4)}`);
    const after = service.diagnostics({ uri, version: 2, getText: () => typed }, settings);
    assert.equal(after, before, 'the same list is kept');
    const hover = hoverText(service.hover({ uri, version: 2, getText: () => typed }, at, settings));
    assert.equal(hover, hoverText(new CitationService(corpus).hover({ uri, version: 2, getText: () => typed }, at, settings)));
    assert.equal(hover, first);
  });
});
