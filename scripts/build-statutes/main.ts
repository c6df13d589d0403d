/**
 * `npm run build:statutes [-- --from DIR …] [-- --check]`: builds the statute book data/statutes/statutes.pack
 * from the compressed sources in data/statutes/sources/ (see sources.ts and server/src/node/statutePack.ts).
 *   --from DIR   refresh a collection's source archive from a newer checkout of it (recognised by its shape),
 *                then rebuild; repeatable.
 *   --check      rebuild in memory and exit 1, naming what differs, when the committed manifest or pack is
 *                stale. Compares content (hashes of decompressed data), never compressed bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACK_FORMAT, PackContent, readPackIndex, sha256, writePack } from '../../server/src/node/statutePack';
import { STATUTE_BOOK_FILE } from '../../server/src/node/statuteBook';
import { buildBook } from './book';
import { COLLECTION_NAMES, CollectionManifest, SourceFile, SourcesManifest, archiveContent, compressArchive, describeCollection, readArchive, readCheckout, recogniseCollection } from './sources';

const ROOT = path.resolve(__dirname, '../../..');
const DATA = path.join(ROOT, 'data');
const SOURCES = path.join(DATA, 'statutes', 'sources');
const MANIFEST = path.join(SOURCES, 'manifest.json');
const PACK = path.join(DATA, STATUTE_BOOK_FILE);

function readManifest(): SourcesManifest {
  if (!fs.existsSync(MANIFEST)) return { format: 1, collections: [] };
  return JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as SourcesManifest;
}

function manifestText(manifest: SourcesManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** Refreshes the archive of each folder's collection; returns the new manifest. */
function refresh(dirs: string[], manifest: SourcesManifest): SourcesManifest {
  const collections = new Map(manifest.collections.map((c) => [c.name, c]));
  for (const dir of dirs) {
    const recognised = recogniseCollection(dir);
    if (!recognised) throw new Error(`${dir} is none of the statute collections (national-laws, ministry-rules, cac-rules)`);
    const previous = collections.get(recognised.name);
    const previousFiles = previous ? readArchive(path.join(SOURCES, previous.archive)).files : undefined;
    const read = readCheckout(recognised.name, recognised.root, previousFiles);
    const content = archiveContent(read.files);
    const hash = sha256(content);
    const archive = `${recognised.name}.jsonl.br`;
    if (previous?.sha256 !== hash) fs.writeFileSync(path.join(SOURCES, archive), compressArchive(content));
    const date = read.date ?? previous?.date ?? '';
    collections.set(recognised.name, {
      name: recognised.name,
      archive,
      ...describeCollection(recognised.name),
      commits: read.commits.length ? read.commits : previous?.commits ?? [],
      date,
      files: read.files.length,
      sha256: hash,
    });
    console.log(`${recognised.name}: ${read.files.length} files from ${recognised.root}${previous?.sha256 === hash ? ' (unchanged)' : ''}`);
  }
  return { format: 1, collections: COLLECTION_NAMES.map((name) => collections.get(name)).filter((c): c is CollectionManifest => c !== undefined) };
}

function loadSources(manifest: SourcesManifest, differences: string[]): Map<string, SourceFile[]> {
  const sources = new Map<string, SourceFile[]>();
  for (const collection of manifest.collections) {
    const archive = readArchive(path.join(SOURCES, collection.archive));
    if (archive.sha256 !== collection.sha256) differences.push(`manifest.json: ${collection.archive} content has sha256 ${archive.sha256}, the manifest says ${collection.sha256}`);
    if (archive.files.length !== collection.files) differences.push(`manifest.json: ${collection.archive} holds ${archive.files.length} files, the manifest says ${collection.files}`);
    sources.set(collection.name, archive.files);
  }
  return sources;
}

/** What differs between the committed pack and the rebuilt content; [] when they agree. */
function comparePack(built: PackContent): string[] {
  if (!fs.existsSync(PACK)) return [`${STATUTE_BOOK_FILE}: missing`];
  let committed: PackContent;
  try {
    committed = readPackIndex(fs.readFileSync(PACK)).index;
  } catch (error) {
    return [`${STATUTE_BOOK_FILE}: ${(error as Error).message}`];
  }
  const out: string[] = [];
  if (committed.format !== built.format) out.push(`${STATUTE_BOOK_FILE}: format ${committed.format}, the builder writes ${built.format}`);
  if (committed.date !== built.date) out.push(`${STATUTE_BOOK_FILE}: dated ${committed.date}, the sources ${built.date}`);
  if (JSON.stringify(committed.collections) !== JSON.stringify(built.collections)) out.push(`${STATUTE_BOOK_FILE}: collection counts differ (${JSON.stringify(committed.collections)} vs ${JSON.stringify(built.collections)})`);
  const key = (e: PackContent['documents'][number]) => JSON.stringify(e);
  const old = new Map(committed.documents.map((e) => [e.document.id, key(e)]));
  const now = new Map(built.documents.map((e) => [e.document.id, key(e)]));
  const changed = built.documents.filter((e) => old.has(e.document.id) && old.get(e.document.id) !== key(e)).map((e) => e.document.title);
  const added = built.documents.filter((e) => !old.has(e.document.id)).map((e) => e.document.title);
  const removed = committed.documents.filter((e) => !now.has(e.document.id)).map((e) => e.document.title);
  const list = (titles: string[]) => titles.slice(0, 5).map((t) => `《${t}》`).join('、') + (titles.length > 5 ? ` and ${titles.length - 5} more` : '');
  if (changed.length) out.push(`${STATUTE_BOOK_FILE}: ${changed.length} documents differ: ${list(changed)}`);
  if (added.length) out.push(`${STATUTE_BOOK_FILE}: ${added.length} documents missing: ${list(added)}`);
  if (removed.length) out.push(`${STATUTE_BOOK_FILE}: ${removed.length} documents no longer built: ${list(removed)}`);
  if (out.length === 0 && committed.documents.map((e) => e.document.id).join() !== built.documents.map((e) => e.document.id).join()) out.push(`${STATUTE_BOOK_FILE}: documents in another order`);
  return out;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from') {
      if (!argv[i + 1]) throw new Error('--from needs a folder');
      dirs.push(argv[++i]);
    } else if (argv[i] !== '--check') {
      throw new Error(`unknown argument ${argv[i]} (use --from DIR, --check)`);
    }
  }
  if (check && dirs.length) throw new Error('--check compares the committed files; it does not take --from');
  fs.mkdirSync(SOURCES, { recursive: true });
  const committedManifest = readManifest();
  const manifest = dirs.length ? refresh(dirs, committedManifest) : committedManifest;
  if (manifest.collections.length === 0) throw new Error(`no sources: run npm run build:statutes -- --from DIR for each collection (see data/statutes/README.md)`);
  const differences: string[] = [];
  const sources = loadSources(manifest, differences);
  const book = buildBook(manifest, sources);
  for (const line of book.summary) console.log(line);
  if (check) {
    differences.push(...comparePack({ format: PACK_FORMAT, date: book.date, collections: book.collections, documents: book.documents.map((d) => d.entry) }));
    for (const line of differences) console.error(`stale: ${line}`);
    if (differences.length) console.error('run npm run build:statutes and commit data/statutes/');
    return differences.length ? 1 : 0;
  }
  if (differences.length) throw new Error(differences.join('\n'));
  fs.writeFileSync(MANIFEST, manifestText(manifest));
  const pack = writePack({ format: PACK_FORMAT, date: book.date, collections: book.collections }, book.documents);
  fs.mkdirSync(path.dirname(PACK), { recursive: true });
  fs.writeFileSync(PACK, pack);
  const sizes = manifest.collections.map((c) => `${c.archive} ${(fs.statSync(path.join(SOURCES, c.archive)).size / 1e6).toFixed(2)} MB`);
  console.log(`wrote ${STATUTE_BOOK_FILE} (${(pack.length / 1e6).toFixed(2)} MB); sources: ${sizes.join(', ')}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`build:statutes: ${(error as Error).message}`);
  process.exitCode = 2;
}
