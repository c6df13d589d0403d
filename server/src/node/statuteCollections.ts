/**
 * Statute collections with an on-disk cache, so a restart does not re-parse thousands of files.
 *
 * The cache keeps every file's parse (v8-serialised, in chunks of a hundred files) keyed by the file's path,
 * size and mtime: a changed, added or removed file is re-parsed or dropped, the rest come from the cache. The
 * background loader works in short slices between which the event loop runs, so the language server keeps
 * answering while a collection loads. Nothing here throws for a missing folder or a broken cache.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import type { CorpusDocument } from '../core/model';
import type { ImportProblem, ParsedStatute } from '../core/statutes/markdown';
import { assembleCollection, listStatuteFiles, parseStatuteFile, readStatuteText } from './statuteFolder';

/** Bump when the parsers' output changes, so old caches are not trusted. */
export const CACHE_FORMAT = 3;
const CHUNK_FILES = 100;

export interface CollectionLoad {
  documents: CorpusDocument[];
  problems: ImportProblem[];
  files: number;
  /** Files parsed now (new or changed) and files taken from the cache. */
  parsedFiles: number;
  cachedFiles: number;
  milliseconds: number;
}

interface FileStamp {
  rel: string;
  size: number;
  mtimeMs: number;
}

interface CacheFile {
  format: number;
  dir: string;
  entries: (FileStamp & { chunk: number; index: number })[];
  chunks: Uint8Array[];
}

export function defaultCacheDirectory(): string {
  if (process.env.LEXCITE_CACHE) return process.env.LEXCITE_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'lexcite');
}

function cachePath(cacheDir: string, dir: string): string {
  const key = crypto.createHash('sha1').update(path.resolve(dir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, `statutes-${key}.v${CACHE_FORMAT}.bin`);
}

function readCache(file: string, dir: string): CacheFile | undefined {
  try {
    const cache = v8.deserialize(fs.readFileSync(file)) as CacheFile;
    return cache.format === CACHE_FORMAT && cache.dir === path.resolve(dir) ? cache : undefined;
  } catch {
    // Missing, truncated or from another version: rebuild it.
    return undefined;
  }
}

function writeCache(file: string, dir: string, stamps: FileStamp[], parsed: ParsedStatute[], problems: ImportProblem[]): void {
  const entries: CacheFile['entries'] = [];
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < parsed.length; start += CHUNK_FILES) {
    chunks.push(v8.serialize(parsed.slice(start, start + CHUNK_FILES)));
    for (let i = start; i < Math.min(parsed.length, start + CHUNK_FILES); i++) entries.push({ ...stamps[i], chunk: chunks.length - 1, index: i - start });
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, v8.serialize({ format: CACHE_FORMAT, dir: path.resolve(dir), entries, chunks } satisfies CacheFile));
    fs.renameSync(temporary, file);
  } catch (error) {
    problems.push({ file, kind: 'warning', message: `cannot write the statute cache: ${(error as Error).message}` });
  }
}

function stampsOf(files: string[], root: string, problems: ImportProblem[]): FileStamp[] {
  const stamps: FileStamp[] = [];
  for (const file of files) {
    try {
      const stat = fs.statSync(file);
      stamps.push({ rel: path.relative(root, file), size: stat.size, mtimeMs: stat.mtimeMs });
    } catch (error) {
      problems.push({ file, kind: 'skipped', message: `cannot read file: ${(error as Error).message}` });
    }
  }
  return stamps;
}

/**
 * The load as a generator that yields after each file, so one implementation serves both the CLI (run to the
 * end at once) and the server (run in time slices between which requests are answered).
 */
function* loadSteps(dirs: string[], cacheDir: string | undefined): Generator<void, CollectionLoad> {
  const started = performance.now();
  const parsed: ParsedStatute[] = [];
  const problems: ImportProblem[] = [];
  let files = 0;
  let parsedFiles = 0;
  let cachedFiles = 0;
  for (const dir of dirs) {
    const root = path.resolve(dir);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
      problems.push({ file: root, kind: 'skipped', message: 'not a folder' });
      continue;
    }
    const list = listStatuteFiles(root, problems);
    files += list.length;
    const stamps = stampsOf(list, root, problems);
    const file = cacheDir ? cachePath(cacheDir, root) : undefined;
    const cache = file ? readCache(file, root) : undefined;
    const cached = new Map((cache?.entries ?? []).map((e) => [e.rel, e]));
    const chunks = new Map<number, ParsedStatute[]>();
    const fromHere: ParsedStatute[] = [];
    let changed = !cache || cache.entries.length !== stamps.length;
    for (const stamp of stamps) {
      const hit = cached.get(stamp.rel);
      if (hit && hit.size === stamp.size && hit.mtimeMs === stamp.mtimeMs) {
        let chunk = chunks.get(hit.chunk);
        if (!chunk) {
          chunk = v8.deserialize(cache!.chunks[hit.chunk]) as ParsedStatute[];
          chunks.set(hit.chunk, chunk);
        }
        fromHere.push(chunk[hit.index]);
        cachedFiles++;
      } else {
        const full = path.join(root, stamp.rel);
        const text = readStatuteText(full, problems);
        fromHere.push(text === undefined ? { problems: [] } : parseStatuteFile(full, text));
        parsedFiles++;
        changed = true;
      }
      yield;
    }
    if (file && changed) writeCache(file, root, stamps, fromHere, problems);
    parsed.push(...fromHere);
  }
  const assembled = assembleCollection(parsed, problems);
  return { documents: assembled.documents, problems: assembled.problems, files, parsedFiles, cachedFiles, milliseconds: performance.now() - started };
}

/** Loads collections in one go (the CLI). */
export function loadCollectionsNow(dirs: string[], cacheDir: string | undefined): CollectionLoad {
  const steps = loadSteps(dirs, cacheDir);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Loads collections in the background: work runs in slices of `sliceMs`, the event loop runs between them. */
export async function loadCollections(dirs: string[], cacheDir: string | undefined, sliceMs = 8): Promise<CollectionLoad> {
  const steps = loadSteps(dirs, cacheDir);
  let sliceStart = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
