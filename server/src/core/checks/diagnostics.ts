/**
 * Citation checks. Each finding has a stable dotted code, a default level that settings can change
 * (ignore|hint|warning|error), a message saying what is wrong and what would be right, and — where there is a
 * fix — the edits in `data.fixes`, so code actions need no state of their own. The checks live in checks/;
 * this file runs them, applies levels and `<!-- lexcite-disable-next-line code … -->`, and converts to LSP.
 * Each paragraph's findings and diagnostics are kept with it (blockMemo.ts): after an edit, the paragraphs whose
 * findings are kept cost a comparison each, and only the paper-wide checks (footnote structure, short names, the
 * first mention of a 文号) look at the whole paper again.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DiagnosticCode, Level, defaultLevel } from './diagnosticCodes';
import { blockByBlock, blockInputs } from './blockChecks';
import { BlockState, NO_FINDINGS, PlacedFindings, blockStates, keptFor } from './blockMemo';
import type { CheckContext, Finding } from './context';
import { checkFootnotes } from './footnotes';
import { checkShortNames } from './shortNames';
import { checkStyle } from './style';
import type { Corpus } from '../corpus/corpus';
import type { Block } from '../paper/incremental';
import { CitationCut, cutForCitations } from '../paper/limits';
import { LineIndex } from '../paper/lineIndex';
import { Locale, t } from '../text/messages';
import type { Paper } from '../paper/paperCache';
import type { ParsedPaper } from '../paper/parser';
import { HouseStyle, houseStyle } from '../text/styles';
import { firstIndexWhere, firstStartingAtOrAfter } from '../util/binarySearch';

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
  // Too many citations: only what starts before the first citation past the limit is checked, on a parse
  // without the later citations, and the blocks up to there (the last one cut). Footnote structure is cheap and
  // checked whole.
  const checked: CheckContext = cut ? { ...context, paper: clipPaper(paper, cut.offset) } : context;
  const inputs = blockInputs(checked);
  const states = blockStates(checked.paper);
  // The per-citation checks first: they resolve every title, which the style check then asks again.
  const perBlock = blockByBlock(checked, states, inputs, cut?.offset);
  const style = checkStyle(checked, states, inputs);
  let paperWide = [...checkFootnotes(context), ...checkShortNames(checked), ...style.paperWide];
  if (cut) paperWide = [...paperWide.filter((f) => f.start < cut.offset), tooManyCitations(cut, context.locale)];
  const levels = options.levels ?? {};
  const levelsKey = JSON.stringify(levels);
  const blocks = checked.paper.blocks;
  const blockDiagnostics = blocks.map((block, i) => {
    const lists = perBlock[i];
    lists.push(style.perBlock[i]);
    return diagnosticsOfBlock(states[i], block, lists, levels, levelsKey, paper.lines);
  });
  const { text } = paper.parsed;
  // A comment switches findings off on the line after it, which may be the next block's first.
  const disabled = disabledLines(text, paper.lines);
  return mergeInOrder(blockDiagnostics, toDiagnostics(withSizeLimit(paperWide, context, options), paper.lines, levels), disabled);
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

/** The paper without the citations, quotations and footnotes that start at or after `end`, and its blocks up to there. */
function clipPaper(paper: Paper, end: number): Paper {
  const last = Math.max(0, firstIndexWhere(paper.blocks.length, (i) => paper.blocks[i].end > end));
  const blocks = paper.blocks.slice(0, last);
  const blockParses = paper.blockParses.slice(0, last);
  const cutBlock = paper.blocks[last];
  if (cutBlock && cutBlock.start < end) {
    blocks.push({ start: cutBlock.start, end, text: cutBlock.text.slice(0, end - cutBlock.start) });
    blockParses.push(clipParsed(paper.blockParses[last], end));
  }
  return { ...paper, parsed: clipParsed(paper.parsed, end), blocks, blockParses };
}

/** The parse without the citations, quotations and footnotes that start at or after `end`. */
function clipParsed(parsed: ParsedPaper, end: number): ParsedPaper {
  // The lists are in order of their start.
  const before = <T extends { start: number }>(items: T[]) => items.slice(0, firstStartingAtOrAfter(items, end));
  return {
    ...parsed, titles: before(parsed.titles), docNumbers: before(parsed.docNumbers), journals: before(parsed.journals), quotations: before(parsed.quotations),
    shortForms: before(parsed.shortForms), anaphora: before(parsed.anaphora), caseNumbers: before(parsed.caseNumbers), footnoteRefs: before(parsed.footnoteRefs), footnoteDefs: before(parsed.footnoteDefs),
  };
}

/** Diagnostics of findings anywhere in the paper, as checkPaper makes them (levels, opt-out comments, order). */
export function diagnosticsOf(findings: Finding[], paper: Paper, levels: Partial<Record<string, Level>>): Diagnostic[] {
  return mergeInOrder([], toDiagnostics(findings, paper.lines, levels), disabledLines(paper.parsed.text, paper.lines));
}

const NO_DIAGNOSTICS: Diagnostic[] = [];

/**
 * A block's diagnostics from its findings, kept beside the block while its findings and the levels stay, and
 * moved when its first line moves.
 */
function diagnosticsOfBlock(state: BlockState, block: Block, lists: readonly PlacedFindings[], levels: Partial<Record<string, Level>>, levelsKey: string, lines: LineIndex): Diagnostic[] {
  if (lists.every((list) => list === NO_FINDINGS)) return NO_DIAGNOSTICS;
  const startLine = lines.lineAt(block.start);
  let made = keptFor(state.diagnostics, lists);
  if (made?.levelsKey !== levelsKey) {
    const diagnostics = lists.flatMap(({ at, findings }) => toDiagnostics(findings, lines, levels, block.start - at)).sort(compareDiagnostics);
    made = (state.diagnostics = { inputs: lists, value: { levelsKey, startLine, diagnostics } }).value;
  }
  if (made.startLine !== startLine) {
    const delta = startLine - made.startLine;
    made.diagnostics = made.diagnostics.map((diagnostic) => movedDown(diagnostic, delta));
    made.startLine = startLine;
  }
  return made.diagnostics;
}

function movedDown(diagnostic: Diagnostic, lines: number): Diagnostic {
  const move = (range: Range): Range => ({ start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } });
  const moved: Diagnostic = { ...diagnostic, range: move(diagnostic.range) };
  const data = diagnostic.data as DiagnosticData | undefined;
  if (data?.fixes) moved.data = { ...data, fixes: data.fixes.map((fix) => ({ ...fix, range: move(fix.range) })) };
  return moved;
}

/**
 * The blocks' diagnostics (each list in order, the blocks in order) and the paper-wide ones, merged in order,
 * without those an opt-out comment switches off.
 */
function mergeInOrder(blocks: readonly Diagnostic[][], paperWide: readonly Diagnostic[], disabled: Map<number, Set<string>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const keep = (diagnostic: Diagnostic) => {
    const off = disabled.get(diagnostic.range.start.line);
    if (!off || (off.size > 0 && !off.has(String(diagnostic.code)))) out.push(diagnostic);
  };
  let next = 0;
  for (const list of blocks) {
    for (const diagnostic of list) {
      while (next < paperWide.length && compareDiagnostics(paperWide[next], diagnostic) <= 0) keep(paperWide[next++]);
      keep(diagnostic);
    }
  }
  while (next < paperWide.length) keep(paperWide[next++]);
  return out;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character || String(a.code).localeCompare(String(b.code));
}

/** The findings' diagnostics in order, each found `delta` characters further on than its offsets say. */
function toDiagnostics(findings: readonly Finding[], lines: LineIndex, levels: Partial<Record<string, Level>>, delta = 0): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of [...findings].sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code))) {
    const configured = levels[finding.code] ?? defaultLevel(finding.code);
    if (configured === 'ignore') continue;
    const level = finding.uncertain ? 'hint' : configured;
    const range = lines.range(finding.start + delta, finding.end + delta);
    const diagnostic: Diagnostic = { range, severity: SEVERITY[level], code: finding.code, source: 'lexcite', message: finding.message };
    if (finding.fixes) {
      const data: DiagnosticData = { fixes: finding.fixes.map((f) => ({ title: f.title, range: lines.range(f.start + delta, f.end + delta), newText: f.newText })), ...(finding.uncertain ? { uncertain: true as const } : {}) };
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
