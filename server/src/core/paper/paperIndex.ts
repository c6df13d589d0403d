/**
 * Lookups the checks make once per citation: footnotes by label, and citations by offset range over the
 * parser's offset-sorted lists. Label maps are built once per parsed paper, so checking a paper with n
 * citations costs O(n log n), not O(n²) — a 10 MB paper has tens of thousands of them.
 */
import type { FootnoteDefinition, ParsedPaper } from './parser';
import { firstStartingAtOrAfter } from '../util/binarySearch';

interface FootnoteIndex {
  numbers: Map<string, number>;
  /** The first definition of a label (later ones are duplicates). */
  definition(label: string): FootnoteDefinition | undefined;
}

const footnoteIndexes = new WeakMap<ParsedPaper, FootnoteIndex>();

function footnoteIndex(parsed: ParsedPaper): FootnoteIndex {
  let index = footnoteIndexes.get(parsed);
  if (!index) {
    const numbers = new Map<string, number>();
    parsed.footnoteOrder.forEach((label, i) => numbers.set(label, i + 1));
    const definitions = new Map<string, FootnoteDefinition>();
    for (const def of parsed.footnoteDefs) if (!definitions.has(def.label)) definitions.set(def.label, def);
    index = { numbers, definition: (label) => definitions.get(label) };
    footnoteIndexes.set(parsed, index);
  }
  return index;
}

/**
 * The index of `clipped`, the part of `whole` before `end` with the same footnote order: `whole`'s, without the
 * definitions from `end` on (a label's first definition is past `end` only if all of them are).
 */
export function clippedFootnoteIndex(whole: ParsedPaper, clipped: ParsedPaper, end: number): void {
  const index = footnoteIndex(whole);
  footnoteIndexes.set(clipped, { numbers: index.numbers, definition: (label) => {
    const def = index.definition(label);
    return def && def.start < end ? def : undefined;
  } });
}

/** `to`'s footnotes are `from`'s (the same order, the same definitions): it shares `from`'s index. */
export function carryFootnoteIndex(from: ParsedPaper, to: ParsedPaper): void {
  const index = footnoteIndexes.get(from);
  if (index) footnoteIndexes.set(to, index);
}

/** The number a footnote label is rendered with (1-based), or undefined. */
export function footnoteNumber(parsed: ParsedPaper, label: string): number | undefined {
  return footnoteIndex(parsed).numbers.get(label);
}

export function footnoteDefinition(parsed: ParsedPaper, label: string): FootnoteDefinition | undefined {
  return footnoteIndex(parsed).definition(label);
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

/**
 * itemsStartingIn for a list of the parse that does not change (a paper version's citations), asked about block
 * after block: the starts are read once into an array of numbers, so each question is a search over numbers
 * rather than over the citations' offset getters.
 */
export function parsedItemsStartingIn<T extends { start: number }>(items: readonly T[], start: number, end: number): T[] {
  let starts = startsOfLists.get(items);
  if (!starts || starts.length !== items.length) {
    starts = new Int32Array(items.length);
    for (let i = 0; i < items.length; i++) starts[i] = items[i].start;
    startsOfLists.set(items, starts);
  }
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (starts[mid] >= start) high = mid;
    else low = mid + 1;
  }
  let last = low;
  while (last < starts.length && starts[last] < end) last++;
  return items.slice(low, last);
}
const startsOfLists = new WeakMap<readonly { start: number }[], Int32Array>();

/** The items (sorted by start) lying wholly inside [start, end). */
export function itemsWithin<T extends { start: number; end: number }>(items: readonly T[], start: number, end: number): T[] {
  return itemsStartingIn(items, start, end).filter((item) => item.end <= end);
}
