/**
 * Imports a user's statute folder (a LawRefBook checkout, a fork, Ansvar JSON seeds, or a mix): walks it,
 * parses every .md and .json file, joins split codes (民法典) and drops repeated copies of one version.
 * Node-only; the parsing itself lives in the pure core. Nothing here throws for bad files or folders.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CorpusDocument } from '../core/corpus/model';
import { parseStatuteText } from '../core/statutes';
import { parseAnsvarJsonSteps } from '../core/statutes/ansvarJson';
import { checkArticleSequence } from '../core/statutes/builder';
import { ImportProblem, ParsedStatute } from '../core/statutes/importTypes';
import { parseStatuteMarkdownSteps } from '../core/statutes/markdown';
import { appendAll } from '../core/statutes/statuteText';
import { isNationalLawText } from '../core/statutes/nationalLawsHeader';
import { findSplitCodes, mergeSplitCode } from '../core/statutes/merge';

export interface StatuteFolderImport {
  documents: CorpusDocument[];
  problems: ImportProblem[];
  /** The .md and .json files read (statutes or not). */
  files: number;
}

/**
 * A problem with the folder itself rather than with a statute's text: a folder or file that cannot be read, a
 * file that is not UTF-8 text, an empty file. The server tells the user about these (once); the CLI stops.
 */
export interface LoadFault extends ImportProblem {
  fault: true;
  /** What went wrong, for a message in the user's language (`message` is the log's English). */
  reason: FaultReason;
}

export type FaultReason = 'not-a-folder' | 'unreadable' | 'not-regular' | 'not-utf8' | 'binary' | 'empty';

export function faultProblem(file: string, message: string, reason: FaultReason): LoadFault {
  return { file, kind: 'skipped', message, fault: true, reason };
}

export function isFault(problem: ImportProblem): problem is LoadFault {
  return (problem as Partial<LoadFault>).fault === true;
}

/** A statute left out because another file holds the same version: the folder does hold statutes. */
function duplicateProblem(problem: ImportProblem): ImportProblem {
  return Object.assign(problem, { duplicate: true });
}

export function isDuplicate(problem: ImportProblem): boolean {
  return (problem as { duplicate?: boolean }).duplicate === true;
}

/** Folders of the collections that hold no statutes (FORMAT.md §4.1: court cases, the scraper's scripts). */
const SKIPPED_FOLDERS = new Set(['案例', 'scripts', 'node_modules']);

const NOT_REGULAR = 'not a regular file (a FIFO, socket or device, or a link to one): not read';

/** The .md and .json files under a folder, sorted, skipping hidden and non-statute folders. */
export function listStatuteFiles(dir: string, problems: ImportProblem[]): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(faultProblem(dir, `cannot read folder: ${(error as Error).message}`, 'unreadable'));
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) appendAll(out, listStatuteFiles(full, problems));
    } else if (!/\.(md|json)$/i.test(entry.name)) {
      continue;
    } else if (entry.isFile()) {
      out.push(full);
    } else if (entry.isSymbolicLink()) {
      // A linked statute file counts like any other; a link that leads nowhere is reported, not ignored.
      try {
        const target = fs.statSync(full);
        if (target.isFile()) out.push(full);
        else if (!target.isDirectory()) problems.push(faultProblem(full, NOT_REGULAR, 'not-regular'));
      } catch (error) {
        problems.push(faultProblem(full, `cannot read file: ${(error as Error).message}`, 'unreadable'));
      }
    } else {
      // A FIFO or a device named like a statute: reading it would block or never end.
      problems.push(faultProblem(full, NOT_REGULAR, 'not-regular'));
    }
  }
  return out;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A statute file's text; undefined (with a fault) when it cannot be read, is empty or is not UTF-8 text. */
function readText(file: string, problems: ImportProblem[]): string | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    problems.push(faultProblem(file, `cannot read file: ${(error as Error).message}`, 'unreadable'));
    return undefined;
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    problems.push(faultProblem(file, 'not UTF-8 text (a binary file, or another encoding such as GBK)', 'not-utf8'));
    return undefined;
  }
  if (text.includes('\u0000')) {
    problems.push(faultProblem(file, 'not a text file (it contains NUL bytes)', 'binary'));
    return undefined;
  }
  if (text.trim() === '') {
    problems.push(faultProblem(file, 'empty file', 'empty'));
    return undefined;
  }
  return text.replace(/^\ufeff/, '');
}

/** Parses one statute file's text (Markdown of either shape, or JSON by extension). */
export function parseStatuteFile(file: string, text: string): ParsedStatute {
  return parseStatuteText(file, text);
}

/**
 * {@link parseStatuteFile} as a generator that yields inside a large file, for loaders that run in time slices:
 * `yield* parseStatuteFileSteps(file, text)`. Formats without a stepped parser are parsed in one step.
 */
export function* parseStatuteFileSteps(file: string, text: string): Generator<void, ParsedStatute> {
  if (/\.json$/i.test(file)) return yield* parseAnsvarJsonSteps(text, file);
  if (/\.md$/i.test(file) && !isNationalLawText(text)) return yield* parseStatuteMarkdownSteps(text, file);
  return parseStatuteFile(file, text);
}

/** Imports every statute under `dir`, sorted by title and then version date. */
export function importStatuteFolder(dir: string): StatuteFolderImport {
  const problems: ImportProblem[] = [];
  const files = listStatuteFiles(path.resolve(dir), problems);
  const parsed: ParsedStatute[] = [];
  for (const file of files) {
    const text = readText(file, problems);
    if (text === undefined) continue;
    parsed.push(parseStatuteFile(file, text));
  }
  return { ...assembleCollection(parsed, problems), files: files.length };
}

export function readStatuteText(file: string, problems: ImportProblem[]): string | undefined {
  return readText(file, problems);
}

/**
 * Parsed files to documents: joins split codes, drops repeated copies of one version, and collapses two copies
 * of one text that collections date differently (a meeting date and a publication date weeks apart, the same
 * articles) into the better-structured one.
 */
export function assembleCollection(parsed: ParsedStatute[], problems: ImportProblem[]): { documents: CorpusDocument[]; problems: ImportProblem[] } {
  for (const p of parsed) appendAll(problems, p.problems);
  const { codes, others } = findSplitCodes(parsed);
  const documents = others.map((p) => p.document).filter((d): d is CorpusDocument => d !== undefined);
  for (const parts of codes) {
    const merged = mergeSplitCode(parts);
    appendAll(problems, checkArticleSequence(merged.provisions, merged.location.file));
    documents.push(merged);
  }

  // The same version can sit in two folders of a collection (FORMAT.md pitfall 1): keep the first copy.
  const byVersion = new Map<string, CorpusDocument>();
  const unique: CorpusDocument[] = [];
  for (const doc of documents) {
    const kept = byVersion.get(doc.id);
    if (kept) {
      problems.push(duplicateProblem({ file: doc.location.file, kind: 'skipped', message: `same title and version (${doc.versionDate ?? 'undated'}) as ${kept.location.file}` }));
      continue;
    }
    byVersion.set(doc.id, doc);
    unique.push(doc);
  }
  const distinct = collapseNearCopies(unique, problems);
  distinct.sort((a, b) => compare(a.title, b.title) || compare(a.versionDate ?? '', b.versionDate ?? ''));
  return { documents: distinct, problems };
}

const NEAR_COPY_DAYS = 60;

function articleCount(doc: CorpusDocument): number {
  return doc.provisions.filter((p) => p.kind === 'article').length;
}

/** Same title, same number of articles, dated within 60 days: one version published twice. */
function collapseNearCopies(documents: CorpusDocument[], problems: ImportProblem[]): CorpusDocument[] {
  const byTitle = new Map<string, CorpusDocument[]>();
  for (const doc of documents) byTitle.set(doc.title, [...(byTitle.get(doc.title) ?? []), doc]);
  const dropped = new Set<CorpusDocument>();
  for (const versions of byTitle.values()) {
    for (let i = 0; i < versions.length; i++) {
      for (let j = i + 1; j < versions.length; j++) {
        const [a, b] = [versions[i], versions[j]];
        if (dropped.has(a) || dropped.has(b) || !a.versionDate || !b.versionDate || articleCount(a) !== articleCount(b) || articleCount(a) === 0) continue;
        const days = Math.abs(Date.parse(a.versionDate) - Date.parse(b.versionDate)) / 86400000;
        if (days > NEAR_COPY_DAYS) continue;
        const [keep, drop] = a.provisions.length >= b.provisions.length ? [a, b] : [b, a];
        dropped.add(drop);
        problems.push(duplicateProblem({ file: drop.location.file, kind: 'warning', message: `same text as ${keep.location.file} (dated ${keep.versionDate}, ${drop.versionDate} here): one version, the better-structured copy is kept` }));
      }
    }
  }
  return documents.filter((d) => !dropped.has(d));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
