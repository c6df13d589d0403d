/**
 * The reverse index on disk (node/reverseIndexCache.ts): a loaded index answers every lookup as the built one; a
 * changed, added or reordered document means the saved one is not used; a damaged, truncated or foreign file is
 * said in the log, never served, and replaced by a good one; `lexcite check` uses the saved index on its next run.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus } from '../../server/src/core/corpus/corpus';
import type { CorpusDocument } from '../../server/src/core/corpus/model';
import { ReverseIndex, ReverseIndexStore } from '../../server/src/core/corpus/reverseIndex';
import { reverseIndexBytes, reverseIndexFromBytes } from '../../server/src/core/corpus/reverseIndexBytes';
import { placeInCorpus, quotationSegments } from '../../server/src/core/corpus/reverseLookup';
import { documentFromSource } from '../../server/src/core/statutes/provisionSource';
import { reverseIndexCache, reverseIndexCachePath } from '../../server/src/node/reverseIndexCache';
import { lexcite } from '../helpers/cli';
import { productCorpus } from '../helpers/corpus';

const HEADER = 88;

function runSteps<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Plain copies (provisions in memory, no source) of some of the book's statutes, so a test can change one. */
function statuteCopies(count: number): CorpusDocument[] {
  return productCorpus().documents.filter((d) => d.kind === 'statute' && d.provisions.length >= 20).slice(0, count)
    .map((d) => ({ ...d, provisions: d.provisions.map((p) => ({ ...p })) }));
}

/** Folders made by the tests (an index file is megabytes): removed when they are done. */
const made: string[] = [];

function temporaryFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-reverse-'));
  made.push(dir);
  return dir;
}

after(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

class Cache {
  readonly lines: { message: string; kind: string }[] = [];
  readonly store: ReverseIndexStore;
  constructor(readonly dir: string) {
    this.store = reverseIndexCache({ cacheDir: dir, folders: [], log: (message, kind) => this.lines.push({ message, kind }) });
  }
  get file(): string {
    return reverseIndexCachePath(this.dir, []);
  }
  load(documents: readonly CorpusDocument[]): ReverseIndex | undefined {
    return runSteps(this.store.load(documents));
  }
  save(index: ReverseIndex, documents: readonly CorpusDocument[]): void {
    runSteps(this.store.save(index, documents));
  }
  /** The last log line and empties the log. */
  said(): { message: string; kind: string } | undefined {
    return this.lines.splice(0).pop();
  }
}

/** Passages of every document (whole, from the middle, across an ellipsis), and some that are nowhere. */
function passages(documents: readonly CorpusDocument[]): string[][] {
  const out: string[][] = [['网络运营者应当在七十二小时内向公民赔偿数据损失的三倍金额'], ['个人信息']];
  for (const document of documents) {
    for (const provision of document.provisions.filter((p) => p.text.length >= 40).slice(0, 4)) {
      out.push(quotationSegments(provision.text), quotationSegments(provision.text.slice(7, 37)), quotationSegments(`${provision.text.slice(0, 12)}……${provision.text.slice(-12)}`));
    }
  }
  return out;
}

function answers(index: ReverseIndex, queries: string[][]): string[] {
  return queries.map((segments) => JSON.stringify(index.find(segments, 1000).map((h) => [h.document.id, h.unit, h.from, h.to])));
}

describe('reverse index on disk', function () {
  this.timeout(120000);
  let documents: CorpusDocument[];
  let built: ReverseIndex;

  before(() => {
    documents = statuteCopies(120);
    built = ReverseIndex.buildNow(documents);
  });

  it('saved and loaded, it answers every lookup exactly as the built one, and holds the same', () => {
    const cache = new Cache(temporaryFolder());
    cache.save(built, documents);
    assert.match(cache.said()!.message, /^reverse index saved to .*reverse-[0-9a-f]{16}\.v\d+\.bin/);
    const loaded = cache.load(documents);
    assert.ok(loaded, JSON.stringify(cache.lines));
    assert.match(cache.said()!.message, /^reverse index loaded from /);
    assert.deepEqual([loaded.units, loaded.characters, loaded.bytes], [built.units, built.characters, built.bytes]);
    const queries = passages(documents);
    const expected = answers(built, queries);
    assert.ok(expected.filter((a) => a !== '[]').length > 300, 'most passages are found');
    assert.deepEqual(answers(loaded, queries), expected);
    // The documents of its hits are the corpus's own objects.
    assert.equal(loaded.find(quotationSegments(documents[3].provisions[longProvision(documents[3])].text))[0]?.document, documents[3]);
  });

  it('a corpus with the store loads the index instead of building it; its places are the built index\'s', () => {
    const cache = new Cache(temporaryFolder());
    const first = new Corpus(undefined, documents);
    first.reverseIndexStore = cache.store;
    const quotation = quotationSegments(documents[7].provisions.find((p) => p.text.length >= 40)!.text);
    const places = placeInCorpus(first, quotation)!.map((p) => [p.document.id, p.address]);
    assert.ok(places.length > 0);
    assert.match(cache.said()!.message, /^reverse index saved to /);
    const before = fs.statSync(cache.file).mtimeMs;
    const second = new Corpus(undefined, documents);
    second.reverseIndexStore = cache.store;
    assert.deepEqual(placeInCorpus(second, quotation)!.map((p) => [p.document.id, p.address]), places);
    assert.match(cache.said()!.message, /^reverse index loaded from /);
    assert.equal(fs.statSync(cache.file).mtimeMs, before, 'not written again');
  });

  it('a changed, added, removed or reordered document: the saved index is not used, and is built and saved again', () => {
    const cache = new Cache(temporaryFolder());
    cache.save(built, documents);
    cache.said();
    const at = longProvision(documents[50]);
    const changed = documents.map((d, i) => (i === 50 ? { ...d, provisions: d.provisions.map((p, k) => (k === at ? { ...p, text: `${p.text}并处二十万元罚款` } : p)) } : d));
    const variants = [changed, [...documents, statuteCopies(121)[120]], documents.slice(1), [documents[1], documents[0], ...documents.slice(2)]];
    for (const variant of variants) {
      assert.equal(cache.load(variant), undefined);
      assert.deepEqual(cache.said(), { message: 'the corpus changed since the reverse index was saved: it is built again', kind: 'info' });
    }
    // The changed text is found once the corpus built and saved it again; the next load serves it.
    const corpus = new Corpus(undefined, changed);
    corpus.reverseIndexStore = cache.store;
    const added = quotationSegments(changed[50].provisions[at].text.slice(-20));
    assert.equal(placeInCorpus(new Corpus(undefined, documents), added)!.length, 0, 'not in the unchanged documents');
    assert.ok(placeInCorpus(corpus, added)!.some((p) => p.document === changed[50]));
    assert.match(cache.said()!.message, /^reverse index saved to /);
    assert.ok(cache.load(changed)!.find(added).some((h) => h.document === changed[50]));
  });

  it('documents read from a source are told apart by their content key, without reading them', () => {
    const { provisions, ...metadata } = documents[0];
    const source = (key: string, reads: string[]) => documentFromSource({ ...metadata, id: 'lazy' }, provisions.length, {
      read: () => {
        reads.push(key);
        return { ok: true, provisions: documents[0].provisions };
      },
      contentKey: key,
    }, () => undefined);
    const reads: string[] = [];
    const cache = new Cache(temporaryFolder());
    const withA = [source('a', reads), ...documents.slice(1, 10)];
    cache.save(ReverseIndex.buildNow(withA), withA);
    assert.deepEqual(reads, ['a'], 'read once, by the build');
    assert.ok(cache.load([source('a', reads), ...documents.slice(1, 10)]));
    assert.equal(cache.load([source('b', reads), ...documents.slice(1, 10)]), undefined);
    assert.deepEqual(reads, ['a'], 'the loads read nothing');
  });

  it('a truncated, damaged or foreign file is said in the log, never served, and replaced by a good one', () => {
    const cache = new Cache(temporaryFolder());
    cache.save(built, documents);
    const good = fs.readFileSync(cache.file);
    const withBody = (change: (body: Buffer) => void) => {
      const bytes = Buffer.from(good);
      change(bytes.subarray(HEADER));
      crypto.createHash('sha256').update(bytes.subarray(HEADER)).digest().copy(bytes, 16 + 32);
      return bytes;
    };
    const damaged: [string, Buffer, RegExp][] = [
      ['truncated', good.subarray(0, good.length - 1000), /\(truncated\)/],
      ['a byte changed', changedByte(good, Math.floor(good.length / 2)), /its checksum does not match its content/],
      ['another program\'s file', Buffer.from('{"hello": "world"}\n'.repeat(10)), /not a LexCite reverse index/],
      ['empty', Buffer.alloc(0), /shorter than its header/],
      // Checksummed, yet not an index over these documents: the body's own checks refuse it.
      ['a unit of a document past the end', withBody((body) => body.writeUInt32LE(1_000_000, bodyOffsetOfUnitDocument(body))), /unit 0 belongs to no document/],
    ];
    for (const [what, bytes, reason] of damaged) {
      fs.writeFileSync(cache.file, bytes);
      cache.said();
      assert.equal(cache.load(documents), undefined, what);
      const line = cache.said()!;
      assert.equal(line.kind, 'problem', what);
      assert.match(line.message, new RegExp(`^the saved reverse index ${escape(cache.file)} is ignored \\(.*\\): it is built again$`), what);
      assert.match(line.message, reason, what);
      // A corpus then builds the index and writes a good file over it.
      const corpus = new Corpus(undefined, documents);
      corpus.reverseIndexStore = cache.store;
      runSteps(corpus.buildReverseIndexInSteps());
      assert.match(cache.said()!.message, /^reverse index saved to /, what);
      assert.ok(fs.readFileSync(cache.file).equals(good), what);
    }
  });

  it('the bytes alone: refused when made for other documents or out of order', () => {
    const bytes = () => {
      const parts = reverseIndexBytes(built, documents.length);
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const part of parts) {
        all.set(part, at);
        at += part.length;
      }
      return all;
    };
    assert.equal(runSteps(reverseIndexFromBytes(documents.slice(1), bytes())), `made for ${documents.length} documents, not ${documents.length - 1}`);
    // Two postings of a bucket swapped: lookups search a bucket by halves, so it must ascend.
    const shuffled = bytes();
    const view = new DataView(shuffled.buffer);
    const postings = bodyOffsetOfPostings(Buffer.from(shuffled.buffer));
    const [first, second] = [view.getUint32(postings, true), view.getUint32(postings + 4, true)];
    view.setUint32(postings, second, true);
    view.setUint32(postings + 4, first, true);
    assert.match(String(runSteps(reverseIndexFromBytes(documents, shuffled))), /^bucket \d+ is out of order$/);
    assert.ok(runSteps(reverseIndexFromBytes(documents, bytes())) instanceof ReverseIndex);
    // Not on an 8-byte boundary: copied, still read.
    const offset = new Uint8Array(bytes().length + 4);
    offset.set(bytes(), 4);
    assert.ok(runSteps(reverseIndexFromBytes(documents, offset.subarray(4))) instanceof ReverseIndex);
  });

  it('a cache folder that cannot hold files: the index still serves, the log says why it is not saved', () => {
    const file = path.join(temporaryFolder(), 'not-a-folder');
    fs.writeFileSync(file, '');
    const cache = new Cache(file);
    const corpus = new Corpus(undefined, documents);
    corpus.reverseIndexStore = cache.store;
    assert.ok(placeInCorpus(corpus, quotationSegments(documents[2].provisions.find((p) => p.text.length >= 40)!.text))!.length > 0);
    const line = cache.said()!;
    assert.equal(line.kind, 'problem');
    assert.match(line.message, /not-a-folder/);
  });
});

describe('lexcite check with the reverse index on disk', function () {
  this.timeout(180000);
  const previous = process.env.LEXCITE_CACHE;
  let dir: string;
  let paper: string;
  const finding = '3:16: warning quote.misattributed 此段文字出自《中华人民共和国个人信息保护法》第六条第二款，而非《网络安全法》第二十一条';

  before(() => {
    dir = temporaryFolder();
    process.env.LEXCITE_CACHE = path.join(dir, 'cache');
    paper = path.join(dir, 'draft.md');
    fs.writeFileSync(paper, '# 草稿\n\n《网络安全法》第二十一条规定：“收集个人信息，应当限于实现处理目的的最小范围，不得过度收集个人信息。”\n');
  });

  after(() => {
    if (previous === undefined) delete process.env.LEXCITE_CACHE;
    else process.env.LEXCITE_CACHE = previous;
  });

  it('the first run saves the index, the next uses it as it is; a damaged one is said, rebuilt and rewritten', async () => {
    const file = reverseIndexCachePath(process.env.LEXCITE_CACHE!, []);
    const first = await lexcite('check', paper);
    assert.equal(first.out, `${paper}:${finding}\n`);
    assert.equal(first.code, 0);
    const saved = fs.statSync(file);
    const second = await lexcite('check', paper);
    assert.deepEqual(second, first);
    const after = fs.statSync(file);
    assert.deepEqual([after.mtimeMs, after.ino, after.size], [saved.mtimeMs, saved.ino, saved.size], 'loaded, not built and written again');
    fs.truncateSync(file, 1_000_000);
    const third = await lexcite('check', paper);
    assert.equal(third.out, first.out);
    assert.ok(third.err.startsWith(`lexcite: the saved reverse index ${file} is ignored (truncated): it is built again\n`), third.err);
    assert.equal(fs.statSync(file).size, saved.size, 'a whole file written again');
  });
});

/** Where unitDocument starts in the body: after the header and its chunk lengths (reverseIndexBytes.ts's layout). */
function bodyOffsetOfUnitDocument(body: Buffer): number {
  const chunks = body.readUInt32LE(24 + 4 * 4);
  return Math.ceil((14 + chunks) * 4 / 8) * 8;
}

/** Where the postings start in the body: after the four unit arrays and the bucket offsets. */
function bodyOffsetOfPostings(body: Buffer): number {
  const units = body.readUInt32LE(24 + 3 * 4);
  const padded = (n: number) => Math.ceil((n * 4) / 8) * 8;
  return bodyOffsetOfUnitDocument(body) + padded(units) * 3 + padded(units + 1) + padded((1 << 21) + 1);
}

/** A provision with words enough to look up. */
function longProvision(document: CorpusDocument): number {
  return document.provisions.findIndex((p) => p.text.length >= 40);
}

function changedByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] ^= 0x40;
  return copy;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
