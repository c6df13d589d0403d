/**
 * The user's bibliographies on disk (lexcite.bibliography, --bibliography): files or globs, relative to a base
 * folder, read as CSL-JSON or BibTeX by the core (corpus/literature.ts). A file that cannot be read or an entry
 * that cannot be parsed is reported with its place; the rest still loads.
 */
import * as fs from 'fs';
import * as path from 'path';
import { joinLiterature, readLiterature } from '../core';
import { filesUnder } from './folderWalk';
import type { Literature, LiteratureProblem } from '../core';

/** A bibliography file larger than this is refused rather than read (a library of 100,000 entries is ~50 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** How far a glob walks at most, so that `**` from a large workspace root stays bounded. */
const MAX_FOLDERS = 5000;
const MAX_DEPTH = 32;
const MAX_FILES = 10_000;

export interface LoadedBibliographies extends Literature {
  /** The files read, absolute. */
  files: string[];
}

export function loadBibliographies(patterns: readonly string[], base: string): LoadedBibliographies {
  const files: string[] = [];
  const problems: LiteratureProblem[] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.trim() === '') continue;
    const matched = expand(pattern.trim(), base);
    if (matched.length === 0) problems.push({ file: path.resolve(base, pattern), message: isGlob(pattern) ? 'no file matches this pattern' : 'no such file' });
    for (const file of matched) if (!files.includes(file)) files.push(file);
  }
  const parts: Literature[] = files.map((file) => {
    try {
      const size = fs.statSync(file).size;
      if (size > MAX_FILE_BYTES) return { records: [], problems: [{ file, message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; not read` }] };
      return readLiterature(fs.readFileSync(file, 'utf8'), file);
    } catch (error) {
      return { records: [], problems: [{ file, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }] };
    }
  });
  const joined = joinLiterature(parts);
  return { records: joined.records, problems: [...problems, ...joined.problems], files };
}

/**
 * What the patterns name now, as files with their size and modification time: a watcher compares it before
 * reloading, so an event that changed nothing (an editor touching the folder) costs a few stats.
 */
export function bibliographyFingerprint(patterns: readonly string[], base: string): string {
  const files = patterns.filter((p) => typeof p === 'string' && p.trim() !== '').flatMap((p) => expand(p.trim(), base));
  return files.map((file) => {
    try {
      const stat = fs.statSync(file);
      return `${file}\u0000${stat.size}\u0000${stat.mtimeMs}`;
    } catch {
      return `${file}\u0000gone`;
    }
  }).join('\n');
}

/** The folders to watch for the patterns: where their files are, and where a file they name may appear. */
export function foldersToWatch(patterns: readonly string[], base: string, files: readonly string[]): string[] {
  const folders = new Set(files.map((file) => path.dirname(file)));
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.trim() === '') continue;
    const absolute = path.resolve(base, pattern.trim());
    const parts = absolute.split(/[\\/]/);
    const firstGlob = parts.findIndex((p) => isGlob(p));
    folders.add(firstGlob < 0 ? path.dirname(absolute) : parts.slice(0, firstGlob).join(path.sep) || path.sep);
  }
  return [...folders];
}

/** One line per problem: file:line: message. */
export function describeProblem(problem: LiteratureProblem): string {
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message}`;
}

function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** The files a path or glob names (`*`, `?`, `**`, `[…]`, `{a,b}`), sorted. */
function expand(pattern: string, base: string): string[] {
  const absolute = path.resolve(base, pattern);
  if (!isGlob(pattern)) return isFile(absolute) ? [absolute] : [];
  const parts = absolute.split(/[\\/]/);
  const firstGlob = parts.findIndex((p) => isGlob(p));
  const root = parts.slice(0, firstGlob).join(path.sep) || path.sep;
  const matcher = globRegex(parts.slice(firstGlob).join('/'));
  return filesUnder([root], (relative) => matcher.test(relative), { maxDepth: MAX_DEPTH, maxFiles: MAX_FILES, maxFolders: MAX_FOLDERS }).sort();
}

function globRegex(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{' && glob.indexOf('}', i) > i) {
      const close = glob.indexOf('}', i);
      source += `(?:${glob.slice(i + 1, close).split(',').map((alt) => alt.replace(/[.+^$()|\\*?[\]]/g, '\\$&')).join('|')})`;
      i = close;
    }
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
