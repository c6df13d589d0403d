/**
 * Imports a user's statute folder (a LawRefBook checkout, a fork, Ansvar JSON seeds, or a mix): walks it,
 * parses every .md and .json file, joins split codes (民法典) and drops repeated copies of one version.
 * Node-only; the parsing itself lives in the pure core. Nothing here throws for bad files or folders.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CorpusDocument } from '../core/model';
import { parseAnsvarJson } from '../core/statutes/ansvarJson';
import { ImportProblem, ParsedStatute, checkArticleSequence, parseStatuteMarkdown } from '../core/statutes/markdown';
import { findSplitCodes, mergeSplitCode } from '../core/statutes/merge';

export interface StatuteFolderImport {
  documents: CorpusDocument[];
  problems: ImportProblem[];
  /** The .md and .json files read (statutes or not). */
  files: number;
}

/** Folders of the collections that hold no statutes (FORMAT.md §4.1: court cases, the scraper's scripts). */
const SKIPPED_FOLDERS = new Set(['案例', 'scripts', 'node_modules']);

function listFiles(dir: string, problems: ImportProblem[]): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ file: dir, kind: 'skipped', message: `cannot read folder: ${(error as Error).message}` });
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) out.push(...listFiles(full, problems));
    } else if (entry.isFile() && /\.(md|json)$/i.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

function readText(file: string, problems: ImportProblem[]): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  } catch (error) {
    problems.push({ file, kind: 'skipped', message: `cannot read file: ${(error as Error).message}` });
    return undefined;
  }
}

/** Imports every statute under `dir`, sorted by title and then version date. */
export function importStatuteFolder(dir: string): StatuteFolderImport {
  const problems: ImportProblem[] = [];
  const files = listFiles(path.resolve(dir), problems);
  const parsed: ParsedStatute[] = [];
  for (const file of files) {
    const text = readText(file, problems);
    if (text === undefined) continue;
    const result = /\.json$/i.test(file) ? parseAnsvarJson(text, file) : parseStatuteMarkdown(text, file);
    problems.push(...result.problems);
    parsed.push(result);
  }

  const { codes, others } = findSplitCodes(parsed);
  const documents = others.map((p) => p.document).filter((d): d is CorpusDocument => d !== undefined);
  for (const parts of codes) {
    const merged = mergeSplitCode(parts);
    problems.push(...checkArticleSequence(merged.provisions, merged.location.file));
    documents.push(merged);
  }

  // The same version can sit in two folders of a collection (FORMAT.md pitfall 1): keep the first copy.
  const byVersion = new Map<string, CorpusDocument>();
  const unique: CorpusDocument[] = [];
  for (const doc of documents) {
    const kept = byVersion.get(doc.id);
    if (kept) {
      problems.push({ file: doc.location.file, kind: 'skipped', message: `same title and version (${doc.versionDate ?? 'undated'}) as ${kept.location.file}` });
      continue;
    }
    byVersion.set(doc.id, doc);
    unique.push(doc);
  }

  unique.sort((a, b) => compare(a.title, b.title) || compare(a.versionDate ?? '', b.versionDate ?? ''));
  return { documents: unique, problems, files: files.length };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
