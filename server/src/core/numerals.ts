/**
 * Chinese and Arabic numerals as they appear in legal citations.
 *
 * Parsing is lenient (两, 〇, 一十一, full-width digits, Arabic digits); rendering always produces the canonical
 * form official texts print (十一, 一百零一, 一千零三十四).
 */

const DIGITS: Record<string, number> = {
  '〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};
const UNITS: Record<string, number> = { '十': 10, '百': 100, '千': 1000, '万': 10000 };

/** Characters that may occur in a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千万';

/** Parses a Chinese numeral such as 一千零三十四 or 十一; undefined when the string is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (text.length === 0) return undefined;
  let total = 0;
  let section = 0; // value below 万
  let digit: number | undefined;
  let sawAny = false;
  for (const ch of text) {
    // 零 between units (一百零一) only marks a skipped place.
    if ((ch === '零' || ch === '〇') && digit === undefined && (section > 0 || total > 0)) continue;
    if (ch in DIGITS) {
      if (digit !== undefined) {
        // Positional run such as 二〇二五: treat as a digit string.
        return parsePositional(text);
      }
      digit = DIGITS[ch];
      sawAny = true;
    } else if (ch in UNITS) {
      const unit = UNITS[ch];
      sawAny = true;
      if (unit === 10000) {
        total += (section + (digit ?? 0)) * unit;
        section = 0;
      } else {
        section += (digit ?? 1) * unit;
      }
      digit = undefined;
    } else {
      return undefined;
    }
  }
  if (!sawAny) return undefined;
  return total + section + (digit ?? 0);
}

function parsePositional(text: string): number | undefined {
  let value = 0;
  for (const ch of text) {
    if (!(ch in DIGITS)) return undefined;
    value = value * 10 + DIGITS[ch];
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
