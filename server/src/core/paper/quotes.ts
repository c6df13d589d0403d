/**
 * Quotations in a paper: “…” (also nested ‘…’, 「」, 『』, and straight "…" pairs), with their nesting depth.
 * Quotation marks inside a 《title》 belong to the title and are skipped, as are code, URLs and comments.
 * Linear in the text: a counter per mark kind, no backtracking, so 10,000 nested quotes cost nothing special.
 */
import type { Quotation } from './citationTypes';
import { BlockOrigin, LocatedQuotation } from './located';
import type { Exclusions } from './markdown';

export type { Quotation } from './citationTypes';

// Opening marks and the closing mark each pairs with: “” ‘’ 「」 『』.
const OPEN_TO_CLOSE = new Map<number, number>([[0x201c, 0x201d], [0x2018, 0x2019], [0x300c, 0x300d], [0x300e, 0x300f]]);
const CLOSERS = new Set(OPEN_TO_CLOSE.values());
const STRAIGHT = 0x22;
// Module constants, their lastIndex set before each use: a pattern literal in the function is a new object per call.
const MARKS = /["\u2018-\u201d\u300c-\u300f]/g;

export function findQuotations(text: string, excluded: Exclusions, titleSpans: { start: number; end: number }[], origin = new BlockOrigin()): Quotation[] {
  const out: Quotation[] = [];
  // The open quotations as two parallel stacks (closing mark, offset); `open` is their height. Plain arrays
  // with an index, because truncating an array by setting its length is slow in V8 and this runs per mark.
  const closeOf: number[] = [];
  const openedAt: number[] = [];
  let open = 0;
  let straightOpen = -1;
  let title = 0;
  // Jump from mark to mark: irregexp scans a character class far faster than a loop over every character.
  const marks = MARKS;
  marks.lastIndex = 0;
  // A blank line ends every open quotation (quotes do not span paragraphs). Blank lines are looked for only
  // while a quotation is open, and the next one found is remembered, so the text is scanned for them once.
  let nextBlankLine = -2; // -2: not looked for yet; -1: none left
  let previousMark = 0;
  while (marks.test(text)) {
    const i = marks.lastIndex - 1;
    const code = text.charCodeAt(i);
    if (open > 0 || straightOpen >= 0) {
      if (nextBlankLine === -2 || (nextBlankLine >= 0 && nextBlankLine < previousMark)) {
        nextBlankLine = blankLineAt(text, previousMark);
      }
      if (nextBlankLine >= 0 && nextBlankLine < i) {
        open = 0;
        straightOpen = -1;
      }
    }
    previousMark = i;
    const close = OPEN_TO_CLOSE.get(code);
    if (close === undefined && !CLOSERS.has(code) && code !== STRAIGHT) continue;
    while (title < titleSpans.length && titleSpans[title].end <= i) title++;
    if (title < titleSpans.length && titleSpans[title].start <= i) continue;
    if (excluded.contains(i)) continue;
    if (close !== undefined) {
      closeOf[open] = close;
      openedAt[open] = i;
      open++;
    } else if (code === STRAIGHT) {
      if (straightOpen < 0) straightOpen = i;
      else {
        out.push(new LocatedQuotation(origin, straightOpen, i + 1, open));
        straightOpen = -1;
      }
    } else {
      // Close the innermost quotation opened with the matching mark.
      for (let k = open - 1; k >= 0; k--) {
        if (closeOf[k] === code) {
          const at = openedAt[k];
          open = k;
          out.push(new LocatedQuotation(origin, at, i + 1, k));
          break;
        }
      }
    }
  }
  // Pushed as they close; readers (and the checks' binary searches) want them by where they open.
  return out.sort((a, b) => a.start - b.start);
}

/** Where the first blank line at or after `from` starts (where /\n[ \t\r]*\n/ would match first), or -1: no match array per look. */
function blankLineAt(text: string, from: number): number {
  for (let newline = text.indexOf('\n', from); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
    let p = newline + 1;
    for (let c = text.charCodeAt(p); c === 0x20 || c === 0x09 || c === 0x0d; c = text.charCodeAt(++p));
    if (text.charCodeAt(p) === 0x0a) return newline;
  }
  return -1;
}
