/**
 * Hard limits (lexcite.maxPaperSize, lexcite.maxCitations; --max-paper-size, --max-citations): a paper past a
 * limit is checked up to it and gets exactly one diagnostic saying where checking stopped; hover and completion
 * keep working past the cut. Timing is measured in bench/pathological.ts, not here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { lexcite } from '../helpers/cli';
import { cutForCitations, cutForSize, DEFAULT_MAX_CITATIONS, DEFAULT_MAX_PAPER_SIZE } from '../../server/src/core/paper/limits';
import { parsePaper } from '../../server/src/core/paper/parser';
import { CitationService } from '../../server/src/core/service';
import { RawSettings, resolveSettings } from '../../server/src/core/settings';
import { bulletinCorpus } from '../helpers/corpus';

/** One citation with an error (there is no （十五）) per paragraph, each paragraph 32 characters with its break. */
const WRONG = '《国务院关于深入实施“人工智能+”行动的意见》第（十五）项。\n\n';
const TITLE = '《国务院关于深入实施“人工智能+”行动的意见》';

function service(): CitationService {
  return new CitationService(bulletinCorpus());
}

let version = 1;
function doc(text: string) {
  return { uri: 'file:///limits.md', version: version++, getText: () => text };
}

function settings(raw: RawSettings = {}, locale = 'zh-cn') {
  return resolveSettings({ paperDate: '2025-11-22', ...raw }, locale);
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.code}`);
}

function hoverText(hover: Hover | undefined): string {
  return hover ? (hover.contents as { value: string }).value : '';
}

describe('limits: where checking stops', () => {
  it('cutForSize cuts after the last line break within the limit, never inside CRLF or a surrogate pair; 0 means no limit', () => {
    assert.equal(cutForSize('abc\ndef\nghi', 100), undefined);
    assert.equal(cutForSize('abc\ndef\nghi', 0), undefined);
    assert.deepEqual(cutForSize('abc\ndef\nghi', 9), { text: 'abc\ndef\n', length: 11, limit: 9 });
    assert.equal(cutForSize('abc\r\ndef', 4)!.text, 'abc', 'a CRLF straddling the limit: cut before it');
    assert.equal(cutForSize('ab\r\ncd\r\nef', 9)!.text, 'ab\r\ncd\r\n');
    assert.equal(cutForSize('ab\rcd\ref', 7)!.text, 'ab\rcd\r', 'lone CR line ends');
    assert.equal(cutForSize('𠀀𠀀𠀀', 3)!.text, '𠀀', 'one long line: at the limit, not between the halves of 𠀀');
    assert.equal(cutForSize('abcdef', 4)!.text, 'abcd');
  });

  it('cutForCitations counts titles (a journal name not separately) and free-standing 文号, and stops at the first past the limit', () => {
    const text = '《甲》（国发〔2025〕11号）；国发[2025]12号；张三：《乙》，载《中国法学》2025年第3期；《丙》';
    const parsed = parsePaper(text);
    assert.equal(cutForCitations(parsed, 4), undefined);
    assert.equal(cutForCitations(parsed, 0), undefined);
    const cut = cutForCitations(parsed, 3)!;
    assert.equal(text.slice(cut.start, cut.end), '《丙》');
    assert.equal(text.slice(cutForCitations(parsed, 1)!.start, cutForCitations(parsed, 1)!.end), '国发[2025]12号');
  });

  it('settings: whole numbers ≥ 0, anything else the defaults (5,000,000 characters, 5,000 citations)', () => {
    assert.deepEqual([DEFAULT_MAX_PAPER_SIZE, DEFAULT_MAX_CITATIONS], [5_000_000, 5000]);
    const d = resolveSettings(undefined);
    assert.deepEqual([d.maxPaperSize, d.maxCitations], [5_000_000, 5000]);
    const s = resolveSettings({ maxPaperSize: 0, maxCitations: 12 });
    assert.deepEqual([s.maxPaperSize, s.maxCitations], [0, 12]);
    for (const bad of [-1, 1.5, Number.NaN, '100', null, Infinity]) {
      const r = resolveSettings({ maxPaperSize: bad, maxCitations: bad } as unknown as RawSettings);
      assert.deepEqual([r.maxPaperSize, r.maxCitations], [5_000_000, 5000], String(bad));
    }
  });
});

describe('limits: a paper larger than lexcite.maxPaperSize', () => {
  const text = WRONG.repeat(10) + '正文[^1]。\n\n[^1]: 脚注。\n';

  it('is checked up to the last line break within the limit, with one paper.too-large warning where checking stopped', () => {
    const diagnostics = service().diagnostics(doc(text), settings({ maxPaperSize: 200 }));
    // 200 characters hold six paragraphs (lines 0–11); line 12 is the first not checked.
    assert.deepEqual(codes(diagnostics), ['0:style.docnumber-first-mention', '0:article.not-found', '2:article.not-found', '4:article.not-found', '6:article.not-found', '8:article.not-found', '10:article.not-found', '12:paper.too-large']);
    const [tooLarge] = diagnostics.filter((d) => d.code === 'paper.too-large');
    assert.deepEqual(tooLarge.range, { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } });
    assert.equal(tooLarge.severity, 2);
    assert.equal(tooLarge.message, '本文共339个字符，超过核对上限200（lexcite.maxPaperSize，命令行 --max-paper-size），只核对了第1行至第12行；此后的引用未核对');
  });

  it('says so in English too, with thousands separators', () => {
    const big = WRONG.repeat(4000);
    const [tooLarge] = service().diagnostics(doc(big), settings({ maxPaperSize: 100_000, maxCitations: 0 }, 'en')).filter((d) => d.code === 'paper.too-large');
    assert.equal(tooLarge.message, 'The paper has 128,000 characters, more than the limit of 100,000 (lexcite.maxPaperSize, --max-paper-size on the command line): only lines 1–6250 were checked; citations after that were not');
  });

  it('leaves out footnote verdicts that need the rest of the paper (a definition may follow the cut)', () => {
    const diagnostics = service().diagnostics(doc(text), settings({ maxPaperSize: 200 }));
    assert.equal(diagnostics.filter((d) => String(d.code).startsWith('footnote.')).length, 0);
    const whole = service().diagnostics(doc(text.replace('[^1]: 脚注。\n', '')), settings());
    assert.deepEqual(whole.filter((d) => d.code === 'footnote.undefined').length, 1, 'checked whole, the missing definition is found');
  });

  it('the limit can be switched off (0), and the diagnostic ignored like any other', () => {
    assert.equal(service().diagnostics(doc(text), settings({ maxPaperSize: 0 })).filter((d) => d.code === 'paper.too-large').length, 0);
    assert.equal(service().diagnostics(doc(text), settings({ maxPaperSize: 0 })).filter((d) => d.code === 'article.not-found').length, 10);
    assert.equal(service().diagnostics(doc(text), settings({ maxPaperSize: 200, diagnostics: { 'paper.too-large': 'ignore' } })).filter((d) => d.code === 'paper.too-large').length, 0);
  });

  it('hover, completion, definition and highlights keep working past the cut, on the lines around the cursor', () => {
    const s = service();
    const paper = doc(WRONG.repeat(10) + '参见《xmsc');
    const limited = settings({ maxPaperSize: 200 });
    const hover = s.hover(paper, { line: 16, character: 3 }, limited)!;
    assert.match(hoverText(hover), /^\*\*《国务院关于深入实施“人工智能\+”行动的意见》\*\*（国发〔2025〕11号）/);
    assert.deepEqual(hover.range, { start: { line: 16, character: 0 }, end: { line: 16, character: TITLE.length } });
    const reference = s.hover(paper, { line: 18, character: TITLE.length + 2 }, limited)!;
    const before = s.hover(paper, { line: 0, character: TITLE.length + 2 }, limited)!;
    assert.deepEqual(reference, { ...before, range: { start: { ...before.range!.start, line: 18 }, end: { ...before.range!.end, line: 18 } } }, 'the same answer as before the cut');
    const completion = s.completion(paper, { line: 20, character: 7 }, limited);
    assert.equal(completion.items[0].label, '厦门市促进数据产业高质量发展若干措施');
    assert.deepEqual((completion.items[0].textEdit as { range: unknown }).range, { start: { line: 20, character: 3 }, end: { line: 20, character: 7 } });
    const [definition] = s.definition(paper, { line: 16, character: 3 }, limited);
    assert.match(definition.uri, /^lexcite:/);
    const highlights = s.documentHighlights(paper, { line: 16, character: 3 });
    // The window reaches 20,000 characters either side of the cursor: here the whole paper, cut or not.
    assert.deepEqual(highlights.map((h) => h.range.start.line), [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });
});

describe('limits: a paper with more citations than lexcite.maxCitations', () => {
  const text = WRONG.repeat(12);

  it('checks the first ones and marks the first citation not checked with one paper.too-many-citations warning', () => {
    const diagnostics = service().diagnostics(doc(text), settings({ maxCitations: 10 }));
    assert.deepEqual(codes(diagnostics).filter((c) => c.endsWith('article.not-found')).length, 10);
    const tooMany = diagnostics.filter((d) => d.code === 'paper.too-many-citations');
    assert.equal(tooMany.length, 1);
    assert.deepEqual(tooMany[0].range, { start: { line: 20, character: 0 }, end: { line: 20, character: TITLE.length } });
    assert.equal(tooMany[0].message, '本文的引用超过10处（lexcite.maxCitations，命令行 --max-citations），只核对了前10处；自此处起的引用未核对');
    assert.ok(diagnostics.every((d) => d.range.start.line <= 20), 'nothing from the eleventh citation on');
  });

  it('exactly at the limit nothing is said; both limits at once give one diagnostic each', () => {
    assert.equal(service().diagnostics(doc(text), settings({ maxCitations: 12 })).filter((d) => String(d.code).startsWith('paper.too')).length, 0);
    const both = service().diagnostics(doc(text), settings({ maxCitations: 3, maxPaperSize: 300 })).filter((d) => String(d.code).startsWith('paper.too'));
    assert.deepEqual(codes(both), ['6:paper.too-many-citations', '18:paper.too-large']);
  });

  it('the same paper re-checked after the limit is raised gets every diagnostic (nothing stale from the cut)', () => {
    const s = service();
    const paper = doc(text);
    s.diagnostics(paper, settings({ maxCitations: 5 }));
    assert.equal(s.diagnostics(paper, settings({ maxCitations: 0 })).filter((d) => d.code === 'article.not-found').length, 12);
  });

  it('the report counts the warning and lists the citations', () => {
    const report = JSON.parse(service().report(doc(text), 'limits.md', 'json', settings({ maxCitations: 10 })));
    assert.equal(report[0]?.counts?.warnings ?? report.counts?.warnings, 1);
  });
});

describe('limits: the command line', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-limits-'));
    file = path.join(dir, 'paper.md');
    fs.writeFileSync(file, WRONG.repeat(12));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--max-paper-size and --max-citations: checked up to the limit, one warning line each', async () => {
    const { code, out } = await lexcite('check', '--locale', 'en', '--date', '2025-11-22', '--max-paper-size', '200', file);
    assert.equal(code, 1);
    const lines = out.trim().split('\n');
    assert.equal(lines.filter((l) => / error article\.not-found /.test(l)).length, 6);
    assert.deepEqual(lines.filter((l) => /paper\.too/.test(l)), [`${file}:13:1: warning paper.too-large The paper has 384 characters, more than the limit of 200 (lexcite.maxPaperSize, --max-paper-size on the command line): only lines 1–12 were checked; citations after that were not`]);
    const many = await lexcite('check', '--format', 'json', '--max-citations', '2', file);
    const [result] = JSON.parse(many.out) as { diagnostics: Diagnostic[] }[];
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'paper.too-many-citations').map((d) => d.range.start.line), [4]);
  });

  it('by default a paper within the limits is checked whole; 0 switches a limit off', async () => {
    const { out } = await lexcite('check', '--format', 'json', '--max-paper-size', '0', '--max-citations', '0', file);
    assert.equal((JSON.parse(out) as { diagnostics: Diagnostic[] }[])[0].diagnostics.filter((d) => d.code === 'article.not-found').length, 12);
  });

  it('report takes the same options', async () => {
    const { code, out } = await lexcite('report', '--format', 'json', '--max-citations', '2', file);
    assert.equal(code, 1);
    assert.match(out, /paper\.too-many-citations/);
  });

  it('a bad value is a usage error (exit 2) saying what is expected', async () => {
    for (const bad of ['-5', 'abc', '1.5', '']) {
      const { code, err } = await lexcite('check', '--locale', 'en', '--max-citations', bad, file);
      assert.equal(code, 2, bad);
      assert.match(err, /^lexcite: --max-citations must be a whole number \(0 for no limit\), not /, bad);
    }
    const { code, err } = await lexcite('check', '--locale', 'en', '--max-paper-size', 'lots', file);
    assert.deepEqual([code, err], [2, 'lexcite: --max-paper-size must be a whole number (0 for no limit), not lots\n']);
  });
});
