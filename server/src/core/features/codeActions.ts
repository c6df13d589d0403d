/**
 * Quick fixes, plus “disable this check on this line” (an HTML comment on the line before).
 *
 * The diagnostics a client sends back may be from an older version of the paper (the user typed since they
 * were published), and their `data.fixes` ranges are positions in that older text: applied to the current
 * text they would rewrite the wrong characters. So a client's diagnostic is only matched — by code, range and
 * message — against the server's own diagnostics for the current version, and the edits come from those.
 * A diagnostic that no longer exists as sent gets no action; the editor asks again once it has the new ones.
 */
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../checks/diagnostics';
import { t } from '../text/messages';
import type { Paper } from '../paper/paperCache';
import type { LexciteSettings } from '../settings';

export function provideCodeActions(paper: Paper, range: Range, requested: Diagnostic[], current: Diagnostic[], settings: LexciteSettings): CodeAction[] {
  const actions: CodeAction[] = [];
  const documentEdit = (edits: { range: Range; newText: string }[]) => ({
    documentChanges: [{ textDocument: { uri: paper.uri, version: paper.version }, edits }],
  });
  const currentByKey = new Map<string, Diagnostic>();
  for (const diagnostic of current) currentByKey.set(diagnosticKey(diagnostic), diagnostic);
  for (const diagnostic of requested) {
    if (diagnostic.source !== 'lexcite' || !overlaps(diagnostic.range, range)) continue;
    const own = currentByKey.get(diagnosticKey(diagnostic));
    if (!own) continue;
    const data = own.data as DiagnosticData | undefined;
    for (const fix of data?.fixes ?? []) {
      actions.push({ title: fix.title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true, edit: documentEdit([{ range: fix.range, newText: fix.newText }]) });
    }
    const line = own.range.start.line;
    const indent = /^[ \t]*/.exec(paper.parsed.text.slice(paper.lines.lineStart(line), paper.lines.lineEnd(line)))![0];
    actions.push({
      title: t(settings.locale, 'fix.disable-line', { code: String(own.code) }),
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: documentEdit([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- lexcite-disable-next-line ${String(own.code)} -->\n` }]),
    });
  }
  return actions;
}

function diagnosticKey(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${String(d.code)}\u0000${start.line}:${start.character}-${end.line}:${end.character}\u0000${d.message}`;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
