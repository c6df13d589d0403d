/**
 * The reverse index: where in the whole corpus (statute book, bulletin, statute folders) a passage of provision
 * text is. Every unit (provisionUnits.ts) is normalised and kept as UTF-16 codes; a winnowed sample of its
 * 4-character grams (the rightmost smallest hash of every 4 consecutive grams) is posted by hash bucket. A unit
 * holding a passage of 7 or more characters holds every sampled gram of that passage, so the candidates are the
 * units posted under all of the passage's sampled grams, and those are then checked word for word. Built once, in
 * steps a caller can spread over time (a few seconds for the whole book): about 1.6 bytes of postings and 2 bytes
 * of text per character indexed, plus 8 MB of bucket offsets.
 */
import type { CorpusDocument, Provision } from './model';
import { provisionsWithoutKeepingInSteps } from '../statutes/provisionSource';
import { provisionUnit, segmentsIn, unitIndices } from './provisionUnits';
import { fastNormalize, foldUnit, stringOf, unitCodes } from './unitFolding';
import { normalizeForMatch } from '../text/normalize';

const GRAM = 4;
const WINDOW = 4;
/** The shortest passage certain to share a sampled gram with every unit that holds it. */
export const MIN_FINDABLE = GRAM + WINDOW - 1;
const BUCKET_BITS = 21;
const BUCKETS = 1 << BUCKET_BITS;
/** A passage whose rarest sampled gram is posted this often (的规定, 人民法院 …) is boilerplate: not looked up. */
const MAX_FIRST_POSTINGS = 20000;
/** Units indexed per step of the build, at most. */
const UNITS_PER_STEP = 100;
/**
 * A step of units ends once it has run this long, whatever its count: the first steps of each pass run before V8
 * has optimised their loops (ten times slower), and a busy machine stretches them too.
 */
const STEP_MS = 3;
/** Units placed between two looks at the clock. */
const UNITS_PER_CLOCK = 8;
/** Bucket offsets summed or copied per step of the build. */
const BUCKETS_PER_STEP = 1 << 18;
/** Array entries first touched per step of the build. */
const TOUCHED_PER_STEP = 1 << 19;
/** UTF-16 codes per chunk of the indexed text. */
const CHUNK = 1 << 20;

export interface ReverseHit {
  document: CorpusDocument;
  /** The unit's provision index in the document. */
  unit: number;
  /** The passage's place in the unit's normalised text. */
  from: number;
  to: number;
}

/**
 * Where a built index is kept between processes (node/reverseIndexCache.ts keeps it on disk). Both work in steps,
 * so a server runs them between requests; neither throws: what cannot be loaded or saved is told to the store's log.
 */
export interface ReverseIndexStore {
  /** The saved index over exactly these documents (same documents, same text), or undefined. */
  load(documents: readonly CorpusDocument[]): Generator<void, ReverseIndex | undefined>;
  save(index: ReverseIndex, documents: readonly CorpusDocument[]): Generator<void, void>;
}

/** A growable Uint32Array. */
class Uint32List {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  trimmed(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * The units' text in chunks of about a million UTF-16 codes, a unit never split between two: no copy as it
 * grows and nothing left over to collect, which a server would keep as resident memory.
 */
class ChunkedText {
  /** Where each chunk starts in the text as one sequence. */
  readonly chunkStart: number[] = [];
  length = 0;
  private used = 0;

  constructor(readonly chunks: Uint16Array[] = []) {
    for (const chunk of chunks) {
      this.chunkStart.push(this.length);
      this.length += chunk.length;
    }
  }

  /** Appends the text; returns the chunk it went into. */
  append(text: string): number {
    const chunk = this.room(text.length);
    for (let i = 0; i < text.length; i++) chunk[this.used + i] = text.charCodeAt(i);
    return this.appended(text.length);
  }

  /** Appends codes[0, length); returns the chunk they went into. */
  appendCodes(codes: Uint16Array, length: number): number {
    this.room(length).set(codes.subarray(0, length), this.used);
    return this.appended(length);
  }

  /** The chunk with room for `length` more codes: the last one, or a new one. */
  private room(length: number): Uint16Array {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || this.used + length > chunk.length) {
      if (chunk) this.chunks[this.chunks.length - 1] = trimmedChunk(chunk, this.used);
      chunk = new Uint16Array(Math.max(CHUNK, length));
      this.chunks.push(chunk);
      this.chunkStart.push(this.length);
      this.used = 0;
    }
    return chunk;
  }

  private appended(length: number): number {
    this.used += length;
    this.length += length;
    return this.chunks.length - 1;
  }

  trim(): void {
    const last = this.chunks.length - 1;
    if (last >= 0) this.chunks[last] = trimmedChunk(this.chunks[last], this.used);
  }

  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.byteLength, 0);
  }
}

/**
 * A chunk cut to the codes it holds: a view when little of it is unused (a full chunk's copy was 2 MB more to
 * allocate and collect, for each of the ten), a copy otherwise.
 */
function trimmedChunk(chunk: Uint16Array, used: number): Uint16Array {
  return used >= chunk.length - (chunk.length >>> 3) ? chunk.subarray(0, used) : chunk.slice(0, used);
}

function gramHash(codes: Uint16Array, at: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < GRAM; k++) h = Math.imul(h ^ codes[at + k], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** What the last `winnow` sampled: positions and hashes (scratch arrays, reused: no garbage per unit). */
let sampledPositions = new Uint32Array(4096);
let sampledHashes = new Uint32Array(4096);
let gramHashes = new Uint32Array(4096);
const BUCKET_SHIFT = 32 - BUCKET_BITS;

/**
 * Samples the grams of codes[start, end): the rightmost smallest hash of each window of WINDOW grams, into
 * sampledPositions and sampledHashes, ascending; returns how many. No callback: one shape of call for the build's
 * two passes and the lookups, so V8 keeps it optimised.
 */
function winnow(codes: Uint16Array, start: number, end: number): number {
  const grams = end - start - GRAM + 1;
  if (grams <= 0) return 0;
  if (grams > gramHashes.length) {
    gramHashes = new Uint32Array(grams * 2);
    sampledPositions = new Uint32Array(grams * 2);
    sampledHashes = new Uint32Array(grams * 2);
  }
  for (let i = 0; i < grams; i++) gramHashes[i] = gramHash(codes, start + i);
  let sampled = 0;
  let last = -1;
  for (let w = 0; w + WINDOW <= Math.max(grams, WINDOW); w++) {
    let best = -1;
    for (let i = w; i < Math.min(w + WINDOW, grams); i++) if (best < 0 || gramHashes[i] <= gramHashes[best]) best = i;
    if (best !== last) {
      sampledPositions[sampled] = start + best;
      sampledHashes[sampled] = gramHashes[best];
      sampled++;
      last = best;
    }
  }
  return sampled;
}

/** The first pass: counts the unit's sampled grams per bucket (the bucket's count sits one past its start). */
function countPostings(codes: Uint16Array, start: number, end: number, bucketStart: Uint32Array): number {
  const sampled = winnow(codes, start, end);
  for (let k = 0; k < sampled; k++) bucketStart[(sampledHashes[k] >>> BUCKET_SHIFT) + 1]++;
  return sampled;
}

/**
 * The second pass, from unit `from` on until `to` or until the step has run STEP_MS since `stepStart`: each sampled
 * gram's position put in its bucket's next free place, `fill[bucket]`, which then moves on. Returns the next unit
 * to place.
 */
function placePostings(text: ChunkedText, unitStart: Uint32Array, unitChunk: Uint32Array, fill: Uint32Array, postings: Uint32Array, from: number, to: number, stepStart: number): number {
  let unit = from;
  while (unit < to) {
    const until = Math.min(to, unit + UNITS_PER_CLOCK);
    for (; unit < until; unit++) {
      const chunk = unitChunk[unit];
      const base = text.chunkStart[chunk];
      const sampled = winnow(text.chunks[chunk], unitStart[unit] - base, unitStart[unit + 1] - base);
      for (let k = 0; k < sampled; k++) postings[fill[sampledHashes[k] >>> BUCKET_SHIFT]++] = base + sampledPositions[k];
    }
    if (performance.now() - stepStart >= STEP_MS) break;
  }
  return unit;
}

/**
 * A new array, its memory touched a few megabytes a step. The counts and postings are written in hash order, all
 * over the array from the first unit on: left to those writes, the operating system's first touch of each page
 * (some 3,100 for the postings) fell into one step, 14 ms of system time.
 */
function* zeroedInSteps(length: number): Generator<void, Uint32Array> {
  // The allocation is a step of its own: a large one can start a garbage collection.
  const array = new Uint32Array(length);
  yield;
  for (let from = 0; from < length; from += TOUCHED_PER_STEP) {
    array.fill(0, from, Math.min(length, from + TOUCHED_PER_STEP));
    yield;
  }
  return array;
}

/**
 * Running sums over counts[from, to). A function of its own, not a loop in the build's generator: V8 optimises a
 * small function at once, while the generator's loop ran interpreted for the first steps (20 ms each).
 */
function addPreceding(counts: Uint32Array, from: number, to: number): void {
  for (let b = from; b < to; b++) counts[b] += counts[b - 1];
}

/** The index's arrays, as saved and loaded (reverseIndexBytes.ts). */
export interface ReverseIndexArrays {
  /** Per unit: its document (index into the documents), its provision index, where its text starts, its chunk. */
  unitDocument: Uint32Array;
  unitProvision: Uint32Array;
  /** One more than the units: the last is the text's length. */
  unitStart: Uint32Array;
  unitChunk: Uint32Array;
  textChunks: Uint16Array[];
  /** BUCKETS + 1 offsets into the postings. */
  bucketStart: Uint32Array;
  postings: Uint32Array;
}

export const REVERSE_BUCKETS = BUCKETS;

export class ReverseIndex {
  private readonly unitDocument: Uint32Array;
  private readonly unitProvision: Uint32Array;
  private readonly unitStart: Uint32Array;
  private readonly unitChunk: Uint32Array;
  private readonly text: ChunkedText;
  private readonly bucketStart: Uint32Array;
  private readonly postings: Uint32Array;

  /**
   * `complete` is false when a document's provisions could not be read while building: such an index serves, but
   * is not worth saving (the document would stay missing from it once readable again).
   */
  private constructor(private readonly documents: readonly CorpusDocument[], arrays: ReverseIndexArrays, readonly complete: boolean) {
    this.unitDocument = arrays.unitDocument;
    this.unitProvision = arrays.unitProvision;
    this.unitStart = arrays.unitStart;
    this.unitChunk = arrays.unitChunk;
    this.text = new ChunkedText(arrays.textChunks);
    this.bucketStart = arrays.bucketStart;
    this.postings = arrays.postings;
  }

  /** An index over these documents from arrays already checked to fit them (reverseIndexBytes.ts). */
  static fromArrays(documents: readonly CorpusDocument[], arrays: ReverseIndexArrays): ReverseIndex {
    return new ReverseIndex(documents, arrays, true);
  }

  get arrays(): ReverseIndexArrays {
    const { unitDocument, unitProvision, unitStart, unitChunk, bucketStart, postings } = this;
    return { unitDocument, unitProvision, unitStart, unitChunk, textChunks: this.text.chunks, bucketStart, postings };
  }

  /**
   * Builds the index over the documents' provisions, yielding between steps; keeps no document's provisions in
   * memory. Two passes over the text: one counts each bucket's postings, the other puts them in place, so the
   * postings are allocated once at their final size. A step is one document read (a large statute of the book in
   * several: decompressed and checked, then its rows parsed a run at a time), or up to UNITS_PER_STEP units indexed
   * (fewer when they take STEP_MS), or BUCKETS_PER_STEP offsets summed or moved, or one large array allocated: a
   * few milliseconds each.
   */
  static *build(documents: readonly CorpusDocument[]): Generator<void, ReverseIndex> {
    const unitDocument = new Uint32List();
    const unitProvision = new Uint32List();
    const unitStart = new Uint32List();
    const unitChunk = new Uint32List();
    const text = new ChunkedText();
    const bucketStart = yield* zeroedInSteps(BUCKETS + 1);
    let postingCount = 0;
    let complete = true;
    for (let d = 0; d < documents.length; d++) {
      // A large statute is read (decompressed from the book, checked, parsed) in steps of its own.
      const provisions: readonly Provision[] = yield* provisionsWithoutKeepingInSteps(documents[d]);
      if (provisions.length < (documents[d].provisionCount ?? 0)) complete = false;
      if (provisions.length > UNITS_PER_STEP) yield;
      let sinceYield = 0;
      let stepStart = performance.now();
      for (const index of unitIndices(provisions)) {
        let length = foldUnit(provisions, index);
        const slow = length < 0 ? provisionUnit(provisions, index, fastNormalize).text : undefined;
        if (slow !== undefined) length = slow.length;
        if (length === 0) continue;
        unitDocument.push(d);
        unitProvision.push(index);
        unitStart.push(text.length);
        const chunk = slow !== undefined ? text.append(slow) : text.appendCodes(unitCodes(), length);
        unitChunk.push(chunk);
        const offset = unitStart.data[unitStart.length - 1] - text.chunkStart[chunk];
        postingCount += countPostings(text.chunks[chunk], offset, offset + length, bucketStart);
        if (++sinceYield >= UNITS_PER_STEP || performance.now() - stepStart >= STEP_MS) {
          sinceYield = 0;
          yield;
          stepStart = performance.now();
        }
      }
      yield;
    }
    unitStart.push(text.length);
    text.trim();
    yield;
    for (let from = 1; from <= BUCKETS; from += BUCKETS_PER_STEP) {
      addPreceding(bucketStart, from, Math.min(BUCKETS + 1, from + BUCKETS_PER_STEP));
      yield;
    }
    const starts = unitStart.trimmed();
    const chunks = unitChunk.trimmed();
    yield;
    const postings = yield* zeroedInSteps(postingCount);
    // The bucket starts are the places the postings are put in: each moves on to its bucket's end, the next
    // bucket's start, so shifting them up by one restores them (no copy of the 8 MB to fill from).
    for (let from = 0; from < chunks.length; ) {
      from = placePostings(text, starts, chunks, bucketStart, postings, from, Math.min(chunks.length, from + UNITS_PER_STEP), performance.now());
      yield;
    }
    for (let to = BUCKETS; to > 0; to -= BUCKETS_PER_STEP) {
      const from = Math.max(0, to - BUCKETS_PER_STEP);
      bucketStart.copyWithin(from + 1, from, to);
      yield;
    }
    bucketStart[0] = 0;
    const arrays = { unitDocument: unitDocument.trimmed(), unitProvision: unitProvision.trimmed(), unitStart: starts, unitChunk: chunks, textChunks: text.chunks, bucketStart, postings };
    return new ReverseIndex(documents, arrays, complete);
  }

  static buildNow(documents: readonly CorpusDocument[]): ReverseIndex {
    const steps = ReverseIndex.build(documents);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  get units(): number {
    return this.unitProvision.length;
  }

  get characters(): number {
    return this.text.length;
  }

  /** Memory held by the index's arrays. */
  get bytes(): number {
    return this.text.bytes + [this.unitDocument, this.unitProvision, this.unitStart, this.unitChunk, this.bucketStart, this.postings].reduce((n, a) => n + a.byteLength, 0);
  }

  /**
   * Every unit holding all the segments (normalised, in order), at most `limit`; empty when no segment is long
   * enough to be found (MIN_FINDABLE) or the passage is made only of the corpus's commonest phrases. A unit holding
   * the passage has every sampled gram of it, so the candidates are the units of the rarest gram's postings that
   * also appear in every other gram's; those are then checked word for word.
   */
  find(segments: readonly string[], limit = 20): ReverseHit[] {
    const normalized = segments.map(normalizeForMatch).filter((s) => s.length > 0);
    const buckets = new Set<number>();
    for (const segment of normalized) {
      if (segment.length < MIN_FINDABLE) continue;
      const codes = new Uint16Array(segment.length);
      for (let i = 0; i < segment.length; i++) codes[i] = segment.charCodeAt(i);
      const sampled = winnow(codes, 0, codes.length);
      for (let k = 0; k < sampled; k++) buckets.add(sampledHashes[k] >>> BUCKET_SHIFT);
    }
    if (buckets.size === 0) return [];
    const bySize = [...buckets].sort((a, b) => this.postingCount(a) - this.postingCount(b));
    if (this.postingCount(bySize[0]) > MAX_FIRST_POSTINGS) return [];
    let candidates: number[] = [];
    for (let p = this.bucketStart[bySize[0]]; p < this.bucketStart[bySize[0] + 1]; p++) {
      const unit = this.unitAt(this.postings[p]);
      if (candidates[candidates.length - 1] !== unit) candidates.push(unit);
    }
    for (let k = 1; k < bySize.length && candidates.length > 0; k++) {
      candidates = candidates.filter((unit) => this.postedWithin(bySize[k], this.unitStart[unit], this.unitStart[unit + 1]));
    }
    const hits: ReverseHit[] = [];
    for (const unit of candidates) {
      const place = segmentsIn(this.unitText(unit), normalized);
      if (!place) continue;
      hits.push({ document: this.documents[this.unitDocument[unit]], unit: this.unitProvision[unit], from: place[0], to: place[1] });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  private postingCount(bucket: number): number {
    return this.bucketStart[bucket + 1] - this.bucketStart[bucket];
  }

  /** Whether the bucket has a posting in [from, to): its postings are in ascending order. */
  private postedWithin(bucket: number, from: number, to: number): boolean {
    let lo = this.bucketStart[bucket];
    let hi = this.bucketStart[bucket + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.postings[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.bucketStart[bucket + 1] && this.postings[lo] < to;
  }

  private unitAt(position: number): number {
    let lo = 0;
    let hi = this.unitProvision.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.unitStart[mid] <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private unitText(unit: number): string {
    const chunk = this.unitChunk[unit];
    const base = this.text.chunkStart[chunk];
    return stringOf(this.text.chunks[chunk], this.unitStart[unit] - base, this.unitStart[unit + 1] - base);
  }
}
