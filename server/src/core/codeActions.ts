/**
 * Quick fixes. Every diagnostic carries its edits in `data.fixes`, so this only turns them into code actions,
 * plus “disable this check on this line” (an HTML comment on the line before). Edits are tied to the document
 * version they were computed for, so an editor refuses a stale one.
 */
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { DiagnosticData } from './diagnostics';
import { t } from './messages';
import type { Paper } from './paperCache';
import type { LexciteSettings } from './settings';

export function provideCodeActions(paper: Paper, range: Range, diagnostics: Diagnostic[], settings: LexciteSettings): CodeAction[] {
  const actions: CodeAction[] = [];
  const documentEdit = (edits: { range: Range; newText: string }[]) => ({
    documentChanges: [{ textDocument: { uri: paper.uri, version: paper.version }, edits }],
  });
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'lexcite' || !overlaps(diagnostic.range, range)) continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    for (const fix of data?.fixes ?? []) {
      actions.push({ title: fix.title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true, edit: documentEdit([{ range: fix.range, newText: fix.newText }]) });
    }
    const line = diagnostic.range.start.line;
    const indent = /^[ \t]*/.exec(paper.parsed.text.slice(paper.lines.lineStart(line), paper.lines.lineEnd(line)))![0];
    actions.push({
      title: t(settings.locale, 'fix.disable-line', { code: String(diagnostic.code) }),
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: documentEdit([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- lexcite-disable-next-line ${String(diagnostic.code)} -->\n` }]),
    });
  }
  return actions;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
