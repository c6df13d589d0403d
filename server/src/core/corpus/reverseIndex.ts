/**
 * The reverse index: where in the whole corpus (statute book, bulletin, statute folders) a passage of provision
 * text is. Every unit (provisionUnits.ts) is normalised and kept as UTF-16 codes in one typed array; a winnowed
 * sample of its 4-character grams (the smallest hash of every 4 consecutive grams) is posted by hash bucket. Any
 * passage of 7 or more characters shared with a unit shares at least one sampled gram with it, so a quotation's own
 * sample finds every unit holding it; the units most of its grams point to are then checked exactly. Built once, in
 * steps a caller can spread over time (a few seconds for the whole book); about 2.5 bytes of postings and 2 bytes of
 * text per character indexed.
 */
import type { CorpusDocument, Provision } from './model';
import { provisionsWithoutKeeping } from '../statutes/provisionSource';
import { provisionUnit, segmentsIn, unitIndices } from './provisionUnits';
import { normalizeForMatch } from '../text/normalize';

const GRAM = 4;
const WINDOW = 4;
/** The shortest passage certain to share a sampled gram with every unit that holds it. */
export const MIN_FINDABLE = GRAM + WINDOW - 1;
const BUCKET_BITS = 21;
const BUCKETS = 1 << BUCKET_BITS;
/** A passage whose rarest sampled gram is posted this often (的规定, 人民法院 …) is boilerplate: not looked up. */
const MAX_FIRST_POSTINGS = 20000;
/** Units indexed per step of the build. */
const UNITS_PER_STEP = 200;
/** Postings sorted per step. */
const SORT_SLICE = 1 << 16;

export interface ReverseHit {
  document: CorpusDocument;
  /** The unit's provision index in the document. */
  unit: number;
  /** The passage's place in the unit's normalised text. */
  from: number;
  to: number;
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

class Uint16List {
  data = new Uint16Array(1 << 20);
  length = 0;
  append(text: string): void {
    if (this.length + text.length > this.data.length) {
      const grown = new Uint16Array(Math.max(this.data.length * 2, this.length + text.length));
      grown.set(this.data);
      this.data = grown;
    }
    for (let i = 0; i < text.length; i++) this.data[this.length + i] = text.charCodeAt(i);
    this.length += text.length;
  }
}

function gramHash(codes: ArrayLike<number>, at: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < GRAM; k++) h = Math.imul(h ^ codes[at + k], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Positions of the winnowed grams of codes[start, end): the rightmost smallest hash of each window of WINDOW grams. */
function winnow(codes: ArrayLike<number>, start: number, end: number, emit: (position: number, hash: number) => void): void {
  const grams = end - start - GRAM + 1;
  if (grams <= 0) return;
  const hashes = new Uint32Array(grams);
  for (let i = 0; i < grams; i++) hashes[i] = gramHash(codes, start + i);
  let last = -1;
  for (let w = 0; w + WINDOW <= Math.max(grams, WINDOW); w++) {
    let best = -1;
    for (let i = w; i < Math.min(w + WINDOW, grams); i++) if (best < 0 || hashes[i] <= hashes[best]) best = i;
    if (best !== last) {
      emit(start + best, hashes[best]);
      last = best;
    }
  }
}

function countBuckets(buckets: Uint32Array, from: number, to: number, counts: Uint32Array): void {
  for (let i = from; i < to; i++) counts[buckets[i] + 1]++;
}

function prefixSums(counts: Uint32Array): void {
  for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
}

function placePostings(buckets: Uint32Array, positions: Uint32Array, from: number, to: number, fill: Uint32Array, postings: Uint32Array): void {
  for (let i = from; i < to; i++) postings[fill[buckets[i]]++] = positions[i];
}

/** normalizeForMatch character by character through a table (what it does to each UTF-16 unit, learnt once). */
const FOLDED = new Int32Array(0x10000).fill(-2);
const DROPPED = -1;
let scratch = new Uint16Array(4096);

function fastNormalize(text: string): string {
  if (text.length > scratch.length) scratch = new Uint16Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let folded = FOLDED[code];
    if (folded === -2) {
      const once = code >= 0xd800 && code <= 0xdfff ? 'xx' : normalizeForMatch(String.fromCharCode(code));
      folded = once.length === 0 ? DROPPED : once.length === 1 ? once.charCodeAt(0) : -3;
      FOLDED[code] = folded;
    }
    // A surrogate pair, or a character that lower-cases to two: the whole text the slow way.
    if (folded === -3) return normalizeForMatch(text);
    if (folded !== DROPPED) scratch[n++] = folded;
  }
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode(...scratch.subarray(i, Math.min(n, i + 4096)));
  return out;
}

export class ReverseIndex {
  private constructor(
    private readonly documents: readonly CorpusDocument[],
    /** Per unit: its document (index into documents), its provision index, where its text starts in `text`. */
    private readonly unitDocument: Uint32Array,
    private readonly unitProvision: Uint32Array,
    private readonly unitStart: Uint32Array,
    private readonly text: Uint16Array,
    private readonly bucketStart: Uint32Array,
    private readonly postings: Uint32Array,
  ) {}

  /** Builds the index over the documents' provisions, yielding between steps; reads no document's provisions into memory for good. */
  static *build(documents: readonly CorpusDocument[]): Generator<void, ReverseIndex> {
    const unitDocument = new Uint32List();
    const unitProvision = new Uint32List();
    const unitStart = new Uint32List();
    const text = new Uint16List();
    const sampleHash = new Uint32List();
    const samplePosition = new Uint32List();
    let sinceYield = 0;
    for (let d = 0; d < documents.length; d++) {
      const provisions: readonly Provision[] = provisionsWithoutKeeping(documents[d]);
      for (const index of unitIndices(provisions)) {
        const unit = provisionUnit(provisions, index, fastNormalize);
        if (unit.text.length === 0) continue;
        const start = text.length;
        unitDocument.push(d);
        unitProvision.push(index);
        unitStart.push(start);
        text.append(unit.text);
        winnow(text.data, start, text.length, (position, hash) => {
          sampleHash.push(hash >>> (32 - BUCKET_BITS));
          samplePosition.push(position);
        });
        if (++sinceYield >= UNITS_PER_STEP) {
          sinceYield = 0;
          yield;
        }
      }
      yield;
    }
    unitStart.push(text.length);
    // Postings grouped by bucket (a counting sort), in slices.
    const bucketStart = new Uint32Array(BUCKETS + 1);
    for (let from = 0; from < sampleHash.length; from += SORT_SLICE) {
      countBuckets(sampleHash.data, from, Math.min(sampleHash.length, from + SORT_SLICE), bucketStart);
      yield;
    }
    prefixSums(bucketStart);
    yield;
    const fill = bucketStart.slice(0, BUCKETS);
    const postings = new Uint32Array(sampleHash.length);
    for (let from = 0; from < sampleHash.length; from += SORT_SLICE) {
      placePostings(sampleHash.data, samplePosition.data, from, Math.min(sampleHash.length, from + SORT_SLICE), fill, postings);
      yield;
    }
    return new ReverseIndex(documents, unitDocument.trimmed(), unitProvision.trimmed(), unitStart.trimmed(), text.data.slice(0, text.length), bucketStart, postings);
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
    return [this.unitDocument, this.unitProvision, this.unitStart, this.text, this.bucketStart, this.postings].reduce((n, a) => n + a.byteLength, 0);
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
      winnow(codes, 0, codes.length, (_, hash) => buckets.add(hash >>> (32 - BUCKET_BITS)));
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
    const codes = this.text.subarray(this.unitStart[unit], this.unitStart[unit + 1]);
    let out = '';
    for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.subarray(i, i + 4096));
    return out;
  }
}
