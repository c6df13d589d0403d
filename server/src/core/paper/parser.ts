/**
 * Finds citations in a Markdown paper: titles in 《》 with what follows them (version tag, 文号, short-name
 * definition, article references), free-standing 文号, journal citations (作者：《题名》，载《期刊》2025年第4期)
 * and footnote references/definitions. Offsets are UTF-16 string indices, i.e. LSP character offsets.
 *
 * Pure and corpus-independent: it reports what is written; the resolver decides what it means.
 * Code, URLs, front matter and HTML comments are skipped (see markdown.ts).
 */
import { ParsedDocNumber, parseDocNumber } from '../text/docNumber';
import { isForeignJurisdiction, jurisdictionBeforeTitle } from '../corpus/jurisdictions';
import { ExcludedRegions, findExcludedRegions } from './markdown';
import { parseNumeral } from '../text/numerals';
import { firstStartingAtOrAfter } from '../util/binarySearch';
import { Quotation, findQuotations } from './quotes';
import { ShortForm, findShortForms } from './shortForms';
import { PandocCitation, findPandocCitations } from './pandocCitations';

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export type RefUnit = '条' | '款' | '项' | '目' | '点' | '部分' | '段' | '章' | '节' | '编' | '附件';

export interface ReferenceStep {
  unit: RefUnit;
  number: number;
  /** 之一 → 1. */
  sub?: number;
  /** Written with brackets: 第（三）项, （三）. */
  parenthesized: boolean;
  numerals: 'arabic' | 'chinese';
  /** Offsets of the step in the text; absent for steps inherited from the previous reference. */
  start?: number;
  end?: number;
  /** Offsets of the number itself, for numeral-style fixes. */
  numberStart?: number;
  numberEnd?: number;
}

export interface ArticleReference {
  start: number;
  end: number;
  text: string;
  steps: ReferenceStep[];
  /** The second end of a range: 第二十一条至第二十五条. */
  rangeEnd?: boolean;
}

export interface DocNumberCitation {
  kind: 'docNumber';
  start: number;
  end: number;
  text: string;
  /** Offset where the bracketed year begins: a fix rewrites from here to the end, never the issuer code. */
  bracketStart: number;
  parsed: ParsedDocNumber;
}

export interface TitleCitation {
  kind: 'title';
  /** Offsets of 《…》 including the brackets. */
  start: number;
  end: number;
  /** The title as written, without 《》; line breaks and spaces removed. */
  title: string;
  versionTag?: TextSpan;
  docNumber?: DocNumberCitation;
  /** （以下简称《X》）: the short name defined here. */
  shortName?: TextSpan;
  references: ArticleReference[];
  /** Set when the title is the article or journal part of a journal citation. */
  journalRole?: 'article' | 'journal';
  /**
   * The jurisdiction written in front (韩国《…》, 日本的《…》, 欧盟《A》、《B》 for both): a foreign one means a
   * foreign act, never the PRC law of the same name; 我国/中国 mean the PRC law.
   */
  jurisdiction?: TextSpan & { foreign: boolean };
  /** A national standard: a GB/GB/T/GB/Z number beside it, or a title opening with a 技术 domain and a space. */
  standard?: boolean;
}

export interface JournalCitation {
  kind: 'journal';
  start: number;
  end: number;
  authors: TextSpan[];
  title: TitleCitation;
  journal: TitleCitation;
  /** The 载 between title and journal, when written. */
  zai?: TextSpan;
  year: TextSpan & { value: number };
  issue: TextSpan & { value: number };
  /** Text between the article title and the journal: "，载", "，", "。载". */
  separator: TextSpan;
}

export interface FootnoteReference {
  kind: 'footnoteRef';
  start: number;
  end: number;
  label: string;
}

export interface FootnoteDefinition {
  kind: 'footnoteDef';
  start: number;
  end: number;
  label: string;
  /** The definition's content: from after "]:" to the end of its paragraph. */
  contentStart: number;
  contentEnd: number;
}

export interface ParsedPaper {
  text: string;
  titles: TitleCitation[];
  docNumbers: DocNumberCitation[];
  journals: JournalCitation[];
  footnoteRefs: FootnoteReference[];
  footnoteDefs: FootnoteDefinition[];
  /** Footnote labels in the order readers see their numbers: by first reference, then unreferenced ones. */
  footnoteOrder: string[];
  quotations: Quotation[];
  shortForms: ShortForm[];
  excluded: ExcludedRegions;
  /** Pandoc citations ([@key], [@key, 第12页], @key); absent when the paper has none. */
  pandocCitations?: PandocCitation[];
}

/** Longest title we look for; protects against an unclosed 《 swallowing a paragraph. */
const MAX_TITLE = 150;

export function parsePaper(text: string): ParsedPaper {
  const excluded = findExcludedRegions(text);
  const docNumbers = findDocNumbers(text, excluded);
  const titles = findTitles(text, excluded, docNumbers);
  const journals = findJournals(text, titles);
  const { refs, defs } = findFootnotes(text, excluded);
  const footnoteOrder = footnoteLabelsInOrder(refs, defs);
  const quotations = text.includes('“') || text.includes('‘') || text.includes('「') || text.includes('"') ? findQuotations(text, excluded, titles) : [];
  const shortForms = defs.length > 0 ? findShortForms(text, defs) : [];
  const pandocCitations = findPandocCitations(text, excluded);
  return { text, titles, docNumbers, journals, footnoteRefs: refs, footnoteDefs: defs, footnoteOrder, quotations, shortForms, excluded, ...(pandocCitations.length > 0 ? { pandocCitations } : {}) };
}

/** Labels by first reference, then the unreferenced definitions: the numbers readers see. */
export function footnoteLabelsInOrder(refs: FootnoteReference[], defs: FootnoteDefinition[]): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  for (const { label } of [...refs, ...defs]) {
    if (seen.has(label)) continue;
    seen.add(label);
    order.push(label);
  }
  return order;
}

// ---------------------------------------------------------------------------------------------------------
// Titles

function findTitles(text: string, excluded: ExcludedRegions, docNumbers: DocNumberCitation[]): TitleCitation[] {
  const titles: TitleCitation[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('《', from);
    if (open < 0) break;
    from = open + 1;
    if (excluded.contains(open)) continue;
    const close = matchingClose(text, open);
    if (close < 0) continue;
    const title = withoutSpaces(text.slice(open + 1, close));
    if (title.length === 0) continue;
    const citation: TitleCitation = { kind: 'title', start: open, end: close + 1, title, references: NO_REFERENCES };
    const jurisdiction = jurisdictionBeforeTitle(text, open) ?? listJurisdiction(text, open, titles[titles.length - 1]);
    if (jurisdiction) citation.jurisdiction = { ...jurisdiction, foreign: isForeignJurisdiction(jurisdiction.text) };
    if (STANDARD_DOMAIN.test(text.slice(open + 1, close)) || STANDARD_NUMBER_BEFORE.test(text.slice(Math.max(0, open - 30), open))) citation.standard = true;
    let position = parseTrailingGroups(text, close + 1, citation, docNumbers);
    position = skipInlineSpace(text, position);
    citation.references = parseReferences(text, position);
    titles.push(citation);
    // Nested 《》 inside a title are part of it (a malformed 〈〉); continue after the whole title — and after
    // （以下简称《X》）, whose 《X》 names the short name rather than citing anything.
    from = citation.shortName ? citation.shortName.end + 1 : close + 1;
  }
  return titles;
}

/** 《信息安全技术 个人信息安全规范》: a standard's title opens with its 技术 domain and a space. */
const STANDARD_DOMAIN = /^[ \t\u3000]*[\u4e00-\u9fff]{1,8}技术[ \t\u3000]+[^ \t\u3000]/;
/** GB/T 35273-2020, GB 5768.2-2022, GB/Z 41819-2022, with or without the space. */
const STANDARD_NUMBER = /GB(?:\/[TZ])?[ \t\u3000]*[0-9]+(?:\.[0-9]+)?(?:[-—–－][0-9]{4})?/;
const STANDARD_NUMBER_BEFORE = new RegExp(`${STANDARD_NUMBER.source}[ \\t\\u3000]*(?:的)?[ \\t\\u3000]*$`);

/**
 * 欧盟《通用数据保护条例》、《数字服务法》: a title joined to the previous one by 、/和/及/与/以及/或 shares its
 * jurisdiction.
 */
function listJurisdiction(text: string, open: number, previous: TitleCitation | undefined): TitleCitation['jurisdiction'] {
  if (!previous?.jurisdiction) return undefined;
  const last = previous.references.length > 0 ? previous.references[previous.references.length - 1].end : previous.end;
  if (open - last > 6 || !LIST_JOINER.test(text.slice(last, open))) return undefined;
  return previous.jurisdiction;
}
const LIST_JOINER = /^[ \t\u3000]*(?:、|和|及|与|以及|或)[ \t\u3000]*$/;

/** Shared by every title without references (most of them): one array fewer per title to allocate. */
const NO_REFERENCES: ArticleReference[] = Object.freeze([]) as unknown as ArticleReference[];
const SPACES = /[\s\u200b-\u200d\u2060\ufeff]/;
const ALL_SPACES = /[\s\u200b-\u200d\u2060\ufeff]+/g;

/** Titles broken across lines or spaced out are read without the breaks and spaces. */
function withoutSpaces(raw: string): string {
  return SPACES.test(raw) ? raw.replace(ALL_SPACES, '') : raw;
}

/** Index of the 》 closing the 《 at `open`, honouring nesting; -1 when unbalanced or too long. */
function matchingClose(text: string, open: number): number {
  let depth = 0;
  const limit = Math.min(text.length, open + MAX_TITLE);
  for (let i = open; i < limit; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x300a) depth++;
    else if (ch === 0x300b) {
      depth--;
      if (depth === 0) return i;
    } else if (ch === 10 || ch === 13) {
      // A blank line ends the paragraph: no title spans it.
      let j = i + 1;
      if (ch === 13 && text.charCodeAt(j) === 10) j++;
      while (j < limit && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      if (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13) return -1;
    }
  }
  return -1;
}

function skipInlineSpace(text: string, position: number): number {
  let p = position;
  let newlines = 0;
  while (p < text.length) {
    const ch = text.charCodeAt(p);
    if (ch === 32 || ch === 9 || ch === 0x3000) p++;
    else if ((ch === 10 || ch === 13) && newlines === 0) {
      newlines++;
      p++;
      if (ch === 13 && text.charCodeAt(p) === 10) p++;
    } else break;
  }
  return p;
}

const VERSION_TAG = /^(\d{4})\s*年\s*(修正|修订|公布|版|文本)?$|^(\d{4}年)?(修正|修订)(本|文本)?$/;
/** 以下简称《X》 and 以下简称“X”, also written 下称, 以下称, 简称, with 为 or a colon. */
const SHORT_NAME = /(?:以下简称|以下称|下称|简称)\s*为?\s*[:：]?\s*(?:《([^《》]+)》|[“"]([^“”"《》]+)[”"])/;

/** Parenthesised groups after a title: version tag, 文号, short-name definition. */
function parseTrailingGroups(text: string, position: number, citation: TitleCitation, docNumbers: DocNumberCitation[]): number {
  let p = position;
  for (let group = 0; group < 3; group++) {
    const q = skipInlineSpace(text, p);
    const open = text.charCodeAt(q);
    if (open !== 0xff08 && open !== 0x28) break;
    let close = -1;
    let depth = 0;
    const limit = Math.min(text.length, q + 80);
    for (let i = q; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xff08 || c === 0x28) depth++;
      else if (c === 0xff09 || c === 0x29) {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      } else if (c === 10) break;
    }
    if (close < 0) break;
    const inner = text.slice(q + 1, close);
    const number = docNumberWithin(docNumbers, q, close);
    const shortName = SHORT_NAME.exec(inner);
    const tag = VERSION_TAG.test(inner.trim());
    const standard = STANDARD_NUMBER.test(inner);
    if (!number && !shortName && !tag && !standard) break;
    if (standard) citation.standard = true;
    if (number) citation.docNumber = number;
    if (tag) citation.versionTag = { start: q + 1, end: close, text: inner.trim() };
    if (shortName) {
      const name = shortName[1] ?? shortName[2];
      const start = q + 1 + shortName.index! + shortName[0].length - name.length - 1;
      citation.shortName = { start, end: start + name.length, text: name };
    }
    p = close + 1;
  }
  return p;
}

/** The 文号 lying inside (open, close), by binary search over the 文号 sorted by offset. */
function docNumberWithin(docNumbers: DocNumberCitation[], open: number, close: number): DocNumberCitation | undefined {
  const candidate = docNumbers[firstStartingAtOrAfter(docNumbers, open + 1)];
  return candidate && candidate.end <= close ? candidate : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Article references

const NUMERAL = '[0-9０-９]+|[〇零一二两三四五六七八九十百千]+';
const BARE_ITEM = new RegExp(`[（(]([〇零一二三四五六七八九十百]+)[）)]`, 'y');
const ANNEX = new RegExp(`附件[ \\t\\u3000]*(${NUMERAL})`, 'y');
const SEPARATOR = /(、|，|,|和|与|及|以及|或者|或|至|到|—|－|-|~|～)[ \t\u3000]*/y;

const UNIT_RANK: Record<RefUnit, number> = { '编': 0, '部分': 1, '章': 2, '节': 3, '条': 4, '点': 4, '段': 4, '附件': 4, '款': 5, '项': 6, '目': 7 };
const STEP_UNITS = new Map<number, RefUnit>([...'条款项目点段章节编'].map((unit) => [unit.charCodeAt(0), unit as RefUnit]));
const CHINESE_NUMERAL_CODES = new Set([...'〇零一二两三四五六七八九十百千'].map((c) => c.charCodeAt(0)));

function numeralsOf(written: string): 'arabic' | 'chinese' {
  return /^[0-9０-９]+$/.test(written) ? 'arabic' : 'chinese';
}

function isArabicDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

function skipSpaces(text: string, position: number): number {
  let p = position;
  for (let c = text.charCodeAt(p); c === 0x20 || c === 0x09 || c === 0x3000; c = text.charCodeAt(++p));
  return p;
}

/** End of the run of Arabic digits, or else of Chinese numeral characters, starting at `position`. */
function numeralEnd(text: string, position: number): number {
  let p = position;
  if (isArabicDigit(text.charCodeAt(p))) {
    while (isArabicDigit(text.charCodeAt(p))) p++;
  } else {
    while (CHINESE_NUMERAL_CODES.has(text.charCodeAt(p))) p++;
  }
  return p;
}

/**
 * One step (第十三条, 第（二）项, 第十条之一) starting exactly at `position`. A hand-written scanner rather than a
 * pattern: it runs after every title of every paper, and allocates nothing when no step is there.
 */
function scanStep(text: string, position: number): ReferenceStep | undefined {
  if (text.charCodeAt(position) !== 0x7b2c /* 第 */) return undefined;
  let p = skipSpaces(text, position + 1);
  const open = text.charCodeAt(p);
  const parenthesized = open === 0xff08 || open === 0x28;
  if (parenthesized) p = skipSpaces(text, p + 1);
  const numberStart = p;
  const numberEnd = numeralEnd(text, p);
  if (numberEnd === numberStart) return undefined;
  p = numberEnd;
  if (parenthesized) {
    p = skipSpaces(text, p);
    const close = text.charCodeAt(p);
    if (close !== 0xff09 && close !== 0x29) return undefined;
    p = skipSpaces(text, p + 1);
  } else {
    p = skipSpaces(text, p);
  }
  let unit = STEP_UNITS.get(text.charCodeAt(p));
  if (unit) p++;
  else if (text.startsWith('部分', p)) {
    unit = '部分';
    p += 2;
  } else return undefined;
  const written = text.slice(numberStart, numberEnd);
  const number = parseNumeral(written);
  if (number === undefined || number === 0) return undefined;
  const step: ReferenceStep = { unit, number, parenthesized, numerals: numeralsOf(written), start: position, end: p, numberStart, numberEnd };
  // 第十条之一
  const zhi = skipSpaces(text, p);
  if (text.charCodeAt(zhi) === 0x4e4b /* 之 */) {
    const subStart = skipSpaces(text, zhi + 1);
    const subEnd = numeralEnd(text, subStart);
    if (subEnd > subStart) {
      step.sub = parseNumeral(text.slice(subStart, subEnd));
      step.end = subEnd;
    }
  }
  return step;
}

/** One reference (第十三条第一款第二项) starting exactly at `position`; undefined when none starts there. */
function parseReference(text: string, position: number): ArticleReference | undefined {
  // Most titles are followed by prose: rule that out before running any pattern.
  const first = text.charCodeAt(position);
  if (first !== 0x7b2c /* 第 */ && first !== 0xff08 /* （ */ && first !== 0x28 /* ( */ && first !== 0x9644 /* 附 */) return undefined;
  const steps: ReferenceStep[] = [];
  let p = position;
  for (;;) {
    const step = scanStep(text, p);
    if (step) {
      steps.push(step);
      p = step.end!;
      continue;
    }
    // （三） directly after a 条/部分 step or at the start: an item written without 第…项.
    BARE_ITEM.lastIndex = p;
    let match = BARE_ITEM.exec(text);
    if (match && (steps.length === 0 || ['条', '部分', '点'].includes(steps[steps.length - 1].unit))) {
      const number = parseNumeral(match[1])!;
      steps.push({ unit: '项', number, parenthesized: true, numerals: 'chinese', start: match.index, end: match.index + match[0].length, numberStart: match.index + 1, numberEnd: match.index + 1 + match[1].length });
      p = match.index + match[0].length;
      continue;
    }
    if (steps.length === 0) {
      ANNEX.lastIndex = p;
      match = ANNEX.exec(text);
      if (match) {
        const number = parseNumeral(match[1]);
        if (number !== undefined && number > 0) {
          const numberStart = match.index + match[0].length - match[1].length;
          steps.push({ unit: '附件', number, parenthesized: false, numerals: numeralsOf(match[1]), start: match.index, end: match.index + match[0].length, numberStart, numberEnd: match.index + match[0].length });
          p = match.index + match[0].length;
        }
      }
    }
    break;
  }
  if (steps.length === 0) return undefined;
  return { start: position, end: p, text: text.slice(position, p), steps };
}

/** References right after a title: 第十三条、第十四条; 第二十一条至第二十五条; 第一款、第二款 (inherits 条). */
export function parseReferences(text: string, position: number): ArticleReference[] {
  let reference = parseReference(text, position);
  if (!reference) return NO_REFERENCES;
  const references: ArticleReference[] = [];
  let rangeNext = false;
  for (;;) {
    if (rangeNext) reference.rangeEnd = true;
    const previous = references[references.length - 1];
    if (previous) inheritPrefix(previous, reference);
    references.push(reference);
    SEPARATOR.lastIndex = reference.end;
    const separator = SEPARATOR.exec(text);
    if (!separator) break;
    // Only continue when another reference follows the separator.
    const next = separator.index + separator[0].length;
    if (!(text.startsWith('第', next) || text.startsWith('附件', next))) break;
    rangeNext = /至|到|—|－|-|~|～/.test(separator[1]);
    reference = parseReference(text, next);
    if (!reference) break;
  }
  return references;
}

/** 第十三条第一款、第二款: the second reference is 第十三条第二款. */
function inheritPrefix(previous: ArticleReference, reference: ArticleReference): void {
  const firstRank = UNIT_RANK[reference.steps[0].unit];
  const prefix = previous.steps.filter((s) => UNIT_RANK[s.unit] < firstRank);
  if (prefix.length > 0) reference.steps = [...prefix.map((s) => ({ ...s, start: undefined, end: undefined, numberStart: undefined, numberEnd: undefined })), ...reference.steps];
}

// ---------------------------------------------------------------------------------------------------------
// 文号

const YEAR_BRACKET = /[〔\[［(（【〖][ \t\u3000]*(?:[0-9０-９]{4}|[0-9０-９]{2})[ \t\u3000]*[〕\]］)）】〗][ \t\u3000]*第?[ \t\u3000]*[0-9０-９]{1,5}[ \t\u3000]*号/g;
/** Characters that cannot be part of an issuer code, so the walk back stops before them. */
const ISSUER_STOP = new Set([...'的是在见据照即如和及与或以由对将把了等号之于为经按向从被给让其该此文第条款项年月日期《》（）()〔〕[]［］，。、；：！？“”‘’「」 \t\n\r\u3000'].map((c) => c.charCodeAt(0)));
const INTRODUCING_VERBS = /印发|发布|下发|出台|公布|参见|依据|根据|按照|依照|详见|转发/;
const INTRODUCING_VERBS_GLOBAL = new RegExp(INTRODUCING_VERBS.source, 'g');
const MAX_ISSUER = 10;

function findDocNumbers(text: string, excluded: ExcludedRegions): DocNumberCitation[] {
  const out: DocNumberCitation[] = [];
  if (!/[〔\[［(（【〖]/.test(text)) return out;
  YEAR_BRACKET.lastIndex = 0;
  for (let match = YEAR_BRACKET.exec(text); match; match = YEAR_BRACKET.exec(text)) {
    const bracket = match.index;
    if (excluded.contains(bracket)) continue;
    let start = bracket;
    while (start > 0 && bracket - start < MAX_ISSUER && !ISSUER_STOP.has(text.charCodeAt(start - 1)) && isIssuerChar(text.charCodeAt(start - 1))) start--;
    let issuer = text.slice(start, bracket);
    // The code begins after the last verb in front of it: 人力资源社会保障部印发人社部发〔2021〕56号.
    let cut = -1;
    for (const verb of INTRODUCING_VERBS.exec(issuer) ? issuer.matchAll(INTRODUCING_VERBS_GLOBAL) : []) cut = verb.index! + verb[0].length;
    if (cut > 0 && cut < issuer.length) {
      issuer = issuer.slice(cut);
      start += cut;
    }
    if (issuer.length === 0) continue;
    const end = bracket + match[0].length;
    const written = text.slice(start, end);
    const parsed = parseDocNumber(written);
    if (!parsed) continue;
    out.push({ kind: 'docNumber', start, end, text: written, bracketStart: bracket, parsed });
  }
  return out;
}

function isIssuerChar(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

// ---------------------------------------------------------------------------------------------------------
// Journal citations

const JOURNAL_SEPARATOR = /^[ \t\u3000]*([，,。．.]?)[ \t\u3000]*(载于|载)?[ \t\u3000]*$/;
const YEAR_ISSUE = /^[ \t\u3000]*(\d{4})[ \t\u3000]*年[ \t\u3000]*第?[ \t\u3000]*(\d{1,2})[ \t\u3000]*期/;

function findJournals(text: string, titles: TitleCitation[]): JournalCitation[] {
  const journals: JournalCitation[] = [];
  for (let i = 0; i + 1 < titles.length; i++) {
    const article = titles[i];
    const journal = titles[i + 1];
    if (journal.start - article.end > 8) continue;
    const between = text.slice(article.end, journal.start);
    const separator = JOURNAL_SEPARATOR.exec(between);
    if (!separator) continue;
    const tail = YEAR_ISSUE.exec(text.slice(journal.end, journal.end + 20));
    if (!tail) continue;
    const yearStart = journal.end + tail[0].indexOf(tail[1]);
    const issueStart = journal.end + tail[0].lastIndexOf(tail[2]);
    let end = journal.end + tail[0].length;
    const page = /^[ \t\u3000]*[，,][ \t\u3000]*第[ \t\u3000]*\d+(?:[-—–~～]\d+)?[ \t\u3000]*页/.exec(text.slice(end, end + 20));
    if (page) end += page[0].length;
    const zaiIndex = separator[2] ? between.indexOf(separator[2]) : -1;
    article.journalRole = 'article';
    journal.journalRole = 'journal';
    article.references = NO_REFERENCES;
    journal.references = NO_REFERENCES;
    const citation: JournalCitation = {
      kind: 'journal',
      start: article.start,
      end,
      authors: [],
      title: article,
      journal,
      ...(zaiIndex >= 0 ? { zai: { start: article.end + zaiIndex, end: article.end + zaiIndex + separator[2].length, text: separator[2] } } : {}),
      year: { start: yearStart, end: yearStart + tail[1].length, text: tail[1], value: Number(tail[1]) },
      issue: { start: issueStart, end: issueStart + tail[2].length, text: tail[2], value: Number(tail[2]) },
      separator: { start: article.end, end: journal.start, text: between },
    };
    const authors = authorsBefore(text, article.start);
    if (authors.length > 0) {
      citation.authors = authors;
      citation.start = authors[0].start;
    }
    journals.push(citation);
    i++;
  }
  return journals;
}

const INLINE_SPACE = new Set([0x20, 0x09, 0x3000]);
/** Characters that end the walk back from the colon to the first author. */
const AUTHOR_STOP = new Set([...'。；;！？\n\r（(《》“”'].map((c) => c.charCodeAt(0)));

/** “张金平：《…》” → 张金平; “王静、张红：” → 王静, 张红. Nothing unless a colon sits right before the title. */
function authorsBefore(text: string, titleStart: number): TextSpan[] {
  let p = titleStart;
  while (p > 0 && INLINE_SPACE.has(text.charCodeAt(p - 1))) p--;
  if (p === 0 || (text.charCodeAt(p - 1) !== 0xff1a && text.charCodeAt(p - 1) !== 0x3a)) return [];
  const colon = p - 1;
  let start = colon;
  while (start > 0 && colon - start < 40 && !AUTHOR_STOP.has(text.charCodeAt(start - 1)) && !(text[start - 1] === ':' && text[start - 2] === ']')) start--;
  // Skip a footnote label "[^3]: " and leading space.
  const segment = text.slice(start, colon);
  const leading = /^(\[\^[^\]]+\]:)?[ \t\u3000]*(参见|见)?[ \t\u3000]*/.exec(segment)![0].length;
  const names: TextSpan[] = [];
  let offset = start + leading;
  for (const part of text.slice(start + leading, colon).split(/([、，,]|和|与)/)) {
    if (part.length > 0 && !/^([、，,]|和|与)$/.test(part)) {
      const trimmed = part.trim();
      if (trimmed.length > 0) {
        const at = offset + part.indexOf(trimmed);
        names.push({ start: at, end: at + trimmed.length, text: trimmed });
      }
    }
    offset += part.length;
  }
  return names.filter((n) => n.text.length <= 30);
}

// ---------------------------------------------------------------------------------------------------------
// Footnotes

function findFootnotes(text: string, excluded: ExcludedRegions): { refs: FootnoteReference[]; defs: FootnoteDefinition[] } {
  const refs: FootnoteReference[] = [];
  const defs: FootnoteDefinition[] = [];
  if (!text.includes('[^')) return { refs, defs };
  for (const match of text.matchAll(/\[\^([^\]\s]{1,40})\]/g)) {
    const start = match.index!;
    if (excluded.contains(start)) continue;
    const end = start + match[0].length;
    if (text.charCodeAt(end) === 0x3a /* : */ && atLineStart(text, start)) {
      const contentStart = end + 1;
      defs.push({ kind: 'footnoteDef', start, end, label: match[1], contentStart, contentEnd: definitionEnd(text, contentStart) });
    } else {
      refs.push({ kind: 'footnoteRef', start, end, label: match[1] });
    }
  }
  return { refs, defs };
}

/** True when only up to three spaces stand between the line's start and `position`. */
function atLineStart(text: string, position: number): boolean {
  let p = position;
  while (p > 0 && position - p < 3 && text.charCodeAt(p - 1) === 0x20) p--;
  return p === 0 || text.charCodeAt(p - 1) === 10 || text.charCodeAt(p - 1) === 13;
}

/** A footnote definition runs to the next blank line or the next definition. */
function definitionEnd(text: string, from: number): number {
  const pattern = /\r?\n[ \t]*\r?\n|\r?\n\[\^[^\]\s]+\]:/g;
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? match.index : text.length;
}
