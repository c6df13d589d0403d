/**
 * Reverse lookup at the whole statute book (where a quotation's words are): the index's build (total and longest
 * step, the step being what a server runs between requests), its memory, the latency of looking up a 100-character
 * quotation as the quotation check does (the index, then the provision's address in its document), and the
 * server's RSS once a paper has made it build the index.
 */
import type { Corpus } from '../server/src/core';
import { placeInCorpus, quotationSegments } from '../server/src/core';
import { BenchServer } from './lsp';
import type { ReverseLookupCosts } from './results';
import { freshDirectory } from './serverBench';
import { now, random, sleep, summarize } from './stats';

const QUOTATION_CHARS = 100;
const SERVER_WAIT_MS = 120_000;
const IDLE_MS = 15_000;
/** Words of 个人信息保护法 第六条第二款 cited as 网络安全法's: a paper that needs the index to be answered. */
const MISATTRIBUTED = '《网络安全法》第二十一条规定：“收集个人信息，应当限于实现处理目的的最小范围，不得过度收集个人信息。”\n';

/** Passages of QUOTATION_CHARS characters from provisions picked by a seeded generator, each from another document. */
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

export function measureReverseLookup(corpus: Corpus, count: number): Omit<ReverseLookupCosts, 'server'> {
  const started = now();
  const steps = corpus.buildReverseIndexInSteps();
  let longestStepMs = 0;
  let stepCount = 0;
  for (;;) {
    const stepStarted = now();
    const step = steps.next();
    longestStepMs = Math.max(longestStepMs, now() - stepStarted);
    stepCount++;
    if (step.done) break;
  }
  const milliseconds = now() - started;
  const index = corpus.reverseIndex!;
  const samples: number[] = [];
  let found = 0;
  for (const quotation of quotations(corpus, count)) {
    const lookupStarted = now();
    const places = placeInCorpus(corpus, quotationSegments(quotation)) ?? [];
    samples.push(now() - lookupStarted);
    if (places.length > 0) found++;
  }
  return {
    documents: corpus.documents.length, units: index.units, characters: index.characters, indexBytes: index.bytes,
    build: { milliseconds, steps: stepCount, longestStepMs },
    lookup: { quotations: samples.length, found, latency: summarize(samples) },
  };
}

/** A fresh server with the statute book: RSS once a misattributed quotation has made it build the index in the background. */
export async function measureServerWithReverseIndex(): Promise<ReverseLookupCosts['server']> {
  const server = new BenchServer({ workspaceFolder: freshDirectory('workspace-reverse'), pullDiagnostics: true, initializationOptions: { cacheDir: freshDirectory('cache-reverse') } });
  try {
    await server.start();
    const uri = server.uri('draft.md');
    server.open(uri, MISATTRIBUTED);
    const started = now();
    for (;;) {
      const report = await server.request<{ items: { code?: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });
      if (report.items.some((d) => d.code === 'quote.misattributed')) break;
      if (now() - started > SERVER_WAIT_MS) throw new Error('the server never reported quote.misattributed (reverse index not built?)');
      await sleep(100);
    }
    const builtInMs = now() - started;
    const afterIndex = server.memory();
    // Idle, as a server mostly is: the build's garbage is collected and the heap shrinks back.
    await sleep(IDLE_MS);
    const idle = server.memory();
    await server.stop();
    return { afterIndex, idle, builtInMs };
  } finally {
    server.kill();
  }
}
