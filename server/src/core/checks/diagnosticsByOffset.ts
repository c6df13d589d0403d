/**
 * A paper's diagnostics by the stretches of text they cover (fixed-size buckets of offsets), so finding those of
 * one citation looks at the diagnostics near it, not at all of them: the report and the verdicts ask per citation.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LineIndex } from '../paper/lineIndex';

const BUCKET = 256;

export class DiagnosticsByOffset {
  private readonly buckets = new Map<number, { start: number; end: number; index: number; diagnostic: Diagnostic }[]>();

  constructor(diagnostics: readonly Diagnostic[], lines: LineIndex) {
    for (const [index, diagnostic] of diagnostics.entries()) {
      const start = lines.offsetAt(diagnostic.range.start);
      const end = lines.offsetAt(diagnostic.range.end);
      const last = Math.max(start, end - 1);
      for (let b = Math.floor(start / BUCKET); b <= Math.floor(last / BUCKET); b++) {
        let bucket = this.buckets.get(b);
        if (!bucket) this.buckets.set(b, (bucket = []));
        bucket.push({ start, end, index, diagnostic });
      }
    }
  }

  /** The diagnostics overlapping [start, end) — with `touching`, also empty ones inside it — in the order given. */
  overlapping(start: number, end: number, touching = false): Diagnostic[] {
    const found = new Map<number, Diagnostic>();
    const last = Math.max(start, end - 1);
    for (let b = Math.floor(start / BUCKET); b <= Math.floor(last / BUCKET); b++) {
      for (const entry of this.buckets.get(b) ?? []) {
        if (entry.start < end && (entry.end > start || (touching && entry.start === entry.end && entry.start >= start))) found.set(entry.index, entry.diagnostic);
      }
    }
    return [...found.keys()].sort((a, b) => a - b).map((index) => found.get(index)!);
  }
}
