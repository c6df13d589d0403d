/**
 * What citation element lies at an offset of a paper, and what it refers to in the corpus. Hover, definition,
 * references and highlights all start here.
 */
import type { Corpus, CorpusItem } from './corpus';
import type { CorpusDocument } from './model';
import type {
  ArticleReference, DocNumberCitation, FootnoteDefinition, FootnoteReference, JournalCitation, ParsedPaper, TitleCitation,
} from '../paper/parser';
import { documentsOf, firstItem, resolveReference, resolveTitle, shortNameFor, stepsKey } from './resolver';
import type { ShortForm } from '../paper/shortForms';
import type { CaseNumber } from '../paper/caseNumbers';
import type { PandocCitation } from '../paper/pandocCitations';
import { VersionChoice, chooseVersion, isVersionSet, todayIso } from './versions';
import type { PaperScope } from '../paper/paperScope';
import { continuedReference } from '../paper/references';
import type { Paper } from '../paper/paperCache';
import { firstStartingAtOrAfter } from '../util/binarySearch';
import { detached } from '../text/detach';

export type CitationElement =
  | { kind: 'title'; start: number; end: number; title: TitleCitation }
  | { kind: 'reference'; start: number; end: number; title: TitleCitation; reference: ArticleReference }
  | { kind: 'docNumber'; start: number; end: number; number: DocNumberCitation; title?: TitleCitation }
  | { kind: 'journal'; start: number; end: number; journal: JournalCitation }
  | { kind: 'footnoteRef'; start: number; end: number; ref: FootnoteReference }
  | { kind: 'footnoteDef'; start: number; end: number; def: FootnoteDefinition }
  | { kind: 'shortForm'; start: number; end: number; form: ShortForm }
  | { kind: 'caseNumber'; start: number; end: number; number: CaseNumber }
  | { kind: 'pandoc'; start: number; end: number; citation: PandocCitation };

/**
 * The innermost element containing the offset (the cursor may sit just after it). With the paper's scope, a
 * citation that points back (该法第二十三条) is the element of the work it points to.
 */
export function elementAt(paper: ParsedPaper, offset: number, scope?: PaperScope): CitationElement | undefined {
  const inside = (start: number, end: number) => offset >= start && offset <= end;
  for (const ref of paper.footnoteRefs) if (inside(ref.start, ref.end)) return { kind: 'footnoteRef', start: ref.start, end: ref.end, ref };
  for (const def of paper.footnoteDefs) if (inside(def.start, def.end)) return { kind: 'footnoteDef', start: def.start, end: def.end, def };
  for (const form of paper.shortForms) if (inside(form.start, form.end)) return { kind: 'shortForm', start: form.start, end: form.end, form };
  for (const citation of paper.pandocCitations ?? []) if (inside(citation.start, citation.end)) return { kind: 'pandoc', start: citation.start, end: citation.end, citation };
  for (const title of paper.titles) {
    if (inside(title.start, title.end)) {
      // At 》 and the 第 that follows it, the position is before the 第: the reference is what is under the pointer.
      const following = offset === title.end ? title.references.find((r) => r.start === offset) : undefined;
      if (following) return { kind: 'reference', start: following.start, end: following.end, title, reference: following };
      if (title.journalRole) {
        const journal = paper.journals.find((j) => j.title === title || j.journal === title);
        if (journal) return { kind: 'journal', start: journal.start, end: journal.end, journal };
      }
      return { kind: 'title', start: title.start, end: title.end, title };
    }
    for (const reference of title.references) {
      if (inside(reference.start, reference.end)) return { kind: 'reference', start: reference.start, end: reference.end, title, reference };
    }
  }
  for (const journal of paper.journals) if (inside(journal.start, journal.end)) return { kind: 'journal', start: journal.start, end: journal.end, journal };
  for (const anaphor of scope ? paper.anaphora : []) {
    if (offset < anaphor.start || offset > anaphor.references[anaphor.references.length - 1].end) continue;
    const antecedent = scope!.antecedentOf(anaphor);
    if (!antecedent) return undefined;
    const title = antecedent.title;
    for (const written of anaphor.references) {
      if (!inside(written.start, written.end)) continue;
      const reference = antecedent.reference ? continuedReference(antecedent.reference, written) : written;
      return { kind: 'reference', start: written.start, end: written.end, title, reference };
    }
    return { kind: 'title', start: anaphor.start, end: anaphor.end, title };
  }
  for (const number of paper.docNumbers) {
    if (inside(number.start, number.end)) {
      const title = paper.titles.find((t) => t.docNumber === number);
      return { kind: 'docNumber', start: number.start, end: number.end, number, ...(title ? { title } : {}) };
    }
  }
  for (const number of paper.caseNumbers) if (inside(number.start, number.end)) return { kind: 'caseNumber', start: number.start, end: number.end, number };
  return undefined;
}

/**
 * elementAt for a position in an assembled paper, reading only the block (paragraph) the offset is in: every
 * element lies inside the block it was parsed in, and blocks are separated by at least a line break, so the
 * answer is the one the whole paper's lists give, at the cost of a paragraph rather than of the paper (a hover
 * at 2 MB scanned ~100,000 elements).
 */
export function elementAtInPaper(paper: Paper, offset: number): CitationElement | undefined {
  const { blocks, blockParses } = paper;
  if (blocks.length !== blockParses.length) return elementAt(paper.parsed, offset, paper.scope);
  const at = firstStartingAtOrAfter(blocks, offset + 1) - 1;
  return at >= 0 && offset <= blocks[at].end ? elementAt(blockParses[at], offset, paper.scope) : undefined;
}

/** The document a title citation names, picking the version or homonym whose provisions fit the references. */
export function documentForTitle(corpus: Corpus, title: TitleCitation, scope?: PaperScope): CorpusDocument | undefined {
  return versionsForTitle(corpus, title, scope)?.chosen;
}

/**
 * The document a title citation names with the versions it was chosen from: statute versions by the written tag
 * or the paper's date; homonyms by which one has the cited provisions.
 */
export function versionsForTitle(corpus: Corpus, title: TitleCitation, scope?: PaperScope, date?: string): VersionChoice | undefined {
  if (!scope) return versionsForTitleOnce(corpus, title, scope, date);
  // Several checks ask about each citation: the answer is kept for the paper's version (its scope), whose date it uses.
  let memo = choicesByScope.get(scope);
  if (!memo || memo.corpus !== corpus) choicesByScope.set(scope, (memo = { corpus, choices: new Map() }));
  let choice = memo.choices.get(title);
  if (choice === undefined && !memo.choices.has(title)) memo.choices.set(title, (choice = versionsForTitleOnce(corpus, title, scope, date)));
  return choice;
}
const choicesByScope = new WeakMap<PaperScope, { corpus: Corpus; choices: Map<TitleCitation, VersionChoice | undefined> }>();

function versionsForTitleOnce(corpus: Corpus, title: TitleCitation, scope?: PaperScope, date?: string): VersionChoice | undefined {
  const when = scope?.date ?? date ?? todayIso();
  const choose = () => {
    const resolution = resolveTitle(corpus, title.title, scope, title);
    if (resolution.status !== 'resolved') return undefined;
    const documents = documentsOf(corpus, resolution.entries);
    if (documents.length === 0) return undefined;
    if (isVersionSet(documents)) return chooseVersion(documents, title.versionTag, when);
    const fits = title.references.length === 0 ? documents[0] : documents.find((d) => title.references.every((r) => resolveReference(corpus, d, r).ok)) ?? documents[0];
    return { chosen: fits, others: documents.filter((d) => d !== fits), reason: documents.length === 1 ? 'only' : 'date' } satisfies VersionChoice;
  };
  // A short name the paper defines is the paper's business; everything else is a pure question about the corpus.
  if (scope && shortNameFor(scope, title)) return choose();
  return corpus.cachedFor(title, versionsKey(when), () => {
    // The references' keys joined by commas, without a list made for them.
    let references = '';
    for (let i = 0; i < title.references.length; i++) references += (i === 0 ? '' : ',') + stepsKey(title.references[i].steps);
    const jurisdiction = title.jurisdiction ? `${title.jurisdiction.text}|` : '';
    return corpus.cached(`versions:${jurisdiction}${title.title}|${title.versionTag?.text ?? ''}|${references}|${when}`, choose);
  });
}

/** `versions:${date}`, made once per date: it is asked for every title of a paper. */
function versionsKey(date: string): string {
  let key = versionsKeys.get(date);
  if (key === undefined) {
    if (versionsKeys.size >= 100) versionsKeys.clear();
    // Kept past the paper: a copy of the date, never a view into the paper's text.
    versionsKeys.set(detached(date), (key = detached(`versions:${date}`)));
  }
  return key;
}
const versionsKeys = new Map<string, string>();

export function itemForTitle(corpus: Corpus, title: TitleCitation, scope?: PaperScope): CorpusItem | undefined {
  const resolution = resolveTitle(corpus, title.title, scope, title);
  if (resolution.status !== 'resolved') return undefined;
  const document = documentForTitle(corpus, title, scope);
  return document ? { type: 'document', item: document } : firstItem(corpus, resolution.entries);
}

/** The document a 文号 names (the notice before the measures it issued). */
export function documentForNumber(corpus: Corpus, number: DocNumberCitation): CorpusDocument | undefined {
  const documents = corpus.lookupDocNumber(number.parsed.canonical);
  return documents.find((d) => !d.issuedBy) ?? documents[0];
}

/** Identity of what an element cites: a corpus entry and, for references, a provision index. */
export interface CitedTarget {
  type: 'document' | 'record' | 'instrument';
  id: string;
  provision?: number;
}

export function targetOf(corpus: Corpus, element: CitationElement, scope?: PaperScope): CitedTarget | undefined {
  switch (element.kind) {
    case 'title': {
      const item = itemForTitle(corpus, element.title, scope);
      return item && { type: item.type, id: item.item.id };
    }
    case 'reference': {
      const document = documentForTitle(corpus, element.title, scope);
      if (!document) return undefined;
      const result = corpus.addressing(document).resolve(element.reference.steps);
      return result.ok ? { type: 'document', id: document.id, provision: result.target.index } : { type: 'document', id: document.id };
    }
    case 'docNumber': {
      const document = documentForNumber(corpus, element.number);
      return document && { type: 'document', id: document.id };
    }
    case 'journal': {
      const record = recordForJournal(corpus, element.journal);
      return record && { type: 'record', id: record.id };
    }
    case 'pandoc': {
      const record = corpus.recordForKey(element.citation.key);
      return record && { type: 'record', id: record.id };
    }
    default:
      return undefined;
  }
}

export function recordForJournal(corpus: Corpus, journal: JournalCitation) {
  const resolution = resolveTitle(corpus, journal.title.title);
  if (resolution.status !== 'resolved') return undefined;
  const entry = resolution.entries.find((e) => e.type === 'record');
  return entry ? corpus.record(entry.id) : undefined;
}

/** Every element of a paper with the target it cites, for references, highlights and symbols. */
export function citedTargets(corpus: Corpus, paper: ParsedPaper, scope?: PaperScope): { element: CitationElement; target: CitedTarget }[] {
  const out: { element: CitationElement; target: CitedTarget }[] = [];
  for (const title of paper.titles) {
    if (title.journalRole) continue;
    const base = targetOf(corpus, { kind: 'title', start: title.start, end: title.end, title }, scope);
    if (!base) continue;
    out.push({ element: { kind: 'title', start: title.start, end: title.end, title }, target: base });
    for (const reference of title.references) {
      const element: CitationElement = { kind: 'reference', start: reference.start, end: reference.end, title, reference };
      const target = targetOf(corpus, element, scope);
      if (target) out.push({ element, target });
    }
  }
  for (const number of paper.docNumbers) {
    const element: CitationElement = { kind: 'docNumber', start: number.start, end: number.end, number };
    const target = targetOf(corpus, element);
    if (target) out.push({ element, target });
  }
  for (const journal of paper.journals) {
    const element: CitationElement = { kind: 'journal', start: journal.start, end: journal.end, journal };
    const target = targetOf(corpus, element);
    if (target) out.push({ element, target });
  }
  for (const citation of paper.pandocCitations ?? []) {
    const element: CitationElement = { kind: 'pandoc', start: citation.start, end: citation.end, citation };
    const target = targetOf(corpus, element);
    if (target) out.push({ element, target });
  }
  return out.sort((a, b) => a.element.start - b.element.start);
}

/** Same work; with `exact`, also the same provision (so a title alone does not match a provision). */
export function sameTarget(a: CitedTarget, b: CitedTarget, exact: boolean): boolean {
  if (a.type !== b.type || a.id !== b.id) return false;
  return !exact || (a.provision !== undefined && a.provision === b.provision);
}
