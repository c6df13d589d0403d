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
import { assembleCorpus } from '../node/corpusAssembly';
import { CorpusLoadError, loadCorpusFiles } from '../node/corpusFiles';
import { StatuteBookError, loadStatuteBook } from '../node/statuteBook';
import { defaultCacheDirectory, loadCollectionsNow } from '../node/statuteCollections';
import { isDuplicate, isFault } from '../node/statuteFolder';
import { cappedList, UsageError } from './usage';

export function loadCorpus(statuteFolders: string[], locale: Locale, err: NodeJS.WritableStream): Corpus {
  const bulletin = loadCorpusFiles();
  const book = bundledStatutes();
  const assemble = (folders: Corpus['documents']) => assembleCorpus({ bulletin, book, folders }, (message) => {
    throw new CorpusLoadError(message);
  });
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
