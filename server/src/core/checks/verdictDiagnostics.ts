/**
 * The diagnostics a paper's verdicts read (verdicts.ts), found by the offsets of the citation asking.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LineIndex } from '../paper/lineIndex';
import type { Quotation } from '../paper/quotes';
import type { TitleCitation } from '../paper/parser';
import { DiagnosticsByOffset } from './diagnosticsByOffset';

/** Lookups of one list answered by scanning it before it is indexed by offset. */
const SCANNED_LOOKUPS = 4;

/**
 * The diagnostics of one paper for lookups by offset, with its quotation mismatches apart. The first hover after
 * an edit asks one or two lookups of a list it has not seen: those scan the list by line (0.3 ms for a 2 MB
 * paper's 3,000 diagnostics, where indexing them took 1 ms); a list asked more often (the report, every
 * citation's verdict, hover after hover) is indexed by offset once.
 */
export class DiagnosticIndex {
  private byOffset: DiagnosticsByOffset | undefined;
  private lookups = 0;
  private mismatches: { start: number; end: number; diagnostic: Diagnostic }[] | undefined;
  /** Those quotations by the citation they are held to, worked out once per list (every hover asks). */
  quotesByTitle: Map<TitleCitation, { quotation: Quotation; diagnostic: Diagnostic }[]> | undefined;

  constructor(private readonly diagnostics: readonly Diagnostic[], readonly lines: LineIndex) {}

  /** quote.mismatch diagnostics, for finding the quotations a citation is held to. */
  get quoteMismatches(): { start: number; end: number; diagnostic: Diagnostic }[] {
    if (!this.mismatches) {
      this.mismatches = [];
      for (const diagnostic of this.diagnostics) {
        if (diagnostic.code === 'quote.mismatch') this.mismatches.push({ start: this.lines.offsetAt(diagnostic.range.start), end: this.lines.offsetAt(diagnostic.range.end), diagnostic });
      }
    }
    return this.mismatches;
  }

  /** The diagnostics overlapping [start, end) (or touching an empty range), in the order given. */
  overlapping(start: number, end: number): Diagnostic[] {
    if (this.byOffset || ++this.lookups > SCANNED_LOOKUPS) {
      this.byOffset ??= new DiagnosticsByOffset(this.diagnostics, this.lines);
      return this.byOffset.overlapping(start, end, true);
    }
    // What overlaps the offsets overlaps their lines: only those diagnostics are placed by offset.
    const firstLine = this.lines.positionAt(start).line;
    const lastLine = this.lines.positionAt(end).line;
    const found: Diagnostic[] = [];
    for (const diagnostic of this.diagnostics) {
      const { range } = diagnostic;
      if (range.end.line < firstLine || range.start.line > lastLine) continue;
      const from = this.lines.offsetAt(range.start);
      const to = this.lines.offsetAt(range.end);
      if (from < end && (to > start || (from === to && from >= start))) found.push(diagnostic);
    }
    return found;
  }
}
