/**
 * Importer for statutes in the LawRefBook Markdown format and its forks (qisehong YAML front matter,
 * Theonefkguy `<!-- KEY: value -->` comments): one file becomes one CorpusDocument of kind 'statute' whose
 * provisions nest 编/分编/章/节 divisions, 条, 款 (paragraphs), 项 （一） and 目 1. in document order.
 *
 * The grammar and the defects handled here are described in the collection's FORMAT.md. Everything is pure
 * and total: malformed input yields problems, never exceptions.
 *
 * The provision builder (builder.ts), the header facts (statuteFacts.ts) and the line vocabulary (statuteText.ts)
 * are shared with the other importers and the split-code merge.
 */
import { parseDocNumber } from '../text/docNumber';
import { checkArticleSequence, StatuteBuilder } from './builder';
import type { ImportProblem, ParsedStatute } from './importTypes';
import { assembleStatute, deriveIssuers, type HeaderEvent, isAmendingInstrument, titleAliases, versionFacts } from './statuteFacts';
import { ANY_PUNCTUATION, appendAll, ARTICLE_HEAD, ARTICLE_TIGHT, baseName, cleanLine, CNUM, collapseCjkSpaces, DIVISION, endsSentence, excerpt, HEADING, isoDate, numeralValue, PART, splitLines } from './statuteText';

/** 第一百二十八 条: a space inside the head. */
const ARTICLE_SLOPPY = new RegExp(`^第([${CNUM}]+)\\s+条(?:\\s*之\\s*([${CNUM}]+))?(?:\\s+|$)(.*)$`);
const ANNEX_HEADING = new RegExp(`^附件\\s*([${CNUM}0-9０-９]*)\\s*[：:]?\\s*(.*)$`);
/** A bare “附：” or “附件：” line in the body opens an appendix (电信条例: 电信业务分类目录). */
const ANNEX_LINE = new RegExp(`^附(?:件\\s*([${CNUM}0-9０-９]*))?\\s*[：:]?$`);
const ITEM = new RegExp(`^([（(]\\s*([${CNUM}]+)\\s*[）)])\\s*(.*)$`);
const TARGET = /^([0-9０-９]+\s*[．.、])(?![0-9０-９])\s*(.*)$/;
const FOOTNOTE = /^([\u2460-\u2473])\s*(.*)$/;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(.*)$/;
const HEADER_END = /^<!--\s*(?:INFO END|LEGAL_HEADER_END)\s*-->$/;
const META_COMMENT = /^<!--\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*-->$/;
const FILE_DATE = /[(（](\d{4})-(\d{2})-(\d{2})[)）]$/;

/** Files of the collections that are not statutes (FORMAT.md §4.1). */
const NOT_STATUTE_FILES = new Set(['readme.md', '_index.md', '法律法规模版.md', '劳动仲裁和劳动诉讼的攻略.md']);

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 4096);
  let bad = 0;
  for (const ch of sample) if (ch === '\ufffd' || (ch < ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t')) bad++;
  return sample.length > 0 && bad / sample.length > 0.05;
}

function parseFrontMatter(lines: string[], start: number): { values: Map<string, string>; next: number } | undefined {
  if (cleanLine(lines[start] ?? '') !== '---') return undefined;
  const values = new Map<string, string>();
  for (let i = start + 1; i < lines.length; i++) {
    const line = cleanLine(lines[i]);
    if (line === '---') return { values, next: i + 1 };
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv) values.set(kv[1], kv[2].replace(/\s+#.*$/, '').replace(/^(["'])(.*)\1$/, '$2').trim());
  }
  return undefined;
}

function skipped(file: string, message: string, line?: number): ParsedStatute {
  return { problems: [{ file, ...(line ? { line } : {}), kind: 'skipped', message }] };
}

/** Lines parsed between two yields of {@link parseStatuteMarkdownSteps}: well under a millisecond of work. */
export const LINES_PER_STEP = 2000;

/** Parses one statute file of the LawRefBook Markdown collections; never throws. */
export function parseStatuteMarkdown(text: string, file: string): ParsedStatute {
  return runSteps(parseStatuteMarkdownSteps(text, file));
}

/**
 * The same parse as a generator that yields every {@link LINES_PER_STEP} lines, so that a caller running it in
 * time slices (the server's loader) keeps answering requests inside a huge file. Never throws.
 */
export function* parseStatuteMarkdownSteps(text: string, file: string): Generator<void, ParsedStatute> {
  try {
    return yield* parseMarkdown(typeof text === 'string' ? text : '', file);
  } catch (error) {
    return skipped(file, `could not be parsed: ${(error as Error).message}`);
  }
}

/** Runs a stepped parse to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

function* parseMarkdown(text: string, file: string): Generator<void, ParsedStatute> {
  const name = baseName(file);
  if (NOT_STATUTE_FILES.has(name.toLowerCase())) return skipped(file, 'not a statute (collection documentation or template)');
  // A test that stops at the first visible character, rather than a cleaned copy of a file of any size.
  if (!/[^\s\u200b-\u200d\u2060\ufeff]/.test(text)) return skipped(file, 'empty file');
  if (looksBinary(text)) return skipped(file, 'binary or non-UTF-8 content');

  const lines = splitLines(text);
  yield;
  const problems: ImportProblem[] = [];
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && cleanLine(lines[i]) === '') i++;
  };

  skipBlank();
  const frontMatter = parseFrontMatter(lines, i);
  if (frontMatter) {
    if (frontMatter.values.has('bookCollapseSection')) return skipped(file, 'a section index (Hugo front matter), not a statute');
    i = frontMatter.next;
    skipBlank();
  }
  const yaml = frontMatter?.values ?? new Map<string, string>();

  let title: string | undefined;
  const titleMatch = /^#(?!#)\s*(.+)$/.exec(cleanLine(lines[i] ?? ''));
  if (titleMatch) {
    title = collapseCjkSpaces(cleanLine(titleMatch[1]));
    i++;
  } else if (yaml.get('title')) {
    title = yaml.get('title');
  }
  if (!title) return skipped(file, 'no “# title” line: not a statute file', i + 1);

  let codePart: string | undefined;
  skipBlank();
  const subtitle = /^#(?!#)\s*(.+)$/.exec(cleanLine(lines[i] ?? ''));
  if (subtitle) {
    codePart = collapseCjkSpaces(cleanLine(subtitle[1]));
    i++;
  }

  // Header: up to the end marker; without one, the dated lines that follow the title.
  const headerStart = i;
  let bodyStart = lines.findIndex((l, k) => k >= headerStart && HEADER_END.test(cleanLine(l)));
  let headerEnd: number;
  if (bodyStart >= 0) {
    headerEnd = bodyStart;
    bodyStart++;
  } else {
    let k = headerStart;
    while (k < lines.length) {
      const line = cleanLine(lines[k]);
      if (line !== '' && !DATE_LINE.test(line) && !META_COMMENT.test(line)) break;
      k++;
    }
    headerEnd = bodyStart = k;
    problems.push({ file, line: headerStart + 1, kind: 'warning', message: 'no <!-- INFO END --> marker: the header is taken to be the dated lines after the title' });
  }

  const events: HeaderEvent[] = [];
  for (let k = headerStart; k < headerEnd; k++) {
    const line = cleanLine(lines[k]);
    if (line === '' || line.startsWith('<!--')) continue;
    const dated = DATE_LINE.exec(line);
    if (dated) events.push({ date: isoDate(dated[1], dated[2], dated[3]), text: dated[4].trim(), line: k + 1 });
    else if (events.length > 0) events[events.length - 1].text += line;
  }

  const meta = new Map<string, string>();
  for (let k = 0; k < lines.length; k++) {
    const comment = META_COMMENT.exec(cleanLine(lines[k]));
    if (comment) meta.set(comment[1].toUpperCase(), comment[2]);
    if (k % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
  }

  const amending = isAmendingInstrument(title);
  let bodyProblems: ImportProblem[] = [];
  let builder = yield* buildBody(lines, bodyStart, file, bodyProblems, false);
  if (builder.articleCount === 0) {
    // Amendments and decisions: 一、二、 parts, so a citation can at least fall back to the whole document.
    bodyProblems = [];
    builder = yield* buildBody(lines, bodyStart, file, bodyProblems, true);
  }
  appendAll(problems, bodyProblems);
  yield;
  const provisions = builder.finish();
  yield;
  if (!amending && builder.articleCount > 0) {
    const first = provisions.find((p) => p.kind === 'article')?.number ?? 1;
    appendAll(problems, checkArticleSequence(provisions, file, codePart ? first : 1));
  }

  yield;
  const fileDateMatch = FILE_DATE.exec(name.replace(/\.md$/i, ''));
  const fileDate = fileDateMatch ? isoDate(fileDateMatch[1], fileDateMatch[2], fileDateMatch[3]) : undefined;
  const yamlDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(yaml.get('publish_date') ?? '');
  const facts = versionFacts(events, fileDate ?? (yamlDate ? isoDate(yamlDate[1], yamlDate[2], yamlDate[3]) : undefined), file, problems);
  const effective = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(meta.get('EFFECTIVE_FROM') ?? '');
  const effectiveDate = effective ? isoDate(effective[1], effective[2], effective[3]) : facts.effectiveDate;
  const status = meta.get('STATUS') || yaml.get('status') || undefined;

  // The file name is the short title, except for a split code's parts (named after the part) and names that
  // Theonefkguy truncated with a hash suffix.
  const stem = name.replace(/\.md$/i, '').replace(FILE_DATE, '').trim();
  const shortName = codePart === undefined && !/_[0-9a-f]{6,}$/i.test(stem) && stem !== '' ? stem : undefined;

  const preambleNumber = provisions
    .filter((p) => p.kind === 'paragraph' && p.parent === -1)
    // 司法解释 print their number in bold: **法释〔2021〕15号**.
    .map((p) => parseDocNumber(p.text.replace(/^\*\*(.*)\*\*$/, '$1')))
    .find((d) => d !== undefined);

  const document = assembleStatute({
    title,
    file,
    lastLine: lines.length,
    provisions,
    issuers: deriveIssuers(title, events),
    aliases: titleAliases(title, shortName),
    notes: builder.notes,
    ...(preambleNumber ? { docNumber: preambleNumber.canonical } : {}),
    ...facts,
    ...(effectiveDate ? { effectiveDate } : {}),
    ...(status ? { status } : {}),
  });
  return { document, problems, ...(codePart !== undefined ? { codePart } : {}) };
}

/**
 * True when a head written without a space after 条 continues the article numbering and the file does not
 * otherwise separate heads with a space: a 款 may open with a reference such as 第十四条所列….
 */
function plausibleTightHead(builder: StatuteBuilder, number: number, sub: number, spacedHeads: number): boolean {
  if (spacedHeads > 0) return false;
  const previous = builder.previousArticle;
  if (!previous) return true;
  const [n, s] = previous;
  return (number === n && sub > s) || (number > n && number <= n + 2);
}

function* buildBody(lines: string[], start: number, file: string, problems: ImportProblem[], partsMode: boolean): Generator<void, StatuteBuilder> {
  const builder = new StatuteBuilder(file, problems);
  let spacedHeads = 0;
  for (let k = start; k < lines.length; k++) {
    if ((k - start) % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
    const line = cleanLine(lines[k]);
    const lineNo = k + 1;
    if (line === '' || line.startsWith('<!--')) continue;

    const heading = HEADING.exec(line);
    if (heading) {
      const hashes = heading[1].length;
      const content = cleanLine(heading[2] ?? '');
      builder.closeArticle();
      if (content === '') continue; // “##” alone (民法典/附则.md) only closes the article
      const division = DIVISION.exec(content);
      const annex = ANNEX_HEADING.exec(content);
      if (division) builder.division(division[1], division[2], division[3], hashes, lineNo);
      else if (annex) builder.annex(annex[1], collapseCjkSpaces(annex[2]), `附件${annex[1]}`, hashes, lineNo);
      else builder.heading(content, hashes, lineNo);
      continue;
    }

    const bareDivision = DIVISION.exec(line);
    if (bareDivision && !endsSentence(line) && line.length <= 40 && !/[，。；]/.test(line)) {
      builder.division(bareDivision[1], bareDivision[2], bareDivision[3], 0, lineNo);
      problems.push({ file, line: lineNo, kind: 'repaired', message: `heading without #: “${excerpt(line)}”` });
      continue;
    }

    if (!partsMode) {
      const spaced = ARTICLE_HEAD.exec(line);
      if (spaced) {
        spacedHeads++;
        builder.openArticle(spaced[1], spaced[2], cleanLine(spaced[3]), lineNo);
        continue;
      }
      const sloppy = ARTICLE_SLOPPY.exec(line);
      if (sloppy) {
        builder.openArticle(sloppy[1], sloppy[2], cleanLine(sloppy[3]), lineNo);
        problems.push({ file, line: lineNo, kind: 'repaired', message: `article head “${excerpt(line, 12)}” has a space before 条: read as 第${sloppy[1]}条${sloppy[2] ? `之${sloppy[2]}` : ''}` });
        continue;
      }
      const tight = ARTICLE_TIGHT.exec(line);
      if (tight && plausibleTightHead(builder, numeralValue(tight[1]) ?? 0, tight[2] ? numeralValue(tight[2]) ?? 0 : 0, spacedHeads)) {
        builder.openArticle(tight[1], tight[2], cleanLine(tight[3]), lineNo);
        continue;
      }
    }

    const footnote = FOOTNOTE.exec(line);
    if (footnote) {
      builder.footnote(footnote[1], footnote[2]);
      continue;
    }

    const annexLine = ANNEX_LINE.exec(line);
    if (annexLine) {
      builder.annex(annexLine[1] ?? '', '', line.replace(/\s*[：:]$/, ''), 0, lineNo);
      continue;
    }

    if (partsMode) {
      const part = PART.exec(line);
      if (part) builder.partLine(part[1], part[2], lineNo);
      else builder.loose(line, lineNo);
      continue;
    }

    if (!builder.inArticle) {
      builder.loose(line, lineNo);
      continue;
    }

    if (!ITEM.test(line) && !TARGET.test(line) && line.length <= 20 && !ANY_PUNCTUATION.test(line)) {
      builder.lostHeading(line, lineNo);
      problems.push({ file, line: lineNo, kind: 'warning', message: `“${line}” looks like a heading that lost its # and number; it closes the article above` });
      continue;
    }
    addArticleLine(builder, line, lineNo);
  }
  return builder;
}

/** A line inside an article: a 项 （一）, a 目 1., or a paragraph (a new 款 or a wrapped line). */
export function addArticleLine(builder: StatuteBuilder, line: string, lineNo: number): void {
  if (!addItemOrTarget(builder, line, lineNo)) builder.paragraph(line, lineNo);
}

/** A 项 （一） or a 目 1. line of an article; false when the line is neither. */
export function addItemOrTarget(builder: StatuteBuilder, line: string, lineNo: number): boolean {
  const item = ITEM.exec(line);
  if (item) {
    builder.item(item[1].replace(/\s/g, ''), item[2], item[3], lineNo);
    return true;
  }
  const target = TARGET.exec(line);
  if (!target) return false;
  builder.target(target[1].replace(/\s/g, ''), target[2], lineNo);
  return true;
}
