/**
 * The statute book pack: what it holds equals a direct parse of the same files; a damaged document is a load
 * fault of that document alone; a damaged file is a clear error; the committed book loads and serves statutes.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProvisionAddressing } from '../../server/src/core/corpus/addressing';
import type { CorpusDocument } from '../../server/src/core/corpus/model';
import type { ParsedStatute } from '../../server/src/core/statutes/importTypes';
import { ReverseIndex } from '../../server/src/core/corpus/reverseIndex';
import { quotationSegments } from '../../server/src/core/corpus/reverseLookup';
import { ProvisionFault, provisionsWithoutKeepingInSteps } from '../../server/src/core/statutes/provisionSource';
import { StatuteBookError, defaultStatuteBookPath, loadStatuteBook } from '../../server/src/node/statuteBook';
import { assembleCollection, parseStatuteFile } from '../../server/src/node/statuteFolder';
import { PACK_FORMAT, decodeProvisions, decodeProvisionsInSteps, encodeDocument, encodeProvisions, readPackHeader, readPackIndex, writePack } from '../../server/src/node/statutePack';
import { REPO_ROOT } from '../helpers/corpus';
import { requireShared } from '../helpers/shared';
import { recogniseCollection } from '../../scripts/build-statutes/sources';

/** Fixtures of three shapes: LawRefBook Markdown, the national statute book's Markdown (刑法 2020), Ansvar JSON. */
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
const FILES = [
  'statutes-names/行政法/个人信息保护法(2021-08-20).md',
  'statutes-names/行政法/数据安全法(2021-06-10).md',
  'national-laws/法律/ff808181796a636a0179822a19640c92.md',
  'ansvar-json/cac-genai-2023.json',
];

function directParse(): CorpusDocument[] {
  const parsed: ParsedStatute[] = FILES.map((rel) => parseStatuteFile(rel, fs.readFileSync(path.join(FIXTURES, rel), 'utf8')));
  return assembleCollection(parsed, []).documents;
}

function packOf(documents: CorpusDocument[]): Buffer {
  const encoded = documents.map(({ provisions, ...metadata }) => encodeDocument(metadata, provisions));
  return writePack({ format: PACK_FORMAT, date: '2026-05-16', collections: [{ name: 'test', files: FILES.length, documents: documents.length }] }, encoded, 5);
}

/** Runs steps to their end; how many there were, and the value. */
function stepped<T>(steps: Generator<void, T>): { steps: number; value: T } {
  for (let count = 1; ; count++) {
    const step = steps.next();
    if (step.done) return { steps: count, value: step.value };
  }
}

describe('the statute book', function () {
  this.timeout(60000);
  let dir: string;
  let faults: ProvisionFault[];
  const onProvisionFault = (fault: ProvisionFault) => faults.push(fault);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-book-'));
    faults = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips: documents and provisions equal a direct parse of the same files', () => {
    const direct = directParse();
    const file = path.join(dir, 'statutes.pack');
    fs.writeFileSync(file, packOf(direct));
    const book = loadStatuteBook(file, { onProvisionFault });
    assert.equal(book.date, '2026-05-16');
    assert.equal(book.documents.length, direct.length);
    book.documents.forEach((doc, i) => {
      const { provisions, ...metadata } = direct[i];
      const { provisions: loaded, provisionCount, ...loadedMetadata } = doc;
      assert.deepEqual(loadedMetadata, metadata);
      assert.equal(provisionCount, provisions.length);
      assert.deepEqual(loaded, provisions, doc.title);
    });
    const pipl = book.documents.find((d) => d.title === '中华人民共和国个人信息保护法')!;
    const result = new ProvisionAddressing(pipl).resolve([{ unit: '条', number: 13, parenthesized: false, numerals: 'chinese' }, { unit: '款', number: 1, parenthesized: false, numerals: 'chinese' }, { unit: '项', number: 1, parenthesized: true, numerals: 'chinese' }]);
    assert.ok(result.ok);
    assert.match(result.target.provision.text, /取得个人的同意/);
    assert.deepEqual(faults, []);
  });

  /** The book with 数据安全法's compressed provisions damaged, and that document's place in it. */
  function bookWithDamagedDocument(): { book: ReturnType<typeof loadStatuteBook>; victim: number; direct: ReturnType<typeof directParse> } {
    const direct = directParse();
    const pack = packOf(direct);
    const { index, blobStart } = readPackIndex(pack);
    const victim = direct.findIndex((d) => d.title === '中华人民共和国数据安全法');
    const [offset, length] = index.spans[victim];
    for (let i = offset + 2; i < offset + length - 2; i += 7) pack[blobStart + i] ^= 0x5a;
    const file = path.join(dir, 'statutes.pack');
    fs.writeFileSync(file, pack);
    const book = loadStatuteBook(file, { onProvisionFault });
    return { book, victim, direct };
  }

  it('a corrupted document is a load fault of that document alone, reported once, not a crash', () => {
    const { book, victim, direct } = bookWithDamagedDocument();
    for (const doc of book.documents) void doc.provisions;
    for (const doc of book.documents) void doc.provisions;
    assert.deepEqual(faults.map((f) => f.title), ['中华人民共和国数据安全法']);
    assert.match(faults[0].reason, /the statute book is damaged here/);
    assert.deepEqual(book.documents.map((d) => d.provisions.length), direct.map((d, i) => (i === victim ? 0 : d.provisions.length)));
  });

  it('a document whose bytes decompress but are not what the index hashed is a fault', () => {
    const direct = directParse();
    const swapped = direct.map(({ provisions, ...metadata }, i) => ({ ...encodeDocument(metadata, provisions), i }));
    // The index of one document, the provisions of another: what a mixed-up pack would hold.
    const [a, b] = [0, 1];
    const mixed = swapped.map((d) => (d.i === a ? { entry: d.entry, encoded: swapped[b].encoded } : d));
    const file = path.join(dir, 'statutes.pack');
    fs.writeFileSync(file, writePack({ format: PACK_FORMAT, date: '2026-05-16', collections: [] }, mixed, 5));
    const book = loadStatuteBook(file, { onProvisionFault });
    assert.equal(book.documents[a].provisions.length, 0);
    assert.deepEqual(faults.map((f) => [f.title, f.reason]), [[direct[a].title, 'the statute book is damaged here (content hash differs)']]);
  });

  it('reads a document\'s provisions from the file when first looked at: a file cut short meanwhile is a fault of the documents read after', () => {
    const direct = directParse();
    const pack = packOf(direct);
    const file = path.join(dir, 'statutes.pack');
    fs.writeFileSync(file, pack);
    const book = loadStatuteBook(file, { onProvisionFault });
    assert.deepEqual(book.documents[0].provisions, direct[0].provisions);
    const { index, blobStart } = readPackIndex(pack);
    const last = direct.length - 1;
    fs.writeFileSync(file, pack.subarray(0, blobStart + index.spans[last][0] + 3));
    assert.deepEqual(book.documents[last].provisions, []);
    assert.deepEqual(faults.map((f) => f.title), [direct[last].title]);
    assert.match(faults[0].reason, /the statute book is damaged here \(the file ends early\)/);
    // What was read before stays served.
    assert.deepEqual(book.documents[0].provisions, direct[0].provisions);
  });

  it('read in steps, a document\'s provisions are the ones read at once, whatever the size of a step', () => {
    const direct = directParse();
    for (const { provisions } of direct) {
      const encoded = encodeProvisions(provisions);
      for (const piece of [1, 100, 4096, 1 << 16]) {
        const read = stepped(decodeProvisionsInSteps(encoded, piece));
        assert.deepEqual(read.value, decodeProvisions(encoded));
        if (piece === 1) assert.equal(read.steps, provisions.length, 'a row a step');
      }
    }
    // Brackets, quotes and backslashes in a provision's text are text, not the end of a row.
    const tricky = [{ kind: 'article', label: '第一条', text: '“]],[[”与\\"】，[见附件]\\', parent: -1, lines: [1, 1], number: 1 },
      { kind: 'paragraph', label: '', text: '"[', parent: 0, lines: [2, 2], caption: '],' }] as CorpusDocument['provisions'];
    for (const piece of [1, 8, 1000]) assert.deepEqual(stepped(decodeProvisionsInSteps(encodeProvisions(tricky), piece)).value, tricky);
    assert.deepEqual(stepped(decodeProvisionsInSteps(Buffer.from('[]'))).value, []);
  });

  it('read in steps, what is not a list of provisions is refused as it is when read at once', () => {
    const row = '["article","第一条","文",-1,1,1]';
    const refused = ['', '{}', '[', `[${row}`, `[${row},]`, `[${row}]x`, `[${row}][]`, '[1]', '[[]]', `[${row},1]`, '["a"]', `[${row}${row}]`, `[${row},["article","第二条","文",5,1,1]]`, `[["article","第一条","文\\",-1,1,1]]`];
    for (const text of refused) {
      const bytes = Buffer.from(text);
      assert.throws(() => decodeProvisions(bytes), Error, `at once: ${text}`);
      for (const piece of [1, 1 << 16]) assert.throws(() => stepped(decodeProvisionsInSteps(bytes, piece)), Error, `in steps of ${piece}: ${text}`);
    }
  });

  it('a damaged document met while the reverse index is built in steps is left out of it: no crash, and a fault once read for real', () => {
    const { book, victim, direct } = bookWithDamagedDocument();
    assert.deepEqual(stepped(provisionsWithoutKeepingInSteps(book.documents[victim])).value, []);
    const built = stepped(ReverseIndex.build(book.documents)).value;
    assert.equal(built.complete, false, 'an index missing a document is not one to save');
    // The other documents are in it: 个人信息保护法 第六条第二款 is found.
    const pipl = book.documents.findIndex((d) => d.title === '中华人民共和国个人信息保护法');
    assert.deepEqual(built.find(quotationSegments('收集个人信息，应当限于实现处理目的的最小范围，不得过度收集个人信息。')).map((h) => h.document.id), [book.documents[pipl].id]);
    assert.equal(faults.length, 0, 'a pass over the book reports nothing itself');
    assert.deepEqual(book.documents[victim].provisions, []);
    assert.deepEqual(faults.map((f) => f.title), ['中华人民共和国数据安全法']);
    // Read in steps, the others are what a direct parse gives.
    book.documents.forEach((doc, i) => i !== victim && assert.deepEqual(stepped(provisionsWithoutKeepingInSteps(doc)).value, direct[i].provisions));
  });

  it('a missing, foreign or truncated file is a StatuteBookError naming it', () => {
    const file = path.join(dir, 'statutes.pack');
    assert.throws(() => loadStatuteBook(file), (e: unknown) => e instanceof StatuteBookError && e.file === file && /cannot read the statute book/.test(e.message));
    fs.writeFileSync(file, 'not a pack');
    assert.throws(() => loadStatuteBook(file), /not a LexCite statute book/);
    const pack = packOf(directParse());
    assert.deepEqual(readPackHeader(pack), { format: PACK_FORMAT, date: '2026-05-16', indexLength: pack.readUInt32BE(32) });
    fs.writeFileSync(file, pack.subarray(0, 200));
    assert.throws(() => loadStatuteBook(file), /truncated|damaged/);
    // The index whole, the provisions cut: known at load, from the file's size.
    fs.writeFileSync(file, pack.subarray(0, pack.length - 1));
    assert.throws(() => loadStatuteBook(file), (e: unknown) => e instanceof StatuteBookError && /the statute book is truncated \(provisions\)/.test(e.message));
    pack.writeUInt16BE(PACK_FORMAT + 1, 20);
    fs.writeFileSync(file, pack);
    assert.throws(() => loadStatuteBook(file), new RegExp(`has format ${PACK_FORMAT + 1}, this LexCite reads format ${PACK_FORMAT}`));
  });

  it('the committed book loads with its sources’ date and serves 个人信息保护法 第十三条', function () {
    const file = path.join(REPO_ROOT, 'data', 'statutes', 'statutes.pack');
    if (!fs.existsSync(file)) this.skip();
    assert.equal(defaultStatuteBookPath(), file);
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'statutes', 'sources', 'manifest.json'), 'utf8'));
    const book = loadStatuteBook(file, { onProvisionFault });
    assert.equal(book.date, manifest.collections.find((c: { name: string }) => c.name === 'national-laws').date);
    assert.ok(book.documents.length > 2000);
    const pipl = book.documents.filter((d) => d.title === '中华人民共和国个人信息保护法');
    assert.ok(pipl.length >= 1);
    assert.ok(pipl.every((d) => d.provisions.some((p) => /取得个人的同意/.test(p.text))));
    assert.deepEqual(faults, []);
  });

  it('build:statutes recognises each curated collection of ../shared by its shape', function () {
    const national = requireShared(this, 'national-laws');
    assert.deepEqual(recogniseCollection(national), { name: 'national-laws', root: national });
    assert.equal(recogniseCollection(requireShared(this, 'ministry-rules'))?.name, 'ministry-rules');
    assert.equal(recogniseCollection(requireShared(this, 'laws'))?.name, 'cac-rules');
    assert.equal(recogniseCollection(requireShared(this, 'sources')), undefined);
  });

  it('build:statutes recognises a checkout by its shape', () => {
    fs.mkdirSync(path.join(dir, 'content', '法律'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'content', '行政法规'));
    fs.mkdirSync(path.join(dir, 'content', '司法解释'));
    assert.deepEqual(recogniseCollection(dir), { name: 'national-laws', root: path.join(dir, 'content') });
    fs.mkdirSync(path.join(dir, 'other', '部门规章'), { recursive: true });
    assert.deepEqual(recogniseCollection(path.join(dir, 'other')), { name: 'ministry-rules', root: path.join(dir, 'other', '部门规章') });
  });

  it('the committed pack and manifest are what the sources build (npm run build:statutes -- --check)', function () {
    this.timeout(180000);
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'out', 'scripts', 'build-statutes', 'main.js'), '--check'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });
});
