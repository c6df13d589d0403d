/**
 * Finds citations in a Markdown paper: titles in 《》 with what follows them (version tag, 文号, short-name
 * definition, article references), free-standing 文号, journal citations (作者：《题名》，载《期刊》2025年第4期)
 * and footnote references/definitions. Offsets are UTF-16 string indices, i.e. LSP character offsets; a block
 * parsed on its own is given its origin, and its objects read as positions in the paper (located.ts).
 *
 * Pure and corpus-independent: it reports what is written; the resolver decides what it means.
 * Code, URLs, front matter and HTML comments are skipped (see markdown.ts).
 */
import { findAnaphora } from './anaphora';
import { findCaseNumbers } from './caseNumbers';
import type { DocNumberCitation, ParsedPaper, TitleCitation } from './citationTypes';
import { isForeignJurisdiction, jurisdictionBeforeTitle } from '../corpus/jurisdictions';
import { findDocNumbers } from './docNumbers';
import { findFootnotes, footnoteLabelsInOrder } from './footnotes';
import { findJournals } from './journals';
import { findPandocCitations } from './pandocCitations';
import { isWhitespace, skipInlineSpaceBack } from './characters';
import { BlockOrigin, LocatedJurisdiction, LocatedText, LocatedTitle, NOTHING_FOUND } from './located';
import { Exclusions, findExcludedRegions } from './markdown';
import { firstStartingAtOrAfter } from '../util/binarySearch';
import { findQuotations } from './quotes';
import { NO_REFERENCES, parseReferences } from './references';
import { findShortForms } from './shortForms';

export type {
  AnaphoricCitation, ArticleReference, CaseNumber, DocNumberCitation, FootnoteDefinition, FootnoteReference, JournalCitation, PandocCitation, ParsedPaper, RefUnit, ReferenceStep, TextSpan, TitleCitation,
} from './citationTypes';
export { footnoteLabelsInOrder } from './footnotes';
export { parseReferences } from './references';

/** Longest title we look for; protects against an unclosed 《 swallowing a paragraph. */
const MAX_TITLE = 150;

/** The citations of `text`; `origin` is where the text starts in its paper, zero while it is parsed. */
export function parsePaper(text: string, origin = new BlockOrigin()): ParsedPaper {
  const excluded = findExcludedRegions(text);
  const docNumbers = findDocNumbers(text, excluded, origin);
  const titles = findTitles(text, excluded, docNumbers, origin);
  const journals = findJournals(text, titles, origin);
  const { refs, defs } = findFootnotes(text, excluded, origin);
  const footnoteOrder = footnoteLabelsInOrder(refs, defs);
  const quotations = text.includes('“') || text.includes('‘') || text.includes('「') || text.includes('"') ? findQuotations(text, excluded, titles, origin) : NONE;
  const shortForms = defs.length > 0 ? findShortForms(text, defs, origin) : NONE;
  const anaphora = findAnaphora(text, excluded, titles, origin);
  const pandocCitations = findPandocCitations(text, excluded, origin);
  const parsed: ParsedPaper = {
    text, titles: kept(titles), docNumbers: kept(docNumbers), journals: kept(journals), footnoteRefs: kept(refs), footnoteDefs: kept(defs), footnoteOrder: kept(footnoteOrder),
    quotations: kept(quotations), shortForms: kept(shortForms), anaphora: kept(anaphora), caseNumbers: kept(findCaseNumbers(text, excluded, origin)), excluded,
  };
  // Set only when there are some (a spread of a conditional literal would copy the object for every paragraph).
  if (pandocCitations.length > 0) parsed.pandocCitations = pandocCitations;
  return parsed;
}

/** Shared by every parse without citations of a kind (most paragraphs have none of most kinds); never written to. */
const NONE = NOTHING_FOUND;

/**
 * A list as the parse keeps it: a paragraph's parse lives as long as its document is open, and most lists are
 * empty or short, while a list grown by push has room for 17 or more. Empty lists are one shared list, short
 * ones are copied to exactly their length; a long list (a paper parsed whole) has at most a third to spare.
 */
function kept<T>(list: T[]): T[] {
  return list.length === 0 ? NONE : list.length <= SHORT_LIST ? list.slice() : list;
}
const SHORT_LIST = 32;

// ---------------------------------------------------------------------------------------------------------
// Titles

function findTitles(text: string, excluded: Exclusions, docNumbers: DocNumberCitation[], origin: BlockOrigin): TitleCitation[] {
  let from = text.indexOf('《');
  if (from < 0) return NONE;
  const titles: TitleCitation[] = [];
  for (;;) {
    const open = text.indexOf('《', from);
    if (open < 0) break;
    from = open + 1;
    if (excluded.contains(open)) continue;
    const close = matchingClose(text, open);
    if (close < 0) continue;
    const raw = text.slice(open + 1, close);
    const inside = scanTitle(text, open + 1, close);
    const title = (inside & HAS_SPACE) !== 0 ? raw.replace(ALL_SPACES, '') : raw;
    if (title.length === 0) continue;
    const citation = new LocatedTitle(origin, open, close + 1, title, NO_REFERENCES);
    const written = jurisdictionBeforeTitle(text, open);
    if (written) citation.jurisdiction = new LocatedJurisdiction(origin, written.start, written.end, written.text, isForeignJurisdiction(written.text));
    else {
      const shared = listJurisdiction(text, open, titles[titles.length - 1]);
      if (shared) citation.jurisdiction = shared;
    }
    if (((inside & HAS_JI) !== 0 && title.includes('技术') && STANDARD_DOMAIN.test(raw)) || (digitBeforeTitle(text, open) && STANDARD_NUMBER_BEFORE.test(text.slice(Math.max(0, open - 30), open)))) citation.standard = true;
    let position = parseTrailingGroups(text, close + 1, citation, docNumbers, origin);
    position = skipInlineSpace(text, position);
    citation.references = parseReferences(text, position, origin);
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

/** What STANDARD_NUMBER_BEFORE needs at least, tested first: a digit before the 《, then spaces and 的 at most. */
function digitBeforeTitle(text: string, open: number): boolean {
  let p = skipInlineSpaceBack(text, open);
  if (text.charCodeAt(p - 1) === 0x7684 /* 的 */) p = skipInlineSpaceBack(text, p - 1);
  const code = text.charCodeAt(p - 1);
  return code >= 0x30 && code <= 0x39;
}

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

/** Titles broken across lines or spaced out are read without the breaks and spaces. */
const ALL_SPACES = /[\s\u200b-\u200d\u2060\ufeff]+/g;

/**
 * What [start, end) holds, in one pass: HAS_SPACE, a character of ALL_SPACES (JavaScript's \s, zero-width spaces,
 * word joiner); HAS_JI, a 技 (without one the title cannot contain 技术).
 */
function scanTitle(text: string, start: number, end: number): number {
  let found = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3001 ? isWhitespace(c) || (c >= 0x200b && c <= 0x200d) || c === 0x2060 : c === 0xfeff) found |= HAS_SPACE;
    else if (c === 0x6280 /* 技 */) found |= HAS_JI;
  }
  return found;
}
const HAS_SPACE = 1;
const HAS_JI = 2;

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
function parseTrailingGroups(text: string, position: number, citation: TitleCitation, docNumbers: DocNumberCitation[], origin: BlockOrigin): number {
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
    const number = docNumberWithin(docNumbers, q, close);
    // Each pattern is run only on a group holding the character it cannot match without.
    const holds = groupCharacters(text, q + 1, close);
    if (!number && holds === 0) break;
    const inner = text.slice(q + 1, close);
    const shortName = (holds & HOLDS_CHENG) !== 0 ? SHORT_NAME.exec(inner) : null;
    const tag = (holds & HOLDS_TAG_CHARACTER) !== 0 && VERSION_TAG.test(inner.trim());
    const standard = (holds & HOLDS_GB) !== 0 && STANDARD_NUMBER.test(inner);
    if (!number && !shortName && !tag && !standard) break;
    if (standard) citation.standard = true;
    if (number) citation.docNumber = number;
    if (tag) citation.versionTag = new LocatedText(origin, q + 1, close, inner.trim());
    if (shortName) {
      const name = shortName[1] ?? shortName[2];
      const start = q + 1 + shortName.index! + shortName[0].length - name.length - 1;
      citation.shortName = new LocatedText(origin, start, start + name.length, name);
    }
    p = close + 1;
  }
  return p;
}

/**
 * Which characters [start, end) holds that the group patterns need: 称 (SHORT_NAME), 年 or 修 (VERSION_TAG),
 * GB (STANDARD_NUMBER).
 */
function groupCharacters(text: string, start: number, end: number): number {
  let holds = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x79f0 /* 称 */) holds |= HOLDS_CHENG;
    else if (c === 0x5e74 /* 年 */ || c === 0x4fee /* 修 */) holds |= HOLDS_TAG_CHARACTER;
    else if (c === 0x47 /* G */ && text.charCodeAt(i + 1) === 0x42 /* B */ && i + 1 < end) holds |= HOLDS_GB;
  }
  return holds;
}
const HOLDS_CHENG = 1;
const HOLDS_TAG_CHARACTER = 2;
const HOLDS_GB = 4;

/** The 文号 lying inside (open, close), by binary search over the 文号 sorted by offset. */
function docNumberWithin(docNumbers: DocNumberCitation[], open: number, close: number): DocNumberCitation | undefined {
  const candidate = docNumbers[firstStartingAtOrAfter(docNumbers, open + 1)];
  return candidate && candidate.end <= close ? candidate : undefined;
}

