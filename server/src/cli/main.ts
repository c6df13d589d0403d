/**
 * The `lexcite` command line: lookup, search and check on the same core the language server uses, and
 * `lsp --stdio` to start that server for any editor.
 *
 * Exit codes: 0 success (check: no errors), 1 not found / errors found, 2 usage, I/O or corpus errors.
 */
import { Command, CommanderError, Option } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { chooseVersion, CitationService, countVerdicts, verdictSummary, DEFAULT_MAX_CITATIONS, DEFAULT_MAX_PAPER_SIZE, DEFAULT_STYLE_NAME, HOUSE_STYLES, isIsoDate, isVersionSet, Locale, lookupCitation, LookupResult, normalizeLocale, renderReports, ReportFormat, resolveSettings, t, todayIso } from '../core';
import type { PaperDocument } from '../core';
import type { Corpus, SearchHit } from '../core';
import { CorpusLoadError } from '../node/corpusFiles';
import { describeItem, formatLookupText, kindName } from './format';
import { readPapers } from './papers';
import { loadCorpus } from './statuteCorpus';
import { localeOfArguments, UsageError } from './usage';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError('cli.limit-positive', { option: '--limit', value });
  return n;
}

/** A limit option: a whole number ≥ 0, 0 meaning none. */
function limitOption(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new UsageError('cli.limit-whole', { option: name, value });
    return n;
  };
}

function localeOption(what: string): Option {
  return new Option('--locale <locale>', `${what} language`).choices(['zh-cn', 'en']).default('zh-cn');
}

interface PaperOptions {
  maxPaperSize: number;
  maxCitations: number;
  locale: string;
  style: string;
  corpus: string[];
  bibliography: string[];
  date?: string;
}

/** The options `check` and `report` share: language, house style, statute folders, the papers' date, limits. */
function addPaperOptions(command: Command, language: 'message' | 'report'): Command {
  return command
    .addOption(localeOption(language))
    .addOption(new Option('--style <style>', 'house style').choices(Object.keys(HOUSE_STYLES)).default(DEFAULT_STYLE_NAME))
    .option('--corpus <dir>', 'extra statute folder (repeatable)', collect, [])
    .option('--bibliography <file>', 'CSL-JSON or BibTeX bibliography (repeatable)', collect, [])
    .option('--date <yyyy-mm-dd>', 'date of the papers (which statute version an untagged citation means); default: front matter, else today')
    .option('--max-paper-size <chars>', 'check at most this many characters of each paper (0: no limit)', limitOption('--max-paper-size'), DEFAULT_MAX_PAPER_SIZE)
    .option('--max-citations <n>', 'check at most this many citations of each paper (0: no limit)', limitOption('--max-citations'), DEFAULT_MAX_CITATIONS);
}

/**
 * The papers' texts (read first, so a missing file is reported before the corpus loads), the service that checks
 * them and the settings it checks them with: the same service and settings object the language server uses, so
 * that the paper limits and the check pipeline are the server's (test/unit/pipelineEquivalence.test.ts).
 */
async function preparePapers(files: string[], options: PaperOptions, input: NodeJS.ReadableStream, err: NodeJS.WritableStream) {
  const locale = normalizeLocale(options.locale);
  const date = isoDateOption(options.date);
  const texts = await readPapers(files, input, t(locale, 'cli.stdin'));
  const service = new CitationService(loadCorpus(options.corpus, locale, err, options.bibliography));
  const settings = resolveSettings({ style: options.style, ...(date ? { paperDate: date } : {}), maxPaperSize: options.maxPaperSize, maxCitations: options.maxCitations }, locale);
  const papers = files.map((file, i) => paperDocument(paperName(file, locale), texts[i]));
  return { papers, service, settings, locale };
}

/** The name a paper goes by in the output: standard input has none of its own. */
function paperName(file: string, locale: Locale): string {
  return file === '-' ? t(locale, 'cli.stdin') : file;
}

/** A file as the service sees it: a document at version 0, named (its URI) as in the output. */
function paperDocument(name: string, text: string): PaperDocument {
  return { uri: name, version: 0, getText: () => text };
}

/** Runs `work` on each paper in turn; each is forgotten after, so that only one is held parsed at a time. */
function eachPaper<T>(service: CitationService, papers: PaperDocument[], work: (paper: PaperDocument) => T): T[] {
  return papers.map((paper) => {
    try {
      return work(paper);
    } finally {
      service.forget(paper.uri);
    }
  });
}

/** The version in package.json, next to the bundle (dist/) or above the compiled tree (out/server/src/cli). */
function packageVersion(): string {
  for (const candidate of [path.resolve(__dirname, '..', 'package.json'), path.resolve(__dirname, '..', '..', '..', '..', 'package.json')]) {
    try {
      const version = (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown });
      if (version.name === 'lexcite' && typeof version.version === 'string') return version.version;
    } catch {
      // not here: try the next place
    }
  }
  return 'unknown';
}

export async function run(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr, input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  let exitCode = 0;
  const program = new Command();
  program
    .name('lexcite')
    .description('LexCite 法引: check and look up legal citations in Chinese legal papers (Markdown).')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) })
    .showHelpAfterError();

  program
    .command('lookup')
    .description('resolve one citation: 国发[2025]11号, 《…》第五条, a title')
    .argument('<citation>', 'the citation text')
    .option('--json', 'print JSON')
    .addOption(localeOption('output'))
    .option('--date <YYYY-MM-DD>', 'the statute version in force on this date (default: today)')
    .option('--corpus <dir>', 'extra statute folder (repeatable)', collect, [])
    .option('--bibliography <file>', 'CSL-JSON or BibTeX bibliography (repeatable)', collect, [])
    .action((citation: string, options: { json?: boolean; locale: string; date?: string; corpus: string[]; bibliography: string[] }) => {
      const locale = normalizeLocale(options.locale);
      const date = isoDateOption(options.date);
      const corpus = loadCorpus(options.corpus, locale, err, options.bibliography);
      const result = lookupCitation(corpus, citation, date);
      out.write(options.json ? JSON.stringify(lookupJson(result), null, 2) + '\n' : formatLookupText(result, locale));
      exitCode = result.status === 'found' ? 0 : result.status === 'not-a-citation' ? 2 : 1;
    });

  program
    .command('search')
    .description('fuzzy search titles, aliases, pinyin (full or initials) and authors')
    .argument('<query>', 'characters, pinyin or an abbreviation such as 个保法')
    .option('--json', 'print JSON: an array of matches, best first')
    .option('--limit <n>', 'how many matches', positiveInt, 10)
    .addOption(localeOption('output'))
    .option('--date <YYYY-MM-DD>', 'of a statute with several versions, list the one in force on this date (default: today)')
    .option('--corpus <dir>', 'extra statute folder (repeatable)', collect, [])
    .option('--bibliography <file>', 'CSL-JSON or BibTeX bibliography (repeatable)', collect, [])
    .action((query: string, options: { json?: boolean; limit: number; locale: string; date?: string; corpus: string[]; bibliography: string[] }) => {
      const locale = normalizeLocale(options.locale);
      const date = isoDateOption(options.date);
      const corpus = loadCorpus(options.corpus, locale, err, options.bibliography);
      const hits = versionsInForce(corpus, corpus.search.search(query, { limit: options.limit * 2 }), date).slice(0, options.limit);
      const rows = hits.map((hit) => ({ ...describeItem(corpus, hit.entry), score: Number(hit.score.toFixed(3)) }));
      if (options.json) out.write(JSON.stringify(rows, null, 2) + '\n');
      else if (rows.length === 0) out.write(t(locale, 'cli.no-match', { query }) + '\n');
      else rows.forEach((row, i) => out.write(`${String(i + 1).padStart(2)}. ${row.title}  [${kindName(row.kind, locale)}${row.docNumber ? ' ' + row.docNumber : ''}${row.date ? ' ' + row.date : ''}]\n`));
      exitCode = hits.length > 0 ? 0 : 1;
    });

  const check = program
    .command('check')
    .description('check the citations of Markdown papers (- for standard input)')
    .argument('<files...>', 'Markdown files, UTF-8 (or UTF-16 with a BOM)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addPaperOptions(check, 'message')
    .action(async (files: string[], options: { format: 'text' | 'json' } & PaperOptions) => {
      const { papers, service, settings, locale } = await preparePapers(files, options, input, err);
      const results = eachPaper(service, papers, (paper) => {
        const verdicts = service.verdicts(paper, settings);
        return { file: paper.uri, diagnostics: service.diagnostics(paper, settings), verdicts, verdictCounts: countVerdicts(verdicts) };
      });
      if (options.format === 'json') out.write(JSON.stringify(results, null, 2) + '\n');
      else {
        for (const { file, diagnostics } of results) {
          for (const d of diagnostics) out.write(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d.severity)} ${d.code} ${d.message}\n`);
        }
        const counts = countBySeverity(results.flatMap((r) => r.diagnostics));
        err.write(t(locale, 'cli.summary', { files: files.length, errors: counts.error, warnings: counts.warning, hints: counts.hint }) + '\n');
        err.write(verdictSummary(countVerdicts(results.flatMap((r) => r.verdicts)), locale) + '\n');
      }
      exitCode = results.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
    });

  const report = program
    .command('report')
    .description('the citation report of Markdown papers: table of authorities with check results')
    .argument('<files...>', 'Markdown files, UTF-8 (or UTF-16 with a BOM); - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html', 'json', 'csv']).default('md'));
  addPaperOptions(report, 'report')
    .action(async (files: string[], options: { format: ReportFormat } & PaperOptions) => {
      const { papers, service, settings, locale } = await preparePapers(files, options, input, err);
      const reports = eachPaper(service, papers, (paper) => service.citationReport(paper, paper.uri, settings));
      out.write(renderReports(reports, options.format, locale));
      exitCode = reports.some((r) => r.counts.errors > 0) ? 1 : 0;
    });

  program
    .command('lsp')
    .description('start the language server (for editors other than VS Code)')
    .option('--stdio', 'talk LSP over stdin/stdout (the default)')
    .addOption(localeOption('message'))
    .action(async (options: { locale: string }) => {
      explainEndOfInput(normalizeLocale(options.locale));
      const { startServer } = await import('../lsp/server');
      startServer();
      exitCode = -1;
    });

  const locale = localeOfArguments(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      err.write(`lexcite: ${error.text(locale)}\n`);
      return 2;
    }
    if (error instanceof CorpusLoadError) {
      err.write(`lexcite: ${error.message}\n`);
      return 2;
    }
    // A defect, not bad input: one line for the user; the stack only when asked for (LEXCITE_DEBUG=1).
    err.write(`lexcite: ${t(locale, 'cli.internal-error', { message: (error as Error)?.message ?? String(error) })}\n`);
    if (process.env.LEXCITE_DEBUG) err.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
  return exitCode;
}

/**
 * The server exits with code 1 when its input ends without an LSP shutdown request (as the protocol says); say
 * why, so that `lexcite lsp` typed at a terminal or run with no input does not fail in silence.
 */
function explainEndOfInput(locale: Locale): void {
  let inputEnded = false;
  process.stdin.once('end', () => (inputEnded = true));
  process.stdin.once('close', () => (inputEnded = true));
  process.once('exit', (code) => {
    if (inputEnded && code !== 0) fs.writeSync(2, `${t(locale, 'cli.lsp-input-ended')}\n`);
  });
}

/** Of several versions of one statute among the hits, only the one in force on the date (at the best version's rank). */
function versionsInForce(corpus: Corpus, hits: SearchHit[], date: string | undefined): SearchHit[] {
  const out: SearchHit[] = [];
  const seen = new Set<string>();
  for (const hit of hits) {
    const document = hit.entry.type === 'document' ? corpus.document(hit.entry.id) : undefined;
    const versions = document?.kind === 'statute' ? corpus.lookupTitle(document.title).filter((e) => e.type === 'document' && e.via === 'title').map((e) => corpus.document(e.id)!) : [];
    if (!document || !isVersionSet(versions)) {
      out.push(hit);
      continue;
    }
    if (seen.has(document.title)) continue;
    seen.add(document.title);
    const chosen = chooseVersion(versions, undefined, date ?? todayIso()).chosen;
    out.push(chosen === document ? hit : { ...hit, entry: { ...hit.entry, id: chosen.id } });
  }
  return out;
}

function isoDateOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError('cli.date-invalid', { value });
  return value;
}

function severityName(severity: number | undefined): string {
  return severity === 1 ? 'error' : severity === 2 ? 'warning' : severity === 3 ? 'information' : 'hint';
}

function countBySeverity(diagnostics: { severity?: number }[]): { error: number; warning: number; hint: number } {
  const counts = { error: 0, warning: 0, hint: 0 };
  for (const d of diagnostics) {
    if (d.severity === 1) counts.error++;
    else if (d.severity === 2) counts.warning++;
    else counts.hint++;
  }
  return counts;
}

function lookupJson(result: LookupResult): unknown {
  switch (result.status) {
    case 'found': {
      const { item } = result;
      const base = item.type === 'document'
        ? { type: 'document', id: item.item.id, title: item.item.title, kind: item.item.kind, issuers: item.item.issuers, docNumber: item.item.docNumber, date: item.item.date, source: item.item.source }
        : item.type === 'record'
          ? { type: 'record', id: item.item.id, title: item.item.title, authors: item.item.authors, journal: item.item.journal, year: item.item.year, issue: item.item.issue, volume: item.item.volume }
          : { type: 'instrument', id: item.item.id, title: item.item.title, kind: item.item.kind, jurisdictions: item.item.jurisdictions, indexed: false, citedAt: item.item.sites.map((s) => ({ file: s.file, line: s.line, in: s.in })) };
      return { status: 'found', via: result.via, match: base, ...(result.provision ? { provision: result.provision } : {}) };
    }
    case 'no-document':
      return { status: 'no-document', query: result.query, closest: result.closest.map((h) => ({ title: h.entry.title, id: h.entry.id, type: h.entry.type })) };
    case 'no-provision':
      return { status: 'no-provision', document: { id: result.document.id, title: result.document.title }, reference: result.reference, available: result.available };
    default:
      return { status: 'not-a-citation', query: result.query };
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
