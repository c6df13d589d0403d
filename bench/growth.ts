/**
 * Growth: each request path at 1×, 4× and 16× the paper, in one process against the product's corpus (bulletin +
 * statute book), so that a cost growing faster than the paper shows as a ratio rather than hiding in an absolute
 * number. Whole-paper paths (parse, check, report) should grow about linearly (16× the time at 16× the paper);
 * requests at a position (hover, completion) and an edit's re-check should hardly grow at all.
 */
import type { Position } from 'vscode-languageserver-types';
import { CitationService, Corpus, LineIndex, resolveSettings } from '../server/src/core';
import { makePaper } from './papers';
import { median, now } from './stats';

export const GROWTH_BASE_BYTES = 125_000;
export const GROWTH_FACTORS = [1, 4, 16] as const;

export interface GrowthPath {
  name: string;
  /** What the cost should grow like: with the paper, or not at all. */
  expected: 'linear' | 'constant';
  /** Median milliseconds at each factor. */
  milliseconds: number[];
}

export interface Growth {
  baseBytes: number;
  factors: number[];
  paths: GrowthPath[];
  /** Heap retained by an open, checked paper, in MB, at each factor. */
  retainedMB: number[];
}

const settings = resolveSettings({ paperDate: '2026-06-01' }, 'zh-cn');

/**
 * Edits made before those timed, at each size: the first edits after a paper is opened also pay once for what
 * the opening left — its garbage swept, the edit path compiled for a paper of this size — which is not what the
 * edit costs as the paper grows (at 2 MB the first five took 6-12 ms, the next ten about 3).
 */
const WARM_UP_EDITS = 5;

function timed<T>(work: () => T): number {
  const start = now();
  work();
  return now() - start;
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** One factor: a fresh service, the paper opened and checked, then the requests and edits on it. */
function measureAt(corpus: Corpus, bytes: number, runs: number, seed: number): { times: Map<string, number>; retainedMB: number } {
  const times = new Map<string, number>();
  let text = makePaper(bytes, seed);
  let version = 1;
  const uri = `file:///growth-${bytes}.md`;
  const document = () => ({ uri, version, getText: () => text });
  const service = new CitationService(corpus);
  const before = heapMB();
  times.set('check (open and check the paper)', timed(() => service.diagnostics(document(), settings)));
  const retainedMB = heapMB() - before;
  times.set('report', timed(() => service.citationReport(document(), 'growth.md', settings)));
  const lines = new LineIndex(text);
  const middle = text.indexOf('《个人信息保护法》第十三条', text.length >> 1);
  // The report leaves its garbage behind: collected now, so that it is not timed as part of the first hovers.
  heapMB();
  const hoverAt: Position = lines.positionAt(middle + '《个人信息保护法》第十'.length);
  times.set('hover in the middle', median(Array.from({ length: runs }, () => timed(() => service.hover(document(), hoverAt, settings)))));
  times.set('completion in the middle', median(Array.from({ length: runs }, () => timed(() => service.completion(document(), hoverAt, settings)))));
  const edits: number[] = [];
  heapMB();
  for (let i = 0; i < WARM_UP_EDITS + runs; i++) {
    // A character typed and removed in the middle paragraph, each a new version checked again.
    const at = text.indexOf('。', (text.length >> 1) + i * 97);
    text = i % 2 === 0 ? `${text.slice(0, at)}，${text.slice(at)}` : `${text.slice(0, at - 1)}${text.slice(at)}`;
    version++;
    const ms = timed(() => service.diagnostics(document(), settings));
    if (i >= WARM_UP_EDITS) edits.push(ms);
  }
  times.set('edit → diagnostics', median(edits));
  times.set('document symbols (parse and list)', median(Array.from({ length: Math.max(1, runs >> 2) }, () => timed(() => service.documentSymbols({ uri: `${uri}-${version++}`, version: 1, getText: () => text }, settings)))));
  return { times, retainedMB };
}

export function measureGrowth(corpus: Corpus, runs: number): Growth {
  const names: string[] = [];
  const byPath = new Map<string, number[]>();
  const retainedMB: number[] = [];
  // A first round that is thrown away: the corpus's caches and the JIT warm up on it, not on the 1× paper.
  measureAt(corpus, GROWTH_BASE_BYTES, 2, 4);
  for (const factor of GROWTH_FACTORS) {
    const { times, retainedMB: retained } = measureAt(corpus, GROWTH_BASE_BYTES * factor, runs, 5);
    retainedMB.push(retained);
    for (const [name, ms] of times) {
      if (!byPath.has(name)) names.push(name);
      byPath.set(name, [...(byPath.get(name) ?? []), ms]);
    }
  }
  const constant = new Set(['hover in the middle', 'completion in the middle', 'edit → diagnostics']);
  return {
    baseBytes: GROWTH_BASE_BYTES,
    factors: [...GROWTH_FACTORS],
    paths: names.map((name) => ({ name, expected: constant.has(name) ? 'constant' : 'linear', milliseconds: byPath.get(name)! })),
    retainedMB,
  };
}
