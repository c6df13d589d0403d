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
import { titleKeyWithoutPrc } from './normalize';

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

export class SearchIndex {
  private readonly bigrams = new Map<string, number[]>();
  private readonly chars = new Map<string, number[]>();
  private readonly initialsTable: { text: string; entry: number; key: number }[] = [];
  private readonly fullTable: { text: string; entry: number; key: number }[] = [];
  private readonly authorIndex = new Map<string, number[]>();
  private fuse: Fuse<{ key: string; entry: number }> | undefined;

  constructor(readonly entries: SearchEntry[]) {
    entries.forEach((entry, e) => {
      const seenChars = new Set<string>();
      const seenBigrams = new Set<string>();
      for (const key of entry.keys) {
        for (let i = 0; i < key.length; i++) {
          seenChars.add(key[i]);
          if (i + 1 < key.length) seenBigrams.add(key.slice(i, i + 2));
        }
      }
      for (const ch of seenChars) push(this.chars, ch, e);
      for (const bigram of seenBigrams) push(this.bigrams, bigram, e);
      entry.pinyinInitials.forEach((text, k) => text && this.initialsTable.push({ text, entry: e, key: k }));
      entry.pinyinFull.forEach((text, k) => text && this.fullTable.push({ text, entry: e, key: k }));
      for (const author of entry.authors) push(this.authorIndex, author, e);
    });
    this.initialsTable.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    this.fullTable.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
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
    let hits = [...scored.entries()]
      .filter(([e]) => !options.types || options.types.includes(this.entries[e].type))
      .map(([e, s]) => ({ entry: this.entries[e], score: s.score + 0.1 * this.entries[e].authority, key: this.entries[e].keys[s.key] ?? this.entries[e].keys[0] }));
    hits.sort(compareHits);
    if (strategy === 'scorer+fuse' && !/^[a-z]+$/.test(q)) hits = this.fuseRerank(q, hits.slice(0, FUSE_RERANK)).concat(hits.slice(FUSE_RERANK));
    return hits.slice(0, limit);
  }

  private characterCandidates(q: string): Map<number, { score: number; key: number }> {
    const counts = new Map<number, number>();
    for (let i = 0; i + 1 < q.length; i++) {
      for (const e of this.bigrams.get(q.slice(i, i + 2)) ?? []) counts.set(e, (counts.get(e) ?? 0) + 1);
    }
    let candidates = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES).map(([e]) => e);
    // Abbreviations (个保法) share no bigram with the title: take entries containing every character.
    if (q.length <= 8) {
      const lists = [...new Set(q)].map((ch) => this.chars.get(ch) ?? []).sort((a, b) => a.length - b.length);
      if (lists.length > 0 && lists[0].length > 0) {
        let common = new Set(lists[0]);
        for (const list of lists.slice(1)) {
          const next = new Set<number>();
          for (const e of list) if (common.has(e)) next.add(e);
          common = next;
          if (common.size === 0) break;
        }
        candidates = [...new Set([...candidates, ...[...common].slice(0, MAX_CANDIDATES)])];
      }
    }
    const out = new Map<number, { score: number; key: number }>();
    for (const e of candidates) {
      const entry = this.entries[e];
      let best = 0;
      let bestKey = 0;
      entry.keys.forEach((key, k) => {
        const s = scoreKey(q, key);
        if (s > best) [best, bestKey] = [s, k];
      });
      if (best > 0) out.set(e, { score: best, key: bestKey });
    }
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
    if (q.length >= 2 && out.size < MAX_CANDIDATES) {
      // Initials inside the title (sjaqf in zhrmghgsjaqf) and initials in order (gbf for 个人信息保护法).
      for (const row of this.initialsTable) {
        if (row.text.includes(q)) offer(row.entry, row.key, 0.7 + 0.1 * (q.length / row.text.length));
        else if (isSubsequence(q, row.text)) offer(row.entry, row.key, 0.5 + 0.2 * (q.length / row.text.length));
      }
    }
    // Latin titles (GenAI, DeepSeek) and Latin author names.
    this.entries.forEach((entry, e) => entry.keys.forEach((key, k) => {
      if (/[a-z]/.test(key) && key.includes(q)) offer(e, k, 0.8);
    }));
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

function prefixRange<T extends { text: string }>(table: T[], prefix: string): T[] {
  let low = 0;
  let high = table.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (table[mid].text < prefix) low = mid + 1;
    else high = mid;
  }
  const out: T[] = [];
  for (let i = low; i < table.length && table[i].text.startsWith(prefix) && out.length < MAX_CANDIDATES; i++) out.push(table[i]);
  return out;
}

export function isSubsequence(needle: string, haystack: string): boolean {
  let j = 0;
  for (let i = 0; i < haystack.length && j < needle.length; i++) if (haystack[i] === needle[j]) j++;
  return j === needle.length;
}

/** How well a normalised query matches a normalised key, 0–1. */
export function scoreKey(q: string, key: string): number {
  if (key === q) return 1;
  const ratio = q.length / key.length;
  if (key.startsWith(q)) return 0.9 + 0.05 * ratio;
  if (key.includes(q)) return 0.8 + 0.05 * ratio;
  if (q.length >= 2 && isSubsequence(q, key)) {
    // Abbreviations keep the first character and are compact: 个保法, 数安法, 网安法, 电商法.
    const compact = subsequenceSpan(q, key);
    return 0.55 + 0.15 * (q.length / compact) + (key[0] === q[0] ? 0.05 : 0) + (key[key.length - 1] === q[q.length - 1] ? 0.05 : 0);
  }
  const dice = bigramDice(q, key);
  return dice >= 0.45 ? 0.3 + 0.45 * dice : 0;
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
