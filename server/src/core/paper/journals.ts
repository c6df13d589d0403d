/** Journal citations: 作者：《题名》，载《期刊》2025年第4期，第5页. */
import type { JournalCitation, TextSpan, TitleCitation } from './citationTypes';
import { isInlineSpace, isWhitespace, skipInlineSpaceBack } from './characters';
import { BlockOrigin, LocatedJournal, LocatedText, NO_AUTHORS, NOTHING_FOUND } from './located';
import { NO_REFERENCES } from './references';

/**
 * What the scanners below found, as offsets into the text: one record, reused (a journal citation is read
 * without a match array or a string cut out for each part).
 */
const found = { zai: -1, zaiLength: 0, yearStart: 0, issueStart: 0, issueEnd: 0, end: 0 };

export function findJournals(text: string, titles: TitleCitation[], origin: BlockOrigin): JournalCitation[] {
  if (titles.length < 2) return NOTHING_FOUND;
  const journals: JournalCitation[] = [];
  for (let i = 0; i + 1 < titles.length; i++) {
    const article = titles[i];
    const journal = titles[i + 1];
    const articleEnd = article.end;
    const journalStart = journal.start;
    if (journalStart - articleEnd > 8 || !readSeparator(text, articleEnd, journalStart)) continue;
    const journalEnd = journal.end;
    if (!readYearAndIssue(text, journalEnd, Math.min(text.length, journalEnd + 20))) continue;
    const { yearStart, issueStart, issueEnd, zai, zaiLength } = found;
    const end = pageEnd(text, found.end, Math.min(text.length, found.end + 20));
    article.journalRole = 'article';
    journal.journalRole = 'journal';
    article.references = NO_REFERENCES;
    journal.references = NO_REFERENCES;
    const citation = new JournalWithAuthors(origin, article.start, end, article, journal, text, {
      yearStart, issueStart, issueEnd, zaiStart: zai, zaiLength,
    });
    const firstAuthor = authorNames(text, article.start, undefined);
    if (firstAuthor >= 0) citation.start = firstAuthor;
    journals.push(citation);
    i++;
  }
  return journals;
}

/** Between the two titles, the whole of [start, end): [ \t\u3000]*([，,。．.]?)[ \t\u3000]*(载于|载)?[ \t\u3000]*; sets found.zai. */
function readSeparator(text: string, start: number, end: number): boolean {
  let p = skipInlineSpace(text, start, end);
  const mark = text.charCodeAt(p);
  if (p < end && (mark === 0xff0c || mark === 0x2c || mark === 0x3002 || mark === 0xff0e || mark === 0x2e)) p = skipInlineSpace(text, p + 1, end);
  found.zai = -1;
  found.zaiLength = 0;
  if (p < end && text.charCodeAt(p) === 0x8f7d /* 载 */) {
    found.zai = p;
    found.zaiLength = p + 1 < end && text.charCodeAt(p + 1) === 0x4e8e /* 于 */ ? 2 : 1;
    p = skipInlineSpace(text, p + found.zaiLength, end);
  }
  return p === end;
}

/** After the journal's title, within [start, limit): [ \t\u3000]*(\d{4})[ \t\u3000]*年[ \t\u3000]*第?[ \t\u3000]*(\d{1,2})[ \t\u3000]*期. */
function readYearAndIssue(text: string, start: number, limit: number): boolean {
  let p = skipInlineSpace(text, start, limit);
  found.yearStart = p;
  if (digitsEnd(text, p, Math.min(limit, p + 4)) !== p + 4) return false;
  p = skipInlineSpace(text, p + 4, limit);
  if (p >= limit || text.charCodeAt(p) !== 0x5e74 /* 年 */) return false;
  p = skipInlineSpace(text, p + 1, limit);
  if (p < limit && text.charCodeAt(p) === 0x7b2c /* 第 */) p = skipInlineSpace(text, p + 1, limit);
  found.issueStart = p;
  found.issueEnd = p = digitsEnd(text, p, Math.min(limit, p + 2));
  if (found.issueEnd === found.issueStart) return false;
  p = skipInlineSpace(text, p, limit);
  if (p >= limit || text.charCodeAt(p) !== 0x671f /* 期 */) return false;
  found.end = p + 1;
  return true;
}

/** The end of ，第5页 or ，第5-9页 written within [start, limit), else `start`. */
function pageEnd(text: string, start: number, limit: number): number {
  let p = skipInlineSpace(text, start, limit);
  const comma = text.charCodeAt(p);
  if (p >= limit || (comma !== 0xff0c && comma !== 0x2c)) return start;
  p = skipInlineSpace(text, p + 1, limit);
  if (p >= limit || text.charCodeAt(p) !== 0x7b2c /* 第 */) return start;
  p = skipInlineSpace(text, p + 1, limit);
  const first = digitsEnd(text, p, limit);
  if (first === p) return start;
  p = first;
  if (p < limit && RANGE_DASHES.has(text.charCodeAt(p))) {
    const second = digitsEnd(text, p + 1, limit);
    if (second > p + 1) p = second;
  }
  p = skipInlineSpace(text, p, limit);
  return p < limit && text.charCodeAt(p) === 0x9875 /* 页 */ ? p + 1 : start;
}
const RANGE_DASHES = new Set([...'-—–~～'].map((c) => c.charCodeAt(0)));

/** The end of the run of ASCII digits (\d) from `start`, stopping at `limit`. */
function digitsEnd(text: string, start: number, limit: number): number {
  let p = start;
  while (p < limit && text.charCodeAt(p) >= 0x30 && text.charCodeAt(p) <= 0x39) p++;
  return p;
}

/** Characters that end the walk back from the colon to the first author. */
const AUTHOR_STOP = new Set([...'。；;！？\n\r（(《》“”'].map((c) => c.charCodeAt(0)));

/**
 * A journal citation whose authors are found again when read, from the text parsed (authorNames): most readers of a
 * parse never ask, and the names are an array, objects and strings per citation.
 */
class JournalWithAuthors extends LocatedJournal {
  get authors(): TextSpan[] {
    const titleStart = this.title.start - this.origin.start;
    // The citation starts at its first author, or at its title when it names none.
    if (this.start - this.origin.start === titleStart) return NO_AUTHORS;
    const names: TextSpan[] = [];
    authorNames(this.source, titleStart, (first, last) => names.push(new LocatedText(this.origin, first, last, this.source.slice(first, last))));
    return names;
  }
}

/**
 * The names before a title, “张金平：《…》” → 张金平; “王静、张红：” → 王静, 张红, each given to `each` as its offsets;
 * nothing unless a colon sits right before the title. Returns where the first name starts, -1 when there is none.
 */
function authorNames(text: string, titleStart: number, each: ((first: number, last: number) => void) | undefined): number {
  const p = skipInlineSpaceBack(text, titleStart);
  if (p === 0 || (text.charCodeAt(p - 1) !== 0xff1a && text.charCodeAt(p - 1) !== 0x3a)) return -1;
  const colon = p - 1;
  let start = colon;
  while (start > 0 && colon - start < 40 && !AUTHOR_STOP.has(text.charCodeAt(start - 1)) && !(text.charCodeAt(start - 1) === 0x3a && text.charCodeAt(start - 2) === 0x5d)) start--;
  // Skip a footnote label "[^3]: ", leading space and 参见/见.
  let namesStart = skipInlineSpace(text, footnoteLabelEnd(text, start, colon), colon);
  if (text.startsWith('参见', namesStart) && namesStart + 2 <= colon) namesStart += 2;
  else if (text.charCodeAt(namesStart) === 0x89c1 /* 见 */ && namesStart < colon) namesStart++;
  namesStart = skipInlineSpace(text, namesStart, colon);
  // The names between the separators 、，, 和 与, each without the white space around it; none longer than 30.
  let firstName = -1;
  for (let from = namesStart; from <= colon; ) {
    let to = from;
    while (to < colon && !NAME_SEPARATORS.has(text.charCodeAt(to))) to++;
    let first = from;
    let last = to;
    while (first < last && isWhitespace(text.charCodeAt(first))) first++;
    while (last > first && isWhitespace(text.charCodeAt(last - 1))) last--;
    if (last > first && last - first <= 30) {
      if (firstName < 0) firstName = first;
      if (each) each(first, last);
      else break;
    }
    from = to + 1;
  }
  return firstName;
}
const NAME_SEPARATORS = new Set([...'、，,和与'].map((c) => c.charCodeAt(0)));

/** After "[^label]:" when [start, end) opens with one, else `start`. */
function footnoteLabelEnd(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) !== 0x5b /* [ */ || text.charCodeAt(start + 1) !== 0x5e /* ^ */) return start;
  let close = start + 2;
  while (close < end && text.charCodeAt(close) !== 0x5d /* ] */) close++;
  return close > start + 2 && close + 2 <= end && text.charCodeAt(close + 1) === 0x3a /* : */ ? close + 2 : start;
}

function skipInlineSpace(text: string, position: number, end: number): number {
  let p = position;
  while (p < end && isInlineSpace(text.charCodeAt(p))) p++;
  return p;
}
