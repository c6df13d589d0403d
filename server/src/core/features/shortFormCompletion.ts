/**
 * Completion inside a footnote: at the start of a note (or after 同 / 同上 / 同前), the short forms that are right
 * there — 同上注 when the note before cites one work, 同前注〔n〕 for a work an earlier note cited first — each
 * with the work it stands for, so the writer picks the work, not the number.
 */
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { CompletionContext, KIND_REFERENCE, rangeBack, sortText } from './completionContext';
import { WorksByNote, supraNaming } from './footnoteInsert';
import { footnoteContaining } from '../paper/paperIndex';
import { t } from '../text/messages';
import type { Corpus, CorpusItem } from '../corpus/corpus';
import type { EntryType } from '../corpus/search';

/** What may be typed of a short form before its completion is offered. */
const STARTED = /^(?:同(?:上注?|前注?)?)?$/;
/** Earlier works offered as 同前注〔n〕, the latest first. */
const MAX_SUPRA = 12;

export function completeShortForm(context: CompletionContext): CompletionList | undefined {
  const { corpus, paper, offset, settings } = context;
  const { parsed } = paper;
  const def = footnoteContaining(parsed, Math.max(0, offset - 1)) ?? footnoteContaining(parsed, offset);
  if (!def || offset < def.contentStart) return undefined;
  const typed = parsed.text.slice(def.contentStart, offset).replace(/^[ \t\u3000]+/, '');
  if (!STARTED.test(typed)) return undefined;
  const order = parsed.footnoteOrder;
  const at = order.indexOf(def.label);
  if (at <= 0) return undefined;
  const works = new WorksByNote(corpus, paper);
  const items: CompletionItem[] = [];
  const item = (label: string, detail: string, newText: string) => items.push({
    label, kind: KIND_REFERENCE, detail, textEdit: { range: rangeBack(context, typed.length), newText }, filterText: newText, sortText: sortText(items.length),
  });
  const previous = works.following(order[at - 1]);
  if (previous.size === 1) {
    const work = itemOf(corpus, [...previous][0]);
    if (work) item('同上注', t(settings.locale, 'completion.ibid', { n: at, title: work.item.title }), '同上注。');
  }
  // Each work once, at the note that cited it first; the latest works first.
  const firstNote = new Map<string, number>();
  for (let n = 0; n < at; n++) for (const key of works.direct(order[n])) if (!firstNote.has(key)) firstNote.set(key, n + 1);
  const supra = [...firstNote].filter(([, n]) => !(n === at && previous.size === 1)).sort((a, b) => b[1] - a[1]).slice(0, MAX_SUPRA);
  for (const [key, n] of supra) {
    const work = itemOf(corpus, key);
    if (!work) continue;
    const text = `同前注〔${n}〕${supraNaming(work)}。`;
    item(text.slice(0, -1), t(settings.locale, 'completion.supra', { n, title: work.item.title }), text);
  }
  return items.length > 0 ? { isIncomplete: false, items } : undefined;
}

/** The item a `type:id` key of WorksByNote names. */
function itemOf(corpus: Corpus, key: string): CorpusItem | undefined {
  const colon = key.indexOf(':');
  return corpus.item({ type: key.slice(0, colon) as EntryType, id: key.slice(colon + 1) });
}
