/**
 * Line-level vocabulary shared by the statute importers: cleaning lines, the numbering patterns of statute text
 * (第N条, 第N章, （一）, 1.), numerals, dates and file names.
 */
import { parseArabic, parseChineseNumeral } from '../text/numerals';

/** Canonical Chinese numeral characters of statute numbering (FORMAT.md: CNUM). */
export const CNUM = '〇零一二三四五六七八九十百千';

/** Zero-width characters survive trim() and make blank lines look non-blank (未成年人网络保护条例). */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

export function cleanLine(line: string): string {
  return line.replace(ZERO_WIDTH, '').trim();
}

/** Spaces between two CJK characters are layout (总 则, 监  护), not part of the name. */
export function collapseCjkSpaces(text: string): string {
  return text.replace(/(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])/g, '');
}

/** Punctuation that ends a complete paragraph; a paragraph without it is a wrapped line or a lost heading. */
const SENTENCE_END = /[。：；”）;:)」』’！？!?…]$/;

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

/** Any punctuation at all: lost headings have none. */
export const ANY_PUNCTUATION = /[，。；：、,.;:！？!?“”‘’（）()《》〈〉「」]/;


export const ARTICLE_HEAD = new RegExp(`^第([${CNUM}]+)条(?:之([${CNUM}]+))?(?:\\s+|$)(.*)$`);
/** No separator after 条 (Theonefkguy). The guard keeps references such as 第三十一条的决定 or 第十条、第十一条 out. */
export const ARTICLE_TIGHT = new RegExp(`^第([${CNUM}]+)条(?:之([${CNUM}]+))?(?![的之、，,。；：第至和或及与\\s]|规定)(.+)$`);
export const DIVISION = new RegExp(`^第([${CNUM}]+)(分编|编|章|节)\\s*(.*)$`);
export const PART = new RegExp(`^([${CNUM}]+)、\\s*(.*)$`);
export const HEADING = /^(#{1,6})(?!#)\s*(.*)$/;


export function numeralValue(text: string): number | undefined {
  return parseArabic(text) ?? parseChineseNumeral(text);
}

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1];
}

export function isoDate(year: string | number, month: string | number, day: string | number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Appends one by one: `push(...items)` passes every item on the stack and throws past ~100,000 of them. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

export function excerpt(text: string, length = 24): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

export function splitLines(text: string): string[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  // A trailing newline is not a line of its own.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
