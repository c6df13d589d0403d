/**
 * Property-based and fuzz testing support: fixed seeds, run counts (LEXCITE_FUZZ_RUNS for a longer run),
 * generators of random and adversarial Markdown built from legal fragments, and range checks made against the
 * text independently of the core's own line index.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Corpus } from '../../server/src/core/corpus/corpus';

/** The seed of every property; LEXCITE_FUZZ_SEED replays another one. */
export const FUZZ_SEED = envInt('LEXCITE_FUZZ_SEED') ?? 20251122;
/** LEXCITE_FUZZ_RUNS=N runs every property N times instead of its default (e.g. 10000 for a long run). */
export const FUZZ_RUNS_OVERRIDE = envInt('LEXCITE_FUZZ_RUNS');

function envInt(name: string): number | undefined {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The number of runs of a property: its default, or LEXCITE_FUZZ_RUNS. */
export function runs(defaultRuns: number): number {
  return FUZZ_RUNS_OVERRIDE ?? defaultRuns;
}

/** A test title that says how much was run: "parser never throws (300 runs, seed 20251122)". */
export function titled(name: string, numRuns: number): string {
  return `${name} (${numRuns} runs, seed ${FUZZ_SEED})`;
}

/** For mocha suites: no timeout on a long run, the given one otherwise. */
export function fuzzTimeout(ms: number): number {
  return FUZZ_RUNS_OVERRIDE ? 0 : ms;
}

export function check<T>(property: fc.IProperty<T>, numRuns: number): void {
  fc.assert(property, { seed: FUZZ_SEED, numRuns, endOnFailure: FUZZ_RUNS_OVERRIDE === undefined });
}

export async function checkAsync<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  await fc.assert(property, { seed: FUZZ_SEED, numRuns, endOnFailure: true });
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

const REFERENCES = [
  '第（七）项', '第（十五）项', '第十五条', '第7条', '第七项', '第（七）点', '第（一）项第2点', '第六部分第（二）项', '第5点', '第九条',
  '第十三条第一款第（二）项', '第二百五十三条之一', '第1034条第2款', '第二章第十三条', '第二十一条至第二十五条', '第三条、第五条', '第', '第（', '第十',
  '第一编', '附件1', '第（三）项、第（六）项', '第三款', '第0条', '第99999条', '第一百零一条',
];
const DOC_NUMBERS = [
  '国发〔2025〕11号', '国发[2025]11号', '国发〔25〕11号', '国发〔2025〕第11号', '国发〔2025〕011号', '国发 〔2025〕 11号', '厦府办规〔2025〕10号',
  '国发（2025）11号', '国发【2025】11号', '国发〔2025〕12号', '法〔2019〕254号', '〔2025〕', '国发〔', '〔〕号', '国发〔2025〕0号',
  '法释〔2021〕15号', '高检发释字〔2019〕1号',
];
const SENTENCES = [
  '2025年8月，国务院印发', '地方层面，', '该意见', '其', '提出“完善适配人工智能发展的数据产权和版权制度”', '要求“通知其2个月内完成资质认证”',
  '（以下简称《行动意见》）', '（国发〔2025〕11号，以下简称《数据措施》）', '《行动意见》', '《数据措施》', '（2021年修正）', '（2020年）', '（2013年修订）',
  '参见', '，载《中国法学》2025年第3期', '，载《法学研究》2025年第4期', '，《环球法律评论》2025年第4期', '张金平：', '田野：', '时建中：', '李四：',
  '同上注。', '同前注〔7〕，张金平文。', '同前注〔99〕。', '同上注，第5页。', '全国数据标准化技术委员会秘书处发布的', '厦门市人民政府办公厅于2025年8月4日印发',
  '“', '”', '‘', '’', '「', '」', '"', '。', '，', '；', '、', '：', '（', '）', '[^1]', '[^2]', '[^a]', '[^missing]',
  '日本', '韩国于2011年颁布的', '欧盟', '我国', '的', '（以下简称“个保法”）', '《个保法》', '（GB/T 35273-2020）', 'GB/T 35273—2020', '《信息安全技术 个人信息安全规范》',
];
const MARKUP = [
  '\n', '\n\n', '\r\n', '\r', '\n\n[^1]: ', '\n[^2]: ', '\n\n[^a]: ', '# ', '## 一、问题的提出\n', '> ', '- ', '```\n', '```', '~~~\n', '`', '`code`',
  '<!--', '-->', '<!-- note -->', '<!-- lexcite-disable-next-line -->\n', '<!-- lexcite-disable-next-line title.typo docnumber.format -->\n',
  '---\ndate: 2025-09-01\n---\n', '---\n', 'https://example.org/《国务院》', 'http://', '[链接](http://x.invalid/a)', '<https://a.b/c>', 'www.gov.cn/',
  '*', '**', '_', '|', '\\', '    ',
];
/** Small adversarial pieces: unbalanced brackets, odd spaces, surrogates, Extension B, garbage. */
const ADVERSARIAL = [
  '《', '》', '《《》', '《》》', '《《《', '〔', '〕', '〔〔', '（', '）', '【', '［', '[^', ']:', '[^]:', '[^1]:',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000', '\u00a0', '\t', ' ',
  '\ud800', '\udc00', '\udbff', '\udfff', '\ud83d', '😀', '𠀀', '𠀁𪚥', '《𠀀𠀁》', '第𠀀条', '\u0000', '\u0007', '\ufffd', '\uffff', '\u202e',
  '０１２３', '２０２５', '１１号', 'Ａ', '（一）', '（十四）', '六、', '之一', '零', '〇', '两', '万',
];

/** Titles, 文号 and authors from the corpus, so generated papers cite real things (and near misses). */
export function corpusVocabulary(corpus: Corpus): string[] {
  const titles = [
    ...corpus.documents.filter((d) => !d.untitled).slice(0, 40).map((d) => `《${d.title}》`),
    ...corpus.records.slice(0, 15).map((r) => `${r.authors[0] ?? ''}：《${r.title}》，载《${r.journal}》${r.year}年第${r.issue ?? 1}期`),
    ...corpus.instruments.slice(0, 10).map((i) => `《${i.title}》`),
  ];
  const numbers = corpus.documents.filter((d) => d.docNumber).slice(0, 15).map((d) => d.docNumber!);
  return [...titles, ...numbers];
}

/** A one-character typo, insertion or deletion in a title: near misses the resolver should call typos. */
function mutate(text: string, at: number, kind: number): string {
  const chars = [...text];
  if (chars.length < 3) return text;
  const i = 1 + (at % (chars.length - 2));
  if (kind === 0) chars[i] = '举';
  else if (kind === 1) chars.splice(i, 0, '的');
  else chars.splice(i, 1);
  return chars.join('');
}

/** Random Markdown from legal fragments, markup and adversarial pieces. */
export function markdownArbitrary(corpus: Corpus, options: { maxFragments?: number } = {}): fc.Arbitrary<string> {
  const vocabulary = corpusVocabulary(corpus);
  const fragment = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...vocabulary) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...vocabulary), fc.nat(), fc.nat(2)).map(([t, at, kind]) => mutate(t, at, kind)) },
    { weight: 5, arbitrary: fc.constantFrom(...REFERENCES) },
    { weight: 3, arbitrary: fc.constantFrom(...DOC_NUMBERS) },
    { weight: 6, arbitrary: fc.constantFrom(...SENTENCES) },
    { weight: 4, arbitrary: fc.constantFrom(...MARKUP) },
    { weight: 3, arbitrary: fc.constantFrom(...ADVERSARIAL) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  );
  return fc.tuple(fc.array(fragment, { maxLength: options.maxFragments ?? 60 }), fc.constantFrom('\n', '\n', '\r\n', '\r')).map(([parts, eol]) => {
    const text = parts.join('');
    return eol === '\n' ? text : text.replace(/\r?\n/g, eol);
  });
}

/** Papers made mostly of whole citations, so that checks find things to fix. */
export function citingPaperArbitrary(corpus: Corpus): fc.Arbitrary<string> {
  const vocabulary = corpusVocabulary(corpus);
  const titled = corpus.documents.filter((d) => !d.untitled).slice(0, 40);
  const citation = fc.oneof(
    fc.tuple(fc.constantFrom(...titled), fc.constantFrom(...REFERENCES)).map(([d, r]) => `《${d.title}》${r}`),
    fc.tuple(fc.constantFrom(...titled), fc.nat(), fc.nat(2)).map(([d, at, kind]) => `《${mutate(d.title, at, kind)}》`),
    fc.tuple(fc.constantFrom(...titled), fc.constantFrom(...DOC_NUMBERS)).map(([d, n]) => `《${d.title}》（${n}）`),
    fc.constantFrom(...DOC_NUMBERS),
    fc.constantFrom(...vocabulary),
    fc.constantFrom(...SENTENCES),
  );
  const paragraph = fc.array(citation, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
  return fc.array(paragraph, { minLength: 1, maxLength: 8 }).map((paragraphs) => paragraphs.join('\n\n'));
}

/** A deterministic byte-ish soup (no Math.random: the same garbage every run). */
export function garbage(length: number, seed = FUZZ_SEED): string {
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += String.fromCharCode(state >>> 16);
  }
  return out;
}

/** Named adversarial documents, each run through every feature once. */
export function adversarialDocuments(): { name: string; text: string }[] {
  const title = '《国务院关于深入实施“人工智能+”行动的意见》第（七）项';
  const sample = '《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（十五）项。[^1]\n\n《厦门市促进数据产业高质量发展若干举措》国发[2025]11号\n\n[^1]: 同上注。\n';
  return [
    { name: 'empty', text: '' },
    { name: 'unbalanced 《《》', text: '《《》'.repeat(3000) + '《' + title },
    { name: '〔 without 〕', text: '国发〔2025'.repeat(5000) + '〔'.repeat(10000) },
    { name: '10,000 nested quotes', text: '“'.repeat(10000) + '《国务院关于深入实施“人工智能+”行动的意见》' + '”'.repeat(10000) },
    { name: '10,000 nested alternating quotes', text: '“‘'.repeat(5000) + '文本' + '’”'.repeat(5000) },
    { name: 'lone surrogates', text: ('\ud800《\udc00国发〔2025〕11号\udbff》第\udfff条' + title + '\ud83d').repeat(200) },
    { name: 'CJK Extension B', text: ('《𠀀𠀁𪚥》第𠀃条' + title + '𠀀').repeat(300) },
    { name: 'zero-width and full-width spaces', text: ('《国务院\u200b关于深入实施\u3000“人工智能+”行动的意见》\u200d第\ufeff（七）项\u3000\u2060国发\u3000〔2025〕11号').repeat(200) },
    { name: 'CRLF line ends', text: sample.replace(/\n/g, '\r\n').repeat(50) },
    { name: 'CR line ends', text: sample.replace(/\n/g, '\r').repeat(50) },
    { name: 'a 100,000-character line', text: title.repeat(Math.ceil(100000 / title.length)).slice(0, 100000) },
    { name: 'binary garbage', text: garbage(65536) },
    { name: 'NUL bytes and controls', text: '\u0000\u0001\u0002《\u0000》第\u0000条\u0007\u001b[31m'.repeat(1000) },
    { name: 'unterminated comment', text: '<!--' + sample.repeat(50) },
    { name: 'unterminated fence', text: '```\n' + sample.repeat(50) },
    { name: '2,000 footnotes', text: Array.from({ length: 2000 }, (_, i) => `正文${i}。[^${i}]`).join('') + '\n\n' + Array.from({ length: 2000 }, (_, i) => `[^${i}]: ${i % 3 === 0 ? '同上注。' : title}`).join('\n') },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Range checks, against line breaks found here (\n, \r\n and lone \r end a line, as in LSP)

export interface Lines {
  text: string;
  starts: number[];
  lengths: number[];
}

export function linesOf(text: string): Lines {
  const starts = [0];
  const lengths: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lengths.push(i - starts[starts.length - 1]);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  lengths.push(text.length - starts[starts.length - 1]);
  return { text, starts, lengths };
}

interface Pos {
  line: number;
  character: number;
}

/** Asserts the position lies in the document and does not split a surrogate pair; returns its offset. */
export function assertPosition(lines: Lines, position: Pos, what: string): number {
  assert.ok(position && Number.isInteger(position.line) && Number.isInteger(position.character), `${what}: not a position: ${JSON.stringify(position)}`);
  assert.ok(position.line >= 0 && position.line < lines.starts.length, `${what}: line ${position.line} outside 0..${lines.starts.length - 1}`);
  assert.ok(position.character >= 0 && position.character <= lines.lengths[position.line], `${what}: character ${position.character} outside line ${position.line} of length ${lines.lengths[position.line]}`);
  const offset = lines.starts[position.line] + position.character;
  const before = lines.text.charCodeAt(offset - 1);
  const after = lines.text.charCodeAt(offset);
  assert.ok(!(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff), `${what}: position ${JSON.stringify(position)} splits a surrogate pair`);
  return offset;
}

export function assertRange(lines: Lines, range: { start: Pos; end: Pos }, what: string): { start: number; end: number } {
  assert.ok(range && range.start && range.end, `${what}: not a range: ${JSON.stringify(range)}`);
  const start = assertPosition(lines, range.start, `${what} start`);
  const end = assertPosition(lines, range.end, `${what} end`);
  assert.ok(start <= end, `${what}: start ${JSON.stringify(range.start)} after end ${JSON.stringify(range.end)}`);
  return { start, end };
}

/**
 * An offset moved off the middle of a surrogate pair: editors never put the cursor, or an edit, between the
 * two halves of one character (so answers are only asked not to split pairs either).
 */
export function snap(text: string, offset: number): number {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff ? offset - 1 : offset;
}

/** Positions worth asking about: the ends, around every citation mark, and a few in between. */
export function interestingOffsets(text: string, limit = 24): number[] {
  const offsets = new Set<number>([0, text.length, Math.floor(text.length / 2)]);
  for (const mark of ['《', '》', '第', '〔', '[^', '同', '“']) {
    let at = text.indexOf(mark);
    for (let n = 0; at >= 0 && n < 3; n++, at = text.indexOf(mark, at + 1)) {
      offsets.add(at);
      offsets.add(at + 1);
      offsets.add(Math.min(text.length, at + 3));
    }
  }
  return [...new Set([...offsets].filter((o) => o >= 0 && o <= text.length).map((o) => snap(text, o)))].slice(0, limit);
}

export function positionAt(lines: Lines, offset: number): Pos {
  let line = 0;
  while (line + 1 < lines.starts.length && lines.starts[line + 1] <= offset) line++;
  return { line, character: Math.min(offset - lines.starts[line], lines.lengths[line]) };
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { range: { start: Pos; end: Pos }; newText: string }[]): string {
  const lines = linesOf(text);
  const resolved = edits.map((e) => ({ start: lines.starts[e.range.start.line] + e.range.start.character, end: lines.starts[e.range.end.line] + e.range.end.character, newText: e.newText }));
  resolved.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
