/**
 * Statute collections with an on-disk cache, so a restart neither re-parses thousands of files nor holds
 * hundreds of thousands of provisions in memory.
 *
 * A collection's cache file holds a small index — per source file: its path, size and mtime, the document's
 * metadata (title, aliases, pinyin, versions) and where its provisions are — followed by the provisions of every
 * document, each v8-serialised on its own. Loading reads the index only; a document's provisions are read from
 * the file the first time something looks at them (a citation of that law), and kept from then on.
 *
 * A changed, added or removed source file is re-parsed or dropped; the rest come from the cache. The background
 * loader works in short slices between which the event loop runs, so the language server keeps answering while a
 * collection loads. Nothing here throws for a missing folder or a broken cache: a cache that cannot be read is
 * rebuilt. Provisions come through a ProvisionSource that checks the blob's hash; when the cache no longer holds
 * them, the source file is parsed again and served only if it still holds the same statute. Otherwise the
 * document is a load fault (told once to the caller's listener) and unavailable — never an empty statute.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import type { CorpusDocument, Provision } from '../core/corpus/model';
import type { ImportProblem, ParsedStatute } from '../core/statutes/importTypes';
import { DocumentMetadata, ProvisionFaultListener, ProvisionRead, ProvisionSource, documentFromSource, sameStatute } from '../core/statutes/provisionSource';
import { cacheDirectoryProblem, removeStaleTemporaries, reportProvisionFault } from './cacheDirectory';
import { assembleCollection, faultProblem, listStatuteFiles, parseStatuteFile, parseStatuteFileSteps, readStatuteText } from './statuteFolder';
import { runInSlices } from './timeSlices';

/** Bump when the parsers' output or this layout changes, so old caches are not trusted. */
export const CACHE_FORMAT = 6;
const MAGIC = 'LEXCITE-STATUTES';

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
  /** Changed by every write, and not settable: a file rewritten with its old size and mtime restored still shows. */
  ctimeMs: number;
}

/** One source file in the cache index. */
interface IndexEntry extends FileStamp {
  problems: ImportProblem[];
  codePart?: string;
  /** The document without its provisions; absent for files that are not statutes. */
  document?: Omit<CorpusDocument, 'provisions'>;
  provisionCount: number;
  /** Byte range of the v8-serialised provisions in the blob, and the hash of those bytes. */
  offset: number;
  length: number;
  sha256: string;
}

interface CacheIndex {
  format: number;
  dir: string;
  entries: IndexEntry[];
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

/** A note about the cache (damaged, cannot be written): for the log, never worth interrupting the user. */
export function isCacheProblem(problem: ImportProblem): boolean {
  return (problem as { cache?: boolean }).cache === true;
}

function cacheProblem(file: string, message: string): ImportProblem {
  return Object.assign({ file, kind: 'warning' as const, message }, { cache: true });
}

// Layout: MAGIC, then a 4-byte big-endian index length, the v8-serialised index, then the provisions blob.
const HEADER = Buffer.byteLength(MAGIC) + 4;

function readIndex(file: string, dir: string, problems: ImportProblem[]): { index: CacheIndex; blobStart: number } | undefined {
  let fd: number | undefined;
  // A damaged cache is rebuilt from the statute files; it is noted in the log, as nothing needs fixing.
  const damaged = (why: string) => {
    problems.push(cacheProblem(file, `the statute cache is damaged (${why}): rebuilt from the statute files`));
    return undefined;
  };
  try {
    if (!fs.existsSync(file)) return undefined;
    fd = fs.openSync(file, 'r');
    const header = Buffer.alloc(HEADER);
    if (fs.readSync(fd, header, 0, HEADER, 0) !== HEADER || header.toString('utf8', 0, HEADER - 4) !== MAGIC) return damaged('no LexCite header');
    const length = header.readUInt32BE(HEADER - 4);
    const body = Buffer.alloc(length);
    if (fs.readSync(fd, body, 0, length, HEADER) !== length) return damaged('truncated');
    const index = v8.deserialize(body) as CacheIndex;
    // From another version of LexCite or another folder: rebuilt without a word.
    if (index?.format !== CACHE_FORMAT || index.dir !== path.resolve(dir) || !Array.isArray(index.entries)) return undefined;
    const blobEnd = index.entries.reduce((end, e) => Math.max(end, e.offset + e.length), 0);
    if (fs.fstatSync(fd).size < HEADER + length + blobEnd) return damaged('truncated');
    return { index, blobStart: HEADER + length };
  } catch (error) {
    return damaged((error as Error).message);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes the cache file, serialising and writing a document at a time between yields (a collection is ~65 MB). */
function* writeCache(file: string, dir: string, parsed: { stamp: FileStamp; result: ParsedStatute }[], problems: ImportProblem[]): Generator<void, { blobStart: number; entries: IndexEntry[] } | undefined> {
  const temporary = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  // Nothing here may throw past this function: a statute the serialiser rejects, a full disk or a read-only
  // folder costs the cache, never the statutes (they are then served from memory).
  try {
    const blobs: Buffer[] = [];
    const entries: IndexEntry[] = [];
    let offset = 0;
    for (const { stamp, result } of parsed) {
      const provisions = result.document?.provisions ?? [];
      const blob = v8.serialize(provisions);
      blobs.push(blob);
      const entry: IndexEntry = { ...stamp, problems: result.problems, provisionCount: provisions.length, offset, length: blob.length, sha256: sha256(blob) };
      if (result.codePart !== undefined) entry.codePart = result.codePart;
      if (result.document) entry.document = withoutProvisions(result.document);
      offset += blob.length;
      entries.push(entry);
      yield;
    }
    const index = v8.serialize({ format: CACHE_FORMAT, dir: path.resolve(dir), entries } satisfies CacheIndex);
    const header = Buffer.alloc(HEADER);
    header.write(MAGIC, 0, 'utf8');
    header.writeUInt32BE(index.length, HEADER - 4);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(temporary, 'w');
    fs.writeSync(fd, header);
    fs.writeSync(fd, index);
    for (const blob of blobs) {
      fs.writeSync(fd, blob);
      yield;
    }
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, file);
    return { blobStart: HEADER + index.length, entries };
  } catch (error) {
    problems.push(cacheProblem(file, `cannot write the statute cache: ${(error as Error).message}`));
    if (fd !== undefined) closeQuietly(fd);
    removeQuietly(temporary);
    return undefined;
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // already closed or gone: nothing left to release
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // a temp file that cannot be removed is cleaned on the next start
  }
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * The provisions of one cached document: read from the cache file and checked against the hash the index
 * holds; when the cache no longer has them, parsed again from the statute file — served only if the file still
 * holds the same statute (title, version, number of provisions), never another one that now sits at that path.
 */
function cacheSource(entry: IndexEntry & { document: DocumentMetadata }, cacheFile: string, blobStart: number, sourceFile: string): ProvisionSource {
  return {
    contentKey: entry.sha256,
    read(): ProvisionRead {
      const cached = readProvisions(cacheFile, blobStart, entry);
      if (cached.ok) return cached;
      const problems: ImportProblem[] = [];
      const text = readStatuteText(sourceFile, problems);
      if (text === undefined) return { ok: false, reason: `${cached.reason}; ${problems.map((p) => p.message).join('; ') || 'the statute file cannot be read'}` };
      const reparsed = parseStatuteFile(sourceFile, text).document;
      const mismatch = sameStatute({ ...entry.document, provisionCount: entry.provisionCount }, reparsed);
      return mismatch ? { ok: false, reason: `${cached.reason}; ${mismatch}` } : { ok: true, provisions: reparsed!.provisions };
    },
  };
}

function readProvisions(cacheFile: string, blobStart: number, entry: IndexEntry): ProvisionRead {
  let fd: number | undefined;
  try {
    fd = fs.openSync(cacheFile, 'r');
    const buffer = Buffer.alloc(entry.length);
    if (fs.readSync(fd, buffer, 0, entry.length, blobStart + entry.offset) !== entry.length) return { ok: false, reason: 'the statute cache is truncated' };
    if (sha256(buffer) !== entry.sha256) return { ok: false, reason: 'the statute cache changed since it was read' };
    const provisions = v8.deserialize(buffer) as Provision[];
    return Array.isArray(provisions) ? { ok: true, provisions } : { ok: false, reason: 'the statute cache is damaged' };
  } catch (error) {
    return { ok: false, reason: `cannot read the statute cache: ${(error as Error).message}` };
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function withoutProvisions(doc: CorpusDocument): Omit<CorpusDocument, 'provisions'> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'provisions')) as Omit<CorpusDocument, 'provisions'>;
}

function* stampsOf(files: string[], root: string, problems: ImportProblem[]): Generator<void, FileStamp[]> {
  const stamps: FileStamp[] = [];
  for (const file of files) {
    if (stamps.length % 100 === 99) yield;
    try {
      const stat = fs.statSync(file);
      stamps.push({ rel: path.relative(root, file), size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs });
    } catch (error) {
      problems.push(faultProblem(file, `cannot read file: ${(error as Error).message}`, 'unreadable'));
    }
  }
  return stamps;
}

/**
 * The load as a generator that yields after each file, so one implementation serves both the CLI (run to the
 * end at once) and the server (run in time slices between which requests are answered).
 */
function* loadSteps(dirs: string[], requestedCacheDir: string | undefined, onFault: ProvisionFaultListener): Generator<void, CollectionLoad> {
  const started = performance.now();
  const parsed: ParsedStatute[] = [];
  const problems: ImportProblem[] = [];
  const refused = requestedCacheDir === undefined ? undefined : cacheDirectoryProblem(requestedCacheDir);
  if (refused) problems.push(cacheProblem(requestedCacheDir!, refused));
  const cacheDir = refused ? undefined : requestedCacheDir;
  if (cacheDir) removeStaleTemporaries(cacheDir);
  let files = 0;
  let parsedFiles = 0;
  let cachedFiles = 0;
  for (const dir of dirs) {
    const root = path.resolve(dir);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
      problems.push(faultProblem(root, 'not a folder', 'not-a-folder'));
      continue;
    }
    const list = listStatuteFiles(root, problems);
    files += list.length;
    yield;
    const stamps = yield* stampsOf(list, root, problems);
    const file = cacheDir ? cachePath(cacheDir, root) : undefined;
    const cache = file ? readIndex(file, root, problems) : undefined;
    yield;
    const cached = new Map((cache?.index.entries ?? []).map((e) => [e.rel, e]));
    const fresh: { stamp: FileStamp; result: ParsedStatute }[] = [];
    const reused: { stamp: FileStamp; entry: IndexEntry }[] = [];
    // Files that cannot be read now are left out of the cache, so that they are read again next time.
    const unreadable = new Set<FileStamp>();
    for (const stamp of stamps) {
      const hit = cached.get(stamp.rel);
      if (hit && hit.size === stamp.size && hit.mtimeMs === stamp.mtimeMs && hit.ctimeMs === stamp.ctimeMs) {
        reused.push({ stamp, entry: hit });
        cachedFiles++;
      } else {
        const full = path.join(root, stamp.rel);
        const text = readStatuteText(full, problems);
        if (text === undefined) unreadable.add(stamp);
        else fresh.push({ stamp, result: yield* parseStatuteFileSteps(full, text) });
        parsedFiles++;
      }
      yield;
    }
    const readable = unreadable.size === 0 ? stamps : stamps.filter((stamp) => !unreadable.has(stamp));
    const unchanged = cache !== undefined && fresh.length === 0 && cache.index.entries.length === readable.length;
    if (unchanged) {
      for (const { entry } of reused) parsed.push(fromIndex(entry, file!, cache.blobStart, root, onFault));
      yield;
      continue;
    }
    // Something changed: rewrite the cache from the new parses and the reused provisions, then serve lazily from it.
    const freshByStamp = new Map(fresh.map((f) => [f.stamp, f]));
    const reusedByStamp = new Map(reused.map((r) => [r.stamp, r.entry]));
    const all: { stamp: FileStamp; result: ParsedStatute }[] = [];
    for (const stamp of readable) {
      const fresh = freshByStamp.get(stamp);
      const result = fresh ? fresh.result : reuse(reusedByStamp.get(stamp)!, file!, cache!.blobStart, path.join(root, stamp.rel), problems);
      if (result) all.push({ stamp, result });
      yield;
    }
    const written = file ? yield* writeCache(file, root, all, problems) : undefined;
    if (written) for (const entry of written.entries) parsed.push(fromIndex(entry, file!, written.blobStart, root, onFault));
    else parsed.push(...all.map((a) => a.result));
  }
  const assembled = assembleCollection(parsed, problems);
  return { documents: assembled.documents, problems: assembled.problems, files, parsedFiles, cachedFiles, milliseconds: performance.now() - started };
}

function fromIndex(entry: IndexEntry, cacheFile: string, blobStart: number, root: string, onFault: ProvisionFaultListener): ParsedStatute {
  const result: ParsedStatute = { problems: entry.problems };
  if (entry.codePart !== undefined) result.codePart = entry.codePart;
  const { document } = entry;
  if (document) result.document = documentFromSource(document, entry.provisionCount, cacheSource({ ...entry, document }, cacheFile, blobStart, path.join(root, entry.rel)), onFault);
  return result;
}

/**
 * An unchanged file's parse, taken from the old cache before it is replaced: its provisions verified as when
 * served; parsed again when the old cache no longer has them. Undefined when the file cannot be read now.
 */
function reuse(entry: IndexEntry, cacheFile: string, blobStart: number, sourceFile: string, problems: ImportProblem[]): ParsedStatute | undefined {
  const { document } = entry;
  if (document) {
    const read = readProvisions(cacheFile, blobStart, entry);
    if (read.ok && read.provisions.length === entry.provisionCount) {
      const result: ParsedStatute = { problems: entry.problems, document: { ...document, provisions: read.provisions } };
      if (entry.codePart !== undefined) result.codePart = entry.codePart;
      return result;
    }
  } else {
    return { problems: entry.problems };
  }
  const text = readStatuteText(sourceFile, problems);
  return text === undefined ? undefined : parseStatuteFile(sourceFile, text);
}

export interface CollectionOptions {
  /** Told once per document whose provisions cannot be read when first used; by default a line on stderr. */
  onProvisionFault?: ProvisionFaultListener;
}

/** Loads collections in one go (the CLI). */
export function loadCollectionsNow(dirs: string[], cacheDir: string | undefined, options: CollectionOptions = {}): CollectionLoad {
  const steps = loadSteps(dirs, cacheDir, options.onProvisionFault ?? reportProvisionFault);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Loads collections in the background: work runs in slices of `sliceMs`, the event loop runs between them. */
export function loadCollections(dirs: string[], cacheDir: string | undefined, sliceMs = 8, options: CollectionOptions = {}): Promise<CollectionLoad> {
  return runInSlices(loadSteps(dirs, cacheDir, options.onProvisionFault ?? reportProvisionFault), sliceMs);
}
