/**
 * Does the cited thing exist?
 *   title.typo           a title close to a known title (《厦门市促进数据产业高质量发展若干举措》)
 *   title.unknown        a title the index does not hold — at most a hint
 *   article.not-found    第十五条 of a document that has （一）至（十四）
 *   docnumber.mismatch   （国发〔2025〕12号） after a title whose 文号 is 国发〔2025〕11号
 *   docnumber.format     国发[2025]11号, 国发〔25〕11号, 国发〔2025〕第11号, 国发〔2025〕011号
 */
import { t } from '../text/messages';
import type { AddressResult } from '../corpus/addressing';
import type { CorpusDocument } from '../corpus/model';
import type { ArticleReference, DocNumberCitation, TitleCitation } from '../paper/parser';
import { documentsOf, resolveReference, resolveTitle } from '../corpus/resolver';
import { documentForNumber, versionsForTitle } from '../corpus/citationAt';
import { VersionChoice, isVersionSet, versionName } from '../corpus/versions';
import { provisionsUnavailable } from '../statutes/provisionSource';
import { CheckContext, Finding, inScope } from './context';

export function checkCitations(context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  // Indexed loops: a for-of over these lists (some shared and frozen) calls the iterator and allocates a result per item.
  const titles = inScope(context, context.paper.parsed.titles);
  for (let i = 0; i < titles.length; i++) {
    const title = titles[i];
    if (title.journalRole) continue;
    checkTitle(context, title, findings);
  }
  const numbers = inScope(context, context.paper.parsed.docNumbers);
  for (let i = 0; i < numbers.length; i++) checkDocNumberFormat(context, numbers[i], findings);
  return findings;
}

function checkTitle(context: CheckContext, title: TitleCitation, findings: Finding[]): void {
  const { corpus, locale, paper } = context;
  const resolution = resolveTitle(corpus, title.title, paper.scope, title);
  if (resolution.status === 'typo') {
    const inner = { start: title.start + 1, end: title.end - 1 };
    const suggestion = resolution.suggestion.entry.title;
    findings.push({
      code: 'title.typo', ...inner,
      message: t(locale, 'title.typo', { written: title.title, suggestion }),
      fixes: [{ title: t(locale, 'fix.replace-title', { suggestion }), ...inner, newText: suggestion }],
    });
    return;
  }
  if (resolution.status === 'unknown') {
    // A foreign act is expected to be outside the index: nothing to say about it.
    if (resolution.jurisdiction) return;
    findings.push({ code: 'title.unknown', start: title.start + 1, end: title.end - 1, message: t(locale, 'title.unknown', { written: title.title }) });
    return;
  }
  const documents = documentsOf(corpus, resolution.entries);
  if (documents.length === 0) return;
  if (title.references.length > 0) checkReferencesIn(context, title, documents, title.references, NO_CONTEXT, findings);
  if (title.docNumber) checkDocNumberMatch(context, title.docNumber, documents, findings);
}

/** How a reference not written right after its title is reported: what its word stood for, and how sure that is. */
export interface ReferenceContext {
  /** Appended to the message: （“该法”指前文的《…》）. */
  note?: string;
  uncertain?: boolean;
}

/** `references` must exist in the work `title` resolves to (in the version it means); silent when it does not resolve. */
export function checkWorkReferences(context: CheckContext, title: TitleCitation, references: readonly ArticleReference[], how: ReferenceContext, findings: Finding[]): void {
  if (references.length === 0) return;
  const resolution = resolveTitle(context.corpus, title.title, context.paper.scope, title);
  if (resolution.status !== 'resolved') return;
  const documents = documentsOf(context.corpus, resolution.entries);
  if (documents.length === 0) return;
  checkReferencesIn(context, title, documents, references, how, findings);
}

/** A reference written right after its title: nothing to add to what is found. */
const NO_CONTEXT: ReferenceContext = {};

/** checkWorkReferences, with the documents the title resolves to (at least one). */
function checkReferencesIn(context: CheckContext, title: TitleCitation, documents: CorpusDocument[], references: readonly ArticleReference[], how: ReferenceContext, findings: Finding[]): void {
  // Found straight into `findings` when there is nothing to add to them.
  const found: Finding[] = how.note === undefined && !how.uncertain ? findings : [];
  if (isVersionSet(documents)) checkVersionedReferences(context, references, versionsForTitle(context.corpus, title, context.paper.scope)!, found);
  else checkReferences(context, references, documents, found);
  if (found === findings) return;
  for (const finding of found) findings.push({ ...finding, message: finding.message + (how.note ?? ''), ...(how.uncertain ? { uncertain: true } : {}) });
}

function checkReferences(context: CheckContext, references: readonly ArticleReference[], documents: CorpusDocument[], findings: Finding[]): void {
  for (let r = 0; r < references.length; r++) {
    const reference = references[r];
    // Every document is asked, in order, as the failure a result names keeps the first asking reference's offsets.
    let found = false;
    let result: AddressResult | undefined;
    for (let d = 0; d < documents.length; d++) {
      const answer = resolveReference(context.corpus, documents[d], reference);
      result ??= answer;
      if (answer.ok) found = true;
    }
    if (found || !result) continue;
    // A document whose text could not be read may well have the article: say nothing rather than something false.
    if (documents.some(provisionsUnavailable)) continue;
    const doc = documents[0];
    if (result.ok) continue;
    findings.push({
      code: 'article.not-found', start: reference.start, end: reference.end,
      message: t(context.locale, 'article.not-found', { title: doc.title, reference: reference.text, available: result.failure.available }),
    });
  }
}

/** Statute versions: the reference must exist in the version the citation means; say if another has it. */
function checkVersionedReferences(context: CheckContext, references: readonly ArticleReference[], choice: VersionChoice, findings: Finding[]): void {
  for (let r = 0; r < references.length; r++) {
    const reference = references[r];
    const result = resolveReference(context.corpus, choice.chosen, reference);
    if (result.ok || provisionsUnavailable(choice.chosen)) continue;
    const elsewhere = choice.others.filter((doc) => resolveReference(context.corpus, doc, reference).ok).map(versionName);
    const note = elsewhere.length ? t(context.locale, 'article.not-found.other-version', { versions: elsewhere.join('、') }) : '';
    findings.push({
      code: 'article.not-found', start: reference.start, end: reference.end,
      message: t(context.locale, 'article.not-found.version', { title: choice.chosen.title, version: versionName(choice.chosen), reference: reference.text, available: result.failure.available }) + note,
    });
  }
}

function checkDocNumberMatch(context: CheckContext, number: DocNumberCitation, documents: CorpusDocument[], findings: Finding[]): void {
  const expected = documents.map((d) => d.docNumber).filter((n): n is string => n !== undefined);
  const written = number.parsed.canonical;
  if (expected.length === 0) {
    checkDocNumberOfAnother(context, number, documents, findings);
    return;
  }
  if (expected.includes(written)) return;
  const owner = context.corpus.lookupDocNumber(written)[0];
  const other = owner ? t(context.locale, 'docnumber.mismatch.other', { written, otherTitle: owner.title }) : '';
  findings.push({
    code: 'docnumber.mismatch', start: number.start, end: number.end,
    message: t(context.locale, 'docnumber.mismatch', { written: number.text, title: documents[0].title, expected: expected[0], other }),
    fixes: [{ title: t(context.locale, 'fix.replace-docnumber', { canonical: expected[0] }), start: number.start, end: number.end, newText: expected[0] }],
  });
}

/**
 * A 文号 after a title whose document has none in the index: a mismatch only when the index gives that 文号 to
 * another document — one that neither issued this one nor was issued with it (a notice's 文号 may stand for the
 * measures it issued).
 */
function checkDocNumberOfAnother(context: CheckContext, number: DocNumberCitation, documents: CorpusDocument[], findings: Finding[]): void {
  const owner = documentForNumber(context.corpus, number);
  if (!owner) return;
  const related = (d: CorpusDocument) => d.id === owner.id || d.issuedBy === owner.id || owner.issuedBy === d.id || d.attachments.includes(owner.id) || owner.attachments.includes(d.id);
  if (documents.some(related)) return;
  findings.push({
    code: 'docnumber.mismatch', start: number.start, end: number.end,
    message: t(context.locale, 'docnumber.mismatch.none', { written: number.text, title: documents[0].title, otherTitle: owner.title }),
  });
}

function checkDocNumberFormat(context: CheckContext, number: DocNumberCitation, findings: Finding[]): void {
  const { parsed } = number;
  if (parsed.problems.length === 0) return;
  const problems = parsed.problems.map((p) => t(context.locale, `docnumber.problem.${p}`)).join(t(context.locale, 'list.separator'));
  // The fix rewrites the bracketed year and the serial number only; the issuer code stays as the author wrote it.
  const replacement = parsed.canonical.slice(parsed.issuerCode.length);
  findings.push({
    code: 'docnumber.format', start: number.start, end: number.end,
    message: t(context.locale, 'docnumber.format', { written: number.text, problems, canonical: parsed.canonical }),
    fixes: [{ title: t(context.locale, 'fix.replace-docnumber', { canonical: parsed.canonical }), start: number.bracketStart, end: number.end, newText: replacement }],
  });
}
