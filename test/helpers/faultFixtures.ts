/**
 * Broken things to test against: copies of data/ with one fault each (for LEXCITE_DATA), a statute folder with
 * unreadable, binary, non-UTF-8 and empty files, and snapshots of folders to prove nothing was written to them.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DATA_DIR, LAWREFBOOK_PIPL } from './corpus';

export const DATA_FILES = ['documents.json', 'bibliography.json', 'cited.json'];

export interface DataFault {
  name: string;
  /** Breaks the copy of data/ in `dir`. */
  breakIt: (dir: string) => void;
  /** What the user is told. */
  message: RegExp;
}

export const DATA_FAULTS: DataFault[] = [
  {
    name: 'corrupt JSON',
    breakIt: (dir) => fs.writeFileSync(path.join(dir, 'documents.json'), '{"schemaVersion": 1, "documents": [{"id": }'),
    message: /corpus file \S*documents\.json is not valid JSON \(.*\); rebuild it with npm run build:corpus/,
  },
  {
    name: 'truncated file',
    breakIt: (dir) => {
      const file = path.join(dir, 'bibliography.json');
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
    message: /corpus file \S*bibliography\.json is not valid JSON/,
  },
  {
    name: 'wrong schema version',
    breakIt: (dir) => {
      const file = path.join(dir, 'cited.json');
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), schemaVersion: 99 }));
    },
    message: /corpus file \S*cited\.json has schema version 99, this LexCite reads version 1; rebuild it with npm run build:corpus/,
  },
  {
    name: 'right version, damaged entries',
    breakIt: (dir) => {
      const file = path.join(dir, 'documents.json');
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      delete data.documents[3].title;
      fs.writeFileSync(file, JSON.stringify(data));
    },
    message: /corpus file \S*documents\.json is damaged: documents\[3\] has no title \(string\); rebuild it with npm run build:corpus/,
  },
  {
    name: 'missing file',
    breakIt: (dir) => fs.rmSync(path.join(dir, 'cited.json')),
    message: /cannot read corpus file \S*cited\.json: ENOENT/,
  },
  {
    name: 'a folder without any data file',
    breakIt: (dir) => {
      for (const name of DATA_FILES) fs.rmSync(path.join(dir, name));
    },
    message: /cannot read corpus file \S*lexcite-data-\w+\/documents\.json: ENOENT/,
  },
];

/** A copy of data/*.json in a temporary folder, broken by `fault`. */
export function brokenData(fault: DataFault): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-data-'));
  for (const name of DATA_FILES) fs.copyFileSync(path.join(DATA_DIR, name), path.join(dir, name));
  fault.breakIt(dir);
  return dir;
}

/** A statute in LawRefBook Markdown (a fixture): 个人信息保护法 (2021), 74 articles. */
export const GOOD_STATUTE = LAWREFBOOK_PIPL;

export interface BrokenFolder {
  dir: string;
  /** The faults the loader must report, by file name. */
  faults: Record<string, RegExp>;
}

/**
 * A statute folder with one good statute and every kind of unreadable file: a link to nowhere, binary content,
 * GBK-encoded text, an empty file, and (when not running as root, which reads anything) a file without read
 * permission.
 */
export function brokenStatuteFolder(): BrokenFolder {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-broken-laws-'));
  fs.copyFileSync(GOOD_STATUTE, path.join(dir, '个人信息保护法(2021-08-20).md'));
  fs.symlinkSync(path.join(dir, 'nowhere', 'gone.md'), path.join(dir, '链接.md'));
  fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x00]));
  // 中华人民共和国 in GBK.
  fs.writeFileSync(path.join(dir, 'gbk.md'), Buffer.from([0xd6, 0xd0, 0xbb, 0xaa, 0xc8, 0xcb, 0xc3, 0xf1, 0xb9, 0xb2, 0xba, 0xcd, 0xb9, 0xfa]));
  fs.writeFileSync(path.join(dir, 'empty.md'), '');
  fs.writeFileSync(path.join(dir, 'blank.json'), '  \n\n');
  const faults: Record<string, RegExp> = {
    '链接.md': /^cannot read file: ENOENT/,
    'binary.md': /^not UTF-8 text \(a binary file, or another encoding such as GBK\)$/,
    'gbk.md': /^not UTF-8 text/,
    'empty.md': /^empty file$/,
    'blank.json': /^empty file$/,
  };
  if (process.getuid?.() !== 0) {
    fs.writeFileSync(path.join(dir, 'locked.md'), fs.readFileSync(GOOD_STATUTE));
    fs.chmodSync(path.join(dir, 'locked.md'), 0o000);
    faults['locked.md'] = /^cannot read file: EACCES/;
  }
  return { dir, faults };
}

export interface FileState {
  size: number;
  mtimeMs: number;
  mode: number;
  sha256: string;
}

/** Every file under a folder with its size, mtime, mode and content hash. */
export function snapshot(dir: string): Record<string, FileState> {
  const out: Record<string, FileState> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = fs.statSync(full);
        out[path.relative(dir, full)] = { size: stat.size, mtimeMs: stat.mtimeMs, mode: stat.mode, sha256: crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex') };
      }
    }
  };
  walk(dir);
  return out;
}

/** A copy of `source` made read-only (files and folders), for proving that nothing writes there. */
export function readOnlyCopy(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-readonly-'));
  fs.cpSync(source, dir, { recursive: true });
  const lock = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) lock(path.join(p, name));
    fs.chmodSync(p, stat.isDirectory() ? 0o555 : 0o444);
  };
  lock(dir);
  return dir;
}

/** Removes a folder made by readOnlyCopy or brokenStatuteFolder (making it writable first). */
export function removeFolder(dir: string): void {
  const unlock = (p: string) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return;
    fs.chmodSync(p, stat.isDirectory() ? 0o755 : 0o644);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) unlock(path.join(p, name));
  };
  if (fs.existsSync(dir)) unlock(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}
