/** Footnote references [^n] and definitions [^n]: …, and the order readers see their numbers in. */
import type { FootnoteDefinition, FootnoteReference } from './citationTypes';
import { BlockOrigin, LocatedFootnoteDef, LocatedFootnoteRef, NOTHING_FOUND } from './located';
import { isWhitespace } from './characters';
import type { Exclusions } from './markdown';

/** Labels by first reference, then the unreferenced definitions: the numbers readers see. */
export function footnoteLabelsInOrder(refs: FootnoteReference[], defs: FootnoteDefinition[]): string[] {
  // A paragraph's parse: no footnote, or one reference or definition.
  if (refs.length + defs.length <= 1) return refs.length === 1 ? [refs[0].label] : defs.length === 1 ? [defs[0].label] : NOTHING_FOUND;
  const seen = new Set<string>();
  const order: string[] = [];
  for (const list of [refs, defs]) {
    for (let i = 0; i < list.length; i++) {
      const label = list[i].label;
      // One lookup, not a test and then an addition: the set grows only for a label not seen yet.
      const known = seen.size;
      seen.add(label);
      if (seen.size !== known) order.push(label);
    }
  }
  return order;
}

/** What a text without [^ holds: shared, never written to. */
const NO_FOOTNOTES: { refs: FootnoteReference[]; defs: FootnoteDefinition[] } = Object.freeze({ refs: NOTHING_FOUND, defs: NOTHING_FOUND });

/** The most characters a label has: [^…] with a longer one is no footnote mark. */
const MAX_LABEL = 40;

export function findFootnotes(text: string, excluded: Exclusions, origin: BlockOrigin): { refs: FootnoteReference[]; defs: FootnoteDefinition[] } {
  if (!text.includes('[^')) return NO_FOOTNOTES;
  // Made when the first of each is found: a paragraph mostly holds references or a definition, not both.
  let refs: FootnoteReference[] | undefined;
  let defs: FootnoteDefinition[] | undefined;
  // [^label]: a label of 1 to MAX_LABEL characters, none of them ] or white space. Scanned by hand from each
  // "[^" (what /\[\^([^\]\s]{1,40})\]/g matches, without a match array and two strings per mark).
  for (let start = text.indexOf('[^'); start >= 0; ) {
    const labelStart = start + 2;
    const limit = Math.min(text.length, labelStart + MAX_LABEL);
    let close = labelStart;
    while (close < limit && text.charCodeAt(close) !== 0x5d /* ] */ && !isWhitespace(text.charCodeAt(close))) close++;
    if (close === labelStart || text.charCodeAt(close) !== 0x5d) {
      start = text.indexOf('[^', start + 1);
      continue;
    }
    const end = close + 1;
    if (!excluded.contains(start)) {
      const label = text.slice(labelStart, close);
      if (text.charCodeAt(end) === 0x3a /* : */ && atLineStart(text, start)) {
        const contentStart = end + 1;
        // Its end (start + the label's length + 3) and content start (one after) are computed when read.
        (defs ??= []).push(new LocatedFootnoteDef(origin, start, label, definitionEnd(text, contentStart)));
      } else {
        (refs ??= []).push(new LocatedFootnoteRef(origin, start, label));
      }
    }
    start = text.indexOf('[^', end);
  }
  return { refs: refs ?? NOTHING_FOUND, defs: defs ?? NOTHING_FOUND };
}

/** True when only up to three spaces stand between the line's start and `position`. */
function atLineStart(text: string, position: number): boolean {
  let p = position;
  while (p > 0 && position - p < 3 && text.charCodeAt(p - 1) === 0x20) p--;
  return p === 0 || text.charCodeAt(p - 1) === 10 || text.charCodeAt(p - 1) === 13;
}

/** A footnote definition runs to the next blank line or the next definition: where the next paragraph break starts. */
function definitionEnd(text: string, from: number): number {
  return nextParagraphBreak(text, from, scratchBreak) ? scratchBreak.start : text.length;
}
const scratchBreak: ParagraphBreak = { start: 0, end: 0 };

/** Where a break between paragraphs starts and ends. */
export interface ParagraphBreak {
  start: number;
  end: number;
}

/**
 * The first paragraph break at or after `from`, into `found` (false: none): a blank line, or the line break before
 * a footnote definition (definitions are often written one per line; a definition's content ends where the next
 * begins) — where /\r?\n[ \t]*\r?\n|\r?\n(?=\[\^[^\]\s]+\]:)/g would match, found from line break to line break
 * without a match array each. The paper is split into blocks at these (blockSplit.ts).
 */
export function nextParagraphBreak(text: string, from: number, found: ParagraphBreak): boolean {
  for (let newline = text.indexOf('\n', from); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
    let p = newline + 1;
    while (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09) p++;
    let end: number;
    if (text.charCodeAt(p) === 0x0a) end = p + 1;
    else if (text.charCodeAt(p) === 0x0d && text.charCodeAt(p + 1) === 0x0a) end = p + 2;
    else if (definitionAt(text, newline + 1)) end = newline + 1;
    else continue;
    found.start = newline > from && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
    found.end = end;
    return true;
  }
  return false;
}

/** Whether \[\^[^\]\s]+\]: (a definition's label, of any length) starts at `position`. */
function definitionAt(text: string, position: number): boolean {
  if (text.charCodeAt(position) !== 0x5b /* [ */ || text.charCodeAt(position + 1) !== 0x5e /* ^ */) return false;
  let p = position + 2;
  while (p < text.length && text.charCodeAt(p) !== 0x5d /* ] */ && !isWhitespace(text.charCodeAt(p))) p++;
  return p > position + 2 && text.charCodeAt(p) === 0x5d && text.charCodeAt(p + 1) === 0x3a /* : */;
}
