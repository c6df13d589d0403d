/** The shape of bench/results.json. */
import type { Growth } from './growth';
import type { MemoryUsage } from './lsp';
import type { FloorRatios, LatencySummary } from './stats';
import type { CorpusKey } from './workloads';

export interface Environment {
  node: string;
  os: string;
  cpu: string;
  cores: number;
  totalMemoryGb: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  gitCommit: string;
  /** Uncommitted changes in the working tree when the bench ran. */
  gitDirty: boolean;
}

export interface RequestResult {
  name: string;
  latency: LatencySummary;
  /** p50/floor p50 and p99/floor p99, the floor being lexcite/ping in the same server. */
  vsFloor: FloorRatios;
  /** What the server answered on the first (warm-up) request, to show the probe measured real work. */
  answer: string;
}

export interface StatuteLoad {
  /** From the `initialized` notification to lexcite/status reporting the statutes loaded. */
  milliseconds: number;
  pingsDuringLoad: LatencySummary;
  hoversDuringLoad: LatencySummary;
  /** Hovers over a bulletin title answered (non-null) while the statutes were loading. */
  hoversAnsweredDuringLoad: number;
  memoryAfterLoad: MemoryUsage | undefined;
}

export interface CorpusResult {
  key: CorpusKey;
  label: string;
  folders: string[];
  documents: number;
  provisions: number;
  statutes: number;
  /** Statute folders: first load (empty cache) and from the on-disk cache (a second server). */
  load?: { first: StatuteLoad; cached: StatuteLoad };
  /** After load and warm-up of the probe documents; and after the whole workload (50 papers, a 2 MB paper). */
  memory: { afterLoad: MemoryUsage | undefined; afterWorkload: MemoryUsage | undefined; afterIdle?: MemoryUsage; idleSeconds?: number };
  floor: LatencySummary;
  requests: RequestResult[];
}

export interface ColdStart {
  spawns: number;
  /** The hover's citation (the first request loads the statute book). */
  citation: string;
  /** What the first spawn's hover answered. */
  answer: string;
  /** spawn → `initialize` answered. */
  initialize: LatencySummary;
  /** spawn → first hover answered (initialize, initialized, didOpen, hover). */
  firstHover: LatencySummary;
  /** Median first hover / median initialize. */
  ratio: number;
}

export interface Throughput {
  paperBytes: number;
  runs: number;
  medianMBps: number;
  bestMBps: number;
  /** The first run, before the JIT and the corpus's memo are warm. */
  firstRunMBps: number;
}

export interface CheckThroughput extends Throughput {
  corpus: CorpusKey;
}

export interface CliRun {
  corpus: CorpusKey;
  papers: number;
  runs: number;
  /** Median wall-clock seconds of one `lexcite check` process over all papers. */
  seconds: number;
  papersPerSecond: number;
}

export interface SearchMiss {
  query: string;
  expected: string;
  /** The title ranked first instead. */
  got: string | null;
}

export interface StrategyResult {
  strategy: string;
  hitAt1: number;
  misses: SearchMiss[];
  latency: LatencySummary;
}

export interface SearchComparison {
  /** A corpus size, or the largest corpus before the statute book (the bulletin and the 3,500 synthetic laws). */
  corpus: CorpusKey | 'synthetic-without-book';
  label: string;
  indexBuildMs: number;
  queries: number;
  strategies: StrategyResult[];
}

/** The bundled statute book's costs, each measured through the real server, the CLI or vsce. */
export interface StatuteBookCosts {
  /** `vsce package` of the bench's own (unminified) build: an upper bound of the release .vsix. */
  vsix: { bytes: number; files: number; seconds: number; how: string };
  /** Server RSS after hovers on a few of the book's statutes, and after a paper citing an article of every document. */
  memory: {
    statutesHovered: string[];
    afterHovers: MemoryUsage | undefined;
    documentsCited: number;
    afterEveryDocument: MemoryUsage | undefined;
  };
  /** `lexcite check` of one paper, the whole process (spawn to exit). */
  cliCheck: { paperBytes: number; runs: number; seconds: LatencySummary; exitCode: number };
}

/** Reverse lookup over the whole statute book (bench/reverseBench.ts). */
export interface ReverseLookupCosts {
  documents: number;
  units: number;
  characters: number;
  /** The index's typed arrays. */
  indexBytes: number;
  /** p99StepMs: the 99th percentile of the steps (absent in results from before). */
  build: { milliseconds: number; steps: number; longestStepMs: number; p99StepMs?: number };
  /** 100-character quotations looked up as the quotation check does (index, then the provision's address). */
  lookup: { quotations: number; found: number; latency: LatencySummary };
  /** A server with the book, after a misattributed quotation made it build the index in the background, and 15 s later. */
  server: {
    afterIndex: MemoryUsage | undefined; idle: MemoryUsage | undefined; builtInMs: number;
    /** Round trips of pings sent back to back while the index was built (absent in results from before). */
    pingsWhileBuilding?: LatencySummary;
    /** A second server on the same cache folder: the index loaded from disk, the pings meanwhile, its RSS then. */
    warm?: { answeredInMs: number; pings: LatencySummary; afterIndex: MemoryUsage | undefined };
  };
  /** The index on disk (node/reverseIndexCache.ts); absent in results from before it. */
  disk?: {
    /** The cache file's size. */
    bytes: number;
    save: StepTiming;
    /**
     * Loads of the saved index, each with its fingerprint computed again as in a new process; the longest step of all,
     * and the 99th percentile of all their steps (absent in results from before).
     */
    load: { runs: number; milliseconds: LatencySummary; steps: number; longestStepMs: number; p99StepMs?: number };
    /** Whether the loaded index answered every quotation as the built one. */
    sameAnswers: boolean;
    /** `lexcite check` (whole process, seconds) with the index on disk: a paper that needs it, one that does not, and the first without it. */
    cli: { runs: number; withQuotation: LatencySummary; withoutQuotation: LatencySummary; withQuotationNoCache: number };
  };
}

/** Work run in steps: the total, the number of steps and the longest (what a server runs between requests). */
export interface StepTiming {
  milliseconds: number;
  steps: number;
  longestStepMs: number;
}

/** Search ('scorer') at the bulletin + statute book and at the largest corpus before the book, query by query in turn. */
export interface SearchBeforeAndAfterBook {
  passes: number;
  withBook: LatencySummary;
  withoutBook: LatencySummary;
  withoutBookLabel: string;
}

export interface BudgetResult {
  name: string;
  limit: string;
  measured: string;
  pass: boolean;
}

export interface BenchResults {
  date: string;
  mode: 'full' | 'quick';
  durationSeconds: number;
  environment: Environment;
  corpora: CorpusResult[];
  coldStart: ColdStart;
  /** On the generated paper (dense: a citation and a footnote per ~400 bytes); the budget applies to it. */
  extraction: Throughput;
  /** On the bulletin's own text, for comparison. */
  extractionOnBulletinText: Throughput;
  /** On the generated paper, as a paper is opened (paragraphs parsed and joined, short names and 该法 found). */
  extractionAsOpened?: Throughput;
  check: CheckThroughput[];
  cli: CliRun[];
  search: SearchComparison[];
  statuteBook: StatuteBookCosts;
  reverseLookup: ReverseLookupCosts;
  /** Each request path at 1×, 4× and 16× the paper (growth.ts). */
  growth: Growth;
  /** Absent when the sizes have no synthetic collection. */
  searchBeforeAndAfterBook?: SearchBeforeAndAfterBook;
  /** VS Code's Markdown language server beside LexCite's (bench/peerBench.ts). */
  peer?: PeerComparison;
  budgets: BudgetResult[];
  /** Anything that looked wrong while measuring (empty answers, unexpected first items, …). */
  notes: string[];
}

/** One request path measured on both servers in turn, on the same paper. */
export interface PeerRow {
  name: string;
  lexcite: LatencySummary;
  peer: LatencySummary;
  /** What each server answered first (untimed), to show both did the work. */
  lexciteAnswer: string;
  peerAnswer: string;
}

/** VS Code's Markdown language server and LexCite's, side by side (bench/peerBench.ts). */
export interface PeerComparison {
  /** The peer's package and version. */
  peer: string;
  /** The peer's settings. */
  settings: string;
  /** Why there are no (or not all) rows: the peer could not start, or a request failed. */
  unavailable?: string;
  rows: PeerRow[];
  /** The peer's markdown/parse requests, and how many of them the client parsed (the others hit its cache). */
  parses?: { requested: number; parsed: number };
}
