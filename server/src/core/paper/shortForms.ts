/**
 * Short forms of repeated citations inside footnotes: 同上注 / 同上 / 同上书 / 同上文 (the previous footnote) and
 * 同前注〔n〕 / 同前注n / 前引〔n〕 / 前引n (footnote n), with what is written after them (“，张金平文”, “，第5页”).
 */
import type { ShortForm } from './citationTypes';
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
  for (const def of definitions) {
    const content = text.slice(def.contentStart, def.contentEnd);
    if (!content.includes('同') && !content.includes('前引')) continue;
    for (const match of content.matchAll(SHORT_FORM)) {
      const start = def.contentStart + match.index!;
      const end = start + match[0].length;
      const rest = /^[^。；;\n]*/.exec(text.slice(end, def.contentEnd))![0];
      const form = new LocatedShortForm(origin, start, end, match[1] !== undefined ? 'supra' : 'ibid', def.label, rest.replace(/^[，,\s]+/, '').trim());
      if (match[1] !== undefined) form.target = Number(match[1]);
      out.push(form);
    }
  }
  return out;
}
