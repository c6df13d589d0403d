/**
 * Lookups the checks make once per citation: footnotes by label, and citations by offset range over the
 * parser's offset-sorted lists. Label maps are built once per parsed paper, so checking a paper with n
 * citations costs O(n log n), not O(n²) — a 10 MB paper has tens of thousands of them.
 */
import type { FootnoteDefinition, ParsedPaper } from './parser';
import { firstStartingAtOrAfter } from '../util/binarySearch';

interface FootnoteIndex {
  numbers: Map<string, number>;
  /** The first definition of each label (later ones are duplicates). */
  definitions: Map<string, FootnoteDefinition>;
}

const footnoteIndexes = new WeakMap<ParsedPaper, FootnoteIndex>();

function footnoteIndex(parsed: ParsedPaper): FootnoteIndex {
  let index = footnoteIndexes.get(parsed);
  if (!index) {
    const numbers = new Map<string, number>();
    parsed.footnoteOrder.forEach((label, i) => numbers.set(label, i + 1));
    const definitions = new Map<string, FootnoteDefinition>();
    for (const def of parsed.footnoteDefs) if (!definitions.has(def.label)) definitions.set(def.label, def);
    index = { numbers, definitions };
    footnoteIndexes.set(parsed, index);
  }
  return index;
}

/** The number a footnote label is rendered with (1-based), or undefined. */
export function footnoteNumber(parsed: ParsedPaper, label: string): number | undefined {
  return footnoteIndex(parsed).numbers.get(label);
}

export function footnoteDefinition(parsed: ParsedPaper, label: string): FootnoteDefinition | undefined {
  return footnoteIndex(parsed).definitions.get(label);
}

/** The footnote definition whose content contains `offset`. */
export function footnoteContaining(parsed: ParsedPaper, offset: number): FootnoteDefinition | undefined {
  const defs = parsed.footnoteDefs;
  const i = firstStartingAtOrAfter(defs, offset + 1) - 1;
  const def = defs[i];
  return def && offset >= def.contentStart && offset < def.contentEnd ? def : undefined;
}

/** The items (sorted by start) starting inside [start, end). */
export function itemsStartingIn<T extends { start: number }>(items: readonly T[], start: number, end: number): T[] {
  // Checked block by block, so called for every block and kind of citation: one copy of exactly the run.
  const first = firstStartingAtOrAfter(items, start);
  let last = first;
  while (last < items.length && items[last].start < end) last++;
  return items.slice(first, last);
}

/** The items (sorted by start) lying wholly inside [start, end). */
export function itemsWithin<T extends { start: number; end: number }>(items: readonly T[], start: number, end: number): T[] {
  return itemsStartingIn(items, start, end).filter((item) => item.end <= end);
}
