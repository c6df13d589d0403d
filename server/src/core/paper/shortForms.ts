/**
 * Short forms of repeated citations inside footnotes: 同上注 / 同上 / 同上书 / 同上文 (the previous footnote) and
 * 同前注〔n〕 / 同前注n / 前引〔n〕 / 前引n (footnote n), with what is written after them (“，张金平文”, “，第5页”).
 */
import type { ShortForm } from './citationTypes';
import { isWhitespace } from './characters';
import { BlockOrigin, LocatedShortForm } from './located';

export type { ShortForm } from './citationTypes';

const SHORT_FORM = /同上(?:注|书|文)?(?![述面下一二三四五六七八九十年月日])|(?:同前注|前引注?)[ \t\u3000]*[〔\[［(（]?[ \t\u3000]*(\d{1,4})[ \t\u3000]*[〕\]］)）]?/g;

/** What the search needs of a footnote definition (parser.ts FootnoteDefinition, which imports this module). */
interface FootnoteContent {
  label: string;
  contentStart: number;
  contentEnd: number;
}

export function findShortForms(text: string, definitions: readonly FootnoteContent[], origin = new BlockOrigin()): ShortForm[] {
  const out: ShortForm[] = [];
  // By index: a for-of runs the iterator, a result object per definition.
  for (let i = 0; i < definitions.length; i++) {
    const def = definitions[i];
    if (!mayHoldShortForm(text, def.contentStart, def.contentEnd)) continue;
    const { contentStart, contentEnd } = def;
    // The content cut out: SHORT_FORM's look-ahead must see its end as the end.
    const content = text.slice(contentStart, contentEnd);
    SHORT_FORM.lastIndex = 0;
    for (let match = SHORT_FORM.exec(content); match; match = SHORT_FORM.exec(content)) {
      const start = contentStart + match.index;
      const end = start + match[0].length;
      const form = new LocatedShortForm(origin, start, end, match[1] !== undefined ? 'supra' : 'ibid', def.label, noteAfter(text, end, contentEnd));
      if (match[1] !== undefined) form.target = Number(match[1]);
      out.push(form);
    }
  }
  return out;
}

/**
 * What is written after a short form up to the sentence's end (。；; or a line break) within [start, end),
 * without the comma and white space before it and the white space after it: “，张金平文” → 张金平文.
 */
function noteAfter(text: string, start: number, end: number): string {
  let stop = start;
  while (stop < end && !NOTE_END.has(text.charCodeAt(stop))) stop++;
  let first = start;
  while (first < stop && (text.charCodeAt(first) === 0xff0c /* ， */ || text.charCodeAt(first) === 0x2c || isWhitespace(text.charCodeAt(first)))) first++;
  let last = stop;
  while (last > first && isWhitespace(text.charCodeAt(last - 1))) last--;
  return text.slice(first, last);
}
const NOTE_END = new Set([...'。；;\n'].map((c) => c.charCodeAt(0)));

/** Whether [start, end) holds 同 or 前引, which every short form has: most footnotes are spared the slice and the pattern. */
function mayHoldShortForm(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x540c /* 同 */ || (code === 0x524d /* 前 */ && i + 1 < end && text.charCodeAt(i + 1) === 0x5f15 /* 引 */)) return true;
  }
  return false;
}
