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

// Opening marks and the closing mark each pairs with: “” ‘’ 「」 『』.
const OPEN_TO_CLOSE = new Map<number, number>([[0x201c, 0x201d], [0x2018, 0x2019], [0x300c, 0x300d], [0x300e, 0x300f]]);
const CLOSERS = new Set(OPEN_TO_CLOSE.values());
const STRAIGHT = 0x22;
const NEWLINE = 10;

export function findQuotations(text: string, excluded: ExcludedRegions, titleSpans: { start: number; end: number }[]): Quotation[] {
  const out: Quotation[] = [];
  const stack: { close: number; at: number }[] = [];
  let straightOpen = -1;
  let title = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) {
      // A blank line ends every open quotation: quotes do not span paragraphs.
      let j = i + 1;
      while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
      if (j < text.length && text.charCodeAt(j) === NEWLINE) {
        stack.length = 0;
        straightOpen = -1;
      }
      continue;
    }
    // Cheap range test first: this loop sees every character of the paper.
    if (code !== STRAIGHT && (code < 0x2018 || code > 0x201d) && (code < 0x300c || code > 0x300f)) continue;
    const close = OPEN_TO_CLOSE.get(code);
    if (close === undefined && !CLOSERS.has(code) && code !== STRAIGHT) continue;
    while (title < titleSpans.length && titleSpans[title].end <= i) title++;
    if (title < titleSpans.length && titleSpans[title].start <= i) continue;
    if (excluded.contains(i)) continue;
    if (close !== undefined) {
      stack.push({ close, at: i });
    } else if (code === STRAIGHT) {
      if (straightOpen < 0) straightOpen = i;
      else {
        out.push({ start: straightOpen, end: i + 1, innerStart: straightOpen + 1, innerEnd: i, depth: stack.length });
        straightOpen = -1;
      }
    } else {
      // Close the innermost quotation opened with the matching mark.
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].close === code) {
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
