/**
 * Pandoc citations in the editor: the hover of `[@key]` (the work's footnote and record, or why the key is
 * unknown) and the completion of keys after `@`, from the user's bibliographies.
 */
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';
import type { Corpus } from '../corpus/corpus';
import type { BibRecord } from '../corpus/model';
import type { PandocCitation } from '../paper/pandocCitations';
import type { LexciteSettings } from '../settings';
import type { HouseStyle } from '../text/styles';
import { markdownMessage } from '../text/escape';
import type { Locale } from '../text/messages';
import { formatLiteratureReference } from '../text/references';
import { closestKeys } from '../checks/pandoc';
import { literatureCard } from './literatureCard';

/** The work's footnote in the paper's house style and its record, or why the key is unknown. */
export function pandocHover(corpus: Corpus, citation: PandocCitation, locale: Locale, style: HouseStyle): string {
  const record = corpus.recordForKey(citation.key);
  if (record?.work) return literatureCard(record, record.work, locale, style);
  const closest = corpus.hasLiterature ? closestKeys(corpus, citation.key) : [];
  return markdownMessage(locale, 'pandoc.unknown-key', { key: citation.key }) + (closest.length ? markdownMessage(locale, 'pandoc.unknown-key.closest', { keys: closest.map((k) => `@${k}`).join(', ') }) : '');
}

/** `@` at the start of a citation item: after a space, [, ; or - (pandoc ignores an @ after a letter or digit). */
const KEY_BEFORE = /(?:^|[\s[;\-])@(\{[^{}\n]*|[\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;
const LIMIT = 50;

/** Keys of the user's bibliographies, best first: key prefix, then key, title or author containing what was typed. */
export function completePandocKey(corpus: Corpus, before: string, settings: LexciteSettings, rangeBack: (length: number) => Range): CompletionList | undefined {
  if (!corpus.hasLiterature) return undefined;
  const match = KEY_BEFORE.exec(before);
  if (!match) return undefined;
  const typed = match[1].replace(/^\{/, '');
  const query = typed.toLowerCase();
  const ranked: { record: BibRecord; rank: number }[] = [];
  for (const record of corpus.records) {
    const key = record.work?.key;
    if (key === undefined) continue;
    const lower = key.toLowerCase();
    const rank = lower.startsWith(query) ? 0 : lower.includes(query) ? 1 : record.title.includes(typed) || record.authors.some((a) => a.includes(typed)) ? 2 : -1;
    if (rank >= 0) ranked.push({ record, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.record.work!.key.localeCompare(b.record.work!.key));
  const items = ranked.slice(0, LIMIT).map(({ record }, i): CompletionItem => {
    const key = record.work!.key;
    return {
      label: key,
      kind: 18,
      detail: formatLiteratureReference(record, record.work!, settings.style),
      documentation: { kind: 'markdown', value: literatureCard(record, record.work!, settings.locale, settings.style) },
      // A key pandoc cannot read bare (a Zotero URL, spaces) is written in braces.
      textEdit: { range: rangeBack(match[1].length), newText: /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*$/u.test(key) ? key : `{${key}}` },
      filterText: `${typed}${key}${record.title}${record.authors.join('')}`,
      sortText: String(i).padStart(4, '0'),
    };
  });
  return { isIncomplete: true, items };
}
