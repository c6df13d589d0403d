/**
 * Citation checks. Each finding has a stable dotted code, a default level that settings can change
 * (ignore|hint|warning|error), a message saying what is wrong and what would be right, and — where there is a
 * fix — the edits in `data.fixes`, so code actions need no state of their own.
 *
 *   title.typo           warning  a title close to a known title (《厦门市促进数据产业高质量发展若干举措》)
 *   title.unknown        hint     a title the index does not hold (a book, a law outside the corpus)
 *   article.not-found    error    第十五条 of a document that has （一）至（十四）
 *   docnumber.mismatch   error    （国发〔2025〕12号） after a title whose 文号 is 国发〔2025〕11号
 *   docnumber.format     warning  国发[2025]11号, 国发〔25〕11号, 国发〔2025〕第11号, 国发〔2025〕011号
 *
 * A line can opt out with `<!-- lexcite-disable-next-line code … -->` on the line before it.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Corpus } from './corpus';
import { LineIndex } from './lineIndex';
import { Locale, t } from './messages';
import type { CorpusDocument } from './model';
import type { DocNumberCitation, ParsedPaper, TitleCitation } from './parser';
import { documentsOf, resolveReference, resolveTitle } from './resolver';

export const DIAGNOSTIC_CODES = ['title.typo', 'title.unknown', 'article.not-found', 'docnumber.mismatch', 'docnumber.format'] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];
export type Level = 'ignore' | 'hint' | 'warning' | 'error';

export const DEFAULT_LEVELS: Record<DiagnosticCode, Level> = {
  'title.typo': 'warning',
  'title.unknown': 'hint',
  'article.not-found': 'error',
  'docnumber.mismatch': 'error',
  'docnumber.format': 'warning',
};

const SEVERITY: Record<Exclude<Level, 'ignore'>, 1 | 2 | 4> = { error: 1, warning: 2, hint: 4 };

export interface CheckOptions {
  levels?: Partial<Record<string, Level>>;
  locale?: Locale;
}

export interface Fix {
  title: string;
  range: Range;
  newText: string;
}

export interface DiagnosticData {
  fixes?: Fix[];
  /** The corpus entry the citation resolved to, for other features. */
  target?: string;
}

interface Finding {
  code: DiagnosticCode;
  start: number;
  end: number;
  message: string;
  fixes?: { title: string; start: number; end: number; newText: string }[];
}

export function checkPaper(corpus: Corpus, paper: ParsedPaper, lines: LineIndex, options: CheckOptions = {}): Diagnostic[] {
  const locale = options.locale ?? 'zh-cn';
  const findings: Finding[] = [];
  for (const title of paper.titles) {
    if (title.journalRole) continue;
    checkTitle(corpus, title, locale, findings);
  }
  for (const number of paper.docNumbers) checkDocNumberFormat(number, locale, findings);
  const disabled = disabledLines(paper.text, lines);
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings.sort((a, b) => a.start - b.start || a.end - b.end)) {
    const level = options.levels?.[finding.code] ?? DEFAULT_LEVELS[finding.code];
    if (level === 'ignore') continue;
    const range = lines.range(finding.start, finding.end);
    const off = disabled.get(range.start.line);
    if (off && (off.size === 0 || off.has(finding.code))) continue;
    const data: DiagnosticData = {};
    if (finding.fixes) data.fixes = finding.fixes.map((f) => ({ title: f.title, range: lines.range(f.start, f.end), newText: f.newText }));
    diagnostics.push({ range, severity: SEVERITY[level], code: finding.code, source: 'lexcite', message: finding.message, ...(finding.fixes ? { data } : {}) });
  }
  return diagnostics;
}

function checkTitle(corpus: Corpus, title: TitleCitation, locale: Locale, findings: Finding[]): void {
  const resolution = resolveTitle(corpus, title.title);
  const inner = { start: title.start + 1, end: title.end - 1 };
  if (resolution.status === 'typo') {
    const suggestion = resolution.suggestion.entry.title;
    findings.push({
      code: 'title.typo', ...inner,
      message: t(locale, 'title.typo', { written: title.title, suggestion }),
      fixes: [{ title: t(locale, 'fix.replace-title', { suggestion }), ...inner, newText: suggestion }],
    });
    return;
  }
  if (resolution.status === 'unknown') {
    findings.push({ code: 'title.unknown', ...inner, message: t(locale, 'title.unknown', { written: title.title }) });
    return;
  }
  const documents = documentsOf(corpus, resolution.entries);
  if (documents.length === 0) return;
  checkReferences(corpus, title, documents, locale, findings);
  if (title.docNumber) checkDocNumberMatch(corpus, title.docNumber, documents, locale, findings);
}

function checkReferences(corpus: Corpus, title: TitleCitation, documents: CorpusDocument[], locale: Locale, findings: Finding[]): void {
  for (const reference of title.references) {
    const results = documents.map((doc) => ({ doc, result: resolveReference(corpus, doc, reference) }));
    if (results.some((r) => r.result.ok)) continue;
    const { doc, result } = results[0];
    if (result.ok) continue;
    const step = result.failure.step;
    const start = step.start ?? reference.start;
    const end = step.end ?? reference.end;
    findings.push({
      code: 'article.not-found', start: reference.start, end: Math.max(end, start),
      message: t(locale, 'article.not-found', { title: doc.title, reference: reference.text, available: result.failure.available }),
    });
  }
}

function checkDocNumberMatch(corpus: Corpus, number: DocNumberCitation, documents: CorpusDocument[], locale: Locale, findings: Finding[]): void {
  const expected = documents.map((d) => d.docNumber).filter((n): n is string => n !== undefined);
  if (expected.length === 0) return;
  const written = number.parsed.canonical;
  if (expected.includes(written)) return;
  const owner = corpus.lookupDocNumber(written)[0];
  const other = owner ? t(locale, 'docnumber.mismatch.other', { written, otherTitle: owner.title }) : '';
  findings.push({
    code: 'docnumber.mismatch', start: number.start, end: number.end,
    message: t(locale, 'docnumber.mismatch', { written: number.text, title: documents[0].title, expected: expected[0], other }),
    fixes: [{ title: t(locale, 'fix.replace-docnumber', { canonical: expected[0] }), start: number.start, end: number.end, newText: expected[0] }],
  });
}

function checkDocNumberFormat(number: DocNumberCitation, locale: Locale, findings: Finding[]): void {
  const { parsed } = number;
  if (parsed.problems.length === 0) return;
  const problems = parsed.problems.map((p) => t(locale, `docnumber.problem.${p}`)).join(t(locale, 'list.separator'));
  // The fix rewrites the bracketed year and the serial number only; the issuer code stays as the author wrote it.
  const replacement = parsed.canonical.slice(parsed.issuerCode.length);
  findings.push({
    code: 'docnumber.format', start: number.start, end: number.end,
    message: t(locale, 'docnumber.format', { written: number.text, problems, canonical: parsed.canonical }),
    fixes: [{ title: t(locale, 'fix.replace-docnumber', { canonical: parsed.canonical }), start: number.bracketStart, end: number.end, newText: replacement }],
  });
}

const DISABLE_NEXT_LINE = /<!--\s*lexcite-disable-next-line\b([^>]*?)-->/g;

/** Lines whose findings are switched off, with the codes (an empty set means all). */
function disabledLines(text: string, lines: LineIndex): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes('lexcite-disable')) return out;
  for (const match of text.matchAll(DISABLE_NEXT_LINE)) {
    const line = lines.positionAt(match.index! + match[0].length).line + 1;
    const codes = match[1].split(/[\s,]+/).filter(Boolean);
    const set = out.get(line) ?? new Set<string>();
    if (codes.length === 0) out.set(line, new Set());
    else if (set.size > 0 || !out.has(line)) {
      for (const code of codes) set.add(code);
      out.set(line, set);
    }
  }
  return out;
}
