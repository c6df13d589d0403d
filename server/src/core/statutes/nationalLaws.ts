/**
 * Importer for the national statute book (国家法律法规数据库 converted to Markdown by lawtext/laws): YAML front
 * matter with the official id, title, dates and status; a bold (or plain) title split over lines; the 文号 in bold
 * for judicial interpretations; the history as a `>` quote; a `## 目录` list; then `##` 编/章/节 headings and one
 * list item per article (`- **第一条**　　text`), 款 as indented paragraphs, 项 as nested items, 目 as `1.` lines.
 *
 * The shape and its known defects are described in the collection's README.md. Pure and total: malformed input
 * yields problems, never exceptions. The provision tree is built by the LawRefBook importer's StatuteBuilder.
 */
import type { CorpusDocument } from '../corpus/model';
import { parseDocNumber } from '../text/docNumber';
import { pinyinOf } from '../text/pinyin';
import { stableId } from '../text/stableId';
import { StatuteBuilder, checkArticleSequence } from './builder';
import { ImportProblem, ParsedStatute } from './importTypes';
import { addItemOrTarget } from './markdown';
import { assembleStatute, isAmendingInstrument, titleAliases, versionFacts } from './statuteFacts';
import { CNUM, DIVISION, cleanLine, collapseCjkSpaces, endsSentence, excerpt, numeralValue, splitLines } from './statuteText';
import { DATE_START, frontMatter, historyEvents, isoOf, repealedTitles, unclosed } from './nationalLawsHeader';

const ARTICLE_ITEM = new RegExp(`^[-*+]\\s+\\*\\*\\s*第([${CNUM}]+)条(?:之([${CNUM}]+))?\\s*\\*\\*\\s*(.*)$`);
/** 第五条公司为… or 第五条　公司为…: a head without its list item; the guard keeps 第五条的规定 and 第五条、第六条 out. */
const LOST_ARTICLE = new RegExp(`^第([${CNUM}]+)条(?:之([${CNUM}]+))?(?![的之、，,。；：第至和或及与]|规定|增加|修改|删)\\s*(.+)$`);
const GLUED_ARTICLE = new RegExp(`^(.+?)第([${CNUM}]+)条(?:之([${CNUM}]+))?\\s+(.+)$`);
const PART = new RegExp(`^([${CNUM}]+)、\\s*(.*)$`);
const HEADING = /^(#{1,6})\s+(.*)$/;
const LIST_MARK = /^[-*+]\s+/;
const IMAGE = /!\[[^\]]*\]\([^)]*\)/g;
const FOOTNOTE_REF = /\[\^[^\]]*\]/g;
const MARKDOWN_ESCAPE = /\\([\\`*_{}[\]()#+\-.!|>~<])/g;
const TABLE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;
/** 附, 附件二, 附表：, 附：, 附件：…图案 — an appendix opens; 附则 does not. */
const ANNEX = new RegExp(`^附(?:([件表])\\s*([${CNUM}0-9]*)\\s*[：:]?\\s*([^。]*)|\\s*[：:]\\s*([^。]*)|)$`);
/** A short caption in front of a table after the last article: 个人所得税税率表一（综合所得适用）, 附表一. */
const TABLE_CAPTION = /(?:^附表.*|表[一二三四五六七八九十0-9]*(?:（[^）]*）)?)$/;

/** Text without Markdown artefacts: escapes, stray bold marks, footnote references; images are reported. */
function cleanText(raw: string, file: string, lineNo: number, problems: ImportProblem[]): string {
  let text = raw;
  if (text.includes('![')) {
    text = text.replace(IMAGE, '');
    problems.push({ file, line: lineNo, kind: 'warning', message: 'an image (a table or form printed as a picture) is not included: the text has a gap here' });
  }
  text = text.replace(FOOTNOTE_REF, '').replace(/\*\*/g, '').replace(MARKDOWN_ESCAPE, '$1');
  return cleanLine(text);
}

/** A Markdown table row's cells, empty ones dropped; undefined for the separator row. */
function tableRow(line: string): string | undefined {
  if (TABLE_SEPARATOR.test(line)) return undefined;
  const cells = line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => collapseCjkSpaces(c.trim()).replace(/\s+/g, ' ')).filter((c) => c !== '');
  return cells.length > 0 ? cells.join(' | ') : undefined;
}

/** Parses one file of the national statute book; never throws. */
export function parseNationalLaw(text: string, file: string): ParsedStatute {
  try {
    return parseFile(typeof text === 'string' ? text : '', file);
  } catch (error) {
    return { problems: [{ file, kind: 'skipped', message: `could not be parsed: ${(error as Error).message}` }] };
  }
}

interface Header {
  /** Lines of the `>` quote, joined. */
  quote: string;
  quoteLine: number;
  /** Dated history lines written without a quote (宪法修正案). */
  datedLines: string[];
  docNumber?: string;
}

function parseFile(text: string, file: string): ParsedStatute {
  const lines = splitLines(text.replace(/^\ufeff/, ''));
  const { values: yaml, next } = frontMatter(lines);
  const fullTitle = collapseCjkSpaces(yaml.get('title') ?? '');
  // 中华人民共和国宪法（2018年修正文本）: the year tells the version, the title is the Constitution's.
  // Each 宪法修正案（1988年） is an instrument of its own, not a version of the others.
  const title = /^(.+?)(?<!修正案)（\d{4}年(?:修正文本)?）$/.exec(fullTitle)?.[1] ?? fullTitle;
  if (!title) return { problems: [{ file, line: 1, kind: 'skipped', message: 'no title in the front matter: not a statute file' }] };
  const problems: ImportProblem[] = [];
  const header: Header = { quote: '', quoteLine: 0, datedLines: [] };
  const hasArticles = lines.some((l, k) => k >= next && ARTICLE_ITEM.test(l));
  const builder = buildBody(lines, next, title, file, problems, header, !hasArticles);
  const provisions = builder.finish();
  if (hasArticles && !isAmendingInstrument(title)) problems.push(...checkArticleSequence(provisions, file));

  const officialId = yaml.get('id') || undefined;
  const date = isoOf(yaml.get('date')) ?? isoOf(yaml.get('publication_date'));
  const history = historyEvents(header.quote || header.datedLines.join(''), header.quoteLine);
  const facts = versionFacts(history.events, date, file, problems);
  const linkYear = /（(\d{4})年?）$/.exec(yaml.get('LinkTitle') ?? '');
  // Without any history the LinkTitle's year names the version; a history that stops short is a defect (no label).
  const versionLabel = facts.versionLabel ?? (linkYear && history.events.length === 0 ? `${linkYear[1]}年` : undefined);
  const effectiveDate = isoOf(yaml.get('effective_date')) ?? history.commencement ?? facts.effectiveDate;
  const status = yaml.get('status') || undefined;
  const group = yaml.get('group') || undefined;
  const issuers = (yaml.get('author') ?? '').split(/[、,，;；]/).map((s) => s.trim()).filter((s) => s !== '');
  const docNumber = header.docNumber ?? provisions.filter((p) => p.kind === 'paragraph' && p.parent === -1).map((p) => parseDocNumber(p.text)?.canonical).find((d) => d !== undefined);

  const shortTitle = collapseCjkSpaces((yaml.get('LinkTitle') ?? '').replace(/（\d{4}年?）$/, ''));
  // The short title without its year (LinkTitle), unless the year is what tells the instrument apart (宪法修正案).
  const aliases = titleAliases(title, /（\d{4}(?:年[^）]*)?）$/.test(fullTitle) ? undefined : shortTitle || undefined);
  for (const extra of [fullTitle, title.replace(/（失效）$/, '')]) {
    if (extra !== title && !aliases.some((a) => a.text === extra)) aliases.push({ text: extra, kind: 'short-name', pinyin: pinyinOf(extra) });
  }
  const repeals = repealedTitles(provisions.map((p) => p.text));

  const assembled = assembleStatute({
    title, file, lastLine: lines.length, provisions, issuers, aliases, notes: builder.notes,
    ...(docNumber ? { docNumber } : {}),
    ...(date ? { versionDate: date } : {}),
    ...(effectiveDate ? { effectiveDate } : {}),
    ...(status ? { status } : {}),
    ...(versionLabel ? { versionLabel } : {}),
  });
  // The official id tells versions apart even where two share a title and a date.
  const document: CorpusDocument = {
    ...assembled,
    ...(officialId ? { id: stableId('statute', `${title}@${date ?? ''}#${officialId}`), officialId } : {}),
    ...(group ? { group } : {}),
    ...(repeals.length > 0 ? { repeals } : {}),
  };
  return { document, problems };
}

function titleKey(text: string): string {
  return text.replace(/[\s*　]/g, '');
}

/**
 * The body, line by line. `partsMode`: the document has no articles (决定, 修改决定), so 一、 lines are parts.
 * Until the first provision, lines that spell the title, the 文号 and the history are header, not provisions.
 */
function buildBody(lines: string[], start: number, title: string, file: string, problems: ImportProblem[], header: Header, partsMode: boolean): StatuteBuilder {
  const builder = new StatuteBuilder(file, problems);
  const titleText = titleKey(title);
  let titleSoFar = '';
  let inHeader = true;
  let inToc = false;
  let historyOpen = false;
  let historyLines = 0;
  /** The open article was recovered from a damaged line: its 款 follow unindented. */
  let recovered = false;
  let table: string[] = [];
  let tableLine = 0;

  const flushTable = () => {
    if (table.length === 0) return;
    const tableText = table.join('\n');
    table = [];
    const last = builder.provisions[builder.provisions.length - 1];
    // A table announced by the paragraph before it (…如下：) belongs to that paragraph.
    if (builder.inArticle && last && last.kind !== 'article' && /[：:]$/.test(last.text)) {
      last.text += `\n${tableText}`;
      last.lines[1] = tableLine;
    } else if (builder.inArticle) builder.newClause(tableText, tableLine);
    else builder.loose(tableText, tableLine);
  };

  for (let k = start; k < lines.length; k++) {
    const raw = lines[k];
    const lineNo = k + 1;
    const trimmed = cleanLine(raw);
    if (trimmed.startsWith('|')) {
      const row = tableRow(cleanText(trimmed.replace(/\\\|/g, '／'), file, lineNo, problems));
      if (row !== undefined) table.push(row);
      tableLine = lineNo;
      inHeader = inToc = false;
      continue;
    }
    if (trimmed === '') continue;
    flushTable();
    if (/^(?:-{3,}|\*{3,}|_{3,})$/.test(trimmed)) {
      inToc = false;
      continue;
    }
    const indented = /^\s/.test(raw);

    const heading = HEADING.exec(trimmed);
    if (heading) {
      const content = cleanText(heading[2], file, lineNo, problems);
      if (/^目\s*录$/.test(collapseCjkSpaces(content)) || collapseCjkSpaces(content) === '目录') {
        inToc = true;
        continue;
      }
      inToc = inHeader = false;
      if (content === '') continue;
      const glued = partsMode ? null : GLUED_ARTICLE.exec(content);
      if (glued && DIVISION.test(glued[1]) && followsPrevious(builder, glued[2], glued[3])) {
        // 第五章　　信息公开和公众参与第五十三条 公民…: the converter lost the line break after the heading.
        openHeading(builder, glued[1], heading[1].length, lineNo);
        builder.openArticle(glued[2], glued[3], glued[4], lineNo);
        recovered = true;
        problems.push({ file, line: lineNo, kind: 'repaired', message: `heading and article on one line: split before ${glued[0].slice(glued[1].length, glued[1].length + 12)}` });
        continue;
      }
      openHeading(builder, content, heading[1].length, lineNo);
      recovered = false;
      continue;
    }
    if (inToc && LIST_MARK.test(trimmed)) {
      const entry = partsMode ? null : LOST_ARTICLE.exec(cleanText(trimmed.replace(LIST_MARK, ''), file, lineNo, problems));
      if (!entry || !/[，。；]/.test(entry[3])) continue;
      // An article written as a plain list item right after the table of contents (全国人大议事规则 第一条).
      inToc = false;
      builder.openArticle(entry[1], entry[2], entry[3], lineNo);
      recovered = true;
      problems.push({ file, line: lineNo, kind: 'repaired', message: `article ${excerpt(entry[0], 8)} written as a table-of-contents entry: read as an article` });
      continue;
    }
    inToc = false;

    if (trimmed.startsWith('>')) {
      const quoted = cleanText(trimmed.replace(/^>\s*/, ''), file, lineNo, problems);
      if (inHeader || header.quote === '') {
        if (!header.quoteLine) header.quoteLine = lineNo;
        header.quote += quoted;
        continue;
      }
      builder.loose(quoted, lineNo);
      continue;
    }

    const article = ARTICLE_ITEM.exec(trimmed);
    if (article && !partsMode) {
      inHeader = recovered = false;
      builder.openArticle(article[1], article[2], cleanText(article[3], file, lineNo, problems), lineNo);
      continue;
    }
    if (LIST_MARK.test(trimmed)) recovered = false;

    const line = cleanText(trimmed.replace(LIST_MARK, ''), file, lineNo, problems);
    if (line === '') continue;
    if (/↑$/.test(line)) {
      // A converted footnote (“1. text ↑”) at the end of the file.
      const note = /^(\d+)\s*[.．]\s*(.*?)\s*↑$/.exec(line);
      builder.notes.push({ n: note ? Number(note[1]) : builder.notes.length + 1, text: note ? note[2] : line.replace(/\s*↑$/, '') });
      continue;
    }

    if (inHeader) {
      const key = titleKey(line);
      if (titleText.startsWith(titleSoFar + key) && key !== '') {
        titleSoFar += key;
        continue;
      }
      const number = parseDocNumber(line);
      if (number && !header.docNumber) {
        header.docNumber = number.canonical;
        continue;
      }
      // A history is a few short lines; an unclosed “（” must not swallow the text that follows.
      if (historyOpen && line.length <= 60 && !/。|[：:；]$/.test(line) && historyLines++ < 8) {
        header.datedLines[header.datedLines.length - 1] += line;
        historyOpen = unclosed(header.datedLines[header.datedLines.length - 1]);
        continue;
      }
      historyOpen = false;
      if (DATE_START.test(line.replace(/^[（(]/, '')) && !endsSentence(line.replace(/[）)]$/, '')) && header.quote === '') {
        // History written without a quote, possibly over several lines: “（2012年…审判委员会” … “…修正）”.
        header.datedLines.push(line);
        historyOpen = unclosed(line);
        continue;
      }
      if (header.datedLines.length > 0 && /(?:通过|公布|修正|修订)[）)]?$/.test(line) && line.length <= 40) {
        header.datedLines[header.datedLines.length - 1] += line;
        continue;
      }
      inHeader = false;
    }

    if (line.length <= 60 && openAnnex(builder, line, 0, lineNo)) continue;

    if (partsMode) {
      const part = PART.exec(line);
      if (part && !indented) builder.partLine(part[1], part[2], lineNo);
      else builder.loose(line, lineNo);
      continue;
    }

    const lost = LOST_ARTICLE.exec(line);
    if (lost && builder.previousArticle && followsPrevious(builder, lost[1], lost[2])) {
      // 第五条公司为被执行人…: an article head that lost its list item and bold.
      builder.openArticle(lost[1], lost[2], lost[3], lineNo);
      recovered = true;
      problems.push({ file, line: lineNo, kind: 'repaired', message: `article head without its list item: read as ${excerpt(line, 8)}` });
      continue;
    }

    if (!builder.inArticle) {
      const part = PART.exec(line);
      // A numbered heading that lost its # (执行规定: **一**、执行机构及其职责).
      if (part && !indented && line.length <= 40 && !/[，。；：]/.test(line)) builder.heading(line, 0, lineNo);
      else builder.loose(line, lineNo);
      continue;
    }
    if (!indented && !recovered) {
      // Unindented text ends the list of articles: text after the articles (an appendix, a closing note).
      builder.closeArticle();
      builder.loose(line, lineNo);
      continue;
    }
    if (isTableCaption(line, lines, k)) {
      builder.annex('', line, '附', 0, lineNo);
      continue;
    }
    addIndentedLine(builder, line, lineNo);
  }
  flushTable();
  return builder;
}

/** True when 第N条(之M) is the article right after the previous one: a damaged head, not a reference. */
function followsPrevious(builder: StatuteBuilder, numeral: string, subNumeral: string | undefined): boolean {
  const number = numeralValue(numeral) ?? 0;
  const sub = subNumeral ? numeralValue(subNumeral) ?? 0 : 0;
  const [n, s] = builder.previousArticle ?? [0, 0];
  return (sub === 0 && number === n + 1) || (sub > 0 && number === n && sub === s + 1);
}

function openHeading(builder: StatuteBuilder, content: string, hashes: number, lineNo: number): void {
  const division = DIVISION.exec(content);
  if (division) {
    builder.division(division[1], division[2], division[3], hashes, lineNo);
    return;
  }
  if (!openAnnex(builder, content, hashes, lineNo)) builder.heading(content, hashes, lineNo);
}

/** 附件二 / 附表： / 附 opens an appendix: everything after it belongs there. */
function openAnnex(builder: StatuteBuilder, text: string, hashes: number, lineNo: number): boolean {
  const annex = ANNEX.exec(text);
  if (!annex) return false;
  const [, kind, numeral, caption, bareCaption] = annex;
  builder.annex(numeral ?? '', collapseCjkSpaces(caption ?? bareCaption ?? ''), `附${kind ?? ''}${numeral ?? ''}`, hashes, lineNo);
  return true;
}

/** A short unpunctuated line naming a table, followed by the table: the appendix after the last article. */
function isTableCaption(line: string, lines: string[], k: number): boolean {
  if (line.length > 40 || /[，。；：,;:]/.test(line) || !TABLE_CAPTION.test(line)) return false;
  for (let j = k + 1; j < lines.length && j <= k + 6; j++) {
    const next = cleanLine(lines[j]);
    if (next === '') continue;
    if (next.startsWith('|')) return true;
  }
  return /^附表/.test(line);
}

/** An indented line of an article: 项 （一）, 目 1., or a further 款 — paragraphs are explicit in this shape. */
function addIndentedLine(builder: StatuteBuilder, line: string, lineNo: number): void {
  if (!addItemOrTarget(builder, line, lineNo)) builder.newClause(line, lineNo);
}
