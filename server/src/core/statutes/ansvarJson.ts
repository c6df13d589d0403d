/**
 * Importer for the Ansvar JSON seeds (chinese-law-mcp data/seed/*.json): `provisions[]` with `provision_ref`,
 * `chapter` and `content`. Two flavours exist (FORMAT.md §4.4, pitfall 16):
 * - flk-derived seeds (网络安全法 2025) keep 款 as lines of `content`, without the 第X条 prefix, and their
 *   `chapter` field runs one provision ahead of the text;
 * - CAC seeds keep the prefix but collapse all 款 and 项 into one string; 项 are re-derived from the inline
 *   （一）（二） markers and 款 from sentences that open with 前款 (the only boundary the text still shows).
 *
 * Pure and total, like the Markdown importer.
 */
import { toChineseNumeral } from '../text/numerals';
import { StatuteBuilder, checkArticleSequence } from './builder';
import { ImportProblem, ParsedStatute } from './importTypes';
import { addArticleLine, runSteps } from './markdown';
import { assembleStatute, isAmendingInstrument, titleAliases } from './statuteFacts';
import { ARTICLE_HEAD, ARTICLE_TIGHT, DIVISION, appendAll, cleanLine, splitLines } from './statuteText';

interface AnsvarProvision {
  provision_ref?: unknown;
  chapter?: unknown;
  content?: unknown;
}

/** Ansvar's status codes in the vocabulary of the Chinese collections. */
const STATUS_NAMES = new Map<string, string>([
  ['in_force', '现行有效'],
  ['amended', '已被修改'],
  ['repealed', '已废止'],
  ['not_yet_in_force', '尚未生效'],
]);

/** Provisions imported between two yields of {@link parseAnsvarJsonSteps}. */
const PROVISIONS_PER_STEP = 200;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A provision_ref at or above this is no article number (and has no Chinese numeral). */
const MAX_ARTICLE_NUMBER = 100_000;

/** A sentence that refers to the preceding 款 starts a new 款 of its own. */
const REFERS_TO_PRECEDING_CLAUSE = /^(?:有|依照|违反|对|除|在|因)?前[两三四五六七八九十]?款/;

function skipped(file: string, message: string): ParsedStatute {
  return { problems: [{ file, kind: 'skipped', message }] };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Parses one Ansvar JSON seed; never throws. */
export function parseAnsvarJson(source: string, file: string): ParsedStatute {
  return runSteps(parseAnsvarJsonSteps(source, file));
}

/** The same parse as a generator that yields every few hundred provisions (see parseStatuteMarkdownSteps). */
export function* parseAnsvarJsonSteps(source: string, file: string): Generator<void, ParsedStatute> {
  try {
    return yield* parseJson(typeof source === 'string' ? source : '', file);
  } catch (error) {
    return skipped(file, `could not be parsed: ${(error as Error).message}`);
  }
}

function* parseJson(source: string, file: string): Generator<void, ParsedStatute> {
  const body = source.replace(/^\ufeff/, '');
  if (body.trim() === '') return skipped(file, 'empty file');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return skipped(file, `not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return skipped(file, 'not an Ansvar statute seed (no object)');
  const seed = value as Record<string, unknown>;
  const title = cleanLine(text(seed.title));
  if (!title || !Array.isArray(seed.provisions)) return skipped(file, 'not an Ansvar statute seed (no title or provisions[])');

  const problems: ImportProblem[] = [];
  const provisions = (seed.provisions as unknown[]).filter((p): p is AnsvarProvision => p !== null && typeof p === 'object');
  const lines = splitLines(body);
  const lineOf = provisionLines(lines, provisions.length);
  const builder = new StatuteBuilder(file, problems);
  const chapterOf = alignChapters(provisions, file, problems);
  let rederived = 0;

  for (let k = 0; k < provisions.length; k++) {
    if (k % PROVISIONS_PER_STEP === PROVISIONS_PER_STEP - 1) yield;
    const p = provisions[k];
    const [first, last] = lineOf(k);
    enterChapter(builder, chapterOf(k), first);
    const content = text(p.content).replace(/\r\n?/g, '\n');
    const contentLines = content.split('\n').map(cleanLine).filter((l) => l !== '');
    const head = ARTICLE_HEAD.exec(contentLines[0] ?? '') ?? ARTICLE_TIGHT.exec(contentLines[0] ?? '');
    let numeral: string;
    let sub: string | undefined;
    let firstText: string;
    if (head) {
      [numeral, sub, firstText] = [head[1], head[2], cleanLine(head[3])];
    } else {
      const ref = Number.parseInt(text(p.provision_ref), 10);
      if (!Number.isInteger(ref) || ref <= 0 || ref >= MAX_ARTICLE_NUMBER) {
        problems.push({ file, line: first, kind: 'warning', message: `provision ${k + 1} has neither a 第X条 prefix nor a numeric provision_ref; left out` });
        continue;
      }
      [numeral, sub, firstText] = [toChineseNumeral(ref), undefined, contentLines[0] ?? ''];
    }
    const opened = builder.provisions.length;
    builder.openArticle(numeral, sub, '', first);
    if (contentLines.length > 1) {
      // flk seeds: one 款 or 项 per line, as in the Markdown collections.
      builder.newClause(firstText, first);
      for (const line of contentLines.slice(1)) addArticleLine(builder, line, first);
    } else if (addCollapsed(builder, firstText, first)) {
      rederived++;
    }
    for (let i = opened; i < builder.provisions.length; i++) builder.provisions[i].lines[1] = last;
  }
  if (rederived > 0) {
    problems.push({ file, kind: 'repaired', message: `款 boundaries are lost in this seed: 项 re-derived from inline （一） markers in ${rederived} article(s)` });
  }

  const all = builder.finish();
  if (!isAmendingInstrument(title)) appendAll(problems, checkArticleSequence(all, file));

  const issuedDate = text(seed.issued_date);
  const inForce = text(seed.in_force_date);
  const status = text(seed.status);
  const issuers = text(seed.issuing_body).split('、').map((s) => s.trim()).filter((s) => s !== '');
  const document = assembleStatute({
    title,
    file,
    lastLine: lines.length,
    provisions: all,
    issuers,
    aliases: titleAliases(title, undefined),
    ...(ISO_DATE.test(issuedDate) ? { versionDate: issuedDate } : {}),
    ...(ISO_DATE.test(inForce) ? { effectiveDate: inForce } : {}),
    ...(status ? { status: STATUS_NAMES.get(status) ?? status } : {}),
  });
  return { document, problems };
}

/** The source line range of each provision object in a pretty-printed seed (all of it when minified). */
function provisionLines(lines: string[], count: number): (k: number) => [number, number] {
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (line.includes('"provision_ref"')) starts.push(i + 1);
  });
  if (starts.length !== count) return () => [1, Math.max(1, lines.length)];
  const lastEnd = (start: number) => {
    const close = lines.findIndex((line, i) => i >= start && /^\s*\}/.test(line));
    return close < 0 ? start : close + 1;
  };
  return (k) => [starts[k], k + 1 < starts.length ? starts[k + 1] - 1 : lastEnd(starts[k])];
}

/**
 * The flk seeds' chapter field runs one provision ahead (网络安全法 2025 puts 第十五条 in 第二章): the first
 * provision has none although later ones do. Re-align it, and give the leading provisions the first division
 * when the first one named is the second (第二章 → 第一章, whose name the seed lost).
 */
function alignChapters(provisions: AnsvarProvision[], file: string, problems: ImportProblem[]): (k: number) => string {
  const raw = provisions.map((p) => cleanLine(text(p.chapter)));
  const shifted = raw.length > 1 && raw[0] === '' && raw.some((c) => c !== '');
  if (!shifted) return (k) => raw[k];
  problems.push({ file, kind: 'repaired', message: 'the chapter field runs one provision ahead of the text; re-aligned' });
  const aligned = raw.map((_, k) => (k === 0 ? '' : raw[k - 1]));
  const firstNamed = aligned.find((c) => c !== '') ?? '';
  const division = DIVISION.exec(firstNamed.split('>')[0].trim());
  if (division && division[1] === '二') {
    const keyword = division[2];
    for (let k = 0; k < aligned.length && aligned[k] === ''; k++) aligned[k] = `第一${keyword}`;
  }
  return (k) => aligned[k];
}

function enterChapter(builder: StatuteBuilder, chapter: string, line: number): void {
  if (chapter === '') return;
  for (const segment of chapter.split('>').map((s) => s.trim())) {
    const division = DIVISION.exec(segment);
    if (division) builder.ensureDivision(division[1], division[2], division[3], line);
  }
}

interface InlineItem {
  label: string;
  numeral: string;
  text: string;
}

/**
 * Splits a collapsed article: the lead (款 before the list), the （一）（二）… items, and what follows the item
 * that ends with 。. Returns false when there is no list.
 */
function addCollapsed(builder: StatuteBuilder, content: string, line: number): boolean {
  const markers: { start: number; end: number; label: string; numeral: string }[] = [];
  let position = 0;
  for (let n = 1; ; n++) {
    const numeral = toChineseNumeral(n);
    const pattern = new RegExp(`[（(]${numeral}[）)]`, 'g');
    pattern.lastIndex = position;
    let found: RegExpExecArray | null;
    let accepted: RegExpExecArray | undefined;
    while ((found = pattern.exec(content)) !== null) {
      const before = content[found.index - 1] ?? '';
      // （一） opens a list after a colon or sentence end; later markers follow the previous item's end.
      const opens = n === 1 ? /^$|[：:。；;]/.test(before) : /[；;。，,：:]/.test(before);
      if (opens && before !== '第') {
        accepted = found;
        break;
      }
    }
    if (!accepted) break;
    markers.push({ start: accepted.index, end: accepted.index + accepted[0].length, label: accepted[0], numeral });
    position = accepted.index + accepted[0].length;
  }
  if (markers.length < 2) {
    for (const clause of clausesOf(content)) builder.newClause(clause, line);
    return false;
  }
  const items: InlineItem[] = [];
  let rest = '';
  markers.forEach((m, k) => {
    if (k + 1 < markers.length) {
      items.push({ label: m.label, numeral: m.numeral, text: content.slice(m.end, markers[k + 1].start) });
    } else {
      const stop = content.indexOf('。', m.end);
      const end = stop < 0 ? content.length : stop + 1;
      items.push({ label: m.label, numeral: m.numeral, text: content.slice(m.end, end) });
      rest = content.slice(end);
    }
  });
  const lead = clausesOf(content.slice(0, markers[0].start));
  for (const clause of lead.length > 0 ? lead : ['']) builder.newClause(clause, line);
  for (const item of items) builder.item(item.label, item.numeral, item.text.trim(), line);
  for (const clause of clausesOf(rest)) builder.newClause(clause, line);
  return true;
}

/** Sentences grouped into 款: a new one starts where a sentence refers to 前款. */
function clausesOf(text: string): string[] {
  const sentences = text.match(/[^。]+(?:。|$)/g)?.map((s) => s.trim()).filter((s) => s !== '') ?? [];
  const clauses: string[] = [];
  for (const sentence of sentences) {
    if (clauses.length === 0 || REFERS_TO_PRECEDING_CLAUSE.test(sentence)) clauses.push(sentence);
    else clauses[clauses.length - 1] += sentence;
  }
  return clauses;
}
