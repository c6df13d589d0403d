/**
 * The reverse index's text (reverseIndex.ts): normalizeForMatch applied code by code through a table learnt once,
 * and a unit's text (provisionUnit's) folded straight into a reused buffer, so indexing the whole book makes no
 * string per provision.
 */
import type { Provision } from './model';
import { ownText, subtreeEnd } from './provisionUnits';
import { normalizeForMatch } from '../text/normalize';

/** normalizeForMatch character by character through a table (what it does to each UTF-16 unit, learnt once). */
const FOLDED = new Int32Array(0x10000).fill(-2);
const DROPPED = -1;
/** A surrogate, or a character that lower-cases to two: the text goes through normalizeForMatch whole. */
const NOT_ALONE = -3;
let scratch = new Uint16Array(4096);

/** What normalizeForMatch makes of the code alone: a code, DROPPED or NOT_ALONE. */
function folded(code: number): number {
  let to = FOLDED[code];
  if (to === -2) {
    const once = code >= 0xd800 && code <= 0xdfff ? 'xx' : normalizeForMatch(String.fromCharCode(code));
    to = once.length === 0 ? DROPPED : once.length === 1 ? once.charCodeAt(0) : NOT_ALONE;
    FOLDED[code] = to;
  }
  return to;
}

/** The text folded into codes from `at` on; the end, or -1 when a code is NOT_ALONE. */
function foldInto(text: string, codes: Uint16Array, at: number): number {
  for (let i = 0; i < text.length; i++) {
    const to = folded(text.charCodeAt(i));
    if (to === NOT_ALONE) return -1;
    if (to !== DROPPED) codes[at++] = to;
  }
  return at;
}

export function fastNormalize(text: string): string {
  if (text.length > scratch.length) scratch = new Uint16Array(text.length * 2);
  const n = foldInto(text, scratch, 0);
  return n < 0 ? normalizeForMatch(text) : stringOf(scratch, 0, n);
}

/**
 * The unit's text (provisionUnit's, with fastNormalize) folded into `scratch` with no string made: its length, or
 * -1 when a provision of it needs normalizeForMatch whole. The build's garbage was mostly the strings and parts
 * of provisionUnit, and collecting it took steps of 5–15 ms on a busy machine.
 */
export function foldUnit(provisions: readonly Provision[], index: number): number {
  const end = subtreeEnd(provisions, index);
  let bound = 0;
  for (let i = index; i < end; i++) bound += (provisions[i].caption?.length ?? 0) + provisions[i].text.length;
  if (bound > scratch.length) scratch = new Uint16Array(bound * 2);
  let at = 0;
  for (let i = index; i < end && at >= 0; i++) at = foldInto(ownText(provisions[i]), scratch, at);
  return at;
}

/**
 * The string of UTF-16 codes[from, to), 4,096 codes per call: `apply` reads the typed array as it is, where a
 * spread goes through its iterator (three times slower over the whole book).
 */
export function stringOf(codes: Uint16Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += 4096) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(to, i + 4096)) as unknown as number[]);
  return out;
}

/** The codes the last foldUnit wrote (valid until the next call). */
export function unitCodes(): Uint16Array {
  return scratch;
}
