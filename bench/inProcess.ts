/**
 * Measurements that need no server: citation extraction and whole-check throughput (the core called the way
 * the CLI calls it), the CLI itself as one process over many papers, and the search strategies compared on the
 * fixed query set.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkPaper, Corpus, makePaper as parseAgainstCorpus, parsePaper, titleKeyWithoutPrc } from '../server/src/core';
import type { SearchStrategy } from '../server/src/core';
import { assembleCorpus } from '../server/src/node/corpusAssembly';
import { loadCorpusFiles } from '../server/src/node/corpusFiles';
import { StatuteBook, loadStatuteBook } from '../server/src/node/statuteBook';
import { loadCollectionsNow } from '../server/src/node/statuteCollections';
import { REPO_ROOT } from './lsp';
import { makePaper } from './papers';
import { QUERY_SET } from './querySet';
import type { CheckThroughput, CliRun, SearchComparison, SearchMiss, StrategyResult, Throughput } from './results';
import { LatencySummary, median, now, summarize } from './stats';
import { BENCH_TMP, CorpusSize } from './workloads';

export interface InProcessIterations {
  throughputRuns: number;
  cliRuns: number;
  cliPapers: number;
  /** Passes over the query set per strategy (fewer when a strategy is slow, see SEARCH_TIME_LIMIT_MS). */
  searchPasses: number;
  /** `lexcite check` processes of the 50 KB paper. */
  cliCheckRuns: number;
}

const MB = 1e6;
/** The bulletin issue itself (see data/sources/README.md). */
const BULLETIN_SOURCE = '000_026eff425f470757.txt';
const SEARCH_TIME_LIMIT_MS = 10_000;
const STRATEGIES: SearchStrategy[] = ['scorer', 'scorer+fuse', 'fuse'];

let statuteBook: StatuteBook | undefined;

/**
 * The bulletin, the statute book and the size's statute folders (read from the cache the server runs left in
 * `cacheDir`), assembled as the server and the CLI assemble them.
 */
export function corpusFor(size: CorpusSize, cacheDir: string): Corpus {
  statuteBook ??= loadStatuteBook();
  const folders = size.folders.length === 0 ? [] : loadCollectionsNow(size.folders, cacheDir).documents;
  return assembleCorpus({ bulletin: loadCorpusFiles(), book: statuteBook, folders }, (message) => {
    throw new Error(`${size.label}: ${message}`);
  });
}

/** The largest corpus before the statute book: the bulletin and the 3,500 synthetic laws, without the book. */
export function corpusWithoutBook(folders: string[], cacheDir: string): Corpus {
  return new Corpus(loadCorpusFiles(), loadCollectionsNow(folders, cacheDir).documents);
}

export function cacheDirFor(size: CorpusSize): string {
  return path.join(BENCH_TMP, `cache-${size.key}`);
}

function throughput(bytes: number, milliseconds: number[]): Throughput {
  const rates = milliseconds.map((ms) => bytes / MB / (ms / 1000));
  return { paperBytes: bytes, runs: rates.length, medianMBps: median(rates), bestMBps: Math.max(...rates), firstRunMBps: rates[0] };
}

function timeRuns(runs: number, work: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    work();
    times.push(now() - start);
  }
  return times;
}

/** Citation extraction alone (parsePaper) on a paper of `bytes`. */
export function measureExtraction(bytes: number, runs: number): Throughput {
  const text = makePaper(bytes, 3);
  return throughput(Buffer.byteLength(text), timeRuns(runs, () => parsePaper(text)));
}

/**
 * Citation extraction as a paper is opened in the product (makePaper): split into paragraphs, each parsed, their
 * lists joined, the paper's short names and what each 该法 points back to found. On the same paper as
 * measureExtraction, so the two rows show what the paragraph pipeline costs over parsing the text in one piece.
 */
export function measureExtractionAsOpened(corpus: Corpus, bytes: number, runs: number): Throughput {
  const text = makePaper(bytes, 3);
  return throughput(Buffer.byteLength(text), timeRuns(runs, () => parseAgainstCorpus(corpus, 'paper.md', 1, text)));
}

/**
 * The same on real prose: the bulletin's own text repeated to `bytes`. It has about a sixth of the generated
 * paper's citations per megabyte, so the two bracket what papers look like.
 */
export function measureExtractionOnBulletinText(bytes: number, runs: number): Throughput {
  const source = fs.readFileSync(path.join(REPO_ROOT, 'data', 'sources', BULLETIN_SOURCE), 'utf8');
  const text = source.repeat(Math.ceil(bytes / Buffer.byteLength(source)));
  return throughput(Buffer.byteLength(text), timeRuns(runs, () => parsePaper(text)));
}

/** Extract, resolve and diagnose, as `lexcite check` does per file. */
export function measureCheck(corpus: Corpus, size: CorpusSize, bytes: number, runs: number): CheckThroughput {
  const text = makePaper(bytes, 4);
  const times = timeRuns(runs, () => checkPaper(corpus, parseAgainstCorpus(corpus, 'paper.md', 1, text)));
  return { corpus: size.key, ...throughput(Buffer.byteLength(text), times) };
}

/** Writes `count` generated ~20 KB papers once and returns their paths. */
export function cliPapers(count: number): string[] {
  const dir = path.join(BENCH_TMP, 'cli-papers');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `paper-${String(i).padStart(3, '0')}.md`);
    fs.writeFileSync(file, makePaper(20_000, 200 + i));
    return file;
  });
}

/** Wall-clock time of `node dist/cli.js check [--corpus DIR] FILES…`, one process for all papers. */
export async function measureCli(size: CorpusSize, files: string[], runs: number): Promise<CliRun> {
  const args = [path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', ...size.folders.flatMap((f) => ['--corpus', f]), ...files];
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LEXCITE_CACHE: cacheDirFor(size) } });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
      child.on('error', reject);
      // Exit code 1 only means the papers have errors (they are written with some).
      child.on('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`lexcite check exited with ${code}: ${stderr.slice(-1000)}`))));
    });
    seconds.push((now() - start) / 1000);
  }
  const typical = median(seconds);
  return { corpus: size.key, papers: files.length, runs, seconds: typical, papersPerSecond: files.length / typical };
}

/**
 * The product's search ('scorer') at two corpora, query by query in turn (after two untimed passes), so both see
 * the same JIT state and machine noise: the comparison the search-speed budget needs.
 */
export function searchSpeedSideBySide(a: Corpus, b: Corpus, passes: number): { a: LatencySummary; b: LatencySummary } {
  const samples: [number[], number[]] = [[], []];
  const indexes = [a.search, b.search];
  for (let pass = 0; pass < passes + 2; pass++) {
    for (const q of QUERY_SET) {
      indexes.forEach((index, i) => {
        const start = now();
        index.search(q.query, { limit: 10, strategy: 'scorer' });
        if (pass >= 2) samples[i].push(now() - start);
      });
    }
  }
  return { a: summarize(samples[0]), b: summarize(samples[1]) };
}

/** hit@1 on QUERY_SET and per-query latency for every strategy. */
export function compareSearchStrategies(corpus: Corpus, size: { key: SearchComparison['corpus']; label: string }, passes: number): SearchComparison {
  const buildStart = now();
  const index = corpus.search;
  const indexBuildMs = now() - buildStart;
  const strategies: StrategyResult[] = STRATEGIES.map((strategy) => {
    // The first pass warms up and decides hit@1; the timed passes follow. A statute's title counts with or
    // without 中华人民共和国 (个保法 → 中华人民共和国个人信息保护法 is right).
    const misses: SearchMiss[] = [];
    for (const q of QUERY_SET) {
      const top = index.search(q.query, { limit: 10, strategy })[0]?.entry.title;
      if (top === undefined || titleKeyWithoutPrc(top) !== titleKeyWithoutPrc(q.expected)) misses.push({ query: q.query, expected: q.expected, got: top ?? null });
    }
    const samples: number[] = [];
    const started = now();
    for (let pass = 0; pass < passes && (pass < 2 || now() - started < SEARCH_TIME_LIMIT_MS); pass++) {
      for (const q of QUERY_SET) {
        const start = now();
        index.search(q.query, { limit: 10, strategy });
        samples.push(now() - start);
      }
    }
    return { strategy, hitAt1: (QUERY_SET.length - misses.length) / QUERY_SET.length, misses, latency: summarize(samples) };
  });
  return { corpus: size.key, label: size.label, indexBuildMs, queries: QUERY_SET.length, strategies };
}
