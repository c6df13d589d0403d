/**
 * The citation report: table of authorities, where each is cited, provisions, check results, summary; and its
 * four renderings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../server/src/cli/main';
import { Capture } from '../helpers/cli';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { buildReport, CitationReport } from '../../server/src/core/features/report';
import { renderReports } from '../../server/src/core/features/reportFormats';
import { bulletinCorpus, REPO_ROOT } from '../helpers/corpus';
import { LEXCITE_VERSION } from '../../server/src/core/version';

function reportOf(relative: string, locale: 'zh-cn' | 'en' = 'zh-cn'): CitationReport {
  const text = fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8');
  return buildReport(bulletinCorpus(), makePaper(bulletinCorpus(), relative, 1, text), relative, { locale });
}

describe('report: the table of authorities', () => {
  it('groups the sample paper’s authorities by kind, with canonical citations, places and provisions', () => {
    const report = reportOf('examples/sample-paper.md');
    assert.deepEqual(report.entries.map((e) => [e.group, e.title]), [
      ['national-policy', '国务院关于深入实施“人工智能+”行动的意见'],
      ['local-measure', '关于加快北京市公共数据资源开发利用的实施意见'],
      ['local-measure', '厦门市促进数据产业高质量发展若干措施'],
      ['notice', '关于规范“自媒体”医疗科普行为的通知'],
      ['journal-paper', '数据分层确权的法理构造——基于流通效率与利益平衡的视角'],
      ['journal-paper', '数智时代的过劳问题及其法律因应'],
    ]);
    const gf = report.entries[0];
    assert.equal(gf.canonical, '《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）');
    assert.deepEqual(gf.occurrences.map((o) => [o.line, o.footnote, o.written]), [[10, undefined, '《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）'], [10, undefined, '该意见第（八）项'], [22, 1, '《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项']]);
    // As the paper wrote them, not as the index addresses them (三、（八）).
    assert.deepEqual(gf.provisions, ['第（八）项']);
    assert.deepEqual(report.entries[2].provisions, ['第（七）项', '第六部分第（二）项']);
    assert.equal(report.entries[4].canonical, '时建中：《数据分层确权的法理构造——基于流通效率与利益平衡的视角》，载《环球法律评论》2025年第4期。');
    assert.deepEqual(report.shortForms.map((f) => [f.written, f.footnote, f.target]), [['同上注', 2, 1]]);
    assert.equal(report.summary, '共引用文献6件、11处（国家政策文件1件、地方规范性文件2件、通知1件、期刊论文2件）；检查发现错误0处、警告0处、提示0处。');
  });

  it('attaches each check result to the authority it concerns; the rest go to other problems', () => {
    const report = reportOf('examples/faulty-paper.md');
    const byTitle = new Map(report.entries.map((e) => [e.title, e]));
    const policy = byTitle.get('国务院关于深入实施“人工智能+”行动的意见')!;
    assert.deepEqual(policy.problems.map((p) => [p.code, p.line]), [['style.docnumber-first-mention', 3], ['article.not-found', 3], ['article.not-found', 13], ['docnumber.format', 9]]);
    // 该意见第（十八）项 is an occurrence of the policy, as the paper wrote it.
    assert.deepEqual(policy.occurrences.map((o) => [o.line, o.written]), [[3, '《国务院关于深入实施“人工智能+”行动的意见》第（十五）项'], [9, '国发[2025]11号'], [13, '《国务院关于深入实施“人工智能+”行动的意见》'], [13, '该意见第（十八）项']]);
    assert.deepEqual(byTitle.get('厦门市促进数据产业高质量发展若干举措')!.problems.map((p) => p.code), ['title.typo']);
    assert.equal(byTitle.get('厦门市促进数据产业高质量发展若干举措')!.group, 'other');
    assert.equal(report.counts.errors, 5);
    assert.match(report.summary, /检查发现错误5处、警告2处、提示1处。$/);
    assert.deepEqual(report.otherProblems, []);
    const footnotes = reportOf('test/fixtures/papers/footnotes.md');
    assert.ok(footnotes.otherProblems.some((p) => p.code === 'footnote.duplicate'));
    assert.deepEqual(footnotes.shortForms.map((f) => f.problems.map((p) => p.code)), [['shortform.ibid-first'], ['shortform.ibid-ambiguous'], ['shortform.missing-target'], ['shortform.target-mismatch']]);
  });

  it('cited-only and unknown laws are listed as laws not indexed', () => {
    const text = '《个人信息保护法》第十三条；《改善平台工作条件指令》第9条；《某省数据条例》第3条。';
    const report = buildReport(bulletinCorpus(), makePaper(bulletinCorpus(), 'x.md', 1, text), 'x.md', { locale: 'zh-cn' });
    assert.deepEqual(report.entries.map((e) => [e.group, e.title, e.indexed]), [
      ['law-not-indexed', '个人信息保护法', false],
      ['law-not-indexed', '改善平台工作条件指令', false],
      ['law-not-indexed', '某省数据条例', false],
    ]);
  });
});

describe('report: formats', () => {
  const reports = () => [reportOf('examples/sample-paper.md'), reportOf('examples/faulty-paper.md')];

  it('md: a section per paper with the summary and one table per group', () => {
    const md = renderReports(reports(), 'md', 'zh-cn');
    assert.match(md, /^# 引注核查报告：examples\/sample-paper\.md\n\n\*\*摘要\*\*：共引用文献6件/);
    assert.match(md, /## 国家政策文件（1）\n\n\| 文献 \| 本文写法 \| 引用位置 \| 核查结论 \| 依据 \| 检查结果 \|/);
    // A row per citation, linking to its line; the work's name on its first row only.
    assert.match(md, /\| 《国务院关于深入实施“人工智能\+”行动的意见》（国发〔2025〕11号） \| 《国务院关于深入实施“人工智能\+”行动的意见》 \| \[第10行\]\(examples\/sample-paper\.md#L10\) \| 已核实 \| — \| 无问题 \|/);
    assert.match(md, /\| 〃 \| 《国务院关于深入实施“人工智能\+”行动的意见》第（八）项 \| \[注1（第22行）\]\(examples\/sample-paper\.md#L22\) \| 已核实 \| 条文：/);
    assert.match(md, /# 引注核查报告：examples\/faulty-paper\.md/);
  });

  it('html: one self-contained, printable page (inline CSS, no scripts, no external resources)', () => {
    const html = renderReports(reports(), 'html', 'zh-cn');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">/);
    assert.match(html, /<style>[\s\S]*@media print/);
    assert.doesNotMatch(html, /<script|<link |src=|url\(/);
    assert.equal((html.match(/<section>/g) ?? []).length, 2);
    assert.match(html, /<td rowspan="3">《国务院关于深入实施“人工智能\+”行动的意见》（国发〔2025〕11号）<\/td><td>《国务院关于深入实施“人工智能\+”行动的意见》<\/td><td><a href="examples\/sample-paper\.md#L10">第10行<\/a><\/td><td class="verdict-verified">已核实<\/td>/);
    assert.match(html, /<li class="error">第3行 error article\.not-found: /);
  });

  it('json: the report object (an array for several papers)', () => {
    const json = JSON.parse(renderReports(reports(), 'json', 'zh-cn'));
    assert.equal(json.length, 2);
    assert.equal(json[0].counts.authorities, 6);
    assert.equal(JSON.parse(renderReports([reports()[0]], 'json', 'zh-cn')).file, 'examples/sample-paper.md');
  });

  it('csv: a header and a row per authority, quoted where needed, UTF-8 with a BOM', () => {
    const csv = renderReports(reports(), 'csv', 'zh-cn');
    const rows = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(rows[0], 'file,group,title,canonical,indexed,line,footnote,written,reference,version,verdict,reasons,provision,quoted,problems');
    assert.equal(rows.length, 1 + reports().reduce((n, r) => n + r.entries.reduce((m, e) => m + e.citations.length, 0), 0));
    assert.equal(rows[1], 'examples/sample-paper.md,national-policy,国务院关于深入实施“人工智能+”行动的意见,《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）,true,10,,《国务院关于深入实施“人工智能+”行动的意见》,,,verified,,,,');
    assert.match(rows[2], /^examples\/sample-paper\.md,national-policy,.*,true,10,,该意见第（八）项,第（八）项,,verified,,加强数据供给创新。/);
    assert.match(rows[3], /^examples\/sample-paper\.md,national-policy,.*,true,22,1,《国务院关于深入实施“人工智能\+”行动的意见》第（八）项,第（八）项,,verified,,加强数据供给创新。/);
    assert.ok(csv.startsWith('\ufeff'));
  });

  it('English labels on request', () => {
    const md = renderReports([reportOf('examples/sample-paper.md', 'en')], 'md', 'en');
    assert.match(md, /^# Citation report：examples\/sample-paper\.md\n\n\*\*Summary\*\*：6 authorities cited 11 times/);
  });
});

describe('report: the audit header', () => {
  it('names the LexCite version package.json gives', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(LEXCITE_VERSION, pkg.version);
    assert.equal(reportOf('examples/sample-paper.md').audit.lexciteVersion, pkg.version);
  });
});

describe('report: the CLI', () => {
  it('lexcite report --format html|csv FILE…: exit 0 without errors, 1 with', async () => {
    const out = new Capture();
    const code = await run(['report', '--format', 'html', path.join(REPO_ROOT, 'examples/sample-paper.md')], out, new Capture());
    assert.equal(code, 0);
    assert.match(out.text, /^<!DOCTYPE html>/);
    const csv = new Capture();
    assert.equal(await run(['report', '--format', 'csv', path.join(REPO_ROOT, 'examples/faulty-paper.md')], csv, new Capture()), 1);
    assert.equal(await run(['report', '--format', 'pdf', 'x.md'], new Capture(), new Capture()), 2);
  });
});
