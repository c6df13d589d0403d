/**
 * Chinese and Arabic numerals as they appear in legal citations.
 *
 * Parsing is lenient (两, 〇, 一十一, full-width digits, Arabic digits); rendering always produces the canonical
 * form official texts print (十一, 一百零一, 一千零三十四).
 */

const DIGIT_VALUES: Record<string, number> = {
  '〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};
// Keyed by UTF-16 code: numerals are parsed for every reference of every paper.
const DIGITS = new Map(Object.entries(DIGIT_VALUES).map(([ch, value]) => [ch.charCodeAt(0), value]));
const UNITS = new Map<number, number>([[0x5341 /* 十 */, 10], [0x767e /* 百 */, 100], [0x5343 /* 千 */, 1000], [0x4e07 /* 万 */, 10000]]);
const LING = 0x96f6; // 零
const ZERO = 0x3007; // 〇

/** Characters that may occur in a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千万';

/** Parses a Chinese numeral such as 一千零三十四 or 十一; undefined when the string is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (text.length === 0) return undefined;
  let total = 0;
  let section = 0; // value below 万
  let digit: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // 零 between units (一百零一) only marks a skipped place.
    if ((code === LING || code === ZERO) && digit === undefined && (section > 0 || total > 0)) continue;
    const value = DIGITS.get(code);
    if (value !== undefined) {
      // Positional run such as 二〇二五: treat as a digit string.
      if (digit !== undefined) return parsePositional(text);
      digit = value;
      continue;
    }
    const unit = UNITS.get(code);
    if (unit === undefined) return undefined;
    if (unit === 10000) {
      total += (section + (digit ?? 0)) * unit;
      section = 0;
    } else {
      section += (digit ?? 1) * unit;
    }
    digit = undefined;
  }
  return total + section + (digit ?? 0);
}

function parsePositional(text: string): number | undefined {
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = DIGITS.get(text.charCodeAt(i));
    if (digit === undefined) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/** Parses Arabic digits, including full-width ones (１２). */
export function parseArabic(text: string): number | undefined {
  if (!/^[0-9０-９]+$/.test(text)) return undefined;
  let value = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    value = value * 10 + (code >= 0xff10 ? code - 0xff10 : code - 0x30);
  }
  return value;
}

/** Parses either an Arabic or a Chinese numeral. */
export function parseNumeral(text: string): number | undefined {
  const trimmed = text.trim();
  return parseArabic(trimmed) ?? parseChineseNumeral(trimmed);
}

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Renders a positive integer as the canonical Chinese numeral (1 一, 10 十, 110 一百一十, 1001 一千零一). */
export function toChineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`not a non-negative integer: ${value}`);
  if (value === 0) return '零';
  if (value >= 100000000) throw new RangeError(`too large for a citation numeral: ${value}`);
  if (value >= 10000) {
    const high = Math.floor(value / 10000);
    const low = value % 10000;
    const highText = toChineseNumeral(high) + '万';
    if (low === 0) return highText;
    return highText + (low < 1000 ? '零' : '') + belowTenThousand(low, true);
  }
  return belowTenThousand(value, false);
}

function belowTenThousand(value: number, inner: boolean): string {
  const units = ['千', '百', '十', ''];
  const divisors = [1000, 100, 10, 1];
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const digit = Math.floor(value / divisors[i]) % 10;
    if (digit === 0) {
      if (out.length > 0) pendingZero = true;
      continue;
    }
    if (pendingZero) {
      out += '零';
      pendingZero = false;
    }
    // 十一 rather than 一十一 when the number starts with the tens digit.
    if (i === 2 && digit === 1 && out.length === 0 && !inner) out += '十';
    else out += DIGIT_CHARS[digit] + units[i];
  }
  return out;
}
