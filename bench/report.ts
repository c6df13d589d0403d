/**
 * Renders results as aligned text tables (the console) and as Markdown (bench/results.md, README's performance
 * section). Both come from the same rows, so they never disagree.
 */
import * as fs from 'fs';
import type { BenchResults, CorpusResult, SearchMiss } from './results';
import type { LatencySummary } from './stats';

interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  /** Columns aligned right (numbers). */
  numeric?: boolean[];
}

const README_BEGIN = '<!-- bench:begin -->';
const README_END = '<!-- bench:end -->';

function fmtMs(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

const fmtRatio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}×` : '—');
const fmtMb = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(0));
const fmtRate = (value: number) => (value < 100 ? value.toFixed(1) : value.toFixed(0));
const p50p99 = (latency: LatencySummary) => `${fmtMs(latency.p50)} / ${fmtMs(latency.p99)}`;

function corpusHeading(corpus: CorpusResult): string {
  return `${corpus.label} (${corpus.documents.toLocaleString('en')} documents, ${corpus.provisions.toLocaleString('en')} provisions)`;
}

function latencyTable(corpus: CorpusResult, withAnswers: boolean): Table {
  const rows = [
    ['lexcite/ping (the floor)', String(corpus.floor.n), fmtMs(corpus.floor.p50), fmtMs(corpus.floor.p95), fmtMs(corpus.floor.p99), '1.0×', '1.0×', ...(withAnswers ? ['null'] : [])],
    ...corpus.requests.map((r) => [
      r.name, String(r.latency.n), fmtMs(r.latency.p50), fmtMs(r.latency.p95), fmtMs(r.latency.p99), fmtRatio(r.vsFloor.p50), fmtRatio(r.vsFloor.p99), ...(withAnswers ? [r.answer] : []),
    ]),
  ];
  return {
    title: `Latency through the server, ${corpusHeading(corpus)} — ms`,
    headers: ['request', 'n', 'p50', 'p95', 'p99', 'p50/floor', 'p99/floor', ...(withAnswers ? ['answer'] : [])],
    rows,
    numeric: [false, true, true, true, true, true, true, false],
  };
}

/** Each metric (rows) at the three corpus sizes (columns). */
function scalingTable(results: BenchResults): Table {
  const corpora = results.corpora;
  const row = (name: string, cell: (corpus: CorpusResult) => string) => [name, ...corpora.map(cell)];
  const requestNames = corpora[0].requests.map((r) => r.name);
  const request = (corpus: CorpusResult, name: string) => corpus.requests.find((r) => r.name === name);
  const byCorpus = <T extends { corpus: string }>(list: T[], corpus: CorpusResult) => list.filter((x) => x.corpus === corpus.key);
  const rows = [
    row('documents / provisions', (c) => `${c.documents.toLocaleString('en')} / ${c.provisions.toLocaleString('en')}`),
    row('lexcite/ping (floor), p50 / p99 ms', (c) => p50p99(c.floor)),
    ...requestNames.map((name) => row(`${name}, p50 / p99 ms`, (c) => {
      const r = request(c, name);
      return r ? p50p99(r.latency) : '—';
    })),
    row('statute load, empty cache, ms', (c) => (c.load ? fmtMs(c.load.first.milliseconds) : '—')),
    row('statute load, from cache, ms', (c) => (c.load ? fmtMs(c.load.cached.milliseconds) : '—')),
    row('slowest hover while loading from cache, ms', (c) => (c.load ? fmtMs(c.load.cached.hoversDuringLoad.max) : '—')),
    row('server RSS after load / after workload, MB', (c) => `${fmtMb(c.memory.afterLoad?.rssMb)} / ${fmtMb(c.memory.afterWorkload?.rssMb)}`),
    row('server peak RSS, MB', (c) => fmtMb(c.memory.afterWorkload?.peakRssMb)),
    row('server RSS after the workload and an idle pause (s), MB', (c) => `${fmtMb(c.memory.afterIdle?.rssMb)} (${c.memory.idleSeconds ?? '—'} s)`),
    ...[...new Set(results.check.map((c) => c.paperBytes))].map((bytes) => row(`whole check, ${(bytes / 1e6).toFixed(0)} MB paper, MB/s`, (c) => {
      const found = byCorpus(results.check, c).find((x) => x.paperBytes === bytes);
      return found ? fmtRate(found.medianMBps) : '—';
    })),
    row(`CLI check of ${results.cli[0]?.papers ?? 0} papers, s (papers/s)`, (c) => {
      const run = byCorpus(results.cli, c)[0];
      return run ? `${run.seconds.toFixed(2)} (${run.papersPerSecond.toFixed(0)})` : '—';
    }),
    row('search index build, ms', (c) => {
      const search = byCorpus(results.search, c)[0];
      return search ? fmtMs(search.indexBuildMs) : '—';
    }),
    ...(results.search[0]?.strategies ?? []).map((s) => row(`search '${s.strategy}', hit@1 · p50 / p95 ms`, (c) => {
      const found = byCorpus(results.search, c)[0]?.strategies.find((x) => x.strategy === s.strategy);
      return found ? `${(found.hitAt1 * 100).toFixed(0)}% · ${fmtMs(found.latency.p50)} / ${fmtMs(found.latency.p95)}` : '—';
    })),
  ];
  return { title: 'Scaling: each metric at each corpus size', headers: ['metric', ...corpora.map((c) => c.label)], rows, numeric: [false, ...corpora.map(() => true)] };
}

function startupTable(results: BenchResults): Table {
  const cold = results.coldStart;
  const rows = [
    [`spawn → initialize answered (${cold.spawns} spawns)`, fmtMs(cold.initialize.p50), fmtMs(cold.initialize.max)],
    [`spawn → first hover on ${cold.citation} answered (loads the bulletin and the statute book; ${cold.answer})`, fmtMs(cold.firstHover.p50), fmtMs(cold.firstHover.max)],
  ];
  for (const corpus of results.corpora.filter((c) => c.load)) {
    for (const [kind, load] of [['empty cache', corpus.load!.first], ['from cache', corpus.load!.cached]] as const) {
      rows.push([
        `${corpus.label}: statute load, ${kind} (hovers answered meanwhile: ${load.hoversAnsweredDuringLoad}; slowest ping ${fmtMs(load.pingsDuringLoad.max)} ms, hover ${fmtMs(load.hoversDuringLoad.max)} ms; RSS ${fmtMb(load.memoryAfterLoad?.rssMb)} MB)`,
        fmtMs(load.milliseconds), '',
      ]);
    }
  }
  return { title: 'Start-up and statute loading — ms', headers: ['what', 'median', 'max'], rows, numeric: [false, true, true] };
}

function throughputTable(results: BenchResults): Table {
  const rows = [
    [`citation extraction (parsePaper), ${(results.extraction.paperBytes / 1e6).toFixed(0)} MB generated paper`, fmtRate(results.extraction.medianMBps), fmtRate(results.extraction.bestMBps), fmtRate(results.extraction.firstRunMBps)],
    [`citation extraction (parsePaper), ${(results.extractionOnBulletinText.paperBytes / 1e6).toFixed(0)} MB of the bulletin's text`, fmtRate(results.extractionOnBulletinText.medianMBps), fmtRate(results.extractionOnBulletinText.bestMBps), fmtRate(results.extractionOnBulletinText.firstRunMBps)],
    ...(results.extractionAsOpened ? [[
      `citation extraction as a paper is opened (paragraphs parsed and joined, short names and 该法 found), ${(results.extractionAsOpened.paperBytes / 1e6).toFixed(0)} MB generated paper`,
      fmtRate(results.extractionAsOpened.medianMBps), fmtRate(results.extractionAsOpened.bestMBps), fmtRate(results.extractionAsOpened.firstRunMBps),
    ]] : []),
    ...results.check.map((c) => [
      `whole check (extract, resolve, diagnose), ${(c.paperBytes / 1e6).toFixed(0)} MB paper, ${results.corpora.find((x) => x.key === c.corpus)?.label ?? c.corpus}`,
      fmtRate(c.medianMBps), fmtRate(c.bestMBps), fmtRate(c.firstRunMBps),
    ]),
  ];
  return { title: 'Throughput in process — MB/s', headers: ['what', 'median', 'best', 'first run'], rows, numeric: [false, true, true, true] };
}

/** The first few misses (results.json has them all). */
function missList(misses: SearchMiss[]): string {
  const shown = misses.slice(0, 3).map((m) => `${m.query} → ${m.got ?? 'nothing'}`);
  return misses.length === 0 ? '—' : `${shown.join('; ')}${misses.length > shown.length ? `; +${misses.length - shown.length} more` : ''}`;
}

function searchTable(results: BenchResults): Table {
  const rows = results.search.flatMap((s) => s.strategies.map((strategy) => [
    s.label, strategy.strategy, `${(strategy.hitAt1 * 100).toFixed(0)}%`, String(strategy.latency.n),
    fmtMs(strategy.latency.p50), fmtMs(strategy.latency.p95), missList(strategy.misses),
  ]));
  return { title: `Search strategies on the fixed query set (${results.search[0]?.queries ?? 0} queries) — ms`, headers: ['corpus', 'strategy', 'hit@1', 'n', 'p50', 'p95', 'missed (query → ranked first)'], rows, numeric: [false, false, true, true, true, true, false] };
}

/** The reverse index at the whole book: build, memory, lookup latency, the server's RSS with it. */
function reverseRows(results: BenchResults): string[][] {
  const r = results.reverseLookup;
  if (!r) return [];
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const rss = (usage: typeof r.server.idle) => (usage ? `${fmtMb(usage.rssMb)} MB (peak ${fmtMb(usage.peakRssMb)} MB)` : '—');
  return [
    [`reverse index over ${r.documents.toLocaleString('en')} documents (${r.units.toLocaleString('en')} units, ${r.characters.toLocaleString('en')} characters): build, in-process`, `${(r.build.milliseconds / 1000).toFixed(1)} s in ${r.build.steps.toLocaleString('en')} steps, longest ${fmtMs(r.build.longestStepMs)} ms${r.build.p99StepMs === undefined ? '' : ` (p99 ${fmtMs(r.build.p99StepMs)} ms)`}`],
    ['reverse index memory (its typed arrays)', mb(r.indexBytes)],
    [`reverse lookup of a 100-character quotation p50 / p95 (${r.lookup.quotations} quotations, ${r.lookup.found} found)`, `${fmtMs(r.lookup.latency.p50)} / ${fmtMs(r.lookup.latency.p95)} ms`],
    [`server RSS with the book once a quotation made it build the index (${(r.server.builtInMs / 1000).toFixed(1)} s after the paper was opened) / 15 s later`, `${rss(r.server.afterIndex)} / ${rss(r.server.idle)}`],
    ...reverseDiskRows(r.disk),
    ...reverseServerRows(r.server),
  ];
}

/** How long requests waited while a server built the index, and a second server that loaded it from disk. */
function reverseServerRows(server: BenchResults['reverseLookup']['server']): string[][] {
  const pings = (p: { n: number; p50: number; max: number }) => `${fmtMs(p.p50)} / ${fmtMs(p.max)} ms (${p.n} pings)`;
  return [
    ...(server.pingsWhileBuilding ? [['ping round trip p50 / max while the server builds the index', pings(server.pingsWhileBuilding)]] : []),
    ...(server.warm ? [
      [`server with the index on disk: the misattributed quotation answered after / ping p50 / max meanwhile`, `${fmtMs(server.warm.answeredInMs)} ms / ${pings(server.warm.pings)}`],
      ['server RSS with the book once the index was loaded from disk', server.warm.afterIndex ? `${fmtMb(server.warm.afterIndex.rssMb)} MB (peak ${fmtMb(server.warm.afterIndex.peakRssMb)} MB)` : '—'],
    ] : []),
  ];
}

/** The reverse index on disk: saved, loaded back, and `lexcite check` with it. */
function reverseDiskRows(disk: BenchResults['reverseLookup']['disk']): string[][] {
  if (!disk) return [];
  const steps = (t: { milliseconds: number; steps: number; longestStepMs: number }) => `${fmtMs(t.milliseconds)} ms in ${t.steps} steps, longest ${fmtMs(t.longestStepMs)} ms`;
  return [
    [`reverse index saved to disk (${(disk.bytes / 1e6).toFixed(1)} MB file)`, steps(disk.save)],
    [`reverse index loaded from disk, checksum and checks included: median of ${disk.load.runs} / longest step of all${disk.sameAnswers ? '' : ' (ANSWERS DIFFER from the built index)'}`, `${fmtMs(disk.load.milliseconds.p50)} ms in ${disk.load.steps} steps / ${fmtMs(disk.load.longestStepMs)} ms${disk.load.p99StepMs === undefined ? '' : ` (p99 of all steps ${fmtMs(disk.load.p99StepMs)} ms)`}`],
    [`lexcite check with the index on disk, whole process, median of ${disk.cli.runs}: a paper quoting one law's words as another's / one without a quotation (without the index on disk: ${disk.cli.withQuotationNoCache.toFixed(2)} s)`, `${disk.cli.withQuotation.p50.toFixed(2)} s / ${disk.cli.withoutQuotation.p50.toFixed(2)} s`],
  ];
}

function statuteBookTable(results: BenchResults): Table {
  const { vsix, memory, cliCheck } = results.statuteBook;
  const side = results.searchBeforeAndAfterBook;
  const rss = (usage: typeof memory.afterHovers) => (usage ? `${fmtMb(usage.rssMb)} MB (peak ${fmtMb(usage.peakRssMb)} MB)` : '—');
  return {
    title: 'The bundled statute book',
    headers: ['what', 'measured'],
    rows: [
      [`.vsix size (${vsix.how}; packaging took ${vsix.seconds.toFixed(0)} s)`, `${(vsix.bytes / 1e6).toFixed(1)} MB, ${vsix.files} files`],
      [`server RSS after hovers on ${memory.statutesHovered.join(' ')}`, rss(memory.afterHovers)],
      [`server RSS after the diagnostics of a paper citing 第一条 of each of ${memory.documentsCited.toLocaleString('en')} documents (every document decompressed)`, rss(memory.afterEveryDocument)],
      [`lexcite check of a ${(cliCheck.paperBytes / 1000).toFixed(0)} KB paper, whole process, median / max of ${cliCheck.runs}`, `${cliCheck.seconds.p50.toFixed(2)} s / ${cliCheck.seconds.max.toFixed(2)} s`],
      ...reverseRows(results),
      ...(side ? [[
        `search 'scorer' p50 / p95, bulletin + statute book vs ${side.withoutBookLabel}, query by query in turn (${side.withBook.n} queries each)`,
        `${fmtMs(side.withBook.p50)} / ${fmtMs(side.withBook.p95)} vs ${fmtMs(side.withoutBook.p50)} / ${fmtMs(side.withoutBook.p95)} ms`,
      ]] : []),
    ],
  };
}

/** Each path's median at 1×, 4× and 16× the paper, and the 16× to 1× ratio (linear paths ≈ 16, the others ≈ 1). */
function growthTable(results: BenchResults): Table {
  const g = results.growth;
  const sizes = g.factors.map((f) => `${f}× (${((g.baseBytes * f) / 1000).toFixed(0)} KB)`);
  const ratio = (values: number[]) => (values[values.length - 1] / Math.max(values[0], 1e-6)).toFixed(1);
  return {
    title: 'Growth with the paper (in process, bulletin + statute book) — ms',
    headers: ['path', 'should grow', ...sizes, '16× / 1×'],
    rows: [
      ...g.paths.map((p) => [p.name, p.expected === 'linear' ? 'linearly' : 'not at all', ...p.milliseconds.map(fmtMs), ratio(p.milliseconds)]),
      ['heap retained by the open, checked paper — MB', 'linearly', ...g.retainedMB.map((mb) => mb.toFixed(1)), ratio(g.retainedMB)],
    ],
    numeric: [false, false, ...g.factors.map(() => true), true],
  };
}

/** LexCite's server and VS Code's Markdown language server on the same papers, each request in turn; or why not. */
function peerTable(results: BenchResults): Table[] {
  const comparison = results.peer;
  if (!comparison) return [];
  const rows = comparison.rows.map((r) => [
    r.name, String(r.lexcite.n), fmtMs(r.lexcite.p50), fmtMs(r.lexcite.p95), fmtMs(r.peer.p50), fmtMs(r.peer.p95),
    fmtRatio(r.peer.p50 / r.lexcite.p50), fmtRatio(r.peer.p95 / r.lexcite.p95), `${r.lexciteAnswer} / ${r.peerAnswer}`,
  ]);
  if (comparison.unavailable) rows.push([`not measured: ${comparison.unavailable}`, '', '—', '—', '—', '—', '—', '—', '']);
  return [{
    title: `Side by side with VS Code's Markdown language server (${comparison.peer}; ${comparison.settings}), each request on both servers in turn — ms`,
    headers: ['request', 'n', 'LexCite p50', 'LexCite p95', 'Markdown server p50', 'Markdown server p95', 'p50 ratio (it / LexCite)', 'p95 ratio', 'answers (LexCite / Markdown server)'],
    rows,
    numeric: [false, true, true, true, true, true, true, true, false],
  }];
}

function budgetTable(results: BenchResults): Table {
  return {
    title: 'Budgets',
    headers: ['budget', 'limit', 'measured', ''],
    rows: results.budgets.map((b) => [b.name, b.limit, b.measured, b.pass ? 'pass' : 'MISS']),
  };
}

function environmentLine(results: BenchResults): string {
  const env = results.environment;
  return `${results.date.slice(0, 16).replace('T', ' ')} UTC · ${results.mode} run (${results.durationSeconds.toFixed(0)} s) · Node ${env.node} · ${env.os} · ${env.cpu} × ${env.cores} · ${env.totalMemoryGb.toFixed(0)} GB · load average ${env.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')} at start · commit ${env.gitCommit.slice(0, 7)}${env.gitDirty ? ' (with uncommitted changes)' : ''}`;
}

// ----- rendering ------------------------------------------------------------------------------------------------

/** Terminal columns of a string: CJK and full-width forms take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

function renderText(table: Table): string {
  const widths = table.headers.map((h, i) => Math.max(displayWidth(h), ...table.rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(widths[i] - displayWidth(cell));
    return table.numeric?.[i] ? fill + cell : cell + fill;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  return [table.title, line(table.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

function renderMarkdown(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const align = table.headers.map((_, i) => (table.numeric?.[i] ? '---:' : '---'));
  return [`**${table.title}**`, '', `| ${table.headers.map(escape).join(' | ')} |`, `| ${align.join(' | ')} |`, ...table.rows.map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n');
}

/** Everything, for the console. */
export function consoleReport(results: BenchResults): string {
  const tables = [...results.corpora.map((c) => latencyTable(c, true)), scalingTable(results), startupTable(results), statuteBookTable(results), throughputTable(results), growthTable(results), searchTable(results), ...peerTable(results), budgetTable(results)];
  const notes = results.notes.length > 0 ? `\n\nNotes\n${results.notes.map((n) => `- ${n}`).join('\n')}` : '';
  return `${environmentLine(results)}\n\n${tables.map(renderText).join('\n\n')}${notes}\n`;
}

/** The Markdown for bench/results.md and README: the largest corpus in detail, then scaling, start-up, throughput, search, budgets. */
export function markdownReport(results: BenchResults): string {
  const largest = results.corpora[results.corpora.length - 1];
  const tables = [latencyTable(largest, false), scalingTable(results), startupTable(results), statuteBookTable(results), throughputTable(results), growthTable(results), searchTable(results), ...peerTable(results), budgetTable(results)];
  const notes = results.notes.length > 0 ? `\n\nNotes from the run:\n\n${results.notes.map((n) => `- ${n}`).join('\n')}` : '';
  return `<!-- generated by \`npm run bench\` from bench/results.json; do not edit by hand -->\n\n${environmentLine(results)}\n\n${tables.map(renderMarkdown).join('\n\n')}${notes}\n`;
}

/** Replaces what is between the bench markers in a file (README.md) with the Markdown report. */
export function updateReadmeTable(file: string, markdown: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const begin = text.indexOf(README_BEGIN);
  const end = text.indexOf(README_END);
  if (begin < 0 || end < begin) throw new Error(`${file} has no ${README_BEGIN} … ${README_END} section to replace`);
  fs.writeFileSync(file, `${text.slice(0, begin + README_BEGIN.length)}\n${markdown}${text.slice(end)}`);
}
