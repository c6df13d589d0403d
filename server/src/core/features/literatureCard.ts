/**
 * The hover and completion card of a work from the user's bibliography: its footnote in the house style, what
 * kind of work it is, its citation key, pages and abstract, and where the bibliography records it.
 */
import type { BibRecord, LiteratureWork } from '../corpus/model';
import { escapeMarkdown as escape } from '../text/escape';
import { Locale, t } from '../text/messages';
import { formatLiteratureReference } from '../text/references';
import { HOUSE_STYLES, HouseStyle } from '../text/styles';

const SUMMARY_LENGTH = 400;

export function literatureCard(record: BibRecord, work: LiteratureWork, locale: Locale, style: HouseStyle = HOUSE_STYLES['法学引注手册']): string {
  const facts = [t(locale, `literature.kind.${work.type}`), `@${work.key}`];
  if (work.pages) facts.push(t(locale, 'literature.pages', { pages: work.pages }));
  const lines = [`**${escape(formatLiteratureReference(record, work, style))}**`, '', facts.map(escape).join(' · ')];
  if (record.summary) lines.push('', `> ${escape(record.summary.length > SUMMARY_LENGTH ? record.summary.slice(0, SUMMARY_LENGTH) + '……' : record.summary)}`);
  const file = record.location.file.split(/[\\/]/).pop() ?? record.location.file;
  lines.push('', escape(t(locale, 'literature.source', { file, line: record.location.lines[0] })));
  return lines.join('\n');
}
