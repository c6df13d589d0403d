/**
 * One verdict per citation — verified, mismatch, not found, unverifiable — the same in the hover, the report,
 * the CLI's JSON and its summary line; never "not found" for what lies outside the corpus.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hoverAt } from '../helpers/atCursor';
import { lexcite } from '../helpers/cli';
import { productCorpus, REPO_ROOT } from '../helpers/corpus';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { buildReport } from '../../server/src/core/features/report';
import { renderReports } from '../../server/src/core/features/reportFormats';
import { diffText } from '../../server/src/core/text/diff';

const DATED = '---\ndate: 2024-06-01\n---\n';

/** A paper of every verdict, one citation per line (lines 4–9). */
const PAPER = `${DATED}根据《个人信息保护法》第十三条第一款第（二）项，处理个人信息应当取得同意或者具备法定事由。
《个人信息保护法》第九十条规定了法律责任。
《民法典》第一千零三十四条规定：“自然人的个人信息受国家严格保护。”
日本《个人信息保护法》第十条另有规定。
参见（2022）沪01民终12345号民事判决书。
《某省数据条例》第三条。
`;

function withPaper<T>(text: string, use: (file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-verdicts-'));
  const file = path.join(dir, 'draft.md');
  fs.writeFileSync(file, text);
  return use(file).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

describe('verdicts: the hover line', () => {
  const corpus = productCorpus();

  it('verified: an existing provision, cited without quotation', () => {
    const hover = hoverAt(`${DATED}根据《个人信息保护法》第十三条第一‸款第（二）项。`, { corpus })!;
    assert.match(hover, /\n\n---\n\n\*\*核查结论：已核实\*\*$/);
  });

  it('not found: an article past the end of the law (the card says which exist; the line does not repeat it)', () => {
    const hover = hoverAt(`${DATED}《个人信息保护法》第九十‸条。`, { corpus })!;
    assert.match(hover, /^《中华人民共和国个人信息保护法》中没有第九十条；该文件的条目为第一条至第七十四条/);
    assert.match(hover, /\*\*核查结论：查无此条\*\*$/);
  });

  it('mismatch: altered words in a quotation, with the reason', () => {
    const hover = hoverAt(`${DATED}《民法典》第一千零三十四‸条规定：“自然人的个人信息受国家严格保护。”`, { corpus })!;
    assert.match(hover, /\*\*核查结论：不符\*\* — 引文与《中华人民共和国民法典》第一千零三十四条不符/);
  });

  it('unverifiable, never not found: foreign law, a title the index lacks, a case number', () => {
    assert.match(hoverAt(`${DATED}日本《个人信‸息保护法》第十条`, { corpus })!, /\*\*核查结论：无法核实\*\* — 域外法律，不在索引范围内$/);
    assert.match(hoverAt(`${DATED}《某省数据‸条例》第三条`, { corpus })!, /\*\*核查结论：无法核实\*\* — 索引未收录此文献，无从核对$/);
    assert.match(hoverAt(`${DATED}（2019）最高法知民终‸1号`, { corpus })!, /\*\*核查结论：无法核实\*\* — LexCite 未收录裁判文书，无法确认此案存在$/);
  });

  it('a statute with versions names the version it was checked against; English on request', () => {
    const hover = hoverAt('---\ndate: 2024-01-01\n---\n《网络安全法》第三十七‸条', { corpus, locale: 'en' })!;
    assert.match(hover, /\*\*Verdict: verified \(against 2016年\S*\)\*\*$/);
  });
});

describe('verdicts: the CLI', () => {
  it('check --format json: a verdict per citation with its range, what was written, the evidence, and the counts', async () => {
    const result = await withPaper(PAPER, (file) => lexcite('check', '--format', 'json', file));
    assert.equal(result.code, 1);
    const [paper] = JSON.parse(result.out) as { verdicts: { range: { start: { line: number; character: number } }; written: string; verdict: string; reference?: string; reasons: { code: string }[]; evidence?: { quoted?: string; diff?: { op: string; text: string }[] } }[]; verdictCounts: Record<string, number> }[];
    assert.deepEqual(paper.verdicts.map((v) => [v.range.start.line, v.written, v.verdict]), [
      [3, '《个人信息保护法》第十三条第一款第（二）项', 'verified'],
      [4, '《个人信息保护法》第九十条', 'not-found'],
      [5, '《民法典》第一千零三十四条', 'mismatch'],
      [6, '《个人信息保护法》第十条', 'unverifiable'],
      [7, '（2022）沪01民终12345号', 'unverifiable'],
      [8, '《某省数据条例》第三条', 'unverifiable'],
    ]);
    const quoted = paper.verdicts[2];
    assert.equal(quoted.evidence!.quoted, '自然人的个人信息受国家严格保护。');
    assert.ok(quoted.evidence!.diff!.some((s) => s.op === 'paper' && s.text === '国家严格'));
    assert.ok(quoted.evidence!.diff!.some((s) => s.op === 'source' && s.text === '法律'));
    assert.deepEqual(paper.verdicts[4].reasons.map((r) => r.code), ['unverifiable.case', 'casenumber.placeholder']);
    assert.deepEqual(paper.verdictCounts, { verified: 1, mismatch: 1, 'not-found': 1, unverifiable: 3 });
  });

  it('mismatch names what differs and what the source has: a 文号, a mistyped title (each citation its own findings only)', async () => {
    const result = await lexcite('check', '--format', 'json', path.join(REPO_ROOT, 'examples/faulty-paper.md'));
    const [paper] = JSON.parse(result.out) as { verdicts: { line: number; written: string; verdict: string; reasons: { code: string; written?: string; expected?: string }[] }[] }[];
    assert.deepEqual(paper.verdicts.map((v) => [v.line, v.verdict, v.reasons.map((r) => [r.code, r.written, r.expected])]), [
      [3, 'not-found', [['article.not-found', '第（十五）项', undefined]]],
      [5, 'mismatch', [['docnumber.mismatch', '国发〔2025〕11号', '厦府办规〔2025〕10号']]],
      [7, 'mismatch', [['title.typo', '厦门市促进数据产业高质量发展若干举措', '厦门市促进数据产业高质量发展若干措施']]],
      [9, 'verified', []],
      [11, 'not-found', [['article.not-found', '第九条', undefined]]],
      [13, 'verified', []],
      [13, 'not-found', [['article.not-found', '第（十八）项', undefined]]],
      [15, 'verified', []],
      [15, 'not-found', [['article.not-found', '第十二点', undefined]]],
    ]);
  });

  it('check ends with the verdicts’ summary line on standard error; the report carries it below its summary', async () => {
    const checked = await withPaper(PAPER, (file) => lexcite('check', file));
    assert.match(checked.err, /核对了1个文件：1个错误，2个警告，1个提示\n6处引用：已核实1处，不符1处，查无此条1处，无法核实3处\n$/);
    const reported = await withPaper(PAPER, (file) => lexcite('report', '--locale', 'en', file));
    assert.equal(reported.err, '');
    assert.match(reported.out, /\*\*Verdict\*\*：6 citation\(s\): 1 verified, 1 mismatch, 1 not found, 3 unverifiable\n/);
  });
});

describe('verdicts: the report', () => {
  const corpus = productCorpus();
  const report = (text: string) => buildReport(corpus, makePaper(corpus, 'draft.md', 1, text), 'draft.md', { locale: 'zh-cn', now: new Date('2026-11-30T12:00:00Z'), lexciteVersion: '9.9.9' });

  it('an audit header: when, the statute book’s date, LexCite’s version and the settings', () => {
    const md = renderReports([report(PAPER)], 'md', 'zh-cn');
    assert.match(md, /\| 生成时间 \| 2026-11-30T12:00:00Z \|\n\| 法规库日期 \| 2026-05-16 \|\n\| LexCite 版本 \| 9\\\.9\.9 \|\n\| 体例 \| 《法学引注手册》 \|\n\| 本文日期 \| 2024-06-01 \|\n\| 检查级别 \| 默认 \|/);
    const html = renderReports([report(PAPER)], 'html', 'zh-cn');
    assert.match(html, /<p class="audit"><strong>核查信息<\/strong>：<span>生成时间 <b>2026-11-30T12:00:00Z<\/b><\/span> · <span>法规库日期 <b>2026-05-16<\/b><\/span> · <span>LexCite 版本 <b>9\.9\.9<\/b><\/span>/);
  });

  it('each citation’s row: as written, the line it links to, the verdict, the provision beside the paper’s words with the differences marked', () => {
    const md = renderReports([report(PAPER)], 'md', 'zh-cn');
    assert.match(md, /\| 《中华人民共和国民法典》 \| 《民法典》第一千零三十四条 \| \[第6行\]\(draft\.md#L6\) \| 不符 \| 引文与《中华人民共和国民法典》第一千零三十四条不符[^|]*<br>条文：自然人的个人信息受法律保护。<br>[^|]*<br>本文：自然人的个人信息受<ins>法律<\/ins><del>国家严格<\/del>保护。/);
    assert.match(md, /\| 《个人信息保护法》第九十条 \| \[第5行\]\(draft\.md#L5\) \| 查无此条 \| 《中华人民共和国个人信息保护法》中没有第九十条/);
    assert.match(md, /## 案例（案号）（1）\n\n[^\n]+\n[^\n]+\n\| （2022）沪01民终12345号 \| （2022）沪01民终12345号 \| \[第8行\]\(draft\.md#L8\) \| 无法核实 \|/);
    const html = renderReports([report(PAPER)], 'html', 'zh-cn');
    assert.match(html, /<td><a href="draft\.md#L6">第6行<\/a><\/td><td class="verdict-mismatch">不符<\/td>/);
    assert.match(html, /<strong>本文<\/strong>：自然人的个人信息受<ins>法律<\/ins><del>国家严格<\/del>保护。/);
    // The quotation's problem belongs to the work it quotes, not to "other problems".
    assert.doesNotMatch(md, /## 其他问题/);
  });

  it('a check switched off does not turn a difference into a verification; the audit header lists the levels', () => {
    const text = '《厦门市促进数据产业高质量发展若干举措》第（七）项；《个人信息保护法》第九十条。';
    const built = buildReport(corpus, makePaper(corpus, 'draft.md', 1, text), 'draft.md', { locale: 'zh-cn', levels: { 'title.typo': 'ignore', 'article.not-found': 'ignore' } });
    const citations = built.entries.flatMap((e) => e.citations);
    // Statutes come before other works in the report.
    assert.deepEqual(citations.map((c) => [c.written, c.verdict, c.reasons.map((r) => [r.code, r.expected])]), [
      ['《个人信息保护法》第九十条', 'not-found', [['article.not-found', undefined]]],
      ['《厦门市促进数据产业高质量发展若干举措》第（七）项', 'mismatch', [['title.typo', '厦门市促进数据产业高质量发展若干措施']]],
    ]);
    assert.deepEqual(built.audit.settings.levels, { 'article.not-found': 'ignore', 'title.typo': 'ignore' });
  });

  it('paper text is escaped wherever it is rendered, quoted words and file names included', () => {
    const hostile = `${DATED}《民法典》第一千零三十四条规定：“自然人的<img src=x onerror=alert(1)>个人信息受法律保护。”\n《<script>alert(1)</script>》第三条\n`;
    const built = buildReport(corpus, makePaper(corpus, 'x.md', 1, hostile), 'a "b" <c>.md', { locale: 'zh-cn' });
    const html = renderReports([built], 'html', 'zh-cn');
    assert.doesNotMatch(html, /<img|<script|onerror=alert\(1\)>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /href="a%20%22b%22%20%3Cc%3E\.md#L4"/);
    const md = renderReports([built], 'md', 'zh-cn');
    assert.doesNotMatch(md, /(^|[^\\])<(img|script)/);
    assert.match(md, /\\<img src=x onerror=alert\(1\)\\>/);
    const csv = renderReports([buildReport(corpus, makePaper(corpus, 'x.md', 1, '《=HYPERLINK("x")》第一条'), 'x.md', { locale: 'zh-cn' })], 'csv', 'zh-cn');
    // A title a spreadsheet would run as a formula is kept as text.
    assert.ok(csv.includes(',"\'=HYPERLINK(""x"")",'), csv);
  });
});

describe('verdicts: marking differences', () => {
  it('marks what only the paper has and what only the source has, keeping the rest', () => {
    assert.deepEqual(diffText('受国家严格保护', '受法律保护'), [
      { op: 'same', text: '受' }, { op: 'source', text: '法律' }, { op: 'paper', text: '国家严格' }, { op: 'same', text: '保护' },
    ]);
    assert.deepEqual(diffText('相同', '相同'), [{ op: 'same', text: '相同' }]);
  });

  it('long texts stay linear: past the bound the middle is one change', () => {
    const a = '甲'.repeat(3000) + '乙';
    const b = '丙' + '甲'.repeat(2999) + '丁';
    const started = Date.now();
    const diff = diffText(a, b);
    assert.ok(Date.now() - started < 500);
    assert.equal(diff.filter((s) => s.op !== 'source').map((s) => s.text).join(''), a);
    assert.equal(diff.filter((s) => s.op !== 'paper').map((s) => s.text).join(''), b);
  });
});
