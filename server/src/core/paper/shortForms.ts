/**
 * Short forms of repeated citations inside footnotes: 同上注 / 同上 / 同上书 / 同上文 (the previous footnote) and
 * 同前注〔n〕 / 同前注n / 前引〔n〕 / 前引n (footnote n), with what is written after them (“，张金平文”, “，第5页”).
 */

export interface ShortForm {
  kind: 'ibid' | 'supra';
  start: number;
  end: number;
  /** Footnote number for 同前注〔n〕. */
  target?: number;
  /** The footnote definition the short form sits in. */
  footnote: string;
  /** Text after the short form up to the end of its sentence: the author or work it names, pages. */
  note: string;
}

const SHORT_FORM = /同上(?:注|书|文)?(?![述面下一二三四五六七八九十年月日])|(?:同前注|前引注?)[ \t\u3000]*[〔\[［(（]?[ \t\u3000]*(\d{1,4})[ \t\u3000]*[〕\]］)）]?/g;

/** What the search needs of a footnote definition (parser.ts FootnoteDefinition, which imports this module). */
interface FootnoteContent {
  label: string;
  contentStart: number;
  contentEnd: number;
}

export function findShortForms(text: string, definitions: readonly FootnoteContent[]): ShortForm[] {
  const out: ShortForm[] = [];
  for (const def of definitions) {
    const content = text.slice(def.contentStart, def.contentEnd);
    if (!content.includes('同') && !content.includes('前引')) continue;
    for (const match of content.matchAll(SHORT_FORM)) {
      const start = def.contentStart + match.index!;
      const end = start + match[0].length;
      const rest = /^[^。；;\n]*/.exec(text.slice(end, def.contentEnd))![0];
      out.push({
        kind: match[1] !== undefined ? 'supra' : 'ibid',
        start,
        end,
        ...(match[1] !== undefined ? { target: Number(match[1]) } : {}),
        footnote: def.label,
        note: rest.replace(/^[，,\s]+/, '').trim(),
      });
    }
  }
  return out;
}
