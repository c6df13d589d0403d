/** Journal citations: 作者：《题名》，载《期刊》2025年第4期，第5页. */
import type { JournalCitation, TextSpan, TitleCitation } from './citationTypes';
import { BlockOrigin, LocatedJournal, LocatedText, LocatedValue } from './located';
import { NO_REFERENCES } from './references';

const JOURNAL_SEPARATOR = /^[ \t\u3000]*([，,。．.]?)[ \t\u3000]*(载于|载)?[ \t\u3000]*$/;
const YEAR_ISSUE = /^[ \t\u3000]*(\d{4})[ \t\u3000]*年[ \t\u3000]*第?[ \t\u3000]*(\d{1,2})[ \t\u3000]*期/;

export function findJournals(text: string, titles: TitleCitation[], origin: BlockOrigin): JournalCitation[] {
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
    const citation = new LocatedJournal(
      origin, article.start, end, article, journal,
      new LocatedValue(origin, yearStart, yearStart + tail[1].length, tail[1], Number(tail[1])),
      new LocatedValue(origin, issueStart, issueStart + tail[2].length, tail[2], Number(tail[2])),
      new LocatedText(origin, article.end, journal.start, between),
    );
    if (zaiIndex >= 0) citation.zai = new LocatedText(origin, article.end + zaiIndex, article.end + zaiIndex + separator[2].length, separator[2]);
    const authors = authorsBefore(text, article.start, origin);
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
function authorsBefore(text: string, titleStart: number, origin: BlockOrigin): TextSpan[] {
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
        names.push(new LocatedText(origin, at, at + trimmed.length, trimmed));
      }
    }
    offset += part.length;
  }
  return names.filter((n) => n.text.length <= 30);
}
