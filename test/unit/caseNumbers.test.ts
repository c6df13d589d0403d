/**
 * Case numbers (案号): found, split into their parts, flagged when a part is a placeholder or the shape is
 * certainly wrong (a hint only where the tables may simply lack a code), hovered with their parts, and never
 * called verified.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkPaper } from '../../server/src/core/checks/diagnostics';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { parsePaper } from '../../server/src/core/paper/parser';
import { hoverAt } from '../helpers/atCursor';
import { lexcite } from '../helpers/cli';
import { bulletinCorpus } from '../helpers/corpus';
import { requireShared } from '../helpers/shared';

function check(text: string, locale: 'zh-cn' | 'en' = 'zh-cn'): Diagnostic[] {
  const corpus = bulletinCorpus();
  return checkPaper(corpus, makePaper(corpus, 'file:///case.md', 1, text, '2024-06-01'), { locale }).filter((d) => String(d.code).startsWith('casenumber.'));
}

function seen(d: Diagnostic): [string, string, number, number, number] {
  return [String(d.code), d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'hint', d.range.start.line, d.range.start.character, d.range.end.character];
}

describe('case numbers: parsing', () => {
  it('splits current and pre-2016 numbers into year, court, case type and sequence', () => {
    const parsed = parsePaper('参见（2022）沪01民终5678号判决、（2019）最高法知民终1号、(2018)粤03民终567号和（2013）一中民初字第2668号。').caseNumbers;
    assert.deepEqual(parsed.map((c) => [c.text, c.year, c.court, c.caseType, c.sequence, c.form, c.problems.length]), [
      ['（2022）沪01民终5678号', '2022', '沪01', '民终', '5678', 'current', 0],
      ['（2019）最高法知民终1号', '2019', '最高法', '知民终', '1', 'current', 0],
      ['(2018)粤03民终567号', '2018', '粤03', '民终', '567', 'current', 0],
      ['（2013）一中民初字第2668号', '2013', '一中', '民初', '2668', 'pre-2016', 0],
    ]);
  });

  it('leaves alone bracketed years that are not case numbers, 文号 and code', () => {
    assert.deepEqual(parsePaper('《个人信息保护法》（2021）第29条；（2021）年度第3号公告；国发〔2025〕11号；`（2022）沪01民终XXX号`').caseNumbers, []);
  });

  it('keeps its offsets through the incremental parse (an edit above it)', () => {
    const corpus = bulletinCorpus();
    const before = makePaper(corpus, 'file:///inc.md', 1, '第一段。\n\n参见（2022）沪01民终XXX号。\n');
    assert.equal(before.parsed.caseNumbers[0].start, 8);
    const after = makePaper(corpus, 'file:///inc.md', 2, '第一段加长。\n\n参见（2022）沪01民终XXX号。\n');
    assert.equal(after.parsed.caseNumbers[0].start, 10);
  });
});

describe('case numbers: diagnostics', () => {
  it('a placeholder is a warning on the whole number, naming the part', () => {
    const [placeholder] = check('参见（2022）沪01民终XXX号。');
    assert.deepEqual(seen(placeholder), ['casenumber.placeholder', 'warning', 0, 2, 17]);
    assert.equal(placeholder.message, '案号（2022）沪01民终XXX号的案件编号“XXX”像是占位符而非真实案号，请核对');
    assert.deepEqual(check('（20××）京0105民初1号；（2022）沪01民终12345号；（2021）京0101民初0001号').map((d) => [d.code, d.message.match(/的(\S+?)“/)![1]]), [
      ['casenumber.placeholder', '年度'], ['casenumber.placeholder', '案件编号'], ['casenumber.placeholder', '案件编号'],
    ]);
    assert.match(check('（2022）沪01民终XXX号', 'en')[0].message, /^The sequence number “XXX” of the case number （2022）沪01民终XXX号 looks like a placeholder/);
  });

  it('a malformed number is a warning where the rules are certain: court digits, zero padding, a year after the paper', () => {
    const found = check('（2021）沪1民终5号；（2021）京0105民初012号；（2030）京73民初100号。');
    assert.deepEqual(found.map(seen), [
      ['casenumber.malformed', 'warning', 0, 0, 12], ['casenumber.malformed', 'warning', 0, 13, 30], ['casenumber.malformed', 'warning', 0, 31, 46],
    ]);
    assert.match(found[0].message, /法院代字“沪1”不合规定/);
    assert.match(found[1].message, /案件编号012有前导零/);
    assert.equal(found[2].message, '案号（2030）京73民初100号的收案年度2030晚于本文日期2024-06-01');
  });

  it('a code the tables do not know is only a hint; real numbers get nothing', () => {
    assert.deepEqual(check('（2022）沪01民再审5号').map(seen), [['casenumber.malformed', 'hint', 0, 0, 14]]);
    assert.deepEqual(check('（2019）最高法知民终1号；（2017）浙8601民初123号；（2020）最高法民申3456号；（2016）京73民初1234号；（2013）一中民初字第2668号'), []);
  });

  it('the real published texts that cite a case number get no case-number diagnostic from the CLI', async function () {
    const dir = requireShared(this, 'realworld-dev');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => path.join(dir, f))
      .filter((f) => parsePaper(fs.readFileSync(f, 'utf8')).caseNumbers.length > 0);
    assert.ok(files.length > 0, 'a real text with a case number');
    const result = await lexcite('check', '--format', 'json', ...files);
    const papers = JSON.parse(result.out) as { diagnostics: Diagnostic[]; verdicts: { kind: string; verdict: string }[] }[];
    assert.deepEqual(papers.flatMap((p) => p.diagnostics.filter((d) => String(d.code).startsWith('casenumber.'))), []);
    const cases = papers.flatMap((p) => p.verdicts.filter((v) => v.kind === 'caseNumber'));
    assert.ok(cases.length > 0 && cases.every((v) => v.verdict === 'unverifiable'));
  });
});

describe('case numbers: hover', () => {
  it('shows the parts and what they mean, and that the case cannot be verified', () => {
    const hover = hoverAt('参见（2022）沪01民‸终5678号。')!;
    assert.equal(hover, [
      '**案号** （2022）沪01民终5678号',
      '收案年度：2022；法院代字：沪01（上海的中级人民法院或专门法院）；类型代字：民终（民事二审）；案件编号：5678',
      '---',
      '**核查结论：无法核实** — LexCite 未收录裁判文书，无法确认此案存在',
    ].join('\n\n'));
    assert.match(hoverAt('（2013）一中民初字第26‸68号')!, /2016年以前的案号格式/);
    assert.match(hoverAt('（2019）最高法知民终‸1号', { locale: 'en' })!, /court code: 最高法（Supreme People’s Court）; case type: 知民终（知识产权民事二审）/);
  });
});
