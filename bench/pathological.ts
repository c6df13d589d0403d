/**
 * Pathological inputs against catastrophic backtracking and quadratic scans (issue 7): each input goes through
 * parsePaper, checkPaper (no limits: the raw core), the language service (as the editor runs it, with the
 * default limits) and `node dist/cli.js check` in a child process. Prints the time of each and fails when any
 * exceeds its bound, 2 s per MB of input (the CLI gets 1.5 s more for start-up). Then a 10 MB paper through the
 * CLI, with its peak RSS bounded.
 *
 *   npm run build && node out/bench/pathological.js [--quick] [--no-cli] [--mb N]
 *
 *   --quick   inputs of 0.1 MB instead of 1 MB, and a 2 MB paper for the memory check
 *   --no-cli  in-process only
 *   --mb N    size of each input in MB (default 1)
 *
 * Exit codes: 0 every input within its bound, 1 an input too slow or the CLI over its memory bound, 2 the bench
 * itself failed. Timing belongs here, not in the unit tests (a loaded CI machine would make them flaky).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPaper, CitationService, Corpus, makePaper, parsePaper, resolveSettings } from '../server/src/core';
import { loadCorpusFiles } from '../server/src/node/corpusFiles';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const SECONDS_PER_MB = 2;
const CLI_STARTUP_SECONDS = 1.5;
/** Peak RSS allowed for `lexcite check` of the 10 MB paper. */
const MAX_RSS_MB = 512;

interface Options {
  quick: boolean;
  cli: boolean;
  mb: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { quick: false, cli: true, mb: 1 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') options.quick = true;
    else if (argv[i] === '--no-cli') options.cli = false;
    else if (argv[i] === '--mb' && Number(argv[i + 1]) > 0) options.mb = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}; see the header of bench/pathological.ts`);
  }
  if (options.quick) options.mb = 0.1;
  return options;
}

/** `unit` repeated to about `chars` UTF-16 units. */
function fill(unit: string, chars: number): string {
  return unit.repeat(Math.max(1, Math.ceil(chars / unit.length))).slice(0, chars);
}

function inputs(chars: number): { name: string; text: string }[] {
  const paragraph = '《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项要求“完善适配人工智能发展的数据产权和版权制度”。[^1]\n\n';
  return [
    { name: "'（' repeated", text: fill('（', chars) },
    { name: "'〔' without '〕'", text: fill('〔', chars) },
    { name: "'国发〔2025' without '〕'", text: fill('国发〔2025', chars) },
    { name: "'第' repeated", text: fill('第', chars) },
    { name: "'第一条第二款第（三）项、' repeated", text: fill('第一条第二款第（三）项、', chars) },
    { name: "'《' repeated", text: fill('《', chars) },
    { name: "'《《》' repeated", text: fill('《《》', chars) },
    { name: "'》' repeated", text: fill('》', chars) },
    { name: 'one long digit run', text: fill('1', chars) },
    { name: "full-width digits then '号'", text: fill('２', chars) + '号' },
    { name: "'[^' repeated", text: fill('[^', chars) },
    { name: "'[^1]: ' definitions, one per line", text: fill('[^1]: 同上注。\n', chars) },
    { name: "'`' repeated (one line)", text: fill('`', chars) },
    { name: "'`a' repeated", text: fill('`a', chars) },
    { name: "'```\\n' repeated", text: fill('```\n', chars) },
    { name: "'```' opening a paper of paragraphs", text: '```\n' + fill(paragraph, chars) },
    { name: "'<!--' unterminated, then paragraphs", text: '<!--\n' + fill(paragraph, chars) },
    { name: "'<!--' repeated", text: fill('<!--', chars) },
    { name: "'---' front matter never closed", text: '---\n' + fill('title: x\n\n', chars) },
    { name: "'http://' + 1 MB", text: 'http://' + fill('a', chars) },
    { name: "'](' repeated", text: fill('](', chars) },
    { name: "'<a:' repeated", text: fill('<a:', chars) },
    { name: "'www.' repeated", text: fill('www.', chars) },
    { name: "'“' repeated (unclosed quotes)", text: fill('“', chars) },
    { name: 'quotes nested 10,000 deep, repeated', text: fill('“'.repeat(10000) + '文' + '”'.repeat(10000), chars) },
    { name: "'\"' repeated", text: fill('"', chars) },
    { name: "'同前注〔' repeated in a footnote", text: '正文[^1]\n\n[^1]: ' + fill('同前注〔', chars) },
    { name: "'（以下简称《' repeated", text: fill('（以下简称《', chars) },
    { name: "'，载《' repeated", text: fill('，载《', chars) },
    { name: "'张三：《' repeated", text: fill('张三：《', chars) },
    { name: "'2025年第' repeated", text: fill('2025年第', chars) },
    { name: "'<!-- lexcite-disable-next-line' repeated", text: fill('<!-- lexcite-disable-next-line ', chars) },
    { name: 'a realistic paper, one 1 MB line', text: fill(paragraph.replace(/\n/g, ' '), chars) },
    { name: 'CR line ends only', text: fill(paragraph.replace(/\n/g, '\r'), chars) },
    { name: 'binary garbage', text: garbage(chars) },
  ];
}

function garbage(length: number): string {
  let state = 20251122;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += String.fromCharCode(state >>> 16);
  }
  return out;
}

function time(f: () => void): number {
  const start = performance.now();
  f();
  return (performance.now() - start) / 1000;
}

interface Row {
  name: string;
  mb: number;
  parse: number;
  check: number;
  service: number;
  cli?: number;
  bound: number;
  ok: boolean;
}

function cliCheck(file: string, extraArgs: string[] = []): { seconds: number; status: number | null; maxRssMb?: number; stderr: string } {
  const preload = path.join(os.tmpdir(), `lexcite-maxrss-${process.pid}.js`);
  fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nLEXCITE_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--require', preload, CLI, 'check', ...extraArgs, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  const rss = /LEXCITE_MAXRSS_KB=(\d+)/.exec(run.stderr ?? '');
  return { seconds, status: run.status, ...(rss ? { maxRssMb: Number(rss[1]) / 1024 } : {}), stderr: run.stderr ?? '' };
}

function main(): number {
  const options = parseArgs(process.argv.slice(2));
  if (options.cli && !fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const corpus = new Corpus(loadCorpusFiles(path.join(REPO_ROOT, 'data')));
  void corpus.search;
  const settings = resolveSettings({ paperDate: '2025-11-22' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-pathological-'));
  const rows: Row[] = [];
  try {
    const chars = Math.round(options.mb * 1_000_000);
    console.log(`pathological inputs of ${chars.toLocaleString('en-US')} UTF-16 units; bound ${SECONDS_PER_MB} s per MB (UTF-8), CLI +${CLI_STARTUP_SECONDS} s start-up\n`);
    console.log(`${'input'.padEnd(44)} ${'MB'.padStart(5)} ${'parse'.padStart(7)} ${'check'.padStart(7)} ${'service'.padStart(7)} ${'cli'.padStart(7)} ${'bound'.padStart(6)}`);
    for (const { name, text } of inputs(chars)) {
      const mb = Buffer.byteLength(text, 'utf8') / 1_000_000;
      const bound = Math.max(0.25, SECONDS_PER_MB * mb);
      const parse = time(() => parsePaper(text));
      const check = time(() => checkPaper(corpus, makePaper(corpus, 'file:///bench.md', 1, text)));
      const service = time(() => new CitationService(corpus).diagnostics({ uri: 'file:///bench.md', version: 1, getText: () => text }, settings));
      let cli: number | undefined;
      if (options.cli) {
        const file = path.join(dir, 'input.md');
        fs.writeFileSync(file, text);
        const run = cliCheck(file);
        if (run.status !== 0 && run.status !== 1) throw new Error(`lexcite check failed on ${name} (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
        cli = run.seconds;
      }
      const ok = parse <= bound && check <= bound && service <= bound && (cli === undefined || cli <= bound + CLI_STARTUP_SECONDS);
      rows.push({ name, mb, parse, check, service, ...(cli !== undefined ? { cli } : {}), bound, ok });
      const s = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3)).padStart(7);
      console.log(`${name.padEnd(44)} ${mb.toFixed(2).padStart(5)} ${s(parse)} ${s(check)} ${s(service)} ${s(cli)} ${bound.toFixed(2).padStart(6)}${ok ? '' : '  TOO SLOW'}`);
    }

    let memoryOk = true;
    if (options.cli) {
      const paperMb = options.quick ? 2 : 10;
      const sample = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'sample-paper.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
      const file = path.join(dir, 'big.md');
      const unit = sample + '\n';
      const copies = Math.ceil((paperMb * 1_000_000) / Buffer.byteLength(unit, 'utf8'));
      fs.writeFileSync(file, unit.repeat(copies));
      const bytes = fs.statSync(file).size;
      const chars = unit.length * copies;
      for (const [label, args] of [['default limits', []], ['no citation limit', ['--max-citations', '0']]] as const) {
        const run = cliCheck(file, ['--format', 'json', ...args]);
        const ok = run.maxRssMb !== undefined && run.maxRssMb <= MAX_RSS_MB && (run.status === 0 || run.status === 1);
        memoryOk &&= ok;
        console.log(`\nnode dist/cli.js check --format json ${args.join(' ')} big.md (${label}; ${(bytes / 1_000_000).toFixed(1)} MB, ${chars.toLocaleString('en-US')} UTF-16 units, a realistic paper repeated): ${run.seconds.toFixed(2)} s, exit ${run.status}, peak RSS ${run.maxRssMb?.toFixed(0) ?? '?'} MB (bound ${MAX_RSS_MB} MB)${ok ? '' : '  OVER'}`);
      }
      const small = cliCheck(path.join(REPO_ROOT, 'examples', 'sample-paper.md'));
      console.log(`node dist/cli.js check examples/sample-paper.md (for comparison): ${small.seconds.toFixed(2)} s, peak RSS ${small.maxRssMb?.toFixed(0) ?? '?'} MB`);
    }

    const slow = rows.filter((r) => !r.ok);
    console.log(`\n${rows.length - slow.length} of ${rows.length} inputs within their bound${slow.length ? `; too slow: ${slow.map((r) => r.name).join(', ')}` : ''}${memoryOk ? '' : '; the 10 MB paper went over its memory bound'}`);
    return slow.length === 0 && memoryOk ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(os.tmpdir(), `lexcite-maxrss-${process.pid}.js`), { force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`pathological bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 2;
}
