/**
 * Diagnostics on realistic papers: silent where right, one finding per fault where wrong, each on the right
 * range with its code, message and fix.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkPaper, CheckOptions, DiagnosticData } from '../../server/src/core/checks/diagnostics';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { bulletinCorpus, REPO_ROOT } from '../helpers/corpus';
import { parseMarkers } from '../helpers/markers';

function check(text: string, options?: CheckOptions): Diagnostic[] {
  return checkPaper(bulletinCorpus(), makePaper(bulletinCorpus(), 'file:///test.md', 1, text), options);
}

function applyFix(text: string, diagnostic: Diagnostic): string {
  const fix = (diagnostic.data as DiagnosticData).fixes![0];
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(fix.range.start)) + fix.newText + text.slice(lines.offsetAt(fix.range.end));
}

describe('check: the sample papers', () => {
  it('examples/sample-paper.md, which cites correctly, gets no warning or error', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'examples/sample-paper.md'), 'utf8');
    const serious = check(text).filter((d) => d.severity! <= 2);
    assert.deepEqual(serious.map((d) => d.message), []);
  });

  it('examples/faulty-paper.md gets one diagnostic per fault, on the right line', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'examples/faulty-paper.md'), 'utf8');
    const found = check(text).map((d) => [d.range.start.line + 1, d.code, d.severity]);
    assert.deepEqual(found, [
      [3, 'style.docnumber-first-mention', 4],
      [3, 'article.not-found', 1],
      [5, 'docnumber.mismatch', 1],
      [7, 'title.typo', 2],
      [9, 'docnumber.format', 2],
      [11, 'article.not-found', 1],
      [13, 'article.not-found', 1],
      [15, 'article.not-found', 1],
    ]);
  });
});

describe('check: findings, ranges and fixes', () => {
  it('article.not-found covers the reference and names the document’s range', () => {
    const { text, ranges } = parseMarkers('该意见即《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）{[第十五条]}。');
    const [d] = check(text);
    assert.equal(d.code, 'article.not-found');
    assert.deepEqual(d.range, new LineIndex(text).range(ranges[0].start, ranges[0].end));
    assert.equal(d.message, '《国务院关于深入实施“人工智能+”行动的意见》中没有第十五条；该文件的条目为（一）至（十四）');
    assert.equal(d.source, 'lexcite');
  });

  it('title.typo suggests the title and its fix makes the warning disappear', () => {
    const { text, ranges } = parseMarkers('见《{[厦门市促进数据产业高质量发展若干举措]}》第（七）项。');
    const [d] = check(text);
    assert.equal(d.code, 'title.typo');
    assert.deepEqual(d.range, new LineIndex(text).range(ranges[0].start, ranges[0].end));
    const fixed = applyFix(text, d);
    assert.equal(fixed, '见《厦门市促进数据产业高质量发展若干措施》第（七）项。');
    assert.deepEqual(check(fixed).map((d) => d.code), ['style.docnumber-first-mention']);
  });

  it('docnumber.mismatch names the right 文号 and whose the written one is', () => {
    const text = '《厦门市促进数据产业高质量发展若干措施》（国发〔2025〕11号）';
    const [d] = check(text);
    assert.equal(d.code, 'docnumber.mismatch');
    assert.match(d.message, /厦府办规〔2025〕10号/);
    assert.ok(d.message.includes('（国发〔2025〕11号是《国务院关于深入实施“人工智能+”行动的意见》的文号）'), d.message);
    assert.deepEqual(check(applyFix(text, d)), []);
  });

  it('a correct 文号 after its title, including the notice’s 文号 on the measures it issued, is silent', () => {
    assert.deepEqual(check('《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）'), []);
    assert.deepEqual(check('《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）'), []);
  });

  it('docnumber.format: the fix rewrites brackets, year and serial but keeps the issuer code as written', () => {
    for (const written of ['国发[2025]11号', '国发（2025）11号', '国发〔25〕11号', '国发〔2025〕第11号', '国发〔2025〕011号']) {
      const text = `参见${written}。`;
      const diagnostics = check(text);
      assert.deepEqual(diagnostics.map((d) => d.code), ['docnumber.format'], written);
      assert.equal(applyFix(text, diagnostics[0]), '参见国发〔2025〕11号。', written);
    }
  });

  it('an unknown title is at most a hint; a law outside the index is never a warning', () => {
    const diagnostics = check('《某省数据条例》与《未收录的专著》');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['title.unknown', 4], ['title.unknown', 4]]);
  });

  it('cited-only instruments, journals and paper titles in journal citations raise nothing', () => {
    assert.deepEqual(check('《改善平台工作条件指令》；田野：《某篇未收录的论文》，载《中国法学》2025年第3期。'), []);
  });

  it('severities follow the settings, and a line can opt out', () => {
    const text = '《厦门市促进数据产业高质量发展若干举措》';
    assert.equal(check(text, { levels: { 'title.typo': 'error' } })[0].severity, 1);
    assert.deepEqual(check(text, { levels: { 'title.typo': 'ignore' } }), []);
    assert.deepEqual(check(`<!-- lexcite-disable-next-line title.typo -->\n${text}`), []);
    assert.deepEqual(check(`<!-- lexcite-disable-next-line -->\n${text}`), []);
    assert.equal(check(`<!-- lexcite-disable-next-line docnumber.format -->\n${text}`).length, 1);
  });

  it('a comment switches off the next line when that line begins a footnote definition (a block of its own)', () => {
    const text = '正文。[^1]\n\n<!-- lexcite-disable-next-line docnumber.format -->\n[^1]: 参见国发[2025]11号。';
    assert.deepEqual(check(text).filter((d) => d.code === 'docnumber.format'), []);
    assert.equal(check(text.replace('<!-- lexcite-disable-next-line docnumber.format -->\n', '')).filter((d) => d.code === 'docnumber.format').length, 1);
  });

  it('messages in English on request', () => {
    const [d] = check('《关于规范“自媒体”医疗科普行为的通知》第九条', { locale: 'en' });
    assert.equal(d.message, '《关于规范“自媒体”医疗科普行为的通知》 has no 第九条; its provisions are 第1点至第8点');
  });
});
