/**
 * The citation report of a paper: its table of authorities grouped by kind, each with the canonical citation,
 * where it is cited (lines, footnote numbers), the provisions cited and the problems found there, plus the
 * paper's short forms and a summary line an editor can paste into a review. Renderers are in reportFormats.ts.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { documentForTitle } from './citationAt';
import type { Corpus, CorpusItem } from './corpus';
import { checkPaper, CheckOptions } from './diagnostics';
import type { Locale } from './messages';
import type { Paper } from './paperCache';
import { footnoteContaining, footnoteNumber } from './paperIndex';
import type { JournalCitation, TitleCitation } from './parser';
import { resolveTitle } from './resolver';
import { resolveShortForm } from './checks/footnotes';
import { formatDocumentCitation, formatPaperReference, houseStyle } from './styles';

export const REPORT_GROUPS = ['national-policy', 'local-measure', 'notice', 'statute', 'law-not-indexed', 'journal-paper', 'other'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

const GROUP_LABELS: Record<Locale, Record<ReportGroup, string>> = {
  'zh-cn': {
    'national-policy': '国家政策文件', 'local-measure': '地方规范性文件', notice: '通知', statute: '法律法规（已收录）',
    'law-not-indexed': '法律法规（未收录正文）', 'journal-paper': '期刊论文', other: '其他文献',
  },
  en: {
    'national-policy': 'National policy documents', 'local-measure': 'Local measures', notice: 'Notices', statute: 'Statutes (indexed)',
    'law-not-indexed': 'Laws cited but not indexed', 'journal-paper': 'Journal papers', other: 'Other works',
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

export interface ReportEntry {
  group: ReportGroup;
  title: string;
  /** The citation as the house style writes it. */
  canonical: string;
  indexed: boolean;
  id?: string;
  occurrences: ReportOccurrence[];
  provisions: string[];
  problems: ReportProblem[];
}

export interface ReportShortForm {
  line: number;
  footnote?: number;
  written: string;
  /** The footnote it resolves to, or undefined. */
  target?: number;
  problems: ReportProblem[];
}

export interface CitationReport {
  file: string;
  style: string;
  entries: ReportEntry[];
  shortForms: ReportShortForm[];
  /** Problems not tied to one authority (footnotes, short names…). */
  otherProblems: ReportProblem[];
  counts: { authorities: number; citations: number; errors: number; warnings: number; hints: number; byGroup: Record<ReportGroup, number> };
  summary: string;
}

const SEVERITY_NAMES = { 1: 'error', 2: 'warning', 3: 'hint', 4: 'hint' } as const;

export function buildReport(corpus: Corpus, paper: Paper, file: string, options: CheckOptions & { locale: Locale } = { locale: 'zh-cn' }): CitationReport {
  const style = options.style ?? houseStyle(undefined);
  const diagnostics = checkPaper(corpus, paper, options);
  const { parsed, lines } = paper;
  const entries = new Map<string, ReportEntry>();
  const claimed = new Set<Diagnostic>();
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  const footnoteAt = (offset: number) => {
    const def = footnoteContaining(parsed, offset);
    return def ? footnoteNumber(parsed, def.label) : undefined;
  };
  const problemsIn = (start: number, end: number): ReportProblem[] => {
    const out: ReportProblem[] = [];
    for (const d of diagnostics) {
      const s = lines.offsetAt(d.range.start);
      const e = lines.offsetAt(d.range.end);
      if (s < end && e > start) {
        claimed.add(d);
        out.push(toProblem(d));
      }
    }
    return out;
  };
  const mentioned = new Set<string>();
  const add = (key: string, make: () => Omit<ReportEntry, 'occurrences' | 'provisions' | 'problems'>, start: number, end: number, provisions: string[]) => {
    let entry = entries.get(key);
    if (!entry) {
      entry = { ...make(), occurrences: [], provisions: [], problems: [] };
      entries.set(key, entry);
    }
    const footnote = footnoteAt(start);
    entry.occurrences.push({ line: lineOf(start), ...(footnote ? { footnote } : {}), written: parsed.text.slice(start, end) });
    for (const p of provisions) if (!entry.provisions.includes(p)) entry.provisions.push(p);
    entry.problems.push(...problemsIn(start, end));
  };

  for (const title of parsed.titles) {
    if (title.journalRole) continue;
    const end = title.references.length > 0 ? title.references[title.references.length - 1].end : title.docNumber ? Math.max(title.end, title.docNumber.end + 1) : title.end;
    const item = itemOf(corpus, paper, title);
    const provisions = title.references.map((r) => {
      const document = item?.type === 'document' ? item.item : undefined;
      const result = document ? corpus.addressing(document).resolve(r.steps) : undefined;
      return result?.ok ? result.target.address : r.text;
    });
    if (item) {
      const key = `${item.type}:${item.item.id}`;
      add(key, () => describe(item, style, mentioned), title.start, end, provisions);
    } else {
      const key = `unknown:${title.title}`;
      add(key, () => ({ group: /(法|法典|条例|规定|办法|细则|解释)$/.test(title.title) ? 'law-not-indexed' : 'other', title: title.title, canonical: `《${title.title}》`, indexed: false }), title.start, end, provisions);
    }
  }
  // 文号 written without a title (参见国发〔2025〕11号) cite their document too.
  for (const number of parsed.docNumbers) {
    if (parsed.titles.some((title) => title.docNumber === number)) continue;
    const documents = corpus.lookupDocNumber(number.parsed.canonical);
    const document = documents.find((d) => !d.issuedBy) ?? documents[0];
    if (!document) continue;
    add(`document:${document.id}`, () => describe({ type: 'document', item: document }, style, mentioned), number.start, number.end, []);
  }
  for (const journal of parsed.journals) {
    const record = recordOf(corpus, journal);
    const key = record ? `record:${record.id}` : `paper:${journal.title.title}`;
    add(key, () => record
      ? { group: 'journal-paper', title: record.title, canonical: formatPaperReference(record, style), indexed: true, id: record.id }
      : { group: 'journal-paper', title: journal.title.title, canonical: parsed.text.slice(journal.start, journal.end), indexed: false }, journal.start, journal.end, []);
  }
  // Quotations: their problems belong to the authority they quote.
  const shortForms: ReportShortForm[] = parsed.shortForms.map((form) => {
    const resolved = resolveShortForm(parsed, form);
    const footnote = footnoteNumber(parsed, form.footnote);
    return {
      line: lineOf(form.start), ...(footnote ? { footnote } : {}), written: parsed.text.slice(form.start, form.end),
      ...(resolved.target ? { target: resolved.number } : {}), problems: problemsIn(form.start, form.end),
    };
  });
  const otherProblems = diagnostics.filter((d) => !claimed.has(d)).map(toProblem);
  const list = [...entries.values()].sort((a, b) => REPORT_GROUPS.indexOf(a.group) - REPORT_GROUPS.indexOf(b.group) || a.occurrences[0].line - b.occurrences[0].line);
  const byGroup = Object.fromEntries(REPORT_GROUPS.map((g) => [g, list.filter((e) => e.group === g).length])) as Record<ReportGroup, number>;
  const counts = {
    authorities: list.length,
    citations: list.reduce((n, e) => n + e.occurrences.length, 0),
    errors: diagnostics.filter((d) => d.severity === 1).length,
    warnings: diagnostics.filter((d) => d.severity === 2).length,
    hints: diagnostics.filter((d) => d.severity === 4 || d.severity === 3).length,
    byGroup,
  };
  return { file, style: style.name, entries: list, shortForms, otherProblems, counts, summary: summaryLine(counts, options.locale) };
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

function describe(item: CorpusItem, style: ReturnType<typeof houseStyle>, mentioned: Set<string>): Omit<ReportEntry, 'occurrences' | 'provisions' | 'problems'> {
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
