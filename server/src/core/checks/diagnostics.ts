/**
 * Citation checks. Each finding has a stable dotted code, a default level that settings can change
 * (ignore|hint|warning|error), a message saying what is wrong and what would be right, and — where there is a
 * fix — the edits in `data.fixes`, so code actions need no state of their own. The checks live in checks/;
 * this file runs them, applies levels and `<!-- lexcite-disable-next-line code … -->`, and converts to LSP.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DiagnosticCode, Level, defaultLevel } from './diagnosticCodes';
import { checkAnaphora } from './anaphora';
import { checkCaseNumbers } from './caseNumbers';
import { checkCitations } from './citations';
import { checkClaimedTerms } from './claimedTerms';
import { checkConsistency } from './consistency';
import type { CheckContext, Finding } from './context';
import { checkFootnotes } from './footnotes';
import { checkPandocCitations } from './pandoc';
import { checkBookCitations } from './books';
import { checkQuotations } from './quotations';
import { checkReproductions } from './reproductions';
import { checkShortNames } from './shortNames';
import { checkStyle } from './style';
import { checkVersions } from './versions';
import type { Corpus } from '../corpus/corpus';
import { CitationCut, cutForCitations } from '../paper/limits';
import type { LineIndex } from '../paper/lineIndex';
import { Locale, t } from '../text/messages';
import type { Paper } from '../paper/paperCache';
import type { ParsedPaper } from '../paper/parser';
import { HouseStyle, houseStyle } from '../text/styles';

const SEVERITY: Record<Exclude<Level, 'ignore'>, 1 | 2 | 4> = { error: 1, warning: 2, hint: 4 };

export interface CheckOptions {
  levels?: Partial<Record<string, Level>>;
  locale?: Locale;
  style?: HouseStyle;
  /** Check no more than this many citations (limits.ts); absent or 0: all. */
  maxCitations?: number;
  /**
   * The paper is the first part of a longer one, cut for its size (limits.ts cutForSize): one diagnostic says
   * where checking stopped, and checks that need the rest of the paper to be right are left out.
   */
  truncated?: { length: number; limit: number };
}

/** Footnote checks whose verdict depends on text after a size cut (a definition or reference may be there). */
const NEED_WHOLE_PAPER = new Set<DiagnosticCode>(['footnote.undefined', 'footnote.unused', 'shortform.missing-target']);

export interface Fix {
  title: string;
  range: Range;
  newText: string;
}

export interface DiagnosticData {
  fixes?: Fix[];
  /** The finding is not certain (reported as a hint whatever its level): its fix is never applied unasked. */
  uncertain?: true;
}

export function checkPaper(corpus: Corpus, paper: Paper, options: CheckOptions = {}): Diagnostic[] {
  const context: CheckContext = { corpus, paper, locale: options.locale ?? 'zh-cn', style: options.style ?? houseStyle(undefined) };
  const cut = cutForCitations(paper.parsed, options.maxCitations ?? 0);
  if (!cut) {
    const findings: Finding[] = [
      ...perCitationFindings(context),
      ...checkQuotations(context),
      ...checkAnaphora(context),
      ...checkFootnotes(context),
      ...checkShortNames(context),
      ...checkStyle(context),
    ];
    return toDiagnostics(withSizeLimit(findings, context, options), paper.parsed.text, paper.lines, options.levels ?? {});
  }
  // Too many citations: only what starts before the first citation past the limit is checked. The checks that
  // walk the whole paper see it without the later citations; footnote structure is cheap and checked whole.
  const clipped: CheckContext = { ...context, paper: { ...paper, parsed: clipParsed(paper.parsed, cut.offset) } };
  const findings: Finding[] = [
    ...perCitationFindings(context, cut.offset),
    ...checkQuotations(clipped),
    ...checkAnaphora(clipped),
    ...checkFootnotes(context),
    ...checkShortNames(clipped),
    ...checkStyle(clipped),
  ].filter((f) => f.start < cut.offset);
  findings.push(tooManyCitations(cut, context.locale));
  return toDiagnostics(withSizeLimit(findings, context, options), paper.parsed.text, paper.lines, options.levels ?? {});
}

function tooManyCitations(cut: CitationCut, locale: Locale): Finding {
  return { code: 'paper.too-many-citations', start: cut.start, end: cut.end, message: t(locale, 'paper.too-many-citations', { limit: formatCount(cut.limit) }) };
}

/** For a paper cut for its size: the diagnostic where checking stopped, and no verdict that needs the rest. */
function withSizeLimit(findings: Finding[], context: CheckContext, options: CheckOptions): Finding[] {
  if (!options.truncated) return findings;
  const { text } = context.paper.parsed;
  const lastLine = text.length === 0 ? 0 : context.paper.lines.positionAt(text.length - 1).line + 1;
  const message = t(context.locale, 'paper.too-large', { length: formatCount(options.truncated.length), limit: formatCount(options.truncated.limit), line: lastLine });
  return [...findings.filter((f) => !NEED_WHOLE_PAPER.has(f.code)), { code: 'paper.too-large', start: text.length, end: text.length, message }];
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** The parse without the citations, quotations and footnotes that start at or after `end`. */
function clipParsed(parsed: ParsedPaper, end: number): ParsedPaper {
  const before = <T extends { start: number }>(items: T[]) => items.filter((item) => item.start < end);
  return {
    ...parsed, titles: before(parsed.titles), docNumbers: before(parsed.docNumbers), journals: before(parsed.journals), quotations: before(parsed.quotations),
    shortForms: before(parsed.shortForms), anaphora: before(parsed.anaphora), caseNumbers: before(parsed.caseNumbers), footnoteRefs: before(parsed.footnoteRefs), footnoteDefs: before(parsed.footnoteDefs),
  };
}

/** The checks that look at one citation at a time: their findings depend only on the citation's block. */
export function localChecks(context: CheckContext): Finding[] {
  return [...checkCitations(context), ...checkVersions(context), ...checkConsistency(context), ...checkClaimedTerms(context), ...checkReproductions(context), ...checkCaseNumbers(context), ...checkPandocCitations(context), ...checkBookCitations(context)];
}

/** Per-citation findings of one open document, per block, relative to the block's start, kept across versions. */
interface BlockFindingsCache {
  /** Keyed by what the findings depend on (see perCitationFindings) and the block's text. */
  findings: Map<string, Finding[]>;
  /** The short-name definition lists seen, each by a short id, so a block's key does not repeat the list. */
  definitionLists: Map<string, number>;
}
const blockFindingsCaches = new WeakMap<object, BlockFindingsCache>();

/**
 * Per-citation findings, block by block, remembered by the block's text (and what else they depend on: the
 * language, the style, the paper's date and its short names — which of them come before the block). After an
 * edit only the edited block is checked again; the others' findings are placed where the block now starts.
 */
function perCitationFindings(context: CheckContext, end = Infinity): Finding[] {
  const { paper } = context;
  let cache = blockFindingsCaches.get(paper.lifetime);
  if (!cache) blockFindingsCaches.set(paper.lifetime, (cache = { findings: new Map(), definitionLists: new Map() }));
  const definitions = paper.scope.definitions;
  const list = definitions.map((d) => `${d.name}=${d.title.title}`).join('\u0001');
  let listId = cache.definitionLists.get(list);
  if (listId === undefined) {
    // Only the current list is worth keeping: findings under an older one are dropped below anyway.
    cache.definitionLists.clear();
    cache.definitionLists.set(list, (listId = nextDefinitionListId++));
  }
  const base = `${context.locale}|${context.style.name}|${paper.scope.date}|${listId}`;
  const out: Finding[] = [];
  const used = new Set<string>();
  let before = 0;
  for (const whole of paper.blocks) {
    if (whole.start >= end) break;
    while (before < definitions.length && definitions[before].offset < whole.start) before++;
    // The block where checking stops is checked up to there (and remembered as that shorter text).
    const block = whole.end <= end ? whole : { start: whole.start, end, text: whole.text.slice(0, end - whole.start) };
    const key = `${base}|${before}${block === whole ? '' : '|cut'}\u0000${block.text}`;
    used.add(key);
    let relative = cache.findings.get(key);
    if (!relative) {
      relative = localChecks({ ...context, within: block }).map((f) => shiftFinding(f, -block.start));
      cache.findings.set(key, relative);
    }
    for (const finding of relative) out.push(shiftFinding(finding, block.start));
  }
  // Keep only what the current blocks use, so the cache does not grow with every edit.
  for (const key of cache.findings.keys()) if (!used.has(key)) cache.findings.delete(key);
  return out;
}
let nextDefinitionListId = 0;

function shiftFinding(finding: Finding, delta: number): Finding {
  return {
    ...finding, start: finding.start + delta, end: finding.end + delta,
    ...(finding.fixes ? { fixes: finding.fixes.map((f) => ({ ...f, start: f.start + delta, end: f.end + delta })) } : {}),
  };
}

export function toDiagnostics(findings: Finding[], text: string, lines: LineIndex, levels: Partial<Record<string, Level>>): Diagnostic[] {
  const disabled = disabledLines(text, lines);
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code))) {
    const configured = levels[finding.code] ?? defaultLevel(finding.code);
    if (configured === 'ignore') continue;
    const level = finding.uncertain ? 'hint' : configured;
    const range = lines.range(finding.start, finding.end);
    const off = disabled.get(range.start.line);
    if (off && (off.size === 0 || off.has(finding.code))) continue;
    const diagnostic: Diagnostic = { range, severity: SEVERITY[level], code: finding.code, source: 'lexcite', message: finding.message };
    if (finding.fixes) {
      const data: DiagnosticData = { fixes: finding.fixes.map((f) => ({ title: f.title, range: lines.range(f.start, f.end), newText: f.newText })), ...(finding.uncertain ? { uncertain: true as const } : {}) };
      diagnostic.data = data;
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

// The codes cannot contain < or >: stopping there keeps an unterminated comment from scanning to the end each time.
const DISABLE_NEXT_LINE = /<!--\s*lexcite-disable-next-line\b([^<>]*?)-->/g;

/** Lines whose findings are switched off, with the codes (an empty set means all). */
function disabledLines(text: string, lines: LineIndex): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes('lexcite-disable')) return out;
  for (const match of text.matchAll(DISABLE_NEXT_LINE)) {
    const line = lines.positionAt(match.index! + match[0].length).line + 1;
    const codes = match[1].split(/[\s,]+/).filter(Boolean);
    const current = out.get(line);
    if (codes.length === 0 || (current && current.size === 0)) out.set(line, new Set());
    else out.set(line, new Set([...(current ?? []), ...codes]));
  }
  return out;
}
