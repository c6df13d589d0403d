/**
 * Quotations in a paper: “…” (also nested ‘…’, 「」, 『』, and straight "…" pairs), with their nesting depth.
 * Quotation marks inside a 《title》 belong to the title and are skipped, as are code, URLs and comments.
 * Linear in the text: a counter per mark kind, no backtracking, so 10,000 nested quotes cost nothing special.
 */
import type { ExcludedRegions } from './markdown';

export interface Quotation {
  /** Offsets including the quotation marks. */
  start: number;
  end: number;
  /** Offsets of the quoted text. */
  innerStart: number;
  innerEnd: number;
  depth: number;
}

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』' };
const CLOSERS = new Set(Object.values(PAIRS));

export function findQuotations(text: string, excluded: ExcludedRegions, titleSpans: { start: number; end: number }[]): Quotation[] {
  const out: Quotation[] = [];
  const stack: { mark: string; at: number }[] = [];
  let straightOpen = -1;
  let title = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    // A blank line ends every open quotation: quotes do not span paragraphs.
    if (ch === '\n' && /^\n[ \t]*\r?\n/.test(text.slice(i, i + 4))) {
      stack.length = 0;
      straightOpen = -1;
      continue;
    }
    if (!(ch in PAIRS) && !CLOSERS.has(ch) && ch !== '"') continue;
    while (title < titleSpans.length && titleSpans[title].end <= i) title++;
    if (title < titleSpans.length && titleSpans[title].start <= i) continue;
    if (excluded.contains(i)) continue;
    if (ch in PAIRS) {
      stack.push({ mark: ch, at: i });
    } else if (ch === '"') {
      if (straightOpen < 0) straightOpen = i;
      else {
        out.push({ start: straightOpen, end: i + 1, innerStart: straightOpen + 1, innerEnd: i, depth: stack.length });
        straightOpen = -1;
      }
    } else {
      // Close the innermost quotation opened with the matching mark.
      for (let k = stack.length - 1; k >= 0; k--) {
        if (PAIRS[stack[k].mark] === ch) {
          const open = stack[k].at;
          stack.length = k;
          out.push({ start: open, end: i + 1, innerStart: open + 1, innerEnd: i, depth: k });
          break;
        }
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
