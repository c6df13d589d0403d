/**
 * LexCite's benchmark (issue 6): every request path through the real server process over stdio, at two corpus
 * sizes (the bulletin with the bundled statute book; that plus 3,500 synthetic laws), plus start-up, statute
 * loading, memory, throughput, the CLI, the search strategies and the statute book's costs (.vsix, memory, a
 * `lexcite check` process, search before and after the book). Writes bench/results.json and bench/results.md and
 * prints the tables.
 *
 *   npm run bench [-- --check] [-- --quick] [-- --json-only] [-- --update-readme-table [FILE]]
 *   node out/bench/run.js …   (after `npm run build`)
 *
 *   --check                       exit 1 when a budget is missed (and say which)
 *   --quick                       few iterations, for a smoke test (under a minute)
 *   --json-only                   print results.json to stdout instead of the tables
 *   --update-readme-table [FILE]  put the Markdown tables between <!-- bench:begin --> and <!-- bench:end --> in FILE (README.md)
 *
 * Exit codes: 0 done, 1 a budget missed (with --check), 2 the bench itself failed.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evaluateBudgets } from './budgets';
import { generateLaws } from './generateLaws';
import { measureBookMemory, measureCliCheck, measureVsix } from './bookBench';
import { measureGrowth } from './growth';
import { measureReverseLookupApart, measureServerWithReverseIndex } from './reverseBench';
import { InProcessIterations, cacheDirFor, cliPapers, compareSearchStrategies, corpusFor, corpusWithoutBook, measureCheck, searchSpeedSideBySide, measureCli, measureExtraction, measureExtractionAsOpened, measureExtractionOnBulletinText } from './inProcess';
import { REPO_ROOT, killAllServers } from './lsp';
import { measurePeer, peerIterations } from './peerBench';
import { consoleReport, markdownReport, updateReadmeTable } from './report';
import type { BenchResults, CheckThroughput, CliRun, CorpusResult, Environment, SearchBeforeAndAfterBook, SearchComparison, Throughput } from './results';
import { ServerIterations, measureColdStart, measureCorpusSize, progress } from './serverBench';
import { now } from './stats';
import { SYNTHETIC_LAWS, corpusSizes } from './workloads';

const RESULTS_JSON = path.join(REPO_ROOT, 'bench', 'results.json');
const RESULTS_MD = path.join(REPO_ROOT, 'bench', 'results.md');
const EXTRACTION_PAPER_BYTES = 10_000_000;
const CHECK_PAPER_BYTES = [10_000_000, 2_000_000];
const CLI_CHECK_PAPER_BYTES = 50_000;

/** A bad command line: reported without a stack trace. */
class UsageError extends Error {}

interface Options {
  check: boolean;
  quick: boolean;
  jsonOnly: boolean;
  readme: string | undefined;
}

function parseArguments(args: string[]): Options {
  const known = new Set(['--check', '--quick', '--json-only', '--update-readme-table']);
  const readmeAt = args.indexOf('--update-readme-table');
  const readmeArgument = readmeAt >= 0 && args[readmeAt + 1] && !args[readmeAt + 1].startsWith('--') ? args[readmeAt + 1] : undefined;
  for (const arg of args) {
    if (!known.has(arg) && arg !== readmeArgument) throw new UsageError(`unknown argument ${arg}; usage: run.js [--check] [--quick] [--json-only] [--update-readme-table [FILE]]`);
  }
  return {
    check: args.includes('--check'),
    quick: args.includes('--quick'),
    jsonOnly: args.includes('--json-only'),
    readme: readmeAt < 0 ? undefined : path.resolve(readmeArgument ?? path.join(REPO_ROOT, 'README.md')),
  };
}

function iterations(quick: boolean): { server: ServerIterations; inProcess: InProcessIterations } {
  return quick
    ? {
      server: {
        warmup: 3, rounds: 30, references: 20, coldStarts: 3, workspacePapers: 50, idleMs: 1000,
        diagnostics: [{ label: '20 KB', bytes: 20_000, full: 10, edits: 30 }, { label: '200 KB', bytes: 200_000, full: 5, edits: 30 }, { label: '2 MB', bytes: 2_000_000, full: 1, edits: 6 }],
      },
      inProcess: { throughputRuns: 1, cliRuns: 1, cliPapers: 100, searchPasses: 2, cliCheckRuns: 3 },
    }
    : {
      server: {
        warmup: 20, rounds: 1000, references: 300, coldStarts: 15, workspacePapers: 50, idleMs: 35_000,
        diagnostics: [{ label: '20 KB', bytes: 20_000, full: 300, edits: 500 }, { label: '200 KB', bytes: 200_000, full: 100, edits: 500 }, { label: '2 MB', bytes: 2_000_000, full: 15, edits: 100 }],
      },
      inProcess: { throughputRuns: 7, cliRuns: 5, cliPapers: 100, searchPasses: 50, cliCheckRuns: 9 },
    };
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function environment(): Environment {
  const cpus = os.cpus();
  return {
    node: process.version, os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`, cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length,
    totalMemoryGb: os.totalmem() / 2 ** 30, loadAverageAtStart: os.loadavg(), loadAverageAtEnd: [], gitCommit: git(['rev-parse', 'HEAD']) || 'unknown',
    gitDirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
  };
}

/** The synthetic collection is generated once into bench/tmp (gitignored) and reused. */
function ensureSyntheticCollection(): void {
  if (fs.existsSync(SYNTHETIC_LAWS) && fs.readdirSync(SYNTHETIC_LAWS).length > 0) return;
  progress(`generating the synthetic collection in ${path.relative(REPO_ROOT, SYNTHETIC_LAWS)}`);
  generateLaws(SYNTHETIC_LAWS, 3500, 150_000, 1);
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const plan = iterations(options.quick);
  const started = now();
  const env = environment();
  const notes: string[] = [];
  ensureSyntheticCollection();
  const sizes = corpusSizes();

  progress('cold start (bulletin + statute book, first hover over a statute article)');
  const coldStart = await measureColdStart(plan.server.coldStarts, notes);
  progress('statute book: server memory after statute hovers, and with every document cited');
  const bookMemory = await measureBookMemory();
  progress(`statute book: lexcite check of a ${CLI_CHECK_PAPER_BYTES / 1000} KB paper, whole process`);
  const cliCheck = await measureCliCheck(CLI_CHECK_PAPER_BYTES, plan.inProcess.cliCheckRuns);
  progress('statute book: vsce package');
  const vsix = measureVsix();
  progress('reverse lookup: the server\'s memory once a quotation made it build the index');
  const reverseServer = await measureServerWithReverseIndex();

  const corpora: CorpusResult[] = [];
  for (const size of sizes) {
    progress(`server at corpus size: ${size.label}`);
    corpora.push(await measureCorpusSize(size, plan.server, corpora[0]?.documents, notes));
  }
  // Before the in-process work: the bench process parses for the peer, and a heap full of corpora would slow it.
  progress('side by side with VS Code\'s Markdown language server, on the same papers');
  const peer = await measurePeer(peerIterations(options.quick));

  progress(`citation extraction, ${EXTRACTION_PAPER_BYTES / 1e6} MB paper`);
  const extraction = measureExtraction(EXTRACTION_PAPER_BYTES, plan.inProcess.throughputRuns);
  const extractionOnBulletinText = measureExtractionOnBulletinText(EXTRACTION_PAPER_BYTES, plan.inProcess.throughputRuns);
  const files = cliPapers(plan.inProcess.cliPapers);
  const check: CheckThroughput[] = [];
  const cli: CliRun[] = [];
  const search: SearchComparison[] = [];
  let extractionAsOpened: Throughput | undefined;
  for (const size of sizes) {
    progress(`in process at corpus size: ${size.label} (check throughput, search strategies, CLI)`);
    const corpus = corpusFor(size, cacheDirFor(size));
    // Search first: its index is built on first use, and the comparison times that build.
    search.push(compareSearchStrategies(corpus, size, plan.inProcess.searchPasses));
    if (size === sizes[0]) extractionAsOpened = measureExtractionAsOpened(corpus, EXTRACTION_PAPER_BYTES, plan.inProcess.throughputRuns);
    for (const bytes of CHECK_PAPER_BYTES) check.push(measureCheck(corpus, size, bytes, plan.inProcess.throughputRuns));
    cli.push(await measureCli(size, files, plan.inProcess.cliRuns));
  }
  progress('reverse lookup at the statute book: index build, memory, 100-character quotations');
  const reverseLookup = { ...measureReverseLookupApart(sizes[0], options.quick ? 100 : 500), server: reverseServer };
  progress('growth: each path at 1×, 4× and 16× the paper, in process');
  const growth = measureGrowth(corpusFor(sizes[0], cacheDirFor(sizes[0])), options.quick ? 3 : 15);
  const synthetic = sizes.find((size) => size.key === 'synthetic');
  let searchBeforeAndAfterBook: SearchBeforeAndAfterBook | undefined;
  if (synthetic) {
    progress('in process: search at the largest corpus before the statute book (bulletin + synthetic 3,500 laws), and side by side with the book');
    const withoutBookLabel = 'bulletin + synthetic 3,500 laws, no book';
    const withoutBook = corpusWithoutBook(synthetic.folders, cacheDirFor(synthetic));
    search.push(compareSearchStrategies(withoutBook, { key: 'synthetic-without-book', label: withoutBookLabel }, plan.inProcess.searchPasses));
    const sideBySide = searchSpeedSideBySide(corpusFor(sizes[0], cacheDirFor(sizes[0])), withoutBook, plan.inProcess.searchPasses);
    searchBeforeAndAfterBook = { passes: plan.inProcess.searchPasses, withBook: sideBySide.a, withoutBook: sideBySide.b, withoutBookLabel };
  }

  env.loadAverageAtEnd = os.loadavg();
  const measured = {
    date: new Date().toISOString(), mode: options.quick ? 'quick' as const : 'full' as const, durationSeconds: (now() - started) / 1000,
    environment: env, corpora, coldStart, extraction, extractionOnBulletinText, ...(extractionAsOpened ? { extractionAsOpened } : {}), check, cli, search, statuteBook: { vsix, memory: bookMemory, cliCheck }, reverseLookup, growth, searchBeforeAndAfterBook, notes, peer,
  };
  const results: BenchResults = { ...measured, budgets: evaluateBudgets(measured) };
  fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2) + '\n');
  const markdown = markdownReport(results);
  fs.writeFileSync(RESULTS_MD, markdown);
  if (options.readme) updateReadmeTable(options.readme, markdown);

  process.stdout.write(options.jsonOnly ? JSON.stringify(results, null, 2) + '\n' : consoleReport(results));
  progress(`wrote ${path.relative(process.cwd(), RESULTS_JSON)} and ${path.relative(process.cwd(), RESULTS_MD)}${options.readme ? ` and the table in ${options.readme}` : ''}`);

  const missed = results.budgets.filter((b) => !b.pass);
  if (options.check && missed.length > 0) {
    process.stderr.write(`${missed.length} budget(s) missed:\n${missed.map((b) => `  ${b.name}: ${b.measured}, limit ${b.limit}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    killAllServers();
    process.exit(code);
  },
  (error: Error) => {
    killAllServers();
    process.stderr.write(error instanceof UsageError ? `${error.message}\n` : `bench failed: ${error.stack ?? error.message}\n`);
    process.exit(2);
  },
);
