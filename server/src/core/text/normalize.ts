/**
 * Normalisation of titles and text for matching. Everything here is pure and idempotent.
 *
 * Titles are compared by a key that ignores whitespace, full/half-width differences, quote styles and the
 * 中华人民共和国 prefix; text (for quotations) additionally ignores punctuation.
 */
import { detached } from './detach';

const PRC_PREFIX = '中华人民共和国';

/** Full-width ASCII (！…～) to half-width, ideographic space to space. */
export function foldWidth(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCharCode(code - 0xfee0);
      changed = true;
    } else if (code === 0x3000) {
      out += ' ';
      changed = true;
    } else {
      out += text[i];
    }
  }
  return changed ? out : text;
}

/** Matches every kind of whitespace, including zero-width characters and the BOM. */
export const ANY_SPACE = /[\s\u200b-\u200d\u2060\ufeff]+/g;

export function removeSpaces(text: string): string {
  return text.replace(ANY_SPACE, '');
}

/** Brackets and quotes in a title that have equivalent variants. */
const TITLE_FOLD: Record<string, string> = {
  // Papers add, drop and vary the quotation marks inside titles (“人工智能+” / 人工智能+): they never distinguish.
  '"': '', '“': '', '”': '', '„': '', '‘': '', '’': '', "'": '', '「': '', '」': '', '『': '', '』': '',
  '(': '（', ')': '）', '〈': '<', '〉': '>', '《': '<', '》': '>', '<': '<', '>': '>',
  '—': '-', '–': '-', '－': '-', '-': '-', '―': '-', '·': '·', '・': '·', '•': '·',
};

/**
 * The lookup key of a title: no whitespace, width-folded, quotation marks dropped, brackets unified, case-folded.
 * The 中华人民共和国 prefix is kept; see {@link titleKeyWithoutPrc}.
 */
export function titleKey(title: string): string {
  const cached = keyCache.get(title);
  if (cached !== undefined) return cached;
  const key = FOLDED_IN_KEYS.test(title) ? foldedKey(title) : title.toLowerCase();
  // Papers repeat the same titles many times; keys of recent titles are remembered.
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(detached(title), detached(key));
  return key;
}

/**
 * The characters foldedKey changes (whitespace, full-width forms but （）, which fold back to themselves, quotation
 * marks, brackets, dashes, dots): most titles have none and are only case-folded, which a server starting up
 * does for the ~6,000 titles of the statute book and the bulletin.
 */
const FOLDED_IN_KEYS = /[\s\u200b-\u200d\u2060\ufeff\uff01-\uff07\uff0a-\uff5e"“”„‘’'「」『』()〈〉《》—–―・•]/;

function foldedKey(title: string): string {
  let out = '';
  for (const ch of foldWidth(removeSpaces(title))) out += TITLE_FOLD[ch] ?? ch;
  return out.toLowerCase();
}

const KEY_CACHE_LIMIT = 20000;
const keyCache = new Map<string, string>();

/** The title key with a leading 中华人民共和国 removed, the form most papers cite. */
export function titleKeyWithoutPrc(title: string): string {
  const key = titleKey(title);
  return key.startsWith(PRC_PREFIX) ? key.slice(PRC_PREFIX.length) : key;
}

export function stripPrcPrefix(title: string): string {
  return title.startsWith(PRC_PREFIX) ? title.slice(PRC_PREFIX.length) : title;
}

export function hasPrcPrefix(title: string): boolean {
  return title.startsWith(PRC_PREFIX);
}

const PUNCTUATION = /[\p{P}\p{S}]/gu;

/**
 * Normalises text for quotation matching: whitespace removed, widths folded, punctuation and symbols removed,
 * Latin letters lower-cased. Digits and CJK characters are kept, so 3个月 and 2个月 stay different.
 */
export function normalizeForMatch(text: string): string {
  return foldWidth(text).replace(ANY_SPACE, '').replace(PUNCTUATION, '').toLowerCase();
}

/**
 * Removes spaces that PDF extraction puts around numbers (“2025 年 8 月 4日”, “11 号”) while keeping spaces
 * between two Latin words and the deliberate space between two CJK phrases (《全国一体化算力网 安全保护要求》).
 */
export function collapseNumberSpaces(text: string): string {
  return text.replace(/(?<=[0-9])[ \u3000]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[ \u3000]+(?=[0-9])/g, '');
}

export function isCjk(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x3134f);
}
