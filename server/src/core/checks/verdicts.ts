/**
 * One verdict per citation, from what the citation resolves to and what the checks found there, so the hover,
 * the report, the CLI's JSON and the summary lines all say the same:
 *   verified      the work and the provision exist in the version the citation means, and quoted text matches;
 *   mismatch      they exist, but the title, text, 文号, date, issuer or version written differs;
 *   not-found     the provision does not exist in the work (what a fabricated citation looks like);
 *   unverifiable  the work is outside the corpus (foreign law, books, cases, documents not indexed).
 * Existence comes from the resolution itself, so a check switched off never turns a missing article into a
 * verified one; differences come from the diagnostics as the paper shows them.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import type { AnaphoricCitation, ArticleReference, DocNumberCitation, JournalCitation, PandocCitation, TitleCitation } from '../paper/parser';
import type { CaseNumber } from '../paper/caseNumbers';
import type { Paper } from '../paper/paperCache';
import type { Quotation } from '../paper/quotes';
import { documentsOf, firstItem, resolveReference, resolveTitle } from '../corpus/resolver';
import { recordForJournal, versionsForTitle } from '../corpus/citationAt';
import { isVersionSet, versionName } from '../corpus/versions';
import { provisionsUnavailable } from '../statutes/provisionSource';
import { attachedCitation, verifyQuotation } from './quotations';
import { normalizeForMatch } from '../text/normalize';
import { DiffSegment, diffText } from '../text/diff';
import { Locale, MessageKey, t } from '../text/messages';
import { firstStartingAtOrAfter } from '../util/binarySearch';
import { continuedReference } from '../paper/references';
import type { DiagnosticData } from './diagnostics';
import { DiagnosticIndex } from './verdictDiagnostics';

export const VERDICTS = ['verified', 'mismatch', 'not-found', 'unverifiable'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One thing that decided the verdict: a check's finding, or why the citation cannot be verified. */
export interface VerdictReason {
  code: string;
  message: string;
  /** For a finding: the words the paper wrote there, and what the source has, when the check knows it. */
  written?: string;
  expected?: string;
  /** For a finding: the 1-based line it is on. */
  line?: number;
}

export interface CitationVerdict {
  kind: 'provision' | 'work' | 'docNumber' | 'journal' | 'caseNumber';
  start: number;
  end: number;
  /** 1-based line of the citation's start. */
  line: number;
  /** The citation as the paper wrote it: 《个人信息保护法》第十三条第一款第（二）项. */
  written: string;
  /** Identifies the work, for grouping: `document:ID`, `unknown:TITLE`… */
  workKey: string;
  /** The work's title as the index has it, or as written when it is not indexed. */
  work: string;
  /** The provision as the paper wrote it. */
  reference?: string;
  /** The version of a statute the citation was checked against. */
  version?: string;
  verdict: Verdict;
  reasons: VerdictReason[];
  /** The provision's text, the paper's words quoted from it, and their differences. */
  evidence?: { provision: string; quoted?: string; diff?: DiffSegment[] };
}

/** Codes whose finding means the citation differs from its source. */
const MISMATCH_CODES = new Set([
  'title.typo', 'docnumber.mismatch', 'citation.date-mismatch', 'citation.issuer-mismatch', 'statute.version-unknown', 'statute.repealed',
  'statute.not-yet-in-force', 'quote.mismatch', 'paper.author-mismatch', 'paper.title-mismatch', 'paper.journal-mismatch', 'paper.year-mismatch',
  'paper.issue-mismatch',
]);
/** Findings that are hints by default still count; a warning shown as a hint was not certain and does not. */
const HINT_BY_DEFAULT = new Set(['statute.not-yet-in-force']);
/** How far before and after a title a finding about the whole citation may sit (印发《…》, 《…》（2025年7月）). */
const TITLE_REACH = 40;
/** Evidence is for reading beside the paper: longer provisions are cut here. */
const MAX_EVIDENCE = 600;

const indexes = new WeakMap<readonly Diagnostic[], DiagnosticIndex>();

/** What verdicts are computed from: the corpus, the paper and its diagnostics for this version. */
export class VerdictContext {
  readonly index: DiagnosticIndex;

  constructor(readonly corpus: Corpus, readonly paper: Paper, diagnostics: readonly Diagnostic[], readonly locale: Locale) {
    // The same list can serve a later version (an edit that changed no diagnostic): its offsets are that version's.
    let index = indexes.get(diagnostics);
    if (!index || index.lines !== paper.lines) indexes.set(diagnostics, (index = new DiagnosticIndex(diagnostics, paper.lines)));
    this.index = index;
  }

  lineOf(offset: number): number {
    return this.paper.lines.positionAt(offset).line + 1;
  }

  /** The quotations found not to match, by the citation they are held to. */
  mismatchedQuotes(title: TitleCitation): { quotation: Quotation; diagnostic: Diagnostic }[] {
    let byTitle = this.index.quotesByTitle;
    if (!byTitle) {
      byTitle = this.index.quotesByTitle = new Map();
      const { quotations } = this.paper.parsed;
      for (const mismatch of this.index.quoteMismatches) {
        const quotation = quotations[firstStartingAtOrAfter(quotations, mismatch.start)];
        if (!quotation || quotation.start !== mismatch.start) continue;
        const cited = attachedCitation(this.paper.parsed, quotation);
        if (!cited) continue;
        const list = byTitle.get(cited) ?? [];
        list.push({ quotation, diagnostic: mismatch.diagnostic });
        byTitle.set(cited, list);
      }
    }
    return byTitle.get(title) ?? [];
  }
}

function counts(diagnostic: Diagnostic): boolean {
  if (!MISMATCH_CODES.has(String(diagnostic.code))) return false;
  return (diagnostic.severity ?? 4) <= 2 || HINT_BY_DEFAULT.has(String(diagnostic.code));
}

function reasonOf(context: VerdictContext, diagnostic: Diagnostic): VerdictReason {
  const { lines, parsed } = context.paper;
  const written = parsed.text.slice(lines.offsetAt(diagnostic.range.start), lines.offsetAt(diagnostic.range.end));
  const fix = (diagnostic.data as DiagnosticData | undefined)?.fixes?.[0];
  return {
    code: String(diagnostic.code), message: diagnostic.message, ...(written ? { written } : {}), ...(fix ? { expected: fix.newText } : {}), line: diagnostic.range.start.line + 1,
  };
}

function explain(context: VerdictContext, why: 'not-in-index' | 'foreign' | 'no-text' | 'provisions-unavailable' | 'docnumber-unknown' | 'case' | 'record-unknown'): VerdictReason {
  return { code: `unverifiable.${why}`, message: t(context.locale, `verdict.why.${why}` as MessageKey) };
}

/** Findings about the whole citation: on or around the title, up to its neighbours, within its paragraph. */
function titleFindings(context: VerdictContext, title: TitleCitation): Diagnostic[] {
  const { titles } = context.paper.parsed;
  const at = firstStartingAtOrAfter(titles, title.start);
  const previous = at > 0 ? titles[at - 1] : undefined;
  const next = titles[at + 1];
  const tail = tailOf(title);
  const paragraph = titleReach(context.paper, title);
  const from = Math.max(previous ? tailOf(previous) : 0, title.start - TITLE_REACH, paragraph.start);
  const to = Math.min(next ? next.start : Infinity, (title.references[0]?.start ?? tail + TITLE_REACH), paragraph.end);
  return context.index.overlapping(from, Math.max(to, tail)).filter((d) => counts(d) && d.code !== 'quote.mismatch');
}

/**
 * Where the diagnostics a title's verdicts read lie, besides the quotations held to it: its block (paragraph), for
 * checking only that much (citationChecks.ts). What is written in another paragraph is not about this citation.
 */
export function titleReach(paper: Paper, title: TitleCitation): { start: number; end: number; title: TitleCitation } {
  const block = paper.blocks[firstStartingAtOrAfter(paper.blocks, title.start + 1) - 1];
  return block && block.end > title.start ? { start: block.start, end: block.end, title } : { start: Math.max(0, title.start - TITLE_REACH), end: tailOf(title) + TITLE_REACH, title };
}

/** Where what is written with a title ends: its version tag, its 文号 (and the bracket closing it), its references. */
function tailOf(title: TitleCitation): number {
  const lastReference = title.references[title.references.length - 1];
  return Math.max(title.end, title.versionTag?.end ?? 0, (title.docNumber?.end ?? 0) + 1, lastReference?.end ?? 0);
}

/** The verdicts of a title citation: one per provision it cites, or one for the work. */
export function titleVerdicts(context: VerdictContext, title: TitleCitation): CitationVerdict[] {
  const { corpus, paper } = context;
  const text = paper.parsed.text;
  const head = text.slice(title.start, title.end);
  const resolution = resolveTitle(corpus, title.title, paper.scope, title);
  const base = (verdict: Verdict, reasons: VerdictReason[], workKey: string, work: string) => title.references.length === 0
    ? [{ kind: 'work' as const, start: title.start, end: title.end, line: context.lineOf(title.start), written: head, workKey, work, verdict, reasons }]
    : title.references.map((reference) => ({
      kind: 'provision' as const, start: title.start, end: reference.end, line: context.lineOf(reference.start), written: head + reference.text, workKey, work,
      reference: reference.text, verdict, reasons,
    }));
  if (resolution.status === 'typo') {
    const reasons = titleFindings(context, title).map((d) => reasonOf(context, d));
    // The difference stands even where title.typo is switched off.
    const suggestion = resolution.suggestion.entry.title;
    if (!reasons.some((r) => r.code === 'title.typo')) reasons.unshift({ code: 'title.typo', message: t(context.locale, 'title.typo', { written: title.title, suggestion }), written: title.title, expected: suggestion });
    return base('mismatch', reasons, `unknown:${title.title}`, title.title);
  }
  if (resolution.status === 'unknown') return base('unverifiable', [explain(context, resolution.jurisdiction ? 'foreign' : 'not-in-index')], `unknown:${title.title}`, title.title);
  const documents = documentsOf(corpus, resolution.entries);
  if (documents.length === 0) {
    const item = firstItem(corpus, resolution.entries);
    if (!item) return base('unverifiable', [explain(context, 'not-in-index')], `unknown:${title.title}`, title.title);
    const workKey = `${item.type}:${item.item.id}`;
    if (item.type === 'record') {
      const reasons = titleFindings(context, title).map((d) => reasonOf(context, d));
      return base(reasons.length ? 'mismatch' : 'verified', reasons, workKey, item.item.title);
    }
    const foreign = title.jurisdiction?.foreign === true || (item.type === 'instrument' && item.item.kind === 'foreign-law');
    return base('unverifiable', [explain(context, foreign ? 'foreign' : 'no-text')], workKey, item.item.title);
  }
  const choice = versionsForTitle(corpus, title, paper.scope)!;
  const versioned = isVersionSet(documents);
  const document = choice.chosen;
  const version = versioned ? versionName(document) : undefined;
  const workKey = `document:${versioned ? `${document.title}|versions` : document.id}`;
  const common = titleFindings(context, title).map((d) => reasonOf(context, d));
  const quotes = context.mismatchedQuotes(title);
  if (title.references.length === 0) {
    // A quotation of the document as a whole (no provision named) is held to the document.
    const reasons = [...common, ...quotes.map((q) => reasonOf(context, q.diagnostic))];
    return [{
      kind: 'work', start: title.start, end: title.end, line: context.lineOf(title.start), written: head, workKey, work: document.title,
      ...(version ? { version } : {}), verdict: reasons.length ? 'mismatch' : 'verified', reasons,
    }];
  }
  return title.references.map((reference, i) => {
    const unit = { kind: 'provision' as const, start: title.start, end: reference.end, line: context.lineOf(reference.start), written: head + reference.text, workKey, work: document.title, reference: reference.text, ...(version ? { version } : {}) };
    const found = findProvision(context, versioned ? [document] : documents, reference);
    if (!found) {
      if ((versioned ? [document] : documents).some(provisionsUnavailable)) return { ...unit, verdict: 'unverifiable', reasons: [explain(context, 'provisions-unavailable')] };
      const own = context.index.overlapping(reference.start, reference.end).filter((d) => d.code === 'article.not-found').map((d) => reasonOf(context, d));
      return { ...unit, verdict: 'not-found', reasons: own.length ? own : [{ code: 'article.not-found', message: t(context.locale, 'verdict.no-such-provision', { reference: reference.text, title: document.title }) }] };
    }
    // A quotation is held to the nearest reference: the last one before it, else the first.
    const mine = quotes.filter(({ quotation }) => nearestReference(title.references, quotation.start) === i);
    const reasons = [...common, ...context.index.overlapping(reference.start, reference.end).filter(counts).map((d) => reasonOf(context, d)), ...mine.map((q) => reasonOf(context, q.diagnostic))];
    const quoted = mine[0] ? text.slice(mine[0].quotation.innerStart, mine[0].quotation.innerEnd) : quotedWords(context, title, i, found.text);
    const diff = quoted ? diffAgainst(quoted, found.text) : undefined;
    const evidence = { provision: cut(found.text), ...(quoted ? { quoted } : {}), ...(diff ? { diff } : {}) };
    return { ...unit, verdict: reasons.length ? 'mismatch' : 'verified', reasons, evidence };
  });
}

/** The verdicts of a citation that points back (该法第二十三条): one per provision, in the work cited before it. */
export function anaphorVerdicts(context: VerdictContext, anaphor: AnaphoricCitation): CitationVerdict[] {
  const { corpus, paper } = context;
  const antecedent = paper.scope.antecedentOf(anaphor);
  if (!antecedent || antecedent.title.jurisdiction?.foreign) return [];
  const choice = versionsForTitle(corpus, antecedent.title, paper.scope);
  if (!choice) return [];
  const documents = [choice.chosen, ...choice.others];
  const versioned = isVersionSet(documents);
  const document = choice.chosen;
  const version = versioned ? versionName(document) : undefined;
  const workKey = `document:${versioned ? `${document.title}|versions` : document.id}`;
  return anaphor.references.map((written) => {
    const reference = antecedent.reference ? continuedReference(antecedent.reference, written) : written;
    const unit = {
      kind: 'provision' as const, start: anaphor.start, end: written.end, line: context.lineOf(written.start), written: anaphor.word + written.text, workKey,
      work: document.title, reference: reference.text, ...(version ? { version } : {}),
    };
    const found = findProvision(context, versioned ? [document] : documents, reference);
    const here = context.index.overlapping(written.start, written.end);
    const own = here.filter(counts).map((d) => reasonOf(context, d));
    if (!found) {
      if ((versioned ? [document] : documents).some(provisionsUnavailable)) return { ...unit, verdict: 'unverifiable' as const, reasons: [explain(context, 'provisions-unavailable')] };
      const missing = here.filter((d) => d.code === 'article.not-found').map((d) => reasonOf(context, d));
      return { ...unit, verdict: 'not-found' as const, reasons: missing.length ? missing : [{ code: 'article.not-found', message: t(context.locale, 'verdict.no-such-provision', { reference: reference.text, title: document.title }) }] };
    }
    return { ...unit, verdict: own.length ? 'mismatch' as const : 'verified' as const, reasons: own, evidence: { provision: cut(found.text) } };
  });
}

function nearestReference(references: ArticleReference[], offset: number): number {
  let best = 0;
  for (let i = 0; i < references.length; i++) if (references[i].end <= offset) best = i;
  return best;
}

function findProvision(context: VerdictContext, documents: CorpusDocument[], reference: ArticleReference): { document: CorpusDocument; text: string } | undefined {
  for (const document of documents) {
    const result = resolveReference(context.corpus, document, reference);
    if (!result.ok) continue;
    const { index, paragraph, provision } = result.target;
    const addressing = context.corpus.addressing(document);
    const text = paragraph ? provision.text.split('\n')[paragraph - 1] ?? provision.text : [provision.text, ...addressing.childrenOf(index).map((c) => document.provisions[c].text)].filter((line) => line.trim().length > 0).join('\n');
    return { document, text };
  }
  return undefined;
}

/** A quotation attached to this reference that the quotation check let pass: shown as evidence that it matches. */
function quotedWords(context: VerdictContext, title: TitleCitation, i: number, provision: string): string | undefined {
  const { parsed } = context.paper;
  const from = firstStartingAtOrAfter(parsed.quotations, title.end);
  for (let q = from; q < parsed.quotations.length && q < from + 3; q++) {
    const quotation = parsed.quotations[q];
    if (quotation.depth > 0 || quotation.start - title.end > 80) break;
    const inner = parsed.text.slice(quotation.innerStart, quotation.innerEnd);
    if (normalizeForMatch(inner).length < 8 || nearestReference(title.references, quotation.start) !== i) continue;
    if (attachedCitation(parsed, quotation) === title && verifyQuotation(inner, provision).ok) return inner;
  }
  return undefined;
}

/** The paper's words against the passage of the provision most like them. */
function diffAgainst(quoted: string, provision: string): DiffSegment[] | undefined {
  const verdict = verifyQuotation(quoted, provision);
  if (verdict.ok) return [{ op: 'same', text: quoted }];
  // With no passage close enough there is nothing to mark: the words stand beside the provision as they are.
  return verdict.passage ? diffText(quoted, verdict.passage) : undefined;
}

function cut(text: string): string {
  return text.length > MAX_EVIDENCE ? `${text.slice(0, MAX_EVIDENCE)}……` : text;
}

export function journalVerdict(context: VerdictContext, journal: JournalCitation): CitationVerdict {
  const record = recordForJournal(context.corpus, journal);
  const written = context.paper.parsed.text.slice(journal.start, journal.end);
  const unit = { kind: 'journal' as const, start: journal.start, end: journal.end, line: context.lineOf(journal.start), written };
  if (!record) return { ...unit, workKey: `paper:${journal.title.title}`, work: journal.title.title, verdict: 'unverifiable', reasons: [explain(context, 'record-unknown')] };
  const reasons = context.index.overlapping(journal.start, journal.end).filter(counts).map((d) => reasonOf(context, d));
  return { ...unit, workKey: `record:${record.id}`, work: record.title, verdict: reasons.length ? 'mismatch' : 'verified', reasons };
}

/** A 文号 written without a title: verified when the index holds its document. */
export function docNumberVerdict(context: VerdictContext, number: DocNumberCitation): CitationVerdict {
  const documents = context.corpus.lookupDocNumber(number.parsed.canonical);
  const document = documents.find((d) => !d.issuedBy) ?? documents[0];
  const unit = { kind: 'docNumber' as const, start: number.start, end: number.end, line: context.lineOf(number.start), written: number.text };
  if (!document) return { ...unit, workKey: `docnumber:${number.parsed.canonical}`, work: number.parsed.canonical, verdict: 'unverifiable', reasons: [explain(context, 'docnumber-unknown')] };
  return { ...unit, workKey: `document:${document.id}`, work: document.title, verdict: 'verified', reasons: [] };
}

/** A case number: LexCite holds no judgments, so never verified; its shape problems are listed. */
export function caseNumberVerdict(context: VerdictContext, number: CaseNumber): CitationVerdict {
  const findings = context.index.overlapping(number.start, number.end).filter((d) => String(d.code).startsWith('casenumber.')).map((d) => reasonOf(context, d));
  return {
    kind: 'caseNumber', start: number.start, end: number.end, line: context.lineOf(number.start), written: number.text, workKey: `case:${number.text}`,
    work: number.text, verdict: 'unverifiable', reasons: [explain(context, 'case'), ...findings],
  };
}

/** A pandoc citation ([@key, 第12页]): the work its key names in the user's bibliography, or unverifiable. */
export function pandocVerdict(context: VerdictContext, citation: PandocCitation): CitationVerdict {
  const record = context.corpus.recordForKey(citation.key);
  const written = context.paper.parsed.text.slice(citation.start, citation.end);
  const unit = { kind: 'work' as const, start: citation.start, end: citation.end, line: context.lineOf(citation.start), written };
  if (!record) return { ...unit, workKey: `key:${citation.key}`, work: `@${citation.key}`, verdict: 'unverifiable', reasons: [explain(context, 'record-unknown')] };
  const reasons = context.index.overlapping(citation.start, citation.end).filter(counts).map((d) => reasonOf(context, d));
  return { ...unit, workKey: `record:${record.id}`, work: record.title, verdict: reasons.length ? 'mismatch' : 'verified', reasons };
}

/** Every citation's verdict, in the order of the paper's citations of each kind. */
export function paperVerdicts(context: VerdictContext, limit = Infinity): CitationVerdict[] {
  const { parsed } = context.paper;
  const out: CitationVerdict[] = [];
  for (const title of parsed.titles) {
    if (title.start >= limit) break;
    if (!title.journalRole) out.push(...titleVerdicts(context, title));
  }
  const attached = new Set(parsed.titles.map((title) => title.docNumber));
  for (const number of parsed.docNumbers) if (number.start < limit && !attached.has(number)) out.push(docNumberVerdict(context, number));
  for (const journal of parsed.journals) if (journal.start < limit) out.push(journalVerdict(context, journal));
  for (const number of parsed.caseNumbers) if (number.start < limit) out.push(caseNumberVerdict(context, number));
  for (const anaphor of parsed.anaphora) if (anaphor.start < limit) out.push(...anaphorVerdicts(context, anaphor));
  for (const citation of parsed.pandocCitations ?? []) if (citation.start < limit) out.push(pandocVerdict(context, citation));
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

export type VerdictCounts = Record<Verdict, number>;

export function countVerdicts(verdicts: readonly { verdict: Verdict }[]): VerdictCounts {
  const counts: VerdictCounts = { verified: 0, mismatch: 0, 'not-found': 0, unverifiable: 0 };
  for (const v of verdicts) counts[v.verdict]++;
  return counts;
}

/** 12处引用：已核实8处，不符2处，未找到1处，无法核实1处 */
export function verdictSummary(counts: VerdictCounts, locale: Locale): string {
  const total = VERDICTS.reduce((n, v) => n + counts[v], 0);
  return t(locale, 'verdict.summary', { total, verified: counts.verified, mismatch: counts.mismatch, notFound: counts['not-found'], unverifiable: counts.unverifiable });
}

export function verdictName(verdict: Verdict, locale: Locale): string {
  return t(locale, `verdict.${verdict}` as MessageKey);
}

/** The worst of several verdicts, for a line that stands for them all. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  for (const v of ['not-found', 'mismatch', 'unverifiable'] as const) if (verdicts.includes(v)) return v;
  return 'verified';
}
