/**
 * The reverse index (reverseIndex.ts) as bytes, so the Node layer can keep it on disk and a later process loads it
 * instead of building it again (node/reverseIndexCache.ts does the file, its checksum and the corpus's
 * fingerprint). The bytes are the index's own typed arrays, each 8-byte aligned after a header that says how long
 * each is; loading makes views onto them (no copy) after checking, in steps, that they describe an index over
 * these documents: a damaged or foreign file is refused with the reason, never served.
 *
 *   header (Uint32 words): MAGIC (6 words) | format | byte-order mark | documents | units | chunks | bucket bits
 *     | postings | text length | chunk lengths (one word each)
 *   then, each padded to 8 bytes: unitDocument, unitProvision, unitStart (units + 1), unitChunk,
 *     bucketStart (buckets + 1), postings, each text chunk (UTF-16 codes)
 *
 * Pure: plain ArrayBuffers, no file access.
 */
import type { CorpusDocument } from './model';
import { REVERSE_BUCKETS, ReverseIndex, ReverseIndexArrays } from './reverseIndex';

/**
 * Bump when what the index holds changes (units, normalisation, grams, hashing, layout): a saved index of another
 * format is rebuilt.
 */
export const REVERSE_INDEX_FORMAT = 1;
const MAGIC = 'LEXCITE-REVERSE-INDEX\u0000\u0000\u0000';
const MAGIC_WORDS = MAGIC.length / 4;
/** Written in the machine's byte order: read back otherwise, the file is another machine's. */
const BYTE_ORDER_MARK = 0x01020304;
const FIXED_WORDS = MAGIC_WORDS + 8;
/**
 * A step of the checks ends once it has run this long: the first steps run before V8 has optimised the loops (a
 * server loads the index once, so all its steps are first ones), ten times slower than the rest.
 */
const STEP_MS = 3;
/** Entries checked between two looks at the clock. */
const CHECKED_PER_CLOCK = 1 << 12;

const padded = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** The index as byte ranges to write one after the other: a header, then views of its arrays (no copy). */
export function reverseIndexBytes(index: ReverseIndex, documentCount: number): Uint8Array[] {
  const a = index.arrays;
  const header = new Uint32Array(padded((FIXED_WORDS + a.textChunks.length) * 4) / 4);
  for (let i = 0; i < MAGIC.length; i++) new Uint8Array(header.buffer)[i] = MAGIC.charCodeAt(i);
  header.set([REVERSE_INDEX_FORMAT, BYTE_ORDER_MARK, documentCount, a.unitProvision.length, a.textChunks.length, Math.log2(REVERSE_BUCKETS), a.postings.length,
    a.textChunks.reduce((n, c) => n + c.length, 0), ...a.textChunks.map((c) => c.length)], MAGIC_WORDS);
  const parts: Uint8Array[] = [new Uint8Array(header.buffer)];
  for (const array of [a.unitDocument, a.unitProvision, a.unitStart, a.unitChunk, a.bucketStart, a.postings, ...a.textChunks]) {
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    const padding = padded(array.byteLength) - array.byteLength;
    if (padding > 0) parts.push(new Uint8Array(padding));
  }
  return parts;
}

/**
 * The index the bytes hold, over these documents, or why they cannot be one (the reason, for the log). Checks the
 * header, every length, and that every offset points where the lookups expect, CHECKED_PER_STEP entries a step.
 * The views share the bytes' buffer: the caller hands over bytes it no longer writes to.
 */
export function* reverseIndexFromBytes(documents: readonly CorpusDocument[], input: Uint8Array): Generator<void, ReverseIndex | string> {
  // Views need aligned offsets: a buffer that does not start on 8 bytes is copied once.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  if (bytes.byteLength < FIXED_WORDS * 4) return 'shorter than its header';
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return 'not a LexCite reverse index';
  const word = (i: number) => new Uint32Array(bytes.buffer, bytes.byteOffset + i * 4, 1)[0];
  const [format, mark, documentCount, units, chunks, bucketBits, postingCount, textLength] = Array.from({ length: 8 }, (_, i) => word(MAGIC_WORDS + i));
  if (format !== REVERSE_INDEX_FORMAT) return `format ${format}, not ${REVERSE_INDEX_FORMAT}`;
  if (mark !== BYTE_ORDER_MARK) return 'written on a machine of another byte order';
  if (documentCount !== documents.length) return `made for ${documentCount} documents, not ${documents.length}`;
  if (1 << bucketBits !== REVERSE_BUCKETS) return `${1 << bucketBits} buckets, not ${REVERSE_BUCKETS}`;
  const headerBytes = padded((FIXED_WORDS + chunks) * 4);
  if (bytes.byteLength < headerBytes) return 'truncated in its header';
  const chunkLengths = Array.from({ length: chunks }, (_, i) => word(FIXED_WORDS + i));
  if (chunkLengths.reduce((n, l) => n + l, 0) !== textLength) return 'its text chunks do not add up to its text';
  let at = headerBytes;
  const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, size: number): T | undefined => {
    if (at + length * size > bytes.byteLength) return undefined;
    const view = make(bytes.buffer, bytes.byteOffset + at, length);
    at += padded(length * size);
    return view;
  };
  const u32 = (length: number) => take((b, o, l) => new Uint32Array(b, o, l), length, 4);
  const unitDocument = u32(units);
  const unitProvision = u32(units);
  const unitStart = u32(units + 1);
  const unitChunk = u32(units);
  const bucketStart = u32(REVERSE_BUCKETS + 1);
  const postings = u32(postingCount);
  const textChunks = chunkLengths.map((length) => take((b, o, l) => new Uint16Array(b, o, l), length, 2));
  if (!unitDocument || !unitProvision || !unitStart || !unitChunk || !bucketStart || !postings || textChunks.some((c) => !c)) return 'truncated';
  if (at !== bytes.byteLength) return `${bytes.byteLength - at} bytes more than its arrays`;
  const arrays: ReverseIndexArrays = { unitDocument, unitProvision, unitStart, unitChunk, textChunks: textChunks as Uint16Array[], bucketStart, postings };
  const problem = yield* arrayProblem(documents, arrays, textLength);
  return problem ?? ReverseIndex.fromArrays(documents, arrays);
}

/** What in the arrays does not fit an index over these documents (what lookups would trip on), if anything. */
function* arrayProblem(documents: readonly CorpusDocument[], a: ReverseIndexArrays, textLength: number): Generator<void, string | undefined> {
  const units = a.unitProvision.length;
  const chunkStart: number[] = [];
  let length = 0;
  for (const chunk of a.textChunks) {
    chunkStart.push(length);
    length += chunk.length;
  }
  if (a.unitStart[0] !== 0 || a.unitStart[units] !== textLength) return 'its units do not cover its text';
  // The provision counts without reading a lazily loaded statute's provisions. A plain array, not a typed one: a
  // new array buffer right after the file's tens of megabytes made V8 collect the young generation then and there.
  const provisionCounts = documents.map((d) => d.provisionCount ?? d.provisions.length);
  const chunkEnd = a.textChunks.map((chunk, i) => chunkStart[i] + chunk.length);
  yield;
  // The loops are functions of their own: V8 optimises those at once, a generator's loop only after a while. Each
  // call checks until STEP_MS has passed and says where it stopped, or what is wrong.
  for (let unit = 0; unit < units; ) {
    const next = unitProblem(a, provisionCounts, chunkStart, chunkEnd, unit, performance.now());
    if (typeof next === 'string') return next;
    unit = next;
    yield;
  }
  if (a.bucketStart[0] !== 0 || a.bucketStart[REVERSE_BUCKETS] !== a.postings.length) return 'its buckets do not cover its postings';
  for (let bucket = 0; bucket < REVERSE_BUCKETS; ) {
    const next = bucketProblem(a, textLength, bucket, performance.now());
    if (typeof next === 'string') return next;
    bucket = next;
    yield;
  }
  return undefined;
}

/** Units from `from` on, until the last or STEP_MS after `stepStart`: the next unit to check, or what is wrong. */
function unitProblem(a: ReverseIndexArrays, provisionCounts: readonly number[], chunkStart: number[], chunkEnd: number[], from: number, stepStart: number): string | number {
  const units = a.unitProvision.length;
  let unit = from;
  while (unit < units) {
    const until = Math.min(units, unit + CHECKED_PER_CLOCK);
    for (; unit < until; unit++) {
      if (a.unitDocument[unit] >= provisionCounts.length) return `unit ${unit} belongs to no document`;
      if (a.unitProvision[unit] >= provisionCounts[a.unitDocument[unit]]) return `unit ${unit} names a provision its document does not have`;
      const chunk = a.unitChunk[unit];
      if (chunk >= chunkStart.length || a.unitStart[unit] > a.unitStart[unit + 1] || a.unitStart[unit] < chunkStart[chunk] || a.unitStart[unit + 1] > chunkEnd[chunk]) return `unit ${unit} is outside its text`;
    }
    if (performance.now() - stepStart >= STEP_MS) break;
  }
  return unit;
}

/**
 * Buckets from `from` on, until the last or STEP_MS after `stepStart`: a bucket's postings ascend (lookups search
 * them by halves) and point into the text. The next bucket to check, or what is wrong.
 */
function bucketProblem(a: ReverseIndexArrays, textLength: number, from: number, stepStart: number): string | number {
  let bucket = from;
  while (bucket < REVERSE_BUCKETS) {
    const until = Math.min(REVERSE_BUCKETS, bucket + CHECKED_PER_CLOCK);
    for (; bucket < until; bucket++) {
      const start = a.bucketStart[bucket];
      const end = a.bucketStart[bucket + 1];
      if (end < start) return `bucket ${bucket} ends before it starts`;
      for (let p = start; p < end; p++) if (a.postings[p] >= textLength || (p > start && a.postings[p] <= a.postings[p - 1])) return `bucket ${bucket} is out of order`;
    }
    if (performance.now() - stepStart >= STEP_MS) break;
  }
  return bucket;
}
