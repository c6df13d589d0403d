/**
 * Statute versions (several dated files of one law):
 *   statute.version-unknown   （2013年修正） when the index has no version of that year
 *   statute.version-differs   an untagged 第三十七条 whose text differs between the versions a reader could
 *                             mean (网络安全法 2016 vs 2025 renumbered); fixes add the version tag
 *   statute.repealed          the law had been repealed by the paper's date (naming what replaced it, when a
 *                             text says so); only a hint when the collection marks it repealed but no text says when
 *   statute.not-yet-in-force  the law had not even been adopted by the paper's date (one adopted but not yet in
 *                             force is ordinary to write about: the hover says so, no diagnostic)
 */
import { resolveReference, stepsKey } from '../corpus/resolver';
import { versionsForTitle } from '../corpus/citationAt';
import { fullProvisionText } from '../corpus/addressing';
import { MessageKey, t } from '../text/messages';
import { normalizeForMatch } from '../text/normalize';
import { type LegalStatus, chineseDate, isVersionSet, legalStatusAt, versionName, versionsInDoubt } from '../corpus/versions';
import { provisionsUnavailable } from '../statutes/provisionSource';
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import type { ArticleReference } from '../paper/parser';
import { CheckContext, Finding, inScope } from './context';

export function checkVersions(context: CheckContext): Finding[] {
  const { corpus, paper, locale } = context;
  const findings: Finding[] = [];
  // Indexed loops: a for-of over these lists (some shared and frozen) calls the iterator and allocates a result per item.
  const titles = inScope(context, paper.parsed.titles);
  for (let i = 0; i < titles.length; i++) {
    const title = titles[i];
    if (title.journalRole) continue;
    const choice = versionsForTitle(corpus, title, paper.scope);
    if (!choice) continue;
    const { chosen } = choice;
    const date = paper.scope.date;
    const status = legalStatusAt(corpus, choice, date);
    // Writing about a law adopted but not yet in force is ordinary; citing one not yet adopted is worth a hint.
    if (status && !(status.kind === 'not-yet-in-force' && adoptedBy(chosen, date))) {
      const { key, params } = legalStatusMessage(status, chosen, date);
      const code = status.kind === 'not-yet-in-force' ? 'statute.not-yet-in-force' : 'statute.repealed';
      findings.push({ code, start: title.start, end: title.end, message: t(locale, key, params), ...(status.kind === 'marked-repealed' ? { uncertain: true } : {}) });
    }
    // One document is no set of versions (asked without making the list, as most titles name one).
    if (choice.others.length === 0 || !isVersionSet([chosen, ...choice.others])) continue;
    const all = [chosen, ...choice.others].sort((a, b) => (a.versionDate ?? '').localeCompare(b.versionDate ?? ''));
    if (choice.unmatchedTag) {
      const tag = title.versionTag!;
      findings.push({ code: 'statute.version-unknown', start: tag.start, end: tag.end, message: t(locale, 'statute.version-unknown', { title: chosen.title, tag: tag.text, versions: all.map(versionName).join('、'), chosen: versionName(chosen) }) });
      continue;
    }
    // A version whose text could not be read cannot be compared: no warning rests on it.
    if (choice.reason !== 'date' || provisionsUnavailable(chosen)) continue;
    // Only where the paper's date leaves the version in doubt: a version adopted after it cannot be meant.
    const candidates = versionsInDoubt(choice, date);
    if (candidates.length === 0) continue;
    for (let r = 0; r < title.references.length; r++) {
      const reference = title.references[r];
      const differing = candidates.filter((other) => !provisionsUnavailable(other) && textOf(corpus, other, reference) !== textOf(corpus, chosen, reference));
      if (differing.length === 0) continue;
      const insertAt = title.end;
      const fixes = [chosen, ...differing].map((doc) => ({
        title: t(locale, 'fix.insert-version', { version: versionName(doc) }), start: insertAt, end: insertAt, newText: `（${versionName(doc)}）`,
      }));
      findings.push({
        code: 'statute.version-differs', start: reference.start, end: reference.end, fixes,
        message: t(locale, 'statute.version-differs', {
          title: chosen.title, reference: reference.text, date: paper.scope.date, chosen: versionName(chosen),
          others: differing.map(versionName).join('、'),
        }),
      });
    }
  }
  return findings;
}

/** What a legal status says of the chosen version, as a message (for the diagnostic and the hover alike). */
export function legalStatusMessage(status: LegalStatus, chosen: CorpusDocument, date: string): { key: MessageKey; params: Record<string, string> } {
  const title = chosen.title;
  if (status.kind === 'repealed') return { key: 'statute.repealed.by', params: { title, date: chineseDate(status.since), by: status.by.title } };
  if (status.kind === 'marked-repealed') return { key: 'statute.repealed', params: { title, version: versionName(chosen), status: status.status } };
  return { key: 'statute.not-yet-in-force', params: { title, start: chineseDate(status.start), date } };
}

function adoptedBy(doc: CorpusDocument, date: string): boolean {
  const adopted = doc.versionDate ?? doc.date;
  return adopted !== undefined && adopted <= date;
}

/** Normalised text of a reference in one version; '' when the version lacks it. */
function textOf(corpus: Corpus, doc: CorpusDocument, reference: ArticleReference): string {
  return corpus.cached(`text:${doc.id}:${stepsKey(reference.steps)}`, () => {
    const result = resolveReference(corpus, doc, reference);
    return result.ok ? normalizeForMatch(fullProvisionText(corpus.addressing(doc), result.target.index)) : '';
  });
}
