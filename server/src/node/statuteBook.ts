/**
 * The bundled statute book (data/statutes/statutes.pack, see statutePack.ts): the documents' metadata read at
 * once (the pack's header and index), each document's provisions read from the file and decompressed the first
 * time something looks at them, after checking the content hash. A damaged document is a load fault (reported once,
 * the document unavailable), never a crash and never an empty statute.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CorpusDocument } from '../core/corpus/model';
import { ProvisionFaultListener, documentFromSource } from '../core/statutes/provisionSource';
import { reportProvisionFault } from './cacheDirectory';
import { DECODE_PIECE, HEADER_LENGTH, PackCollection, decodeProvisions, decodeProvisionsInSteps, packIndexEnd, readPackEncoded, readPackIndex } from './statutePack';

export const STATUTE_BOOK_FILE = path.join('statutes', 'statutes.pack');

export class StatuteBookError extends Error {
  constructor(message: string, readonly file: string) {
    super(message);
    this.name = 'StatuteBookError';
  }
}

export interface StatuteBook {
  file: string;
  format: number;
  /** The date of the collections' newest source: the statute book is as current as this. */
  date: string;
  collections: PackCollection[];
  documents: CorpusDocument[];
  /** Time to read the file and build the documents (provisions not yet decompressed). */
  milliseconds: number;
}

export interface StatuteBookOptions {
  /** Told once per document whose provisions cannot be read; by default a line on stderr. */
  onProvisionFault?: ProvisionFaultListener;
}

/**
 * data/statutes/statutes.pack next to the bundle (dist/) or the compiled tree (out/), like the bulletin's data;
 * $LEXCITE_STATUTE_BOOK when set.
 */
export function defaultStatuteBookPath(): string {
  if (process.env.LEXCITE_STATUTE_BOOK) return path.resolve(process.env.LEXCITE_STATUTE_BOOK);
  const candidates = [
    path.resolve(__dirname, '..', 'data', STATUTE_BOOK_FILE),
    path.resolve(__dirname, '..', '..', '..', '..', 'data', STATUTE_BOOK_FILE),
    path.resolve(__dirname, '..', '..', '..', 'data', STATUTE_BOOK_FILE),
  ];
  return candidates.find((file) => fs.existsSync(file)) ?? candidates[0];
}

/** Books loaded with the default fault listener, by file and stamp: a process that runs several commands reads it once. */
const loaded = new Map<string, StatuteBook>();

/**
 * Loads the statute book; throws StatuteBookError when the file is missing or its header or index is damaged.
 * The documents are immutable, so with the default fault listener a book already loaded from the same unchanged
 * file is shared.
 */
export function loadStatuteBook(file = defaultStatuteBookPath(), options: StatuteBookOptions = {}): StatuteBook {
  if (options.onProvisionFault) return readStatuteBook(file, options.onProvisionFault);
  let stamp: string;
  try {
    const stat = fs.statSync(file);
    stamp = `${path.resolve(file)}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  } catch (error) {
    throw new StatuteBookError(`cannot read the statute book ${file}: ${(error as Error).message}`, file);
  }
  let book = loaded.get(stamp);
  if (!book) {
    book = readStatuteBook(file, reportProvisionFault);
    loaded.clear();
    loaded.set(stamp, book);
  }
  return book;
}

function readStatuteBook(file: string, onFault: ProvisionFaultListener): StatuteBook {
  const started = performance.now();
  // Only the header and the index are read now (~0.3 MB of the ~11 MB file); each document's provisions are read
  // from the file when something first looks at them.
  let head: Buffer;
  let size: number;
  try {
    size = fs.statSync(file).size;
    const header = readBytes(file, 0, Math.min(HEADER_LENGTH, size));
    head = readBytes(file, 0, Math.min(packEnd(file, header), size));
  } catch (error) {
    if (error instanceof StatuteBookError) throw error;
    throw new StatuteBookError(`cannot read the statute book ${file}: ${(error as Error).message}`, file);
  }
  let parsed: ReturnType<typeof readPackIndex>;
  try {
    parsed = readPackIndex(head, size);
  } catch (error) {
    throw new StatuteBookError(`${file}: ${(error as Error).message}`, file);
  }
  const { index, blobStart } = parsed;
  let compressed = Buffer.alloc(0);
  // Decompressed and checked against the index's hash; the compressed bytes are read into a buffer kept for the next
  // read (a pass over the whole book reads 2,400 documents).
  const encodedOf = (i: number) => {
    const [offset, length] = index.spans[i];
    if (compressed.length < length) compressed = Buffer.allocUnsafe(Math.max(length, compressed.length * 2));
    const bytes = readBytes(file, blobStart + offset, length, 'the statute book is damaged here', compressed);
    return readPackEncoded(bytes, 0, [0, length], index.documents[i].sha256);
  };
  const documents = index.documents.map((entry, i) => documentFromSource(entry.document, entry.provisionCount, {
    read: () => ({ ok: true, provisions: decodeProvisions(encodedOf(i)) }),
    *readInSteps() {
      const encoded = encodedOf(i);
      if (encoded.length > DECODE_PIECE) yield;
      return { ok: true, provisions: yield* decodeProvisionsInSteps(encoded) };
    },
    contentKey: entry.sha256,
  }, onFault));
  return { file, format: index.format, date: index.date, collections: index.collections, documents, milliseconds: performance.now() - started };
}

function packEnd(file: string, header: Buffer): number {
  try {
    return packIndexEnd(header);
  } catch (error) {
    throw new StatuteBookError(`${file}: ${(error as Error).message}`, file);
  }
}

/**
 * `length` bytes of the file from `position` (into `into`'s beginning when given); a file now shorter (replaced
 * meanwhile) is an error saying so.
 */
function readBytes(file: string, position: number, length: number, problem = 'the statute book is truncated', into?: Buffer): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const bytes = into ? into.subarray(0, length) : Buffer.allocUnsafe(length);
    for (let done = 0; done < length;) {
      const read = fs.readSync(fd, bytes, done, length - done, position + done);
      if (read === 0) throw new Error(`${problem} (the file ends early)`);
      done += read;
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}
