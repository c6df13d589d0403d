/**
 * Measurements through the real server process: request latencies at one corpus size, statute loading (first
 * time and from the cache) with the answers given meanwhile, cold start, and the server's memory.
 *
 * Requests are sent one at a time and awaited, so nothing queues behind a measured request. The interactive
 * probes run in rounds together with the no-op floor (lexcite/ping), so floor and probes see the same machine noise.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BenchServer, Position, Range, ServerStatus } from './lsp';
import { makePaper } from './papers';
import type { ColdStart, CorpusResult, RequestResult, StatuteLoad } from './results';
import { LatencySummary, median, now, random, ratiosToFloor, sleep, summarize, timed } from './stats';
import { AI_PLUS, BENCH_TMP, CIVIL_CODE_ARTICLE, CorpusSize, Probe, STATUTE_HOVER, TITLE_HOVER, editPosition, positionOf, probeDocument, probesFor } from './workloads';
import { Methods } from '../protocol/requests';

export interface ServerIterations {
  /** Untimed requests per probe before measuring. */
  warmup: number;
  /** Rounds of the interactive probes (each round: ping and every probe). */
  rounds: number;
  references: number;
  diagnostics: { label: string; bytes: number; full: number; edits: number }[];
  coldStarts: number;
  workspacePapers: number;
  /** How long the server is left idle after the workload before its memory is read again. */
  idleMs: number;
}

const LOAD_TIMEOUT_MS = 180_000;
const DIAGNOSTICS_TIMEOUT_MS = 120_000;

type Notes = string[];

/** The folders' statutes are in: the server is not loading, and holds more documents than without the folders. */
function isLoaded(status: ServerStatus, documentsWithoutFolders: number): boolean {
  return status.loadingStatutes === false && (status.documents ?? 0) > documentsWithoutFolders;
}

export function freshDirectory(name: string): string {
  const dir = path.join(BENCH_TMP, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A workspace folder holding the papers find-references searches (opened in the editor as well). */
function workspaceWithPapers(count: number): { folder: string; papers: { file: string; text: string }[] } {
  const folder = freshDirectory('workspace');
  const papers = Array.from({ length: count }, (_, i) => {
    const file = path.join(folder, `paper-${String(i).padStart(2, '0')}.md`);
    const text = makePaper(20_000, 100 + i);
    fs.writeFileSync(file, text);
    return { file, text };
  });
  return { folder, papers };
}

// ----- describing answers -------------------------------------------------------------------------------------

interface CompletionItemLike {
  label: string;
}

function completionItems(result: unknown): CompletionItemLike[] {
  if (Array.isArray(result)) return result as CompletionItemLike[];
  return ((result as { items?: CompletionItemLike[] } | null)?.items) ?? [];
}

/** A one-line description of an answer (with its size on the wire), and whether it is empty. */
export function describe(kind: Probe['kind'] | 'references', result: unknown): { text: string; empty: boolean; first?: string } {
  const described = describeContent(kind, result);
  const kb = Buffer.byteLength(JSON.stringify(result ?? null)) / 1024;
  return { ...described, text: kb >= 1 ? `${described.text} (${kb.toFixed(0)} KB)` : described.text };
}

function describeContent(kind: Probe['kind'] | 'references', result: unknown): { text: string; empty: boolean; first?: string } {
  switch (kind) {
    case 'completion': {
      const items = completionItems(result);
      return { text: `${items.length} items${items[0] ? `, first ${items[0].label}` : ''}`, empty: items.length === 0, first: items[0]?.label };
    }
    case 'hover': {
      const value = (result as { contents?: { value?: string } } | null)?.contents?.value ?? '';
      return { text: result ? `${value.length}-character card` : 'null', empty: !result };
    }
    case 'codeAction': {
      const actions = (result as { title: string }[] | null) ?? [];
      return { text: `${actions.length} actions${actions[0] ? `, first “${actions[0].title}”` : ''}`, empty: actions.length === 0 };
    }
    default: {
      const locations = (result as { uri: string }[] | null) ?? [];
      const files = new Set(locations.map((l) => l.uri)).size;
      return { text: `${locations.length} locations in ${files} files`, empty: locations.length === 0 };
    }
  }
}

// ----- one corpus size ------------------------------------------------------------------------------------------

interface FastProbe {
  name: string;
  send: () => Promise<unknown>;
  describe: (result: unknown) => { text: string; empty: boolean; first?: string };
  expectAnswer: boolean;
  expectFirst?: string;
}

const probeUri = (server: BenchServer, index: number) => server.uri(`probe-${index}.md`);

/** Opens the probe documents and returns each probe as a request ready to send. */
async function prepareProbes(server: BenchServer, size: CorpusSize): Promise<FastProbe[]> {
  return Promise.all(probesFor(size).map(async (probe, i) => {
    const uri = probeUri(server, i);
    const document = probeDocument(probe, i);
    server.open(uri, document.text);
    const at = { textDocument: { uri }, position: document.position };
    let send: () => Promise<unknown>;
    switch (probe.kind) {
      case 'completion':
        send = () => server.request('textDocument/completion', { ...at, context: { triggerKind: 1 } });
        break;
      case 'hover':
        send = () => server.request('textDocument/hover', at);
        break;
      case 'definition':
        send = () => server.request('textDocument/definition', at);
        break;
      case 'codeAction': {
        // An editor sends the diagnostics under the cursor; the quick fixes travel in their data.
        const report = await server.request<{ items: { range: Range }[] }>('textDocument/diagnostic', { textDocument: { uri } });
        const diagnostics = report.items.filter((d) => overlaps(d.range, document.range));
        send = () => server.request('textDocument/codeAction', { textDocument: { uri }, range: document.range, context: { diagnostics, only: ['quickfix'] } });
        break;
      }
    }
    return { name: probe.name, send, describe: (result: unknown) => describe(probe.kind, result), expectAnswer: probe.expectAnswer, expectFirst: probe.expectFirst };
  }));
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Sends each probe `warmup` times; keeps the first answer's description and notes anything suspicious. */
async function warmUp(probes: FastProbe[], warmup: number, label: string, notes: Notes): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (const probe of probes) {
    const answer = probe.describe(await probe.send());
    answers.set(probe.name, answer.text);
    if (probe.expectAnswer && answer.empty) notes.push(`${label}: ${probe.name} answered nothing (${answer.text})`);
    if (probe.expectFirst && answer.first && !answer.first.includes(probe.expectFirst)) notes.push(`${label}: ${probe.name} offered ${answer.first} first, not ${probe.expectFirst}`);
    for (let i = 1; i < warmup; i++) await probe.send();
  }
  return answers;
}

/**
 * Rounds of ping + every probe, in a new order each round, so no request always follows the same one (a request
 * right after an allocation-heavy one pays for its garbage collection).
 */
async function measureRounds(server: BenchServer, probes: FastProbe[], rounds: number): Promise<{ floor: number[]; samples: Map<string, number[]> }> {
  const floor: number[] = [];
  const samples = new Map<string, number[]>(probes.map((p) => [p.name, []]));
  const ping: FastProbe = { name: 'ping', send: () => server.request(Methods.ping, null), describe: () => ({ text: 'null', empty: false }), expectAnswer: false };
  const next = random(1);
  for (let round = 0; round < rounds; round++) {
    const order = [ping, ...probes].map((probe) => ({ probe, key: next() })).sort((a, b) => a.key - b.key).map((x) => x.probe);
    for (const probe of order) {
      const ms = await timed(probe.send);
      if (probe === ping) floor.push(ms);
      else samples.get(probe.name)!.push(ms);
    }
  }
  return { floor, samples };
}

/** Diagnostics of a new paper (didOpen, then pull) and after one-character edits in its middle (didChange, pull). */
async function measureDiagnostics(server: BenchServer, iterations: ServerIterations, label: string, notes: Notes): Promise<{ name: string; samples: number[]; answer: string }[]> {
  const results: { name: string; samples: number[]; answer: string }[] = [];
  const pullReport = (uri: string) => server.request<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } }, DIAGNOSTICS_TIMEOUT_MS);
  const pull = async (uri: string) => (await pullReport(uri)).items.length;
  /** didOpen of a new URI, then the pull; ms from the open to the answer. */
  const openAndPull = async (name: string, text: string) => {
    const uri = server.uri(name);
    server.open(uri, text);
    const ms = await timed(() => pull(uri));
    server.close(uri);
    return ms;
  };
  for (const paper of iterations.diagnostics) {
    const texts = [makePaper(paper.bytes, 1), makePaper(paper.bytes, 2)];
    // The edited paper's first check is untimed: it warms up, and gives the count a whole check finds.
    const uri = server.uri(`edited-${paper.bytes}.md`);
    server.open(uri, texts[1]);
    const whole = await pullReport(uri);
    const wholeCount = whole.items.length;
    const wholeSize = `${(Buffer.byteLength(JSON.stringify(whole)) / 1024).toFixed(0)} KB`;
    const at = editPosition(texts[1]);
    const warmupEdits = 2 * Math.ceil(Math.min(iterations.warmup, 10) / 2);
    const edits = 2 * Math.ceil(paper.edits / 2);
    const editSamples: number[] = [];
    let editedCount = -1;
    for (let i = 0; i < warmupEdits + edits; i++) {
      // Insert a character, then delete it: every edit is one character, and after an even number the text is texts[1] again.
      if (i % 2 === 0) server.change(uri, { start: at, end: at }, '的');
      else server.change(uri, { start: at, end: { line: at.line, character: at.character + 1 } }, '');
      const start = now();
      editedCount = await pull(uri);
      if (i >= warmupEdits) editSamples.push(now() - start);
    }
    server.close(uri);
    if (editedCount !== wholeCount) notes.push(`${label}: the ${paper.label} paper has ${wholeCount} diagnostics checked whole but ${editedCount} after edits that restore the same text`);

    const fullSamples: number[] = [];
    for (let i = 0; i < paper.full; i++) fullSamples.push(await openAndPull(`full-${paper.bytes}-${i}.md`, texts[i % 2]));
    results.push({ name: `diagnostics · ${paper.label} paper, full (didOpen)`, samples: fullSamples, answer: `${wholeCount} diagnostics (${wholeSize})` });
    results.push({ name: `diagnostics · ${paper.label} paper, one-character edit`, samples: editSamples, answer: `${editedCount} diagnostics (${wholeSize})` });
  }
  return results;
}

/** Find-references on a title with every workspace paper open in the editor (after a warm-up that parses them). */
async function measureReferences(server: BenchServer, papers: { file: string; text: string }[], iterations: ServerIterations, label: string, notes: Notes): Promise<{ name: string; samples: number[]; answer: string }> {
  for (const paper of papers) server.open(server.uri(path.basename(paper.file)), paper.text);
  const first = papers[0];
  const params = { textDocument: { uri: server.uri(path.basename(first.file)) }, position: positionOf(first.text, AI_PLUS), context: { includeDeclaration: true } };
  const probe: FastProbe = {
    name: `references · title over ${papers.length} papers`, send: () => server.request('textDocument/references', params), describe: (r) => describe('references', r), expectAnswer: true,
  };
  const answer = (await warmUp([probe], iterations.warmup, label, notes)).get(probe.name)!;
  const samples: number[] = [];
  for (let i = 0; i < iterations.references; i++) samples.push(await timed(probe.send));
  for (const paper of papers) server.close(server.uri(path.basename(paper.file)));
  return { name: probe.name, samples, answer };
}

/**
 * Starts a server with the size's statute folders and times the load, answering pings and hovers over a bulletin
 * title meanwhile. The server is stopped unless `keep`.
 */
async function measureStatuteLoad(size: CorpusSize, cacheDir: string, workspace: string, keep: boolean, documentsWithoutFolders: number): Promise<{ load: StatuteLoad; status: ServerStatus; server?: BenchServer }> {
  const server = new BenchServer({ workspaceFolder: workspace, pullDiagnostics: true, initializationOptions: { corpora: size.folders, cacheDir } });
  try {
    let loadedAt: number | undefined;
    server.onNotification(Methods.status, (status) => {
      if (isLoaded(status as ServerStatus, documentsWithoutFolders)) loadedAt ??= now();
    });
    await server.initialize();
    server.initialized();
    const initializedAt = now();
    const document = probeDocument(TITLE_HOVER, 0);
    const uri = server.uri('during-load.md');
    server.open(uri, document.text);
    const pings: number[] = [];
    const hovers: number[] = [];
    let answered = 0;
    while (loadedAt === undefined) {
      if (now() - initializedAt > LOAD_TIMEOUT_MS) throw new Error(`${size.label}: statutes not loaded after ${LOAD_TIMEOUT_MS / 1000} s`);
      pings.push(await timed(() => server.request(Methods.ping, null)));
      const start = now();
      const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: document.position });
      hovers.push(now() - start);
      if (hover) answered++;
      const status = await server.status();
      if (isLoaded(status, documentsWithoutFolders)) loadedAt ??= now();
      else await sleep(5); // an editor's pace, not a flood that would slow the load down
    }
    const load: StatuteLoad = {
      milliseconds: loadedAt - initializedAt, pingsDuringLoad: summarize(pings), hoversDuringLoad: summarize(hovers), hoversAnsweredDuringLoad: answered, memoryAfterLoad: server.memory(),
    };
    const status = await server.status();
    server.close(uri);
    if (keep) return { load, status, server };
    await server.stop();
    return { load, status };
  } catch (error) {
    server.kill();
    throw error;
  }
}

async function waitUntilReady(server: BenchServer): Promise<ServerStatus> {
  for (const started = now(); now() - started < LOAD_TIMEOUT_MS; await sleep(10)) {
    const status = await server.status();
    if (status.ready) return status;
  }
  throw new Error('the server did not report ready');
}

/** `documentsWithoutFolders`: what the server holds without statute folders (the first size), to see the folders load. */
export async function measureCorpusSize(size: CorpusSize, iterations: ServerIterations, documentsWithoutFolders: number | undefined, notes: Notes): Promise<CorpusResult> {
  const { folder: workspace, papers } = workspaceWithPapers(iterations.workspacePapers);
  const cacheDir = freshDirectory(`cache-${size.key}`);
  let server: BenchServer;
  let status: ServerStatus;
  let load: CorpusResult['load'];
  if (size.folders.length > 0) {
    if (documentsWithoutFolders === undefined) throw new Error(`${size.label}: measure a size without statute folders first`);
    progress(`  ${size.label}: loading statutes with an empty cache`);
    const first = await measureStatuteLoad(size, cacheDir, workspace, false, documentsWithoutFolders);
    progress(`  ${size.label}: loading statutes from the cache (second server)`);
    const cached = await measureStatuteLoad(size, cacheDir, workspace, true, documentsWithoutFolders);
    server = cached.server!;
    status = cached.status;
    load = { first: first.load, cached: cached.load };
  } else {
    server = new BenchServer({ workspaceFolder: workspace, pullDiagnostics: true, initializationOptions: { cacheDir } });
    await server.start();
    status = await waitUntilReady(server);
  }
  try {
    const probes = await prepareProbes(server, size);
    progress(`  ${size.label}: warming up`);
    const answers = await warmUp(probes, iterations.warmup, size.label, notes);
    const afterLoad = server.memory();

    progress(`  ${size.label}: ${iterations.rounds} rounds of ${probes.length + 1} requests`);
    const { floor, samples } = await measureRounds(server, probes, iterations.rounds);
    const floorSummary = summarize(floor);
    const requests: RequestResult[] = [...samples].map(([name, values]) => result(name, values, floorSummary, answers.get(name)!));
    probes.forEach((_, i) => server.close(probeUri(server, i)));

    progress(`  ${size.label}: references over ${papers.length} papers`);
    const references = await measureReferences(server, papers, iterations, size.label, notes);
    requests.push(result(references.name, references.samples, floorSummary, references.answer));

    progress(`  ${size.label}: diagnostics`);
    for (const diagnostics of await measureDiagnostics(server, iterations, size.label, notes)) requests.push(result(diagnostics.name, diagnostics.samples, floorSummary, diagnostics.answer));
    const afterWorkload = server.memory();
    // Read again after a pause: right after the workload RSS still holds the garbage of its whole checks, which V8's
    // memory reducer collects and gives back once the server has been idle for some 20-30 s (measured: 266 MB right
    // after fifteen whole checks of the 2 MB paper, the same 25 s later, 107 MB at 30 s).
    await new Promise((resolve) => setTimeout(resolve, iterations.idleMs));
    const afterIdle = server.memory();
    await server.stop();
    return {
      key: size.key, label: size.label, folders: size.folders, documents: status.documents ?? 0, provisions: status.provisions ?? 0, statutes: status.statutes ?? 0,
      load, memory: { afterLoad, afterWorkload, afterIdle, idleSeconds: iterations.idleMs / 1000 }, floor: floorSummary, requests,
    };
  } finally {
    server.kill();
  }
}

function result(name: string, samples: number[], floor: LatencySummary, answer: string): RequestResult {
  const latency = summarize(samples);
  return { name, latency, vsFloor: ratiosToFloor(latency, floor), answer };
}

// ----- cold start -----------------------------------------------------------------------------------------------

/**
 * spawn → initialize answered, and spawn → first hover answered over an article of the statute book (the first
 * request loads the bulletin and the book, and looks the article up).
 */
export async function measureColdStart(spawns: number, notes: Notes, serverScript?: string): Promise<ColdStart> {
  const workspace = freshDirectory('workspace-cold');
  const cacheDir = freshDirectory('cache-cold');
  const document = probeDocument(STATUTE_HOVER, 0);
  const initialize: number[] = [];
  const firstHover: number[] = [];
  let answer = '';
  for (let i = 0; i < spawns; i++) {
    const server = new BenchServer({ workspaceFolder: workspace, pullDiagnostics: true, initializationOptions: { cacheDir }, ...(serverScript ? { serverScript } : {}) });
    try {
      await server.initialize();
      initialize.push(now() - server.spawnedAt);
      server.initialized();
      const uri = server.uri('cold.md');
      server.open(uri, document.text);
      const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: document.position });
      firstHover.push(now() - server.spawnedAt);
      if (i === 0) {
        answer = describe('hover', hover).text;
        if (!hover) notes.push(`cold start: the first hover over ${CIVIL_CODE_ARTICLE} answered null`);
      }
      await server.stop();
    } finally {
      server.kill();
    }
  }
  return { spawns, citation: CIVIL_CODE_ARTICLE, answer, initialize: summarize(initialize), firstHover: summarize(firstHover), ratio: median(firstHover) / median(initialize) };
}

const benchStarted = now();

/** A progress line on stderr (stdout carries only the report), with the seconds since the bench started. */
export function progress(message: string): void {
  process.stderr.write(`[${((now() - benchStarted) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);
}

/**
 * The cold-start probe alone: `node out/bench/serverBench.js --cold-start [ROUNDS] [OTHER/dist/server.js…]`.
 * Each round spawns this checkout's server and then each other build's, one after another, so every build sees
 * the same machine noise; medians per build are printed.
 */
async function coldStartAlone(args: string[]): Promise<void> {
  const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 9);
  const scripts = [undefined, ...args.filter((a) => a.endsWith('.js')).map((a) => path.resolve(a))];
  const samples = scripts.map(() => ({ initialize: [] as number[], firstHover: [] as number[], answer: '' }));
  const notes: Notes = [];
  for (let round = 0; round < rounds; round++) {
    for (const [i, script] of scripts.entries()) {
      const result = await measureColdStart(1, notes, script);
      samples[i].initialize.push(result.initialize.p50);
      samples[i].firstHover.push(result.firstHover.p50);
      samples[i].answer ||= result.answer;
    }
    progress(`cold start: round ${round + 1} of ${rounds}`);
  }
  for (const [i, script] of scripts.entries()) {
    const { initialize, firstHover, answer } = samples[i];
    const ratio = median(firstHover) / median(initialize);
    console.log(`${script ?? 'this checkout'}: spawn → initialize ${median(initialize).toFixed(0)} ms, spawn → first hover ${median(firstHover).toFixed(0)} ms (${ratio.toFixed(2)}×; medians of ${rounds}; hover max ${Math.max(...firstHover).toFixed(0)} ms)`);
    console.log(`  first hover: ${answer.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  for (const note of notes) console.log(`note: ${note}`);
}

if (require.main === module && process.argv.includes('--cold-start')) {
  coldStartAlone(process.argv.slice(2).filter((a) => a !== '--cold-start')).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
