/**
 * The citation report of a paper: its table of authorities grouped by kind, each with the canonical citation,
 * where it is cited (lines, footnote numbers), the provisions cited and the problems found there, plus the
 * paper's short forms and a summary line an editor can paste into a review. Renderers are in reportFormats.ts.
 */
import { continuedReference } from '../paper/references';
import type { Diagnostic } from 'vscode-languageserver-types';
import { documentForTitle } from '../corpus/citationAt';
import type { Corpus, CorpusItem } from '../corpus/corpus';
import { checkPaper, CheckOptions } from '../checks/diagnostics';
import { DiagnosticsByOffset } from '../checks/diagnosticsByOffset';
import type { Locale } from '../text/messages';
import type { Paper } from '../paper/paperCache';
import { footnoteContaining, footnoteNumber } from '../paper/paperIndex';
import { cutForCitations } from '../paper/limits';
import type { JournalCitation, TitleCitation } from '../paper/parser';
import { resolveTitle } from '../corpus/resolver';
import { resolveShortForm } from '../checks/footnotes';
import { LEXCITE_VERSION } from '../version';
import { formatDocumentCitation, formatPaperReference, houseStyle } from '../text/styles';
import { CitationVerdict, Verdict, VerdictContext, VerdictCounts, anaphorVerdicts, caseNumberVerdict, countVerdicts, pandocVerdict, docNumberVerdict, journalVerdict, titleVerdicts, verdictSummary, worstVerdict } from '../checks/verdicts';

export const REPORT_GROUPS = ['national-policy', 'local-measure', 'notice', 'statute', 'law-not-indexed', 'journal-paper', 'case', 'other'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

const GROUP_LABELS: Record<Locale, Record<ReportGroup, string>> = {
  'zh-cn': {
    'national-policy': '国家政策文件', 'local-measure': '地方规范性文件', notice: '通知', statute: '法律法规（已收录）',
    'law-not-indexed': '法律法规（未收录正文）', 'journal-paper': '期刊论文', case: '案例（案号）', other: '其他文献',
  },
  en: {
    'national-policy': 'National policy documents', 'local-measure': 'Local measures', notice: 'Notices', statute: 'Statutes (indexed)',
    'law-not-indexed': 'Laws cited but not indexed', 'journal-paper': 'Journal papers', case: 'Cases (case numbers)', other: 'Other works',
  },
};

export function groupLabel(group: ReportGroup, locale: Locale): string {
  return GROUP_LABELS[locale][group];
}

export interface ReportProblem {
  line: number;
  severity: 'error' | 'warning' | 'hint';
  code: string;
  message: string;
}

export interface ReportOccurrence {
  line: number;
  /** The footnote (rendered number) the citation sits in, if any. */
  footnote?: number;
  written: string;
}

/** One citation of a work: where, as written, its verdict and the evidence for it (verdicts.ts). */
export interface ReportCitation {
  line: number;
  footnote?: number;
  /** The citation as the paper wrote it: 《个人信息保护法》第十三条第一款第（二）项. */
  written: string;
  /** The provision as the paper wrote it. */
  reference?: string;
  version?: string;
  verdict: Verdict;
  reasons: CitationVerdict['reasons'];
  evidence?: CitationVerdict['evidence'];
}

export interface ReportEntry {
  group: ReportGroup;
  title: string;
  /** The citation as the house style writes it. */
  canonical: string;
  indexed: boolean;
  id?: string;
  occurrences: ReportOccurrence[];
  /** The provisions cited, as the paper wrote them. */
  provisions: string[];
  problems: ReportProblem[];
  /** The worst verdict of its citations. */
  verdict: Verdict;
  citations: ReportCitation[];
}

export interface ReportShortForm {
  line: number;
  footnote?: number;
  written: string;
  /** The footnote it resolves to, or undefined. */
  target?: number;
  problems: ReportProblem[];
}

/** What a reader of a saved report needs to know it was made and how. */
export interface ReportAudit {
  /** When the report was made (ISO date and time, UTC). */
  generated: string;
  /** The statute book's date, when the book is loaded. */
  statuteBookDate?: string;
  lexciteVersion: string;
  settings: { style: string; paperDate: string; locale: Locale; levels: Record<string, string>; maxCitations: number };
}

export interface CitationReport {
  file: string;
  audit: ReportAudit;
  style: string;
  entries: ReportEntry[];
  shortForms: ReportShortForm[];
  /** Problems not tied to one authority (footnotes, short names…). */
  otherProblems: ReportProblem[];
  counts: { authorities: number; citations: number; errors: number; warnings: number; hints: number; byGroup: Record<ReportGroup, number>; verdicts: VerdictCounts };
  summary: string;
  /** The verdicts counted: 12处引用：已核实8处，不符2处…. */
  verdictSummary: string;
}

const SEVERITY_NAMES = { 1: 'error', 2: 'warning', 3: 'hint', 4: 'hint' } as const;

/** Citations handled between two checks of `isCancelled` (and two yields of reportSteps). */
const CHUNK = 256;

/** Thrown by reportSteps when its isCancelled callback says so. */
export class ReportCancelled extends Error {
  constructor() {
    super('the report was cancelled');
  }
}

export interface ReportOptions extends CheckOptions {
  locale: Locale;
  /** Checked between chunks of citations: true stops the report with ReportCancelled. */
  isCancelled?: () => boolean;
  /** The paper's diagnostics, when already computed for these options. */
  diagnostics?: Diagnostic[];
  /** For the audit header: the version of LexCite making the report (default: this one's), and the time (default: now). */
  lexciteVersion?: string;
  now?: Date;
}

/** The report at once, for callers with nothing else to do meanwhile (the CLI, tests). */
export function buildReport(corpus: Corpus, paper: Paper, file: string, options: ReportOptions = { locale: 'zh-cn' }): CitationReport {
  const steps = reportSteps(corpus, paper, file, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The report, built in steps: the generator yields after each chunk of citations so a server can let other
 * work (and a cancellation) through. Time and memory are linear in the citations checked: problems are found
 * through an offset index of the diagnostics, and citations past lexcite.maxCitations are left out, as they are
 * from the diagnostics.
 */
export function* reportSteps(corpus: Corpus, paper: Paper, file: string, options: ReportOptions): Generator<void, CitationReport> {
  const style = options.style ?? houseStyle(undefined);
  const diagnostics = options.diagnostics ?? checkPaper(corpus, paper, options);
  const { parsed, lines } = paper;
  const limit = cutForCitations(parsed, options.maxCitations ?? 0)?.offset ?? Infinity;
  const entries = new Map<string, ReportEntry>();
  const provisionSets = new Map<ReportEntry, Set<string>>();
  const claimed = new Set<Diagnostic>();
  const problems = new DiagnosticsByOffset(diagnostics, lines);
  const verdicts = new VerdictContext(corpus, paper, diagnostics, options.locale);
  let handled = 0;
  function* chunkDone(): Generator<void> {
    if (++handled % CHUNK !== 0) return;
    if (options.isCancelled?.()) throw new ReportCancelled();
    yield;
  }
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  const footnoteAt = (offset: number) => {
    const def = footnoteContaining(parsed, offset);
    return def ? footnoteNumber(parsed, def.label) : undefined;
  };
  const problemsIn = (start: number, end: number): ReportProblem[] => problems.overlapping(start, end).map((d) => {
    claimed.add(d);
    return toProblem(d);
  });
  const mentioned = new Set<string>();
  const add = (key: string, make: () => Omit<ReportEntry, 'occurrences' | 'provisions' | 'problems' | 'verdict' | 'citations'>, start: number, end: number, provisions: string[], cited: CitationVerdict[]) => {
    let entry = entries.get(key);
    if (!entry) {
      entry = { ...make(), occurrences: [], provisions: [], problems: [], verdict: 'verified', citations: [] };
      entries.set(key, entry);
      provisionSets.set(entry, new Set());
    }
    const footnote = footnoteAt(start);
    entry.occurrences.push({ line: lineOf(start), ...(footnote ? { footnote } : {}), written: parsed.text.slice(start, end) });
    for (const v of cited) {
      const at = footnoteAt(v.start);
      entry.citations.push({
        line: v.line, ...(at ? { footnote: at } : {}), written: v.written, ...(v.reference ? { reference: v.reference } : {}), ...(v.version ? { version: v.version } : {}),
        verdict: v.verdict, reasons: v.reasons, ...(v.evidence ? { evidence: v.evidence } : {}),
      });
    }
    entry.verdict = worstVerdict(entry.citations.map((c) => c.verdict));
    const seen = provisionSets.get(entry)!;
    for (const p of provisions) {
      if (seen.has(p)) continue;
      seen.add(p);
      entry.provisions.push(p);
    }
    for (const problem of problemsIn(start, end)) entry.problems.push(problem);
  };

  for (const title of parsed.titles) {
    if (title.start >= limit) break;
    if (title.journalRole) continue;
    const end = title.references.length > 0 ? title.references[title.references.length - 1].end : title.docNumber ? Math.max(title.end, title.docNumber.end + 1) : title.end;
    const item = itemOf(corpus, paper, title);
    // As the paper wrote them (第（八）项), not as the index addresses them.
    const provisions = title.references.map((r) => r.text);
    const cited = titleVerdicts(verdicts, title);
    if (item) {
      const key = `${item.type}:${item.item.id}`;
      add(key, () => describe(item, style, mentioned), title.start, end, provisions, cited);
    } else {
      const key = `unknown:${title.title}`;
      add(key, () => ({ group: /(法|法典|条例|规定|办法|细则|解释)$/.test(title.title) ? 'law-not-indexed' : 'other', title: title.title, canonical: `《${title.title}》`, indexed: false }), title.start, end, provisions, cited);
    }
    yield* chunkDone();
  }
  // 该法第N条, 该条第N款: citations of the work cited before them, listed where the paper wrote them.
  for (const anaphor of parsed.anaphora) {
    if (anaphor.start >= limit) break;
    const antecedent = paper.scope.antecedentOf(anaphor);
    const item = antecedent && itemOf(corpus, paper, antecedent.title);
    if (!item) continue;
    // As the paper wrote them (该条第二款 under its article: 第二十七条第二款).
    const provisions = anaphor.references.map((written) => (antecedent.reference ? continuedReference(antecedent.reference, written) : written).text);
    add(`${item.type}:${item.item.id}`, () => describe(item, style, mentioned), anaphor.start, anaphor.references[anaphor.references.length - 1].end, provisions, anaphorVerdicts(verdicts, anaphor));
    yield* chunkDone();
  }
  // 文号 written without a title (参见国发〔2025〕11号) cite their document too.
  const attached = new Set(parsed.titles.map((title) => title.docNumber));
  for (const number of parsed.docNumbers) {
    if (number.start >= limit) break;
    if (attached.has(number)) continue;
    const documents = corpus.lookupDocNumber(number.parsed.canonical);
    const document = documents.find((d) => !d.issuedBy) ?? documents[0];
    const cited = [docNumberVerdict(verdicts, number)];
    if (document) add(`document:${document.id}`, () => describe({ type: 'document', item: document }, style, mentioned), number.start, number.end, [], cited);
    else add(`docnumber:${number.parsed.canonical}`, () => ({ group: 'other', title: number.parsed.canonical, canonical: number.text, indexed: false }), number.start, number.end, [], cited);
    yield* chunkDone();
  }
  for (const journal of parsed.journals) {
    if (journal.start >= limit) break;
    const record = recordOf(corpus, journal);
    const key = record ? `record:${record.id}` : `paper:${journal.title.title}`;
    add(key, () => record
      ? { group: 'journal-paper', title: record.title, canonical: formatPaperReference(record, style), indexed: true, id: record.id }
      : { group: 'journal-paper', title: journal.title.title, canonical: parsed.text.slice(journal.start, journal.end), indexed: false }, journal.start, journal.end, [], [journalVerdict(verdicts, journal)]);
    yield* chunkDone();
  }
  for (const number of parsed.caseNumbers) {
    if (number.start >= limit) break;
    add(`case:${number.text}`, () => ({ group: 'case', title: number.text, canonical: number.text, indexed: false }), number.start, number.end, [], [caseNumberVerdict(verdicts, number)]);
    yield* chunkDone();
  }
  // Pandoc citations ([@key, 第12页]) cite the work of their key; the locator is listed like a provision.
  for (const citation of parsed.pandocCitations ?? []) {
    if (citation.start >= limit) break;
    const record = corpus.recordForKey(citation.key);
    const locators = citation.locator ? [citation.locator.text] : [];
    add(record ? `record:${record.id}` : `key:${citation.key}`, () => record
      ? { group: record.work?.type === 'article' ? 'journal-paper' : 'other', title: record.title, canonical: formatPaperReference(record, style), indexed: true, id: record.id }
      : { group: 'other', title: `@${citation.key}`, canonical: `@${citation.key}`, indexed: false }, citation.start, citation.end, locators, [pandocVerdict(verdicts, citation)]);
    yield* chunkDone();
  }
  // Quotations: their problems belong to the authority they quote.
  const shortForms: ReportShortForm[] = [];
  for (const form of parsed.shortForms) {
    if (form.start >= limit) break;
    const resolved = resolveShortForm(parsed, form);
    const footnote = footnoteNumber(parsed, form.footnote);
    shortForms.push({
      line: lineOf(form.start), ...(footnote ? { footnote } : {}), written: parsed.text.slice(form.start, form.end),
      ...(resolved.target ? { target: resolved.number } : {}), problems: problemsIn(form.start, form.end),
    });
    yield* chunkDone();
  }
  // Citations that point back were added after the titles: put every entry's occurrences in the paper's order.
  for (const entry of entries.values()) {
    entry.occurrences.sort((a, b) => a.line - b.line);
    entry.citations.sort((a, b) => a.line - b.line);
  }
  // A quotation's problem sits where the quotation is, away from the citation it is held to: its verdict says whose it is.
  const quoteOwners = new Map<string, ReportEntry>();
  for (const entry of entries.values()) {
    for (const c of entry.citations) for (const r of c.reasons) if (r.code === 'quote.mismatch') quoteOwners.set(`${r.line}\u0000${r.message}`, entry);
  }
  const otherProblems: ReportProblem[] = [];
  for (const d of diagnostics) {
    if (claimed.has(d)) continue;
    const owner = d.code === 'quote.mismatch' ? quoteOwners.get(`${d.range.start.line + 1}\u0000${d.message}`) : undefined;
    if (owner) owner.problems.push(toProblem(d));
    else otherProblems.push(toProblem(d));
  }
  const list = [...entries.values()].sort((a, b) => REPORT_GROUPS.indexOf(a.group) - REPORT_GROUPS.indexOf(b.group) || a.occurrences[0].line - b.occurrences[0].line);
  const byGroup = Object.fromEntries(REPORT_GROUPS.map((g) => [g, 0])) as Record<ReportGroup, number>;
  for (const entry of list) byGroup[entry.group]++;
  const counts = {
    authorities: list.length,
    citations: list.reduce((n, e) => n + e.occurrences.length, 0),
    errors: diagnostics.filter((d) => d.severity === 1).length,
    warnings: diagnostics.filter((d) => d.severity === 2).length,
    hints: diagnostics.filter((d) => d.severity === 4 || d.severity === 3).length,
    byGroup,
    verdicts: countVerdicts(list.flatMap((e) => e.citations)),
  };
  const audit: ReportAudit = {
    generated: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(corpus.statuteBookDate ? { statuteBookDate: corpus.statuteBookDate } : {}),
    lexciteVersion: options.lexciteVersion ?? LEXCITE_VERSION,
    settings: { style: style.name, paperDate: paper.scope.date, locale: options.locale, levels: configuredLevels(options.levels), maxCitations: options.maxCitations ?? 0 },
  };
  return {
    file, audit, style: style.name, entries: list, shortForms, otherProblems, counts, summary: summaryLine(counts, options.locale),
    verdictSummary: verdictSummary(counts.verdicts, options.locale),
  };
}

/** The levels the settings change, by code (untrusted keys: copied into a plain record of strings only). */
function configuredLevels(levels: ReportOptions['levels']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, level] of Object.entries(levels ?? {})) if (typeof level === 'string') out[code] = level;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function toProblem(d: Diagnostic): ReportProblem {
  return { line: d.range.start.line + 1, severity: SEVERITY_NAMES[(d.severity ?? 4) as 1 | 2 | 3 | 4], code: String(d.code), message: d.message };
}

function itemOf(corpus: Corpus, paper: Paper, title: TitleCitation): CorpusItem | undefined {
  const document = documentForTitle(corpus, title, paper.scope);
  if (document) return { type: 'document', item: document };
  const resolution = resolveTitle(corpus, title.title, paper.scope, title);
  if (resolution.status !== 'resolved') return undefined;
  for (const entry of resolution.entries) {
    const item = corpus.item(entry);
    if (item) return item;
  }
  return undefined;
}

function recordOf(corpus: Corpus, journal: JournalCitation) {
  const resolution = resolveTitle(corpus, journal.title.title);
  const entry = resolution.status === 'resolved' ? resolution.entries.find((e) => e.type === 'record') : undefined;
  return entry ? corpus.record(entry.id) : undefined;
}

function describe(item: CorpusItem, style: ReturnType<typeof houseStyle>, mentioned: Set<string>): Omit<ReportEntry, 'occurrences' | 'provisions' | 'problems' | 'verdict' | 'citations'> {
  if (item.type === 'document') {
    const doc = item.item;
    const group: ReportGroup = doc.kind === 'national-policy' || doc.kind === 'local-measure' || doc.kind === 'notice' || doc.kind === 'statute' ? doc.kind : 'other';
    const first = !mentioned.has(doc.id);
    mentioned.add(doc.id);
    return { group, title: doc.title, canonical: formatDocumentCitation(doc, style, first), indexed: true, id: doc.id };
  }
  if (item.type === 'record') return { group: 'journal-paper', title: item.item.title, canonical: formatPaperReference(item.item, style), indexed: true, id: item.item.id };
  const instrument = item.item;
  const group: ReportGroup = ['law', 'regulation', 'foreign-law'].includes(instrument.kind) ? 'law-not-indexed' : 'other';
  const where = instrument.jurisdictions.length ? `（${instrument.jurisdictions.join('、')}）` : '';
  return { group, title: instrument.title, canonical: `《${instrument.title}》${where}`, indexed: false, id: instrument.id };
}

function summaryLine(counts: CitationReport['counts'], locale: Locale): string {
  const groups = REPORT_GROUPS.filter((g) => counts.byGroup[g] > 0);
  if (locale === 'en') {
    const parts = groups.map((g) => `${GROUP_LABELS.en[g].toLowerCase()} ${counts.byGroup[g]}`).join(', ');
    return `${counts.authorities} authorities cited ${counts.citations} times (${parts}); ${counts.errors} errors, ${counts.warnings} warnings, ${counts.hints} hints.`;
  }
  const parts = groups.map((g) => `${GROUP_LABELS['zh-cn'][g]}${counts.byGroup[g]}件`).join('、');
  return `共引用文献${counts.authorities}件、${counts.citations}处（${parts || '无'}）；检查发现错误${counts.errors}处、警告${counts.warnings}处、提示${counts.hints}处。`;
}
