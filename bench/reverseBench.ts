/**
 * Reverse lookup at the whole statute book (where a quotation's words are): the index's build (total and longest
 * step, the step being what a server runs between requests), its memory, the latency of looking up a 100-character
 * quotation as the quotation check does (the index, then the provision's address in its document), and the
 * server's RSS once a paper has made it build the index. Then the index on disk (node/reverseIndexCache.ts): saved
 * and loaded as a server or `lexcite check` does (total and longest step), and `lexcite check` with it on disk.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Corpus, ReverseIndex } from '../server/src/core';
import { placeInCorpus, quotationSegments } from '../server/src/core';
import { reverseIndexCache } from '../server/src/node/reverseIndexCache';
import { Methods } from '../protocol/requests';
import { BenchServer, REPO_ROOT } from './lsp';
import type { ReverseLookupCosts, StepTiming } from './results';
import type { CorpusSize } from './workloads';
import { freshDirectory } from './serverBench';
import { now, random, sleep, summarize } from './stats';

const QUOTATION_CHARS = 100;
const SERVER_WAIT_MS = 120_000;
const IDLE_MS = 15_000;
/** Words of 个人信息保护法 第六条第二款 cited as 网络安全法's: a paper that needs the index to be answered. */
const MISATTRIBUTED = '《网络安全法》第二十一条规定：“收集个人信息，应当限于实现处理目的的最小范围，不得过度收集个人信息。”\n';
/** The same article cited without a quotation: a check that never needs the index. */
const PLAIN = '《网络安全法》第二十一条规定了网络运营者的安全保护义务。\n';
const LOAD_RUNS = 7;

/** Passages of QUOTATION_CHARS characters from provisions picked by a seeded generator, each from another document. */
/**
 * measureReverseLookup in a process of its own that holds what a server holds (the bulletin and the statute book):
 * a step's pause includes the garbage collections it sets off, which grow with the heap, and the bench's own process
 * holds another corpus and every result so far (in it the load's longest step measured 29–44 ms against 12–16 ms).
 */
export function measureReverseLookupApart(size: CorpusSize, count: number): Omit<ReverseLookupCosts, 'server'> {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'reverseApart.js'), JSON.stringify(size), String(count)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (child.status !== 0) throw new Error(`the reverse index's measurement failed: ${child.stderr || child.error?.message}`);
  return JSON.parse(child.stdout) as Omit<ReverseLookupCosts, 'server'>;
}

function quotations(corpus: Corpus, count: number): string[] {
  const next = random(16);
  const statutes = corpus.documents.filter((d) => d.kind === 'statute');
  const out: string[] = [];
  for (let attempts = 0; out.length < count && attempts < count * 20; attempts++) {
    const document = statutes[Math.floor(next() * statutes.length)];
    const long = document.provisions.filter((p) => p.text.length >= QUOTATION_CHARS);
    if (long.length > 0) out.push(long[Math.floor(next() * long.length)].text.slice(0, QUOTATION_CHARS));
  }
  return out;
}

export function measureReverseLookup(corpus: Corpus, count: number, cliRuns = count >= 500 ? 5 : 2): Omit<ReverseLookupCosts, 'server'> {
  const started = now();
  const steps = corpus.buildReverseIndexInSteps();
  const stepTimes: number[] = [];
  for (;;) {
    const stepStarted = now();
    const step = steps.next();
    stepTimes.push(now() - stepStarted);
    if (step.done) break;
  }
  const milliseconds = now() - started;
  const index = corpus.reverseIndex!;
  const samples: number[] = [];
  let found = 0;
  const passages = quotations(corpus, count);
  for (const quotation of passages) {
    const lookupStarted = now();
    const places = placeInCorpus(corpus, quotationSegments(quotation)) ?? [];
    samples.push(now() - lookupStarted);
    if (places.length > 0) found++;
  }
  return {
    documents: corpus.documents.length, units: index.units, characters: index.characters, indexBytes: index.bytes,
    build: { milliseconds, steps: stepTimes.length, longestStepMs: Math.max(...stepTimes), p99StepMs: percentile(stepTimes, 0.99) },
    lookup: { quotations: samples.length, found, latency: summarize(samples) },
    disk: measureDiskCache(corpus, index, passages, cliRuns),
  };
}

/** The q-th quantile of step times (nearest rank). */
function percentile(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function timeSteps<T>(steps: Generator<void, T>): StepTiming & { value: T; stepTimes: number[] } {
  const started = now();
  const stepTimes: number[] = [];
  for (;;) {
    const stepStarted = now();
    const step = steps.next();
    stepTimes.push(now() - stepStarted);
    if (step.done) return { milliseconds: now() - started, steps: stepTimes.length, longestStepMs: Math.max(...stepTimes), stepTimes, value: step.value };
  }
}

/**
 * The built index saved as the server saves it, loaded back LOAD_RUNS times (each a fresh store, so the corpus's
 * fingerprint is computed again, as in a new process), its answers compared with the built one's, then
 * `lexcite check` spawned with that cache: papers with and without a misattributed quotation, alternating.
 */
function measureDiskCache(corpus: Corpus, index: ReverseIndex, passages: string[], cliRuns: number): NonNullable<ReverseLookupCosts['disk']> {
  const cacheDir = freshDirectory('cache-reverse-disk');
  const problems: string[] = [];
  const store = () => reverseIndexCache({ cacheDir, folders: [], log: (message, kind) => kind === 'problem' && problems.push(message) });
  const saved = timeSteps(store().save(index, corpus.documents));
  const save = { milliseconds: saved.milliseconds, steps: saved.steps, longestStepMs: saved.longestStepMs };
  const file = fs.readdirSync(cacheDir).find((name) => name.startsWith('reverse-'));
  if (!file || problems.length > 0) throw new Error(`the reverse index was not saved: ${problems.join('; ')}`);
  const loads = Array.from({ length: LOAD_RUNS }, () => timeSteps(store().load(corpus.documents)));
  const loaded = loads[loads.length - 1].value;
  if (!loaded) throw new Error(`the saved reverse index was not loaded: ${problems.join('; ')}`);
  const answers = (of: ReverseIndex) => passages.map((p) => JSON.stringify(of.find(quotationSegments(p)).map((h) => [h.document.id, h.unit, h.from, h.to])));
  const sameAnswers = JSON.stringify(answers(loaded)) === JSON.stringify(answers(index));
  return {
    bytes: fs.statSync(path.join(cacheDir, file)).size,
    save,
    load: {
      runs: LOAD_RUNS, milliseconds: summarize(loads.map((l) => l.milliseconds)), steps: loads[0].steps, longestStepMs: Math.max(...loads.map((l) => l.longestStepMs)),
      p99StepMs: percentile(loads.flatMap((l) => l.stepTimes), 0.99),
    },
    sameAnswers,
    cli: measureCliWithCache(cacheDir, cliRuns),
  };
}

function measureCliWithCache(cacheDir: string, runs: number): NonNullable<ReverseLookupCosts['disk']>['cli'] {
  const dir = freshDirectory('reverse-cli');
  const quoting = path.join(dir, 'quoting.md');
  const plain = path.join(dir, 'plain.md');
  fs.writeFileSync(quoting, `# 草稿\n\n${MISATTRIBUTED}`);
  fs.writeFileSync(plain, `# 草稿\n\n${PLAIN}`);
  const check = (paper: string, cache: string, expect: RegExp) => {
    const started = now();
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', paper], { env: { ...process.env, LEXCITE_CACHE: cache }, encoding: 'utf8' });
    const seconds = (now() - started) / 1000;
    if (run.status !== 0 || !expect.test(run.stdout) || run.stderr.includes('reverse index')) throw new Error(`lexcite check ${paper}: exit ${run.status}, ${run.stdout}${run.stderr}`);
    return seconds;
  };
  const withQuotation: number[] = [];
  const withoutQuotation: number[] = [];
  for (let i = 0; i < runs; i++) {
    withQuotation.push(check(quoting, cacheDir, /quote\.misattributed/));
    withoutQuotation.push(check(plain, cacheDir, /^$/));
  }
  // Once without the index on disk: what every run cost before (the index built, then saved).
  const withQuotationNoCache = check(quoting, freshDirectory('cache-reverse-cli-cold'), /quote\.misattributed/);
  return { runs, withQuotation: summarize(withQuotation), withoutQuotation: summarize(withoutQuotation), withQuotationNoCache };
}

/**
 * A fresh server with the statute book: RSS once a misattributed quotation has made it build the index in the
 * background, and how long requests waited meanwhile (pings sent back to back). Then a second server on the same
 * cache folder, which loads the index the first saved: the same, with the index from disk.
 */
export async function measureServerWithReverseIndex(): Promise<ReverseLookupCosts['server']> {
  const cacheDir = freshDirectory('cache-reverse');
  const server = new BenchServer({ workspaceFolder: freshDirectory('workspace-reverse'), pullDiagnostics: true, initializationOptions: { cacheDir } });
  let built: { milliseconds: number; pings: number[] };
  try {
    await server.start();
    built = await untilMisattributed(server);
    const afterIndex = server.memory();
    // Idle, as a server mostly is: the build's garbage is collected and the heap shrinks back.
    await sleep(IDLE_MS);
    const idle = server.memory();
    await server.stop();
    const warm = await serverWithSavedIndex(cacheDir);
    return { afterIndex, idle, builtInMs: built.milliseconds, pingsWhileBuilding: summarize(built.pings), warm };
  } finally {
    server.kill();
  }
}

async function serverWithSavedIndex(cacheDir: string): Promise<NonNullable<ReverseLookupCosts['server']['warm']>> {
  const server = new BenchServer({ workspaceFolder: freshDirectory('workspace-reverse-warm'), pullDiagnostics: true, initializationOptions: { cacheDir } });
  try {
    await server.start();
    const loaded = await untilMisattributed(server);
    const afterIndex = server.memory();
    await server.stop();
    return { answeredInMs: loaded.milliseconds, pings: summarize(loaded.pings), afterIndex };
  } finally {
    server.kill();
  }
}

/** Opens the misattributing paper; pings back to back, and pulls its diagnostics every ~100 ms until the index has answered. */
async function untilMisattributed(server: BenchServer): Promise<{ milliseconds: number; pings: number[] }> {
  const uri = server.uri('draft.md');
  server.open(uri, MISATTRIBUTED);
  const started = now();
  const pings: number[] = [];
  let pulled = -Infinity;
  for (;;) {
    if (now() - pulled >= 100) {
      pulled = now();
      const report = await server.request<{ items: { code?: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });
      if (report.items.some((d) => d.code === 'quote.misattributed')) return { milliseconds: now() - started, pings };
      if (now() - started > SERVER_WAIT_MS) throw new Error('the server never reported quote.misattributed (reverse index not built?)');
    }
    const sent = now();
    await server.request(Methods.ping, null);
    pings.push(now() - sent);
    await sleep(2);
  }
}
