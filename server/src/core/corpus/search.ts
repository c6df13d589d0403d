/**
 * Fuzzy title search over documents, statutes, bibliographic records and cited-only instruments.
 *
 * A character-bigram and character-presence prefilter (or, for Latin queries, sorted pinyin tables) picks a few
 * hundred candidates out of any corpus size; a scorer ranks them by exact > prefix > substring > subsequence
 * (abbreviations such as 个保法) > bigram similarity (typos), with the authority of the source as tie-breaker.
 * fuse.js can re-rank the top candidates ('scorer+fuse') or search everything ('fuse', the baseline the
 * benchmark compares against).
 */
import Fuse from 'fuse.js';
import type { DocumentKind } from './model';
import { titleKeyWithoutPrc } from '../text/normalize';
import { firstIndexWhere } from '../util/binarySearch';

export type EntryType = 'document' | 'record' | 'instrument';

export interface SearchEntry {
  type: EntryType;
  id: string;
  title: string;
  /** Normalised keys: the title and its aliases (titleKeyWithoutPrc). */
  keys: string[];
  /** Concatenated toneless pinyin of each key, same order as keys. */
  pinyinFull: string[];
  pinyinInitials: string[];
  authors: string[];
  /** 0–1, breaks ties between equally good string matches. */
  authority: number;
}

export interface SearchHit {
  entry: SearchEntry;
  score: number;
  /** Which key matched best. */
  key: string;
}

export type SearchStrategy = 'scorer' | 'scorer+fuse' | 'fuse';

export interface SearchOptions {
  limit?: number;
  strategy?: SearchStrategy;
  /** Restrict to some entry types. */
  types?: EntryType[];
}

const MAX_CANDIDATES = 300;
const FUSE_RERANK = 30;

export function authorityOf(kind: DocumentKind | 'record' | 'journal' | 'cited', citedSites = 0): number {
  switch (kind) {
    case 'national-policy': return 1;
    case 'local-measure': return 0.95;
    case 'notice': return 0.9;
    case 'statute': return 0.9;
    case 'paper': case 'report': return 0.7;
    case 'record': return 0.6;
    case 'commentary': case 'news': case 'event-report': case 'essay': return 0.5;
    case 'journal': return 0.4;
    default: return 0.3 + Math.min(citedSites, 10) * 0.01;
  }
}

/** Keys scored exactly per query; the prefilter picks them from any corpus size. */
const SCORED_KEYS = 120;

/** How much longer than an abbreviation the initials of the title it abbreviates may be (gbf: grxxbhf). */
const MAX_ABBREVIATION_STRETCH = 4;

export class SearchIndex {
  /** Every (entry, key) pair: the unit the character prefilter counts over. */
  private readonly pairEntry: Int32Array;
  private readonly pairKey: Int32Array;
  private readonly pairText: string[];
  /** Distinct bigrams of each pair's key, for the overlap (Dice) score. */
  private readonly pairBigramCount: Uint16Array;
  private readonly bigrams = new Map<string, Int32Array>();
  private readonly chars = new Map<string, Int32Array>();
  /** Scratch counters, reset after each query. */
  private readonly bigramHits: Uint16Array;
  private readonly charHits: Uint16Array;
  private readonly initialsTable: TableRow[];
  private readonly fullTable: TableRow[];
  private readonly latinPairs: number[];
  /** Letter pairs of the initials rows, and rows by first letter, for substring and abbreviation matches. */
  private readonly initialBigrams = new Map<string, Int32Array>();
  private readonly initialsByFirst = new Map<string, number[]>();
  private readonly initialHits: Uint16Array;
  private readonly authorIndex: Map<string, number[]>;
  private fuse: Fuse<{ key: string; entry: number }> | undefined;

  /** Builds the index at once. */
  constructor(readonly entries: SearchEntry[], collected?: CollectedKeys) {
    const keys = collected ?? collectKeys(entries);
    this.latinPairs = keys.latinPairs;
    this.initialsTable = keys.initialsTable;
    this.fullTable = keys.fullTable;
    this.authorIndex = keys.authorIndex;
    for (const [bigram, list] of keys.bigramLists) this.bigrams.set(bigram, Int32Array.from(list));
    for (const [ch, list] of keys.charLists) this.chars.set(ch, Int32Array.from(list));
    this.pairEntry = Int32Array.from(keys.pairEntry);
    this.pairKey = Int32Array.from(keys.pairKey);
    this.pairText = keys.pairText;
    this.pairBigramCount = Uint16Array.from(keys.pairBigrams);
    this.bigramHits = new Uint16Array(keys.pairText.length);
    this.charHits = new Uint16Array(keys.pairText.length);
    this.initialsTable.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    this.fullTable.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    const initialLists = new Map<string, number[]>();
    this.initialsTable.forEach((row, r) => {
      const seen = new Set<string>();
      for (let i = 0; i + 1 < row.text.length; i++) seen.add(row.text.slice(i, i + 2));
      for (const pair of seen) push(initialLists, pair, r);
      push(this.initialsByFirst, row.text[0], r);
    });
    for (const [pair, list] of initialLists) this.initialBigrams.set(pair, Int32Array.from(list));
    this.initialHits = new Uint16Array(this.initialsTable.length);
  }

  /**
   * Builds the index in steps of a few hundred entries, so that a server building one for a statute collection
   * (several hundred milliseconds in all) answers requests between the steps.
   */
  static *buildInSteps(entries: SearchEntry[]): Generator<void, SearchIndex> {
    const keys = emptyKeys();
    for (let e = 0; e < entries.length; e++) {
      addKeys(keys, entries[e], e);
      if (e % 250 === 249) yield;
    }
    yield;
    return new SearchIndex(entries, keys);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const strategy = options.strategy ?? 'scorer';
    const q = titleKeyWithoutPrc(query.replace(/^《|》$/g, ''));
    if (q.length === 0) return [];
    if (strategy === 'fuse') return this.fuseAll(q, limit, options.types);
    const scored = /^[a-z]+$/.test(q) ? this.pinyinCandidates(q) : this.characterCandidates(q);
    for (const e of this.authorMatches(q)) {
      const hit = scored.get(e);
      const author = 0.92;
      if (!hit || hit.score < author) scored.set(e, { score: author, key: 0 });
    }
    let hits: SearchHit[] = [];
    for (const [e, s] of scored) {
      const entry = this.entries[e];
      if (options.types && !options.types.includes(entry.type)) continue;
      hits.push({ entry, score: s.score + 0.1 * entry.authority, key: entry.keys[s.key] ?? entry.keys[0] });
    }
    hits.sort(compareHits);
    if (strategy === 'scorer+fuse' && !/^[a-z]+$/.test(q)) hits = this.fuseRerank(q, hits.slice(0, FUSE_RERANK)).concat(hits.slice(FUSE_RERANK));
    return hits.slice(0, limit);
  }

  /**
   * Counts, per key, the query's bigrams it shares (and, for short queries, its characters), then scores the
   * keys with most in common. Cost follows the posting lists of the query's bigrams, not the corpus size.
   */
  private characterCandidates(q: string): Map<number, { score: number; key: number }> {
    const queryBigrams = new Set<string>();
    for (let i = 0; i + 1 < q.length; i++) queryBigrams.add(q.slice(i, i + 2));
    const touched: number[] = [];
    let most = 0;
    for (const bigram of queryBigrams) {
      const list = this.bigrams.get(bigram);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const pair = list[i];
        const count = ++this.bigramHits[pair];
        if (count === 1) touched.push(pair);
        if (count > most) most = count;
      }
    }
    // Buckets by shared-bigram count, best first, until enough keys are chosen.
    const chosen: number[] = [];
    if (most > 0) {
      const buckets: number[][] = Array.from({ length: most + 1 }, () => []);
      for (const pair of touched) buckets[this.bigramHits[pair]].push(pair);
      for (let count = most; count >= 1 && chosen.length < SCORED_KEYS; count--) for (const pair of buckets[count]) chosen.push(pair);
    }
    // Abbreviations (个保法) share no bigram with the title: keys containing every character of the query.
    const charTouched: number[] = [];
    const distinctChars = [...new Set(q)];
    if (q.length <= 8) {
      for (const ch of distinctChars) {
        const list = this.chars.get(ch);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) if (this.charHits[list[i]]++ === 0) charTouched.push(list[i]);
      }
      let added = 0;
      for (const pair of charTouched) {
        if (this.charHits[pair] === distinctChars.length && this.bigramHits[pair] === 0 && added < SCORED_KEYS) {
          chosen.push(pair);
          added++;
        }
      }
    }
    const out = new Map<number, { score: number; key: number }>();
    const queryBigramCount = queryBigrams.size;
    for (const pair of chosen) {
      const key = this.pairText[pair];
      const dice = queryBigramCount > 0 ? (2 * this.bigramHits[pair]) / (queryBigramCount + this.pairBigramCount[pair]) : 0;
      const score = scoreKey(q, key, dice);
      if (score <= 0) continue;
      const e = this.pairEntry[pair];
      const current = out.get(e);
      if (!current || current.score < score) out.set(e, { score, key: this.pairKey[pair] });
    }
    for (const pair of touched) this.bigramHits[pair] = 0;
    for (const pair of charTouched) this.charHits[pair] = 0;
    return out;
  }

  private pinyinCandidates(q: string): Map<number, { score: number; key: number }> {
    const out = new Map<number, { score: number; key: number }>();
    const offer = (e: number, key: number, score: number) => {
      const current = out.get(e);
      if (!current || current.score < score) out.set(e, { score, key });
    };
    for (const row of prefixRange(this.initialsTable, q)) offer(row.entry, row.key, row.text === q ? 0.97 : 0.86 + 0.1 * (q.length / row.text.length));
    for (const row of prefixRange(this.fullTable, q)) offer(row.entry, row.key, 0.88 + 0.1 * (q.length / row.text.length));
    if (q.length >= 2 && out.size < SCORED_KEYS) {
      // Initials inside the title (sjaqf in zhrmghgsjaqf): rows sharing every letter pair of the query.
      const pairs = new Set<string>();
      for (let i = 0; i + 1 < q.length; i++) pairs.add(q.slice(i, i + 2));
      const touched: number[] = [];
      for (const pair of pairs) {
        const list = this.initialBigrams.get(pair);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) if (this.initialHits[list[i]]++ === 0) touched.push(list[i]);
      }
      for (const r of touched) {
        const row = this.initialsTable[r];
        if (this.initialHits[r] === pairs.size && row.text.includes(q)) offer(row.entry, row.key, 0.7 + 0.1 * (q.length / row.text.length));
        this.initialHits[r] = 0;
      }
      // Initials in order with gaps, starting with the title's first (gbf for 个人信息保护法 is grxxbhf) — in titles
      // at most a few times the query's length: in a long title's initials almost any letters occur in order.
      for (const r of this.initialsByFirst.get(q[0]) ?? []) {
        const row = this.initialsTable[r];
        if (row.text.length <= q.length * MAX_ABBREVIATION_STRETCH && !row.text.includes(q) && isSubsequence(q, row.text)) offer(row.entry, row.key, 0.5 + 0.2 * (q.length / row.text.length));
      }
    }
    // Latin titles (GenAI, DeepSeek) and Latin author names.
    for (const pair of this.latinPairs) if (this.pairText[pair].includes(q)) offer(this.pairEntry[pair], this.pairKey[pair], 0.8);
    return out;
  }

  private authorMatches(q: string): number[] {
    const direct = this.authorIndex.get(q);
    if (direct) return direct;
    if (q.length < 2) return [];
    const out: number[] = [];
    for (const [author, list] of this.authorIndex) if (author.startsWith(q)) out.push(...list);
    return out;
  }

  private fuseRerank(q: string, hits: SearchHit[]): SearchHit[] {
    const fuse = new Fuse(hits.map((h, i) => ({ key: h.key, entry: i })), { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: 1 });
    const fuseScore = new Map<number, number>();
    for (const result of fuse.search(q.slice(0, 32))) fuseScore.set(result.item.entry, result.score ?? 1);
    return hits
      .map((h, i) => ({ ...h, score: 0.7 * h.score + 0.3 * (1 - (fuseScore.get(i) ?? 1)) }))
      .sort(compareHits);
  }

  private fuseAll(q: string, limit: number, types?: EntryType[]): SearchHit[] {
    if (!this.fuse) {
      const items: { key: string; entry: number }[] = [];
      this.entries.forEach((entry, e) => entry.keys.forEach((key) => items.push({ key, entry: e })));
      this.fuse = new Fuse(items, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: 0.6 });
    }
    const best = new Map<number, SearchHit>();
    for (const result of this.fuse.search(q.slice(0, 32))) {
      const entry = this.entries[result.item.entry];
      if (types && !types.includes(entry.type)) continue;
      const score = 1 - (result.score ?? 1);
      const current = best.get(result.item.entry);
      if (!current || current.score < score) best.set(result.item.entry, { entry, score, key: result.item.key });
      if (best.size >= limit * 4) break;
    }
    return [...best.values()].sort(compareHits).slice(0, limit);
  }
}

function compareHits(a: SearchHit, b: SearchHit): number {
  return b.score - a.score || b.entry.authority - a.entry.authority || a.entry.title.length - b.entry.title.length || (a.entry.id < b.entry.id ? -1 : 1);
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface TableRow {
  text: string;
  entry: number;
  key: number;
}

/** What the index is made of, gathered entry by entry before it is packed into typed arrays. */
interface CollectedKeys {
  pairEntry: number[];
  pairKey: number[];
  pairText: string[];
  pairBigrams: number[];
  bigramLists: Map<string, number[]>;
  charLists: Map<string, number[]>;
  latinPairs: number[];
  initialsTable: TableRow[];
  fullTable: TableRow[];
  authorIndex: Map<string, number[]>;
}

function emptyKeys(): CollectedKeys {
  return {
    pairEntry: [], pairKey: [], pairText: [], pairBigrams: [], bigramLists: new Map(), charLists: new Map(), latinPairs: [],
    initialsTable: [], fullTable: [], authorIndex: new Map(),
  };
}

function collectKeys(entries: SearchEntry[]): CollectedKeys {
  const keys = emptyKeys();
  entries.forEach((entry, e) => addKeys(keys, entry, e));
  return keys;
}

function addKeys(keys: CollectedKeys, entry: SearchEntry, e: number): void {
  entry.keys.forEach((key, k) => {
    const pair = keys.pairText.length;
    keys.pairEntry.push(e);
    keys.pairKey.push(k);
    keys.pairText.push(key);
    const seenBigrams = new Set<string>();
    const seenChars = new Set<string>();
    for (let i = 0; i < key.length; i++) {
      seenChars.add(key[i]);
      if (i + 1 < key.length) seenBigrams.add(key.slice(i, i + 2));
    }
    keys.pairBigrams.push(seenBigrams.size);
    for (const bigram of seenBigrams) push(keys.bigramLists, bigram, pair);
    for (const ch of seenChars) push(keys.charLists, ch, pair);
    if (/[a-z]/.test(key)) keys.latinPairs.push(pair);
  });
  entry.pinyinInitials.forEach((text, k) => text && keys.initialsTable.push({ text, entry: e, key: k }));
  entry.pinyinFull.forEach((text, k) => text && keys.fullTable.push({ text, entry: e, key: k }));
  for (const author of entry.authors) push(keys.authorIndex, author, e);
}

function prefixRange<T extends { text: string }>(table: T[], prefix: string): T[] {
  const low = firstIndexWhere(table.length, (i) => table[i].text >= prefix);
  const out: T[] = [];
  for (let i = low; i < table.length && table[i].text.startsWith(prefix) && out.length < MAX_CANDIDATES; i++) out.push(table[i]);
  return out;
}

export function isSubsequence(needle: string, haystack: string): boolean {
  let j = 0;
  for (let i = 0; i < haystack.length && j < needle.length; i++) if (haystack[i] === needle[j]) j++;
  return j === needle.length;
}

/**
 * How well a normalised query matches a normalised key, 0–1. `dice` is their bigram overlap when the caller has
 * counted it already (the index does); otherwise it is computed.
 */
export function scoreKey(q: string, key: string, dice?: number): number {
  if (key === q) return 1;
  const ratio = q.length / key.length;
  if (key.startsWith(q)) return 0.9 + 0.05 * ratio;
  if (key.includes(q)) return 0.8 + 0.05 * ratio;
  if (q.length >= 2 && isSubsequence(q, key)) {
    // Abbreviations keep the first character and are compact: 个保法, 数安法, 网安法, 电商法.
    const compact = subsequenceSpan(q, key);
    return 0.55 + 0.15 * (q.length / compact) + (key[0] === q[0] ? 0.05 : 0) + (key[key.length - 1] === q[q.length - 1] ? 0.05 : 0);
  }
  const overlap = dice ?? bigramDice(q, key);
  return overlap >= 0.45 ? 0.3 + 0.45 * overlap : 0;
}

function subsequenceSpan(needle: string, haystack: string): number {
  let j = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < haystack.length && j < needle.length; i++) {
    if (haystack[i] === needle[j]) {
      if (first < 0) first = i;
      last = i;
      j++;
    }
  }
  return last - first + 1;
}

export function bigramDice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i++) {
    const g = a.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const g = b.slice(i, i + 2);
    const c = counts.get(g);
    if (c) {
      shared++;
      counts.set(g, c - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}
