/**
 * The reverse index kept on disk next to the statute cache, so a server or a `lexcite check` loads it in a few
 * tens of milliseconds instead of building it again (seconds). One file per set of statute folders:
 *
 *   MAGIC (16 ASCII bytes) | fingerprint (32) | sha256 of the body (32) | body length (uint64 BE) | body
 *
 * The body is core/corpus/reverseIndexBytes.ts's. The fingerprint is a sha256 over the index format and every
 * document's id and content key (the hash its provisions are verified against: the statute book's per-document
 * hash, the statute cache's; for documents held in memory, a hash of their provisions), so any changed, added,
 * removed or reordered document means a rebuild, and computing it reads no provisions. A file that is foreign,
 * truncated or damaged (checksum, header, lengths, offsets) is said in the log and rebuilt, never served. Reading
 * and checking go in steps of READ_STEP bytes, writing too, through a temporary file renamed into place.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { REVERSE_INDEX_FORMAT, reverseIndexBytes, reverseIndexFromBytes } from '../core';
import type { CorpusDocument, ReverseIndex, ReverseIndexStore } from '../core';
import { documentContentKey, provisionsWithoutKeeping } from '../core/statutes/provisionSource';
import { cacheDirectoryProblem, removeStaleTemporaries } from './cacheDirectory';

const MAGIC = 'LEXCITE-REVERSE\n';
const HEADER = MAGIC.length + 32 + 32 + 8;
/** Bytes read, hashed or written per step: a millisecond or two. */
const READ_STEP = 1 << 20;
/** Documents whose content keys are hashed per step. */
const KEYS_PER_STEP = 500;

/** What the cache tells its user: `problem` for a file it had to ignore or could not write, `info` otherwise. */
export type ReverseCacheLog = (message: string, kind: 'info' | 'problem') => void;

export interface ReverseIndexCacheOptions {
  cacheDir: string;
  /** The statute folders of the corpus: each set has its own file, so two workspaces do not overwrite each other's. */
  folders: readonly string[];
  log: ReverseCacheLog;
}

/** The file for this cache folder and set of statute folders. */
export function reverseIndexCachePath(cacheDir: string, folders: readonly string[]): string {
  const scope = [...new Set(folders.map((f) => path.resolve(f)))].sort().join('\n');
  const key = crypto.createHash('sha1').update(scope).digest('hex').slice(0, 16);
  return path.join(cacheDir, `reverse-${key}.v${REVERSE_INDEX_FORMAT}.bin`);
}

export function reverseIndexCache(options: ReverseIndexCacheOptions): ReverseIndexStore {
  const file = reverseIndexCachePath(options.cacheDir, options.folders);
  const fingerprints = new WeakMap<readonly CorpusDocument[], Buffer>();
  function* fingerprintOf(documents: readonly CorpusDocument[]): Generator<void, Buffer> {
    const known = fingerprints.get(documents);
    if (known) return known;
    const fingerprint = yield* corpusFingerprint(documents);
    fingerprints.set(documents, fingerprint);
    return fingerprint;
  }
  // A folder that cannot hold the cache is said once, and then neither read nor fingerprinted for.
  let refused: string | undefined | null = null;
  const usable = () => {
    if (refused === null) {
      refused = cacheDirectoryProblem(options.cacheDir);
      if (refused) options.log(refused, 'problem');
    }
    return refused === undefined;
  };
  return {
    *load(documents) {
      if (!usable()) return undefined;
      const started = performance.now();
      const fingerprint = yield* fingerprintOf(documents);
      const read = yield* readCacheFile(file, fingerprint, documents);
      if (typeof read === 'string') {
        if (read !== NO_FILE) options.log(read, read === CHANGED ? 'info' : 'problem');
        return undefined;
      }
      options.log(`reverse index loaded from ${file} in ${Math.round(performance.now() - started)} ms`, 'info');
      return read;
    },
    *save(index, documents) {
      if (!usable()) return;
      removeStaleTemporaries(options.cacheDir);
      const started = performance.now();
      const fingerprint = yield* fingerprintOf(documents);
      const problem = yield* writeCacheFile(file, fingerprint, reverseIndexBytes(index, documents.length));
      if (problem) options.log(`cannot save the reverse index to ${file}: ${problem}`, 'problem');
      else options.log(`reverse index saved to ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`, 'info');
    },
  };
}

/** sha256 over the index format and each document's id and content key, in order. */
export function* corpusFingerprint(documents: readonly CorpusDocument[]): Generator<void, Buffer> {
  const hash = crypto.createHash('sha256').update(`reverse index ${REVERSE_INDEX_FORMAT}\n${documents.length}\n`);
  let sinceYield = 0;
  for (const document of documents) {
    const known = documentContentKey(document);
    hash.update(`${document.id}\u0000${known ?? provisionsHash(document)}\n`);
    // A document hashed from its provisions (a whole statute serialised) is a step of its own.
    if (known === undefined || ++sinceYield >= KEYS_PER_STEP) {
      sinceYield = 0;
      yield;
    }
  }
  return hash.digest();
}

/** The key of a document with no source to say it (in memory: the bulletin, a statute folder whose cache could not be written). */
function provisionsHash(document: CorpusDocument): string {
  return crypto.createHash('sha256').update(JSON.stringify(provisionsWithoutKeeping(document))).digest('hex');
}

const NO_FILE = 'no file';
const CHANGED = 'the corpus changed since the reverse index was saved: it is built again';

/** The saved index, or why there is none to use (NO_FILE, CHANGED, or what is wrong with the file). */
function* readCacheFile(file: string, fingerprint: Buffer, documents: readonly CorpusDocument[]): Generator<void, ReverseIndex | string> {
  const ignored = (why: string) => `the saved reverse index ${file} is ignored (${why}): it is built again`;
  let fd: number | undefined;
  try {
    try {
      fd = fs.openSync(file, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? NO_FILE : ignored((error as Error).message);
    }
    const size = fs.fstatSync(fd).size;
    const header = Buffer.alloc(HEADER);
    if (fs.readSync(fd, header, 0, HEADER, 0) !== HEADER) return ignored('shorter than its header');
    if (header.toString('latin1', 0, MAGIC.length) !== MAGIC) return ignored('not a LexCite reverse index');
    if (!header.subarray(MAGIC.length, MAGIC.length + 32).equals(fingerprint)) return CHANGED;
    const checksum = header.subarray(MAGIC.length + 32, MAGIC.length + 64);
    const length = Number(header.readBigUInt64BE(MAGIC.length + 64));
    if (size !== HEADER + length) return ignored(size < HEADER + length ? 'truncated' : 'longer than it says');
    const body = new Uint8Array(length);
    // The allocation (tens of megabytes) is a step of its own: it can start a garbage collection.
    yield;
    const hash = crypto.createHash('sha256');
    for (let at = 0; at < length; at += READ_STEP) {
      const chunk = body.subarray(at, Math.min(length, at + READ_STEP));
      if (fs.readSync(fd, chunk, 0, chunk.length, HEADER + at) !== chunk.length) return ignored('truncated while read');
      hash.update(chunk);
      yield;
    }
    fs.closeSync(fd);
    fd = undefined;
    if (!hash.digest().equals(checksum)) return ignored('its checksum does not match its content');
    const index = yield* reverseIndexFromBytes(documents, body);
    return typeof index === 'string' ? ignored(index) : index;
  } catch (error) {
    return ignored((error as Error).message);
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

/** Writes the file through a temporary one renamed into place; the problem, if it could not. */
function* writeCacheFile(file: string, fingerprint: Buffer, parts: Uint8Array[]): Generator<void, string | undefined> {
  const temporary = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(temporary, 'w');
    // The header goes last, once the body's checksum is known: until then the file is not one a reader accepts.
    fs.writeSync(fd, Buffer.alloc(HEADER), 0, HEADER, 0);
    const hash = crypto.createHash('sha256');
    let length = 0;
    for (const part of parts) {
      for (let at = 0; at < part.length; at += READ_STEP) {
        const chunk = part.subarray(at, Math.min(part.length, at + READ_STEP));
        hash.update(chunk);
        fs.writeSync(fd, chunk, 0, chunk.length, HEADER + length);
        length += chunk.length;
        yield;
      }
    }
    const header = Buffer.alloc(HEADER);
    header.write(MAGIC, 0, 'latin1');
    fingerprint.copy(header, MAGIC.length);
    hash.digest().copy(header, MAGIC.length + 32);
    header.writeBigUInt64BE(BigInt(length), MAGIC.length + 64);
    fs.writeSync(fd, header, 0, HEADER, 0);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, file);
    removeOlderFormats(file);
    return undefined;
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // left for removeStaleTemporaries
    }
    return (error as Error).message;
  }
}

/** The same folders' index in an older format: no version reads it again, and it is tens of megabytes. */
function removeOlderFormats(file: string): void {
  const name = path.basename(file);
  const stem = name.slice(0, name.indexOf('.v'));
  try {
    for (const other of fs.readdirSync(path.dirname(file))) {
      const format = new RegExp(`^${stem}\\.v(\\d+)\\.bin$`).exec(other)?.[1];
      if (format !== undefined && Number(format) < REVERSE_INDEX_FORMAT) fs.rmSync(path.join(path.dirname(file), other), { force: true });
    }
  } catch {
    // not ours to remove, or gone: it only takes room
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // already closed
  }
}
