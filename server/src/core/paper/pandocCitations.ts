/**
 * Pandoc's citations in a paper written for pandoc --citeproc: `[@key]`, `[@key, 第12页]`, `[参见 @a; @b, 第3页]`,
 * `[-@key]`, and the in-text `@key` (with an optional `[第12页]` after it). Keys follow pandoc's rule: a letter,
 * digit or _ first, then those and internal punctuation (:.#$%&-+?<>~/); or any text in `@{…}`. An @ after a
 * letter or digit (an e-mail address, 张三@) is no citation, as in pandoc. Pure: offsets are UTF-16 indices.
 */
import type { PandocCitation } from './citationTypes';
import { BlockOrigin, LocatedPandocCitation, NOTHING_FOUND } from './located';
import type { ExcludedRegions } from './markdown';

export type { PandocCitation } from './citationTypes';

const KEY = String.raw`(?:\{[^{}\n]{1,200}\}|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_])){0,200})`;
const MAX_GROUP = 4000;
const ITEM = new RegExp(String.raw`^(\s*(?:[^@]*?\s)?)-?@(${KEY})`, 'u');
const IN_TEXT = new RegExp(String.raw`(?<![\p{L}\p{N}_\\@])@(${KEY})`, 'gu');
/** `@key [第12页]`: a locator group right after an in-text citation. */
const TRAILING_LOCATOR = /^[ \t]?\[([^[\]@\n]{1,200})\](?![(:[])/;

export function findPandocCitations(text: string, excluded: ExcludedRegions, origin = new BlockOrigin()): PandocCitation[] {
  if (!text.includes('@')) return NOTHING_FOUND;
  const found: PandocCitation[] = [];
  const groups: { start: number; end: number }[] = [];
  for (const { start, end } of bracketGroups(text)) {
    if (excluded.overlaps(start, end)) continue;
    const items = citationItems(text.slice(start + 1, end - 1), start + 1);
    if (!items) continue;
    groups.push({ start, end });
    for (const item of items) found.push({ ...item, group: { start, end } });
  }
  let g = 0;
  for (const match of text.matchAll(IN_TEXT)) {
    const start = match.index!;
    while (g < groups.length && groups[g].end <= start) g++;
    if (g < groups.length && groups[g].start <= start) continue;
    if (excluded.contains(start)) continue;
    const end = start + match[0].length;
    const citation: PandocCitation = { start, end, key: keyOf(match[1]) };
    const after = TRAILING_LOCATOR.exec(text.slice(end, end + 210));
    if (after) {
      const inner = end + after[0].indexOf('[') + 1;
      citation.locator = { start: inner, end: inner + after[1].length, text: after[1].trim() };
    }
    found.push(citation);
  }
  return found.sort((a, b) => a.start - b.start).map((citation) => new LocatedPandocCitation(origin, citation));
}

/**
 * Bracketed groups that may hold citations: `[` … `]` with an @ inside, no bracket nested, no blank line, not a
 * footnote `[^n]`, not a link or definition (`](`, `][`, `]:`). Each stretch between brackets is read once.
 */
function* bracketGroups(text: string): Generator<{ start: number; end: number }> {
  for (let open = text.indexOf('['); open >= 0; ) {
    let close = open + 1;
    while (close < text.length && close - open < MAX_GROUP && text[close] !== ']' && text[close] !== '[') close++;
    if (text[close] !== ']') {
      open = text.indexOf('[', close);
      continue;
    }
    const content = text.slice(open + 1, close);
    const next = text[close + 1];
    if (text[open + 1] !== '^' && content.includes('@') && !/\n[ \t]*\n/.test(content) && next !== '(' && next !== '[' && next !== ':') yield { start: open, end: close + 1 };
    open = text.indexOf('[', close);
  }
}

/** The citations of a group's content, or undefined when an item has no key (then it is no citation group). */
function citationItems(content: string, offset: number): PandocCitation[] | undefined {
  const items: PandocCitation[] = [];
  let at = 0;
  for (const part of content.split(';')) {
    const match = ITEM.exec(part);
    if (!match) return undefined;
    const start = offset + at + match[1].length + (part[match[1].length] === '-' ? 1 : 0);
    const end = offset + at + match[0].length;
    const citation: PandocCitation = { start, end, key: keyOf(match[2]) };
    const rest = part.slice(match[0].length);
    const locator = rest.replace(/^\s*,?\s*/, '');
    if (locator.trim()) {
      const locatorStart = end + (rest.length - locator.length);
      citation.locator = { start: locatorStart, end: locatorStart + locator.trimEnd().length, text: locator.trim() };
    }
    items.push(citation);
    at += part.length + 1;
  }
  return items;
}

function keyOf(written: string): string {
  return written.startsWith('{') ? written.slice(1, -1).trim() : written;
}
