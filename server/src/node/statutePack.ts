/**
 * The statute book's file format (data/statutes/statutes.pack), written by scripts/build-statutes and read by
 * statuteBook.ts:
 *
 *   MAGIC (20 ASCII bytes) | format (uint16 BE) | date (10 ASCII bytes, YYYY-MM-DD) | index length (uint32 BE)
 *   | index | provisions of each document
 *
 * The header's format and date can be read without decompressing anything. The index is brotli-compressed JSON
 * (PackIndex): the format version and the statute book's date again, the collections,
 * and every document's metadata — everything but its provisions — with its provision count and the sha256 of its
 * encoded provisions; then the byte range of each document's provisions after the index. Each document's
 * provisions are brotli-compressed on their own (compact JSON arrays, see encodeProvisions), so one document is
 * decompressed without touching the others. Hashes are of the uncompressed bytes, so a rebuild with another zlib
 * compares equal when the content is.
 */
import * as crypto from 'crypto';
import * as zlib from 'zlib';
import type { Provision, UnitKind } from '../core/corpus/model';
import type { DocumentMetadata } from '../core/statutes/provisionSource';

export const PACK_MAGIC = 'LEXCITE-STATUTE-BOOK';
export const PACK_FORMAT = 1;
const DATE_LENGTH = 10;
const HEADER = PACK_MAGIC.length + 2 + DATE_LENGTH + 4;

export interface PackCollection {
  name: string;
  files: number;
  documents: number;
}

export interface PackEntry {
  document: DocumentMetadata;
  provisionCount: number;
  /** sha256 of the encoded, uncompressed provisions. */
  sha256: string;
}

/** What the pack says, independent of how it is compressed: what --check compares. */
export interface PackContent {
  format: number;
  /** The statute book's date: the date of the collections' newest source. */
  date: string;
  collections: PackCollection[];
  documents: PackEntry[];
}

export interface PackIndex extends PackContent {
  /** [offset, length] of each document's compressed provisions, counted from the end of the index. */
  spans: [number, number][];
}

/** One document ready to be written: its entry and its encoded (uncompressed) provisions. */
export interface EncodedDocument {
  entry: PackEntry;
  encoded: Buffer;
}

// A provision as an array: [kind, label, text, parent, firstLine, lastLine, number, sub, caption], trailing
// absent fields dropped. A third of the size of the same objects as JSON.
type ProvisionRow = [UnitKind, string, string, number, number, number, (number | null)?, (number | null)?, (string | null)?];

export function encodeProvisions(provisions: Provision[]): Buffer {
  const rows = provisions.map((p): ProvisionRow => {
    const row: ProvisionRow = [p.kind, p.label, p.text, p.parent, p.lines[0], p.lines[1], p.number ?? null, p.sub ?? null, p.caption ?? null];
    while (row.length > 6 && row[row.length - 1] === null) row.pop();
    return row;
  });
  return Buffer.from(JSON.stringify(rows), 'utf8');
}

/**
 * A provision of a decoded row (the `index`-th of its document); throws on anything that is not what
 * encodeProvisions writes.
 */
function provisionOfRow(row: unknown, index: number): Provision {
  if (!Array.isArray(row) || row.length < 6 || typeof row[0] !== 'string' || typeof row[1] !== 'string' || typeof row[2] !== 'string'
    || !Number.isInteger(row[3]) || row[3] >= index || !Number.isInteger(row[4]) || !Number.isInteger(row[5])) {
    throw new Error(`provision ${index + 1} is malformed`);
  }
  const provision: Provision = { kind: row[0] as UnitKind, label: row[1], text: row[2], parent: row[3], lines: [row[4], row[5]] };
  if (typeof row[6] === 'number') provision.number = row[6];
  if (typeof row[7] === 'number') provision.sub = row[7];
  if (typeof row[8] === 'string') provision.caption = row[8];
  return provision;
}

/** The provisions of encoded bytes; throws on anything that is not what encodeProvisions writes. */
export function decodeProvisions(bytes: Buffer): Provision[] {
  const rows: unknown = JSON.parse(bytes.toString('utf8'));
  if (!Array.isArray(rows)) throw new Error('provisions are not a list');
  return rows.map(provisionOfRow);
}

/** Encoded bytes decoded per step of decodeProvisionsInSteps: well under a millisecond. */
export const DECODE_PIECE = 1 << 16;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * decodeProvisions in steps of about `pieceBytes`, each a run of whole rows parsed on its own: the largest statutes
 * (600 KB encoded) took 4–8 ms to parse at once. The same provisions, and the same refusals, for what
 * encodeProvisions writes (compact JSON: no space between rows).
 */
export function* decodeProvisionsInSteps(bytes: Uint8Array, pieceBytes = DECODE_PIECE): Generator<void, Provision[]> {
  if (bytes[0] !== OPEN) throw new Error('provisions are not a list');
  const provisions: Provision[] = [];
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 1; ;) {
    const end = rowsEnd(bytes, at, at + pieceBytes);
    if (end < 0) throw new Error('provisions are not a list (it does not end)');
    if (end === at) {
      // "[]" is an empty list; an empty run after a comma is a trailing comma.
      if (at !== 1) throw new Error(`provision ${provisions.length + 1} is malformed`);
    } else {
      const rows = JSON.parse(`[${text.toString('utf8', at, end)}]`) as unknown[];
      for (const row of rows) provisions.push(provisionOfRow(row, provisions.length));
    }
    if (bytes[end] === CLOSE) {
      if (end !== bytes.length - 1) throw new Error('provisions are not a list (something follows it)');
      return provisions;
    }
    if (bytes[end] !== COMMA) throw new Error(`provision ${provisions.length + 1} is malformed`);
    at = end + 1;
    yield;
  }
}

/**
 * Where the rows starting at `from` end once `atLeast` is reached: just past the `]` closing the first row to end
 * there or later, or at the list's own `]` if it comes first; -1 if the bytes end first. Strings are skipped
 * whole (a quote inside one is escaped), so a bracket in a provision's text is not taken for a row's end.
 */
function rowsEnd(bytes: Uint8Array, from: number, atLeast: number): number {
  let depth = 0;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) {
      i = stringEnd(bytes, i);
      if (i < 0) return -1;
    } else if (b === OPEN) {
      depth++;
    } else if (b === CLOSE) {
      if (depth === 0) return i;
      if (--depth === 0 && i + 1 >= atLeast) return i + 1;
    }
  }
  return -1;
}

/** The closing quote of the JSON string opening at `quote`, or -1. */
function stringEnd(bytes: Uint8Array, quote: number): number {
  for (let i = quote + 1; ; i++) {
    i = bytes.indexOf(QUOTE, i);
    if (i < 0) return -1;
    let backslashes = 0;
    while (bytes[i - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}

export function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function encodeDocument(document: DocumentMetadata, provisions: Provision[]): EncodedDocument {
  const encoded = encodeProvisions(provisions);
  return { entry: { document, provisionCount: provisions.length, sha256: sha256(encoded) }, encoded };
}

function brotli(data: Buffer, quality: number): Buffer {
  return zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
}

/** The pack file's bytes. Quality 9 by default: within 7% of 11's size in half the time (2,400 documents). */
export function writePack(content: Omit<PackContent, 'documents'>, documents: EncodedDocument[], quality = 9): Buffer {
  const blobs = documents.map((d) => brotli(d.encoded, quality));
  const spans: [number, number][] = [];
  let offset = 0;
  for (const blob of blobs) {
    spans.push([offset, blob.length]);
    offset += blob.length;
  }
  const index: PackIndex = { ...content, documents: documents.map((d) => d.entry), spans };
  const compressedIndex = brotli(Buffer.from(JSON.stringify(index), 'utf8'), quality);
  const header = Buffer.alloc(HEADER);
  header.write(PACK_MAGIC, 0, 'ascii');
  header.writeUInt16BE(content.format, PACK_MAGIC.length);
  header.write(content.date.padEnd(DATE_LENGTH).slice(0, DATE_LENGTH), PACK_MAGIC.length + 2, 'ascii');
  header.writeUInt32BE(compressedIndex.length, HEADER - 4);
  return Buffer.concat([header, compressedIndex, ...blobs]);
}

/** The header of a pack; throws a plain Error saying what is wrong. */
export function readPackHeader(pack: Buffer): { format: number; date: string; indexLength: number } {
  if (pack.length < HEADER || pack.toString('ascii', 0, PACK_MAGIC.length) !== PACK_MAGIC) throw new Error('not a LexCite statute book (no header)');
  const format = pack.readUInt16BE(PACK_MAGIC.length);
  if (format !== PACK_FORMAT) throw new Error(`the statute book has format ${format}, this LexCite reads format ${PACK_FORMAT}`);
  return { format, date: pack.toString('ascii', PACK_MAGIC.length + 2, PACK_MAGIC.length + 2 + DATE_LENGTH).trim(), indexLength: pack.readUInt32BE(HEADER - 4) };
}

/**
 * The index of a pack and where its provisions start; throws a plain Error saying what is wrong. `pack` may be the
 * file's beginning only (its header and index, see packIndexLength), with `fileSize` the whole file's size.
 */
export function readPackIndex(pack: Buffer, fileSize = pack.length): { index: PackIndex; blobStart: number } {
  const length = readPackHeader(pack).indexLength;
  if (HEADER + length > pack.length) throw new Error('the statute book is truncated (index)');
  let index: PackIndex;
  try {
    index = JSON.parse(zlib.brotliDecompressSync(pack.subarray(HEADER, HEADER + length)).toString('utf8'));
  } catch (error) {
    throw new Error(`the statute book's index is damaged (${(error as Error).message})`);
  }
  if (index?.format !== PACK_FORMAT) throw new Error(`the statute book has format ${String(index?.format)}, this LexCite reads format ${PACK_FORMAT}`);
  if (!Array.isArray(index.documents) || !Array.isArray(index.spans) || index.spans.length !== index.documents.length) throw new Error('the statute book\'s index is damaged (documents and spans differ)');
  const blobStart = HEADER + length;
  const end = index.spans.reduce((max, [offset, size]) => Math.max(max, offset + size), 0);
  if (blobStart + end > fileSize) throw new Error('the statute book is truncated (provisions)');
  return { index, blobStart };
}

/** How many bytes of a pack's beginning hold its header and index, from its first HEADER_LENGTH bytes. */
export function packIndexEnd(header: Buffer): number {
  return HEADER + readPackHeader(header).indexLength;
}

export const HEADER_LENGTH = HEADER;

/** The provisions of one document, checked against the index's hash; throws a plain Error saying what is wrong. */
export function readPackProvisions(pack: Buffer, blobStart: number, span: [number, number], expectedSha256: string): Provision[] {
  return decodeProvisions(readPackEncoded(pack, blobStart, span, expectedSha256));
}

/**
 * One document's encoded provisions, decompressed and checked against the index's hash (decodeProvisions or
 * decodeProvisionsInSteps turn them into provisions); throws a plain Error saying what is wrong.
 */
export function readPackEncoded(pack: Buffer, blobStart: number, span: [number, number], expectedSha256: string): Buffer {
  const [offset, length] = span;
  let encoded: Buffer;
  try {
    encoded = zlib.brotliDecompressSync(pack.subarray(blobStart + offset, blobStart + offset + length));
  } catch (error) {
    throw new Error(`the statute book is damaged here (${(error as Error).message})`);
  }
  if (sha256(encoded) !== expectedSha256) throw new Error('the statute book is damaged here (content hash differs)');
  return encoded;
}
