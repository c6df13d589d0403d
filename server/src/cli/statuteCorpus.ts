/**
 * The corpus of a CLI command: the bulletin index and the bundled statute book, plus the statute folders given
 * with --corpus (parsed once, then read from the cache), assembled as the server does (node/corpusAssembly.ts). A folder that is not one, holds no statute, or holds a file that cannot be read
 * stops the command (exit 2): a statute missing from the corpus would be reported as unknown in every paper that
 * cites it. Files skipped as not statutes are named on stderr, with why.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Corpus } from '../core';
import { Locale, t } from '../core';
import type { ImportProblem } from '../core';
import { loadBibliographies } from '../node/bibliography';
import { assembleCorpus } from '../node/corpusAssembly';
import { CorpusLoadError, loadCorpusFiles } from '../node/corpusFiles';
import { StatuteBookError, loadStatuteBook } from '../node/statuteBook';
import { reverseIndexCache } from '../node/reverseIndexCache';
import { defaultCacheDirectory, loadCollectionsNow } from '../node/statuteCollections';
import { isDuplicate, isFault } from '../node/statuteFolder';
import { cappedList, UsageError } from './usage';

export function loadCorpus(statuteFolders: string[], locale: Locale, err: NodeJS.WritableStream, bibliographies: string[] = []): Corpus {
  const bulletin = loadCorpusFiles();
  const book = bundledStatutes();
  const literature = loadLiterature(bibliographies, locale, err);
  const assemble = (folders: Corpus['documents']) => {
    const corpus = assembleCorpus({ bulletin, book, folders, literature }, (message) => {
      throw new CorpusLoadError(message);
    });
    // The reverse index (where a quotation's words are) from the cache when the corpus is unchanged; only what
    // went wrong with the cache is worth a line.
    corpus.reverseIndexStore = reverseIndexCache({ cacheDir: defaultCacheDirectory(), folders: statuteFolders, log: (message, kind) => kind === 'problem' && err.write(`lexcite: ${message}\n`) });
    return corpus;
  };
  if (statuteFolders.length === 0) return assemble([]);
  for (const folder of statuteFolders) {
    if (!isFolder(folder)) throw new UsageError('cli.corpus-not-folder', { folder });
  }
  const load = loadCollectionsNow(statuteFolders, defaultCacheDirectory());
  const faults = load.problems.filter(isFault);
  if (faults.length > 0) {
    const lines = cappedList(faults.map((f) => `  ${shown(f.file)}: ${f.message}`), locale);
    throw new UsageError('cli.corpus-faults-list', { head: t(locale, 'cli.corpus-faults', { count: faults.length }), list: lines.join('\n'), hint: t(locale, 'cli.corpus-faults-hint') });
  }
  for (const folder of statuteFolders) {
    const inFolder = within(folder);
    const holdsStatute = load.documents.some((d) => inFolder(d.location.file)) || load.problems.some((p) => isDuplicate(p) && inFolder(p.file));
    if (!holdsStatute) {
      const files = new Set(load.problems.filter((p) => inFolder(p.file)).map((p) => p.file)).size;
      throw new UsageError('cli.corpus-no-statute', { folder, files });
    }
  }
  err.write(`lexcite: ${t(locale, 'cli.corpus-loaded', { statutes: load.documents.length, folders: statuteFolders.length, files: load.files, cached: load.cachedFiles, ms: Math.round(load.milliseconds) })}\n`);
  const skipped = skippedFiles(load.problems);
  if (skipped.length > 0) {
    err.write(`lexcite: ${t(locale, 'cli.corpus-skipped', { count: skipped.length })}\n${cappedList(skipped.map((p) => `  ${shown(p.file)}: ${p.message}`), locale).join('\n')}\n`);
  }
  return assemble(load.documents);
}

/**
 * The works of the --bibliography files. A file that does not exist stops the command (exit 2), as a missing
 * --corpus folder does; damaged entries are named on stderr and the rest is used.
 */
function loadLiterature(files: string[], locale: Locale, err: NodeJS.WritableStream) {
  if (files.length === 0) return [];
  for (const file of files) {
    if (!fs.existsSync(file)) throw new UsageError('cli.cannot-read', { file, reason: { key: 'cli.reason.ENOENT' } });
  }
  const loaded = loadBibliographies(files, process.cwd());
  err.write(`lexcite: ${t(locale, 'cli.bibliography-loaded', { records: loaded.records.length, files: loaded.files.length })}\n`);
  if (loaded.problems.length > 0) {
    const lines = cappedList(loaded.problems.map((p) => `  ${shown(p.file)}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`), locale);
    err.write(`lexcite: ${t(locale, 'cli.bibliography-problems', { count: loaded.problems.length })}\n${lines.join('\n')}\n`);
  }
  return loaded.records;
}

/** The statute book shipped in data/statutes/; a missing or damaged one stops the command like a damaged data file. */
function bundledStatutes() {
  try {
    return loadStatuteBook();
  } catch (error) {
    if (error instanceof StatuteBookError) throw new CorpusLoadError(error.message, error.file);
    throw error;
  }
}

function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Whole files left out (not statutes, repeated copies), one entry per file. */
function skippedFiles(problems: ImportProblem[]): ImportProblem[] {
  const byFile = new Map<string, ImportProblem>();
  for (const p of problems) if (p.kind === 'skipped' && !byFile.has(p.file)) byFile.set(p.file, p);
  return [...byFile.values()];
}

function within(folder: string): (file: string) => boolean {
  const root = path.resolve(folder) + path.sep;
  return (file) => path.resolve(file).startsWith(root);
}

/** A path as the user would type it: relative to the working folder when it is inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
