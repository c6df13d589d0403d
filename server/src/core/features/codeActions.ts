/**
 * Quick fixes, “disable this check on this line” (an HTML comment on the line before), and `source.fixAll`:
 * every fix of the paper that has one right answer, in one edit (what `editor.codeActionsOnSave` runs).
 *
 * The diagnostics a client sends back may be from an older version of the paper (the user typed since they
 * were published), and their `data.fixes` ranges are positions in that older text: applied to the current
 * text they would rewrite the wrong characters. So a client's diagnostic is only matched — by code, range and
 * message — against the server's own diagnostics for the current version, and the edits come from those.
 * A diagnostic that no longer exists as sent gets no action; the editor asks again once it has the new ones.
 */
import { checkName } from '../text/checkNames';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { DiagnosticCode } from '../checks/diagnosticCodes';
import type { DiagnosticData } from '../checks/diagnostics';
import { t } from '../text/messages';
import type { Paper } from '../paper/paperCache';
import type { LexciteSettings } from '../settings';

export const FIX_ALL_KIND = 'source.fixAll';

/**
 * The findings whose fix is the one right answer: the 文号's GB/T 9704 form, a title one slip away from a known
 * one, 载 and the article numerals of the house style, full-width punctuation. Fixes that choose between
 * readings (a 文号 of another document, a date, a quotation, a version tag) are left to the writer.
 */
const FIX_ALL_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['docnumber.format', 'title.typo', 'style.zai', 'style.article-numerals', 'style.punctuation']);

/** `only`: the kinds the editor asks for (absent: quick fixes, as the light bulb asks). */
export function provideCodeActions(paper: Paper, range: Range, requested: Diagnostic[], current: Diagnostic[], settings: LexciteSettings, askedFor?: unknown): CodeAction[] {
  // From the client: a list of kinds, or anything else, which counts as not given.
  const only = Array.isArray(askedFor) ? askedFor.filter((kind): kind is string => typeof kind === 'string') : undefined;
  const actions: CodeAction[] = [];
  if (asksFor(only, 'quickfix')) actions.push(...quickFixes(paper, range, requested, current, settings));
  // Asked for by name only (the Source Action menu, codeActionsOnSave), never offered in the light bulb.
  if (only && asksFor(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(paper, current, settings);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** Kinds are hierarchical: asking for `source` includes `source.fixAll`. */
function asksFor(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

function documentEdit(paper: Paper, edits: TextEdit[]) {
  return { documentChanges: [{ textDocument: { uri: paper.uri, version: paper.version }, edits }] };
}

function quickFixes(paper: Paper, range: Range, requested: Diagnostic[], current: Diagnostic[], settings: LexciteSettings): CodeAction[] {
  const actions: CodeAction[] = [];
  const currentByKey = new Map<string, Diagnostic>();
  for (const diagnostic of current) currentByKey.set(diagnosticKey(diagnostic), diagnostic);
  for (const diagnostic of requested) {
    if (diagnostic.source !== 'lexcite' || !overlaps(diagnostic.range, range)) continue;
    const own = currentByKey.get(diagnosticKey(diagnostic));
    if (!own) continue;
    const data = own.data as DiagnosticData | undefined;
    for (const fix of data?.fixes ?? []) {
      actions.push({ title: fix.title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true, edit: documentEdit(paper, [{ range: fix.range, newText: fix.newText }]) });
    }
    const line = own.range.start.line;
    const indent = /^[ \t]*/.exec(paper.parsed.text.slice(paper.lines.lineStart(line), paper.lines.lineEnd(line)))![0];
    actions.push({
      title: t(settings.locale, 'fix.disable-line', { code: checkName(settings.locale, String(own.code)) }),
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: documentEdit(paper, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- lexcite-disable-next-line ${String(own.code)} -->\n` }]),
    });
  }
  return actions;
}

/**
 * One edit for the version the server has checked: the fix of each certain finding that has exactly one, in
 * text order; a fix touching text an earlier one already changes is left out (the next save picks it up once
 * the paper is checked again), so no two edits ever rewrite the same characters.
 */
function fixAllAction(paper: Paper, current: Diagnostic[], settings: LexciteSettings): CodeAction | undefined {
  const candidates: { start: number; end: number; edit: TextEdit; diagnostic: Diagnostic }[] = [];
  for (const diagnostic of current) {
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!FIX_ALL_CODES.has(diagnostic.code as DiagnosticCode) || data?.uncertain || data?.fixes?.length !== 1) continue;
    const [fix] = data.fixes;
    candidates.push({ start: paper.lines.offsetAt(fix.range.start), end: paper.lines.offsetAt(fix.range.end), edit: { range: fix.range, newText: fix.newText }, diagnostic });
  }
  candidates.sort((a, b) => a.start - b.start || a.end - b.end);
  const chosen: typeof candidates = [];
  for (const candidate of candidates) {
    const last = chosen[chosen.length - 1];
    if (last && last.start === candidate.start && last.end === candidate.end && last.edit.newText === candidate.edit.newText) continue;
    if (last && clashes(last, candidate)) continue;
    chosen.push(candidate);
  }
  if (chosen.length === 0) return undefined;
  return {
    title: t(settings.locale, 'fix.all', { count: String(chosen.length) }),
    kind: FIX_ALL_KIND,
    diagnostics: chosen.map((c) => c.diagnostic),
    edit: documentEdit(paper, chosen.map((c) => c.edit)),
  };
}

/**
 * Whether two edits (the second starting no earlier) would touch the same text: overlapping ranges, or an
 * insertion inside or at either end of the other's range, where the order of the two would be a guess.
 */
function clashes(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (b.start < a.end) return true;
  return (a.start === a.end || b.start === b.end) && b.start === a.end;
}

function diagnosticKey(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${String(d.code)}\u0000${start.line}:${start.character}-${end.line}:${end.character}\u0000${d.message}`;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
