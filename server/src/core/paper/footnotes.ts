/** Footnote references [^n] and definitions [^n]: …, and the order readers see their numbers in. */
import type { FootnoteDefinition, FootnoteReference } from './citationTypes';
import { BlockOrigin, LocatedFootnoteDef, LocatedFootnoteRef } from './located';
import type { Exclusions } from './markdown';

/** Labels by first reference, then the unreferenced definitions: the numbers readers see. */
export function footnoteLabelsInOrder(refs: FootnoteReference[], defs: FootnoteDefinition[]): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  for (const list of [refs, defs]) {
    for (let i = 0; i < list.length; i++) {
      const label = list[i].label;
      if (seen.has(label)) continue;
      seen.add(label);
      order.push(label);
    }
  }
  return order;
}

const FOOTNOTE_MARK = /\[\^([^\]\s]{1,40})\]/g;

export function findFootnotes(text: string, excluded: Exclusions, origin: BlockOrigin): { refs: FootnoteReference[]; defs: FootnoteDefinition[] } {
  const refs: FootnoteReference[] = [];
  const defs: FootnoteDefinition[] = [];
  if (!text.includes('[^')) return { refs, defs };
  FOOTNOTE_MARK.lastIndex = 0;
  for (let match = FOOTNOTE_MARK.exec(text); match; match = FOOTNOTE_MARK.exec(text)) {
    const start = match.index;
    if (excluded.contains(start)) continue;
    const end = start + match[0].length;
    if (text.charCodeAt(end) === 0x3a /* : */ && atLineStart(text, start)) {
      const contentStart = end + 1;
      defs.push(new LocatedFootnoteDef(origin, start, end, match[1], contentStart, definitionEnd(text, contentStart)));
    } else {
      refs.push(new LocatedFootnoteRef(origin, start, end, match[1]));
    }
  }
  return { refs, defs };
}

/** True when only up to three spaces stand between the line's start and `position`. */
function atLineStart(text: string, position: number): boolean {
  let p = position;
  while (p > 0 && position - p < 3 && text.charCodeAt(p - 1) === 0x20) p--;
  return p === 0 || text.charCodeAt(p - 1) === 10 || text.charCodeAt(p - 1) === 13;
}

/** A footnote definition runs to the next blank line or the next definition. */
function definitionEnd(text: string, from: number): number {
  DEFINITION_END.lastIndex = from;
  const match = DEFINITION_END.exec(text);
  return match ? match.index : text.length;
}
const DEFINITION_END = /\r?\n[ \t]*\r?\n|\r?\n\[\^[^\]\s]+\]:/g;
