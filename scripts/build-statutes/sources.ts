/**
 * The statute collections the product ships, as compressed sources under data/statutes/sources/: one archive per
 * collection (brotli-compressed JSON Lines of { path, text }, sorted by path) and manifest.json with where each
 * came from and the sha256 of each archive's decompressed content. Reading a checkout: which collection a folder
 * is, which of its files belong to it, and its provenance.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { sha256 } from '../../server/src/node/statutePack';

export interface SourceFile {
  path: string;
  text: string;
}

export interface CollectionManifest {
  name: string;
  archive: string;
  /** Where the texts were published: repository, folder in it, commit(s). */
  repository: string;
  folder: string;
  commits: string[];
  /** Date of the source (the collection's last update), YYYY-MM-DD. */
  date: string;
  files: number;
  /** sha256 of the decompressed archive (the JSON Lines). */
  sha256: string;
}

export interface SourcesManifest {
  format: number;
  collections: CollectionManifest[];
}

interface CollectionKind {
  name: string;
  repository: string;
  folder: string;
  /** The folder holding this collection's files, when `dir` is a checkout of it. */
  recognise(dir: string): string | undefined;
  /** The collection's files under that folder, relative, with '/'. */
  select(root: string, previous: SourceFile[] | undefined): string[];
  provenance(root: string): { commits: string[]; date: string | undefined };
}

const isDir = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();
const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();

function walk(dir: string, relative = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** The checkout's commit and date from git, when it is a git checkout. */
function gitProvenance(dir: string): { commits: string[]; date: string } | undefined {
  try {
    const [commit, date] = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%H %cs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(' ');
    return commit && date ? { commits: [commit], date } : undefined;
  } catch {
    return undefined;
  }
}

/** Commits named in a MANIFEST.tsv's last column (`repo:path@commit`), for the given files. */
function manifestCommits(root: string, files: string[]): string[] {
  const manifest = path.join(root, 'MANIFEST.tsv');
  if (!isFile(manifest)) return [];
  const wanted = new Set(files);
  const commits = new Set<string>();
  for (const line of fs.readFileSync(manifest, 'utf8').split('\n')) {
    const cells = line.split('\t');
    const commit = /@([0-9a-f]{40})\s*$/.exec(line)?.[1];
    if (commit && cells.some((c) => wanted.has(c) || [...wanted].some((w) => w.endsWith(`/${c}`)))) commits.add(commit);
  }
  return [...commits].sort();
}

const NATIONAL_FOLDERS = ['法律', '行政法规', '司法解释'];

const COLLECTIONS: CollectionKind[] = [
  {
    name: 'national-laws',
    repository: 'lawtext/laws',
    folder: 'content/',
    recognise: (dir) => [dir, path.join(dir, 'content')].find((d) => NATIONAL_FOLDERS.every((f) => isDir(path.join(d, f)))),
    // Every statute file: the collection's own README and site pages are not statutes.
    select: (root) => walk(root).filter((rel) => rel.includes('/') && rel.endsWith('.md') && !/(^|\/)_index\.md$/.test(rel)),
    provenance(root) {
      const git = gitProvenance(root);
      if (git) return git;
      const readme = isFile(path.join(root, 'README.md')) ? fs.readFileSync(path.join(root, 'README.md'), 'utf8') : '';
      const match = /commit `([0-9a-f]{7,40})` \((\d{4}-\d{2}-\d{2})/.exec(readme);
      return match ? { commits: [match[1]], date: match[2] } : { commits: [], date: undefined };
    },
  },
  {
    name: 'ministry-rules',
    repository: 'Theonefkguy/Chinese-Laws',
    folder: '部门规章/',
    // A curated copy (MANIFEST.tsv beside the ministries' folders) or a checkout of the repository itself.
    recognise: (dir) => (isDir(path.join(dir, '部门规章')) ? path.join(dir, '部门规章') : isFile(path.join(dir, 'MANIFEST.tsv')) && isDir(path.join(dir, '国家互联网信息办公室')) ? dir : undefined),
    select(root, previous) {
      // The ten rules chosen for the product: those the curated manifest lists, else those shipped now.
      const manifest = path.join(root, 'MANIFEST.tsv');
      if (isFile(manifest)) {
        const [header, ...rows] = fs.readFileSync(manifest, 'utf8').split('\n').filter((l) => l.trim() !== '');
        const column = header.split('\t').indexOf('file');
        if (column >= 0) return rows.map((row) => row.split('\t')[column]).sort();
      }
      return (previous ?? []).map((f) => f.path);
    },
    provenance(root) {
      const git = gitProvenance(root);
      return git ?? { commits: manifestCommits(root, collectionKind('ministry-rules').select(root, undefined)), date: undefined };
    },
  },
  {
    // The CAC rules of the curated test collection (../shared/laws): Theonefkguy Markdown and Ansvar JSON seeds.
    name: 'cac-rules',
    repository: 'Theonefkguy/Chinese-Laws; Ansvar-Systems/chinese-law-mcp',
    folder: '部门规章/国家互联网信息办公室/; data/seed/',
    recognise: (dir) => (isDir(path.join(dir, 'theonefkguy', '部门规章')) && isDir(path.join(dir, 'ansvar-json')) ? dir : undefined),
    select: (root) => walk(root).filter((rel) => /^theonefkguy\/部门规章\/国家互联网信息办公室\/[^/]+\.md$/.test(rel) || /^ansvar-json\/cac-[^/]+\.json$/.test(rel)),
    provenance: (root) => ({ commits: manifestCommits(root, collectionKind('cac-rules').select(root, undefined)), date: undefined }),
  },
];

/** In build order: where two collections hold one rule, the earlier copy is kept (Markdown over JSON seeds). */
export const COLLECTION_NAMES = COLLECTIONS.map((c) => c.name);

function collectionKind(name: string): CollectionKind {
  return COLLECTIONS.find((c) => c.name === name)!;
}

/** Which collection `dir` is a checkout of, and the folder its files are under. */
export function recogniseCollection(dir: string): { name: string; root: string } | undefined {
  for (const kind of COLLECTIONS) {
    const root = kind.recognise(path.resolve(dir));
    if (root) return { name: kind.name, root };
  }
  return undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a collection's files from a checkout; throws naming the file that is missing or not UTF-8 text. */
export function readCheckout(name: string, root: string, previous: SourceFile[] | undefined): { files: SourceFile[]; commits: string[]; date: string | undefined } {
  const kind = collectionKind(name);
  const files = kind.select(root, previous).map((rel) => {
    const full = path.join(root, rel);
    if (!isFile(full)) throw new Error(`${name}: ${full} is missing`);
    let text: string;
    try {
      text = UTF8.decode(fs.readFileSync(full));
    } catch {
      throw new Error(`${name}: ${full} is not UTF-8 text`);
    }
    return { path: rel, text };
  });
  if (files.length === 0) throw new Error(`${name}: no statute files under ${root}`);
  return { files, ...kind.provenance(root) };
}

export function describeCollection(name: string): { repository: string; folder: string } {
  const kind = collectionKind(name);
  return { repository: kind.repository, folder: kind.folder };
}

/** An archive's content: JSON Lines, one file a line, sorted by path. */
export function archiveContent(files: SourceFile[]): Buffer {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return Buffer.from(sorted.map((f) => JSON.stringify({ path: f.path, text: f.text })).join('\n') + '\n', 'utf8');
}

export function compressArchive(content: Buffer): Buffer {
  return zlib.brotliCompressSync(content, {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
}

/** An archive's files and the sha256 of its content; throws naming the archive when it cannot be read. */
export function readArchive(file: string): { files: SourceFile[]; sha256: string } {
  let content: Buffer;
  try {
    content = zlib.brotliDecompressSync(fs.readFileSync(file));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  const files = content.toString('utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as SourceFile);
  return { files, sha256: sha256(content) };
}
