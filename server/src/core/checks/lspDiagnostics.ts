/**
 * Findings as LSP diagnostics: levels applied (a finding that is not certain is only a hint), fixes carried in
 * `data.fixes` so code actions need no state of their own, `<!-- lexcite-disable-next-line code … -->` honoured,
 * and the lists merged in the order of their ranges.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { Level, defaultLevel } from './diagnosticCodes';
import type { Finding } from './context';
import type { LineIndex } from '../paper/lineIndex';
import type { Paper } from '../paper/paperCache';
import type { ParsedPaper } from '../paper/parser';

const SEVERITY: Record<Exclude<Level, 'ignore'>, 1 | 2 | 4> = { error: 1, warning: 2, hint: 4 };

export type Levels = Partial<Record<string, Level>>;

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

/** Diagnostics of findings anywhere in the paper, as checkPaper makes them (levels, opt-out comments, order). */
export function diagnosticsOf(findings: Finding[], paper: Paper, levels: Levels): Diagnostic[] {
  return mergeInOrder([], toDiagnostics(findings, paper.lines, levels), disabledLines(paper));
}

/** The diagnostic `lines` lines further down, with its fixes. */
export function movedDown(diagnostic: Diagnostic, lines: number): Diagnostic {
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
export function mergeInOrder(blocks: readonly Diagnostic[][], paperWide: readonly Diagnostic[], disabled: Map<number, Set<string>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const keep = (diagnostic: Diagnostic) => {
    const off = disabled.get(diagnostic.range.start.line);
    if (!off || (off.size > 0 && !off.has(String(diagnostic.code)))) out.push(diagnostic);
  };
  let next = 0;
  if (disabled.size === 0) {
    // The usual paper: nothing switched off.
    for (const list of blocks) {
      if (list.length === 0) continue;
      if (next === paperWide.length || compareDiagnostics(paperWide[next], list[list.length - 1]) > 0) {
        // No paper-wide diagnostic goes before the list's last: the list goes in whole, compared once.
        for (let i = 0; i < list.length; i++) out.push(list[i]);
        continue;
      }
      for (let i = 0; i < list.length; i++) {
        while (next < paperWide.length && compareDiagnostics(paperWide[next], list[i]) <= 0) out.push(paperWide[next++]);
        out.push(list[i]);
      }
    }
    while (next < paperWide.length) out.push(paperWide[next++]);
    return out;
  }
  for (const list of blocks) {
    for (const diagnostic of list) {
      while (next < paperWide.length && compareDiagnostics(paperWide[next], diagnostic) <= 0) keep(paperWide[next++]);
      keep(diagnostic);
    }
  }
  while (next < paperWide.length) keep(paperWide[next++]);
  return out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character || String(a.code).localeCompare(String(b.code));
}

/** The findings' diagnostics in order, each found `delta` characters further on than its offsets say. */
export function toDiagnostics(findings: readonly Finding[], lines: LineIndex, levels: Levels, delta = 0): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const inOrder = findings.length < 2 ? findings : [...findings].sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  for (const finding of inOrder) {
    const configured = levels[finding.code] ?? defaultLevel(finding.code);
    if (configured === 'ignore') continue;
    const level = finding.uncertain ? 'hint' : configured;
    const range = lines.range(finding.start + delta, finding.end + delta);
    const diagnostic: Diagnostic = { range, severity: SEVERITY[level], code: finding.code, source: 'lexcite', message: finding.message };
    if (finding.fixes) {
      const data: DiagnosticData = { fixes: finding.fixes.map((f) => ({ title: f.title, range: lines.range(f.start + delta, f.end + delta), newText: f.newText })) };
      // Set, not spread from a conditional literal: a spread copies the object through the slow path.
      if (finding.uncertain) data.uncertain = true;
      diagnostic.data = data;
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

// The codes cannot contain < or >: stopping there keeps an unterminated comment from scanning to the end each time.
const DISABLE_NEXT_LINE = /<!--\s*lexcite-disable-next-line\b([^<>]*?)-->/g;
const OPT_OUT = 'lexcite-disable';

/** Whether each version of an open paper mentions OPT_OUT at all. */
const mentionsOptOut = new WeakMap<ParsedPaper, boolean>();

/**
 * Whether the paper mentions OPT_OUT: after an edit of a version that did not, only the edited stretch can, so
 * the rest of the paper is not read again.
 */
function hasOptOut(paper: Paper): boolean {
  const { text } = paper.parsed;
  const change = paper.change;
  const has = change && mentionsOptOut.get(change.previous) === false
    ? text.slice(Math.max(0, change.from - OPT_OUT.length), change.to + change.delta + OPT_OUT.length).includes(OPT_OUT)
    : text.includes(OPT_OUT);
  mentionsOptOut.set(paper.parsed, has);
  return has;
}

/** Lines whose findings are switched off, with the codes (an empty set means all). */
export function disabledLines(paper: Paper): Map<number, Set<string>> {
  const { parsed: { text }, lines } = paper;
  const out = new Map<number, Set<string>>();
  if (!hasOptOut(paper)) return out;
  for (const match of text.matchAll(DISABLE_NEXT_LINE)) {
    const line = lines.positionAt(match.index! + match[0].length).line + 1;
    const codes = match[1].split(/[\s,]+/).filter(Boolean);
    const current = out.get(line);
    if (codes.length === 0 || (current && current.size === 0)) out.set(line, new Set());
    else out.set(line, new Set([...(current ?? []), ...codes]));
  }
  return out;
}

/** Whether two lists of diagnostics say the same, diagnostic by diagnostic. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameDiagnostic(a[i], b[i])) return false;
  return true;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return sameRange(a.range, b.range) && a.code === b.code && a.message === b.message && a.severity === b.severity && a.source === b.source
    && (a.data === b.data || JSON.stringify(a.data) === JSON.stringify(b.data));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
