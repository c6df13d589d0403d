/**
 * Character tests the finders make on UTF-16 codes, in place of a pattern run on a piece cut out of the paper:
 * they run for every candidate citation.
 */

/** JavaScript's `\s`: white space and line terminators. */
export function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  // Letters, digits and Chinese characters: decided in one or two comparisons.
  if (code < 0xa0) return false;
  if (code > 0x3000) return code === 0xfeff;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** `[ \t\u3000]`: the spaces written inside a line of Chinese text. */
export function isInlineSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000;
}

/** Where the run of `[ \t\u3000]` ending at `position` starts: back over the inline spaces before it. */
export function skipInlineSpaceBack(text: string, position: number): number {
  let p = position;
  while (isInlineSpace(text.charCodeAt(p - 1))) p--;
  return p;
}
