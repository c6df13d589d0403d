/**
 * Editor-grade checks on realistic papers (test/fixtures/papers): found where wrong, silent where right.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkPaper, CheckOptions, DiagnosticData } from '../../server/src/core/checks/diagnostics';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { houseStyle } from '../../server/src/core/text/styles';
import { bulletinCorpus, REPO_ROOT } from '../helpers/corpus';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'papers');

function read(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function check(text: string, options: CheckOptions = {}): Diagnostic[] {
  return checkPaper(bulletinCorpus(), makePaper(bulletinCorpus(), 'file:///paper.md', 1, text), options);
}

/** [line, code] of every finding of at least warning severity, or of every finding with all = true. */
function summary(diagnostics: Diagnostic[], all = false): [number, string][] {
  return diagnostics.filter((d) => all || d.severity! <= 2).map((d) => [d.range.start.line + 1, String(d.code)]);
}

function applyFirstFix(text: string, d: Diagnostic): string {
  const fix = (d.data as DiagnosticData).fixes![0];
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(fix.range.start)) + fix.newText + text.slice(lines.offsetAt(fix.range.end));
}

describe('editor checks: a correct paper', () => {
  it('a paper using every feature correctly gets no finding at all (no false alarm)', () => {
    assert.deepEqual(summary(check(read('clean-paper.md')), true), []);
  });

  it('the sample paper and the clean paper stay silent in every house style', () => {
    for (const style of ['法学引注手册', '法学研究', '中国法学']) {
      for (const text of [read('clean-paper.md'), fs.readFileSync(path.join(REPO_ROOT, 'examples', 'sample-paper.md'), 'utf8')]) {
        assert.deepEqual(summary(check(text, { style: houseStyle(style) })), [], style);
      }
    }
  });
});

describe('editor checks: quotations', () => {
  const diagnostics = () => check(read('quotations.md'));

  it('finds the altered quotations and leaves exact, ellipsis, footnote-attached and term quotes alone', () => {
    assert.deepEqual(summary(diagnostics()), [[3, 'quote.mismatch'], [9, 'quote.mismatch'], [11, 'quote.mismatch']]);
  });

  it('a changed number (3个月 for 2个月) is caught; the message quotes the source and the fix restores it', () => {
    const text = read('quotations.md');
    const [d] = diagnostics();
    assert.equal(d.message, '引文与《关于规范“自媒体”医疗科普行为的通知》第五条不符，原文为“通知其2个月内完成资质认证”');
    const fixed = applyFirstFix(text, d);
    assert.match(fixed, /对未认证的账号“通知其2个月内完成资质认证”。/);
    assert.deepEqual(summary(check(fixed)).filter(([line]) => line === 3), []);
  });

  it('an omission without an ellipsis is shown against the whole passage it spans', () => {
    assert.match(diagnostics()[1].message, /原文为“各区（含北京经济技术开发区，下同）负责组织本区公共数据目录管理和数据汇聚”$/);
  });

  it('a paraphrase in quotation marks is reported as not found, without a fix', () => {
    const d = diagnostics()[2];
    assert.equal(d.message, '引文未见于《关于规范“自媒体”医疗科普行为的通知》第三条');
    assert.equal(d.data, undefined);
  });

  it('nested quotes and full-width/half-width punctuation do not matter', () => {
    const text = '《关于规范“自媒体”医疗科普行为的通知》第五条规定，"对新注册的‘自媒体’账号,不经医疗资质认证,不得生产发布专业医疗科普内容"。';
    assert.deepEqual(summary(check(text)), []);
  });
});

describe('editor checks: consistency of what a citation states', () => {
  const diagnostics = () => check(read('consistency.md'));

  it('date, issuer, and the issue, journal and author of paper citations, each reported once', () => {
    assert.deepEqual(summary(diagnostics()), [
      [3, 'citation.date-mismatch'],
      [5, 'citation.issuer-mismatch'],
      [9, 'paper.issue-mismatch'],
      [10, 'paper.journal-mismatch'],
      [11, 'paper.author-mismatch'],
    ]);
  });

  it('each has a fix to the recorded value', () => {
    const text = read('consistency.md');
    const byCode = new Map(diagnostics().map((d) => [d.code, d]));
    assert.match(applyFirstFix(text, byCode.get('citation.date-mismatch')!), /^2025年8月，国务院印发/m);
    assert.match(applyFirstFix(text, byCode.get('paper.issue-mismatch')!), /载《法学研究》2025年第4期。/);
    assert.match(applyFirstFix(text, byCode.get('paper.journal-mismatch')!), /载《中国法学》2025年第3期。/);
    assert.match(applyFirstFix(text, byCode.get('paper.author-mismatch')!), /参见时建中：《数据分层确权的法理构造/);
    assert.match(byCode.get('citation.issuer-mismatch')!.message, /由中央网信办秘书局、国家卫生健康委办公厅、市场监管总局办公厅、国家中医药管理局综合司发布/);
  });
});

describe('editor checks: footnotes and short forms', () => {
  const diagnostics = () => check(read('footnotes.md'));

  it('undefined, unused and duplicate footnotes; 同上注 first and ambiguous; 同前注 missing and mismatched', () => {
    assert.deepEqual(summary(diagnostics()), [
      [3, 'footnote.undefined'],
      [5, 'shortform.ibid-first'],
      [7, 'shortform.ibid-ambiguous'],
      [8, 'shortform.missing-target'],
      [9, 'shortform.target-mismatch'],
      [10, 'footnote.unused'],
      [11, 'footnote.duplicate'],
    ]);
    assert.equal(diagnostics().find((d) => d.code === 'shortform.missing-target')!.message, '“同前注〔9〕”指向第9注，但全文只有7个脚注');
  });

  it('hover on a short form shows the footnote it resolves to; definition jumps there', () => {
    const text = read('clean-paper.md');
    const service = new CitationService(bulletinCorpus());
    const document = { uri: 'file:///clean.md', version: 1, getText: () => text };
    const settings = resolveSettings(undefined);
    const lines = new LineIndex(text);
    const ibid = lines.positionAt(text.indexOf('同上注') + 1);
    const hover = service.hover(document, ibid, settings)!;
    assert.match((hover.contents as { value: string }).value, /^指第1注：\n\n\*\*\[\^1\]\*\* 《国务院关于深入实施“人工智能\+”行动的意见》（国发〔2025〕11号）。/);
    const [location] = service.definition(document, ibid, settings);
    assert.equal(location.range.start.line, text.split('\n').findIndex((l) => l.startsWith('[^1]:')));
    const supra = lines.positionAt(text.indexOf('同前注〔7〕') + 1);
    assert.match((service.hover(document, supra, settings)!.contents as { value: string }).value, /^指第7注：[\s\S]*张金平/);
  });
});

describe('editor checks: short names defined in the paper', () => {
  const diagnostics = () => check(read('short-names.md'));

  it('used before its definition, redefined for another document; citations through it are range-checked', () => {
    assert.deepEqual(summary(diagnostics()), [
      [3, 'shortname.before-definition'],
      [5, 'article.not-found'],
      [7, 'shortname.ambiguous'],
    ]);
    assert.match(diagnostics().find((d) => d.code === 'article.not-found')!.message, /《厦门市促进数据产业高质量发展若干措施》中没有第十七项/);
  });

  it('hover through a short name shows the provision of the document it stands for', () => {
    const text = read('short-names.md');
    const service = new CitationService(bulletinCorpus());
    const document = { uri: 'file:///short.md', version: 1, getText: () => text };
    const at = new LineIndex(text).positionAt(text.indexOf('《数据措施》第（三）项针对') + 8);
    const hover = service.hover(document, at, resolveSettings(undefined))!;
    assert.match((hover.contents as { value: string }).value, /^\*\*《厦门市促进数据产业高质量发展若干措施》二、（三）\*\*[\s\S]*培育多元数据经营主体/);
  });

  it('a short name of a work outside the index is silent after its definition', () => {
    assert.ok(!diagnostics().some((d) => d.range.start.line === 8 && d.code !== 'title.unknown'));
  });
});

describe('editor checks: house styles', () => {
  it('a paper consistently in 《法学研究》 style is not faulted under the 《法学引注手册》 setting', () => {
    assert.deepEqual(summary(check(read('style-falvyanjiu.md'), { style: houseStyle('法学引注手册') }), true), []);
  });

  it('an inconsistent paper gets hints with fixes: numerals, 载, colon, 文号 on first mention', () => {
    const text = read('style-mixed.md');
    const diagnostics = check(text, { style: houseStyle('法学引注手册') });
    assert.deepEqual(summary(diagnostics, true), [
      [3, 'style.article-numerals'],
      [5, 'style.docnumber-first-mention'],
      [7, 'style.punctuation'],
      [7, 'style.zai'],
    ]);
    assert.ok(diagnostics.every((d) => d.severity === 4));
    const fixed = diagnostics.reduceRight((current, d) => applyFirstFix(current, d), text);
    assert.match(fixed, /第5条与第6条/);
    assert.match(fixed, /《国务院关于深入实施“人工智能\+”行动的意见》（国发〔2025〕11号）第（七）项/);
    assert.match(fixed, /张金平：《构思决定论/);
    assert.match(fixed, /，载《中国法学》2025年第3期/);
    assert.deepEqual(summary(check(fixed, { style: houseStyle('法学引注手册') }), true), []);
  });

  it('《法学研究》 style forbids 载; 《中国法学》 requires it', () => {
    const withZai = '[^1]: 张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期；田野：《数智时代的过劳问题及其法律因应》，《中国法学》2025年第3期。\n\n正文。[^1]';
    const found = (style: string) => summary(check(withZai, { style: houseStyle(style) }), true).map(([, code]) => code);
    assert.deepEqual(found('法学研究'), ['style.zai']);
    assert.deepEqual(found('中国法学'), ['style.zai']);
  });
});
