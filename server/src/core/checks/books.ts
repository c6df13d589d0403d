/**
 * Book citations against the user's bibliography: 《题名》，（译者译，）出版社YYYY年版 for a book the bibliography
 * records.
 *   paper.publisher-mismatch   the 出版社 written differs from the record's
 *   paper.year-mismatch        the year of the edition differs from the record's
 * Only for a title that names exactly one book of the bibliography and a publisher and year written right after
 * it, so what is compared is certain.
 */
import type { BibRecord } from '../corpus/model';
import type { TitleCitation } from '../paper/parser';
import { resolveTitle } from '../corpus/resolver';
import { t } from '../text/messages';
import { CheckContext, Finding, inScope } from './context';

/** ，李常青译，中国大百科全书出版社1996年版 / ，北京大学出版社2009年版 right after 》 (an edition in （） between). */
const IMPRINT = /^(?:[（(][^（）()\n]{1,12}[）)])?[ \t]*[，,][ \t]*(?:[^，,。；;\n《》]{1,40}?译[ \t]*[，,][ \t]*)?([\u4e00-\u9fff（）()·]{2,30}?出版社)[ \t]*(\d{4})[ \t]*年(?:版|第\d+版)?/d;

export function checkBookCitations(context: CheckContext): Finding[] {
  const { corpus, locale, paper } = context;
  if (!corpus.hasLiterature) return [];
  const findings: Finding[] = [];
  const text = paper.parsed.text;
  for (const title of inScope(context, paper.parsed.titles)) {
    if (title.journalRole) continue;
    const imprint = IMPRINT.exec(text.slice(title.end, title.end + 120));
    if (!imprint) continue;
    const record = bookOf(context, title);
    if (!record?.work) continue;
    const publisherStart = title.end + imprint.indices![1][0];
    const written = { publisher: imprint[1], year: Number(imprint[2]) };
    const recorded = record.work.publisher;
    if (recorded && written.publisher !== recorded) {
      findings.push({
        code: 'paper.publisher-mismatch', start: publisherStart, end: publisherStart + written.publisher.length,
        message: t(locale, 'paper.publisher-mismatch', { title: record.title, recorded, written: written.publisher }),
        fixes: [{ title: t(locale, 'fix.replace-with', { value: recorded }), start: publisherStart, end: publisherStart + written.publisher.length, newText: recorded }],
      });
    }
    if (record.year > 0 && written.year !== record.year) {
      const yearStart = title.end + imprint.indices![2][0];
      findings.push({
        code: 'paper.year-mismatch', start: yearStart, end: yearStart + 4,
        message: t(locale, 'paper.edition-year-mismatch', { title: record.title, recorded: record.year, written: written.year }),
        fixes: [{ title: t(locale, 'fix.replace-with', { value: String(record.year) }), start: yearStart, end: yearStart + 4, newText: String(record.year) }],
      });
    }
  }
  return findings;
}

/** The one book (or edited volume) of the bibliography this title names; none when it is ambiguous. */
function bookOf(context: CheckContext, title: TitleCitation): BibRecord | undefined {
  const resolution = resolveTitle(context.corpus, title.title, context.paper.scope, title);
  if (resolution.status !== 'resolved') return undefined;
  const books = resolution.entries.filter((e) => e.type === 'record').map((e) => context.corpus.record(e.id)).filter((r): r is BibRecord => r?.work?.type === 'book');
  return books.length === 1 && resolution.entries.every((e) => e.type === 'record') ? books[0] : undefined;
}
