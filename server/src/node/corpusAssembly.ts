/**
 * The corpus LexCite serves, assembled in one place for the server and the CLI: the bulletin (data/*.json), the
 * bundled statute book (data/statutes/statutes.pack) and the user's statute folders. A folder's version of a law
 * replaces the book's copy of that version; its other versions and laws add to the book. A part that cannot be
 * loaded or indexed is left out and reported; the rest still serves.
 */
import { Corpus } from '../core/corpus/corpus';
import type { BibRecord, CorpusDocument, CorpusFiles } from '../core/corpus/model';
import { titleKeyWithoutPrc } from '../core/text/normalize';
import { CorpusLoadError, loadCorpusFiles } from './corpusFiles';
import { StatuteBook, StatuteBookError, loadStatuteBook } from './statuteBook';

export interface CorpusParts {
  bulletin: CorpusFiles | undefined;
  book: StatuteBook | undefined;
  /** Documents of the user's statute folders (lexcite.corpora, --corpus). */
  folders: CorpusDocument[];
  /** Records of the user's bibliographies (lexcite.bibliography, --bibliography). */
  literature?: BibRecord[];
}

/** Told what could not be loaded or indexed (a message for the user, in English for the log). */
export type PartFailure = (message: string, part: 'bulletin' | 'statute book' | 'statute folders') => void;

export function loadBulletin(onFailure: PartFailure): CorpusFiles | undefined {
  try {
    return loadCorpusFiles();
  } catch (error) {
    onFailure(error instanceof CorpusLoadError ? error.message : `unexpected error loading the corpus: ${(error as Error).message}`, 'bulletin');
    return undefined;
  }
}

export function loadBundledStatutes(onFailure: PartFailure, file?: string): StatuteBook | undefined {
  try {
    return loadStatuteBook(file);
  } catch (error) {
    onFailure(error instanceof StatuteBookError ? error.message : `unexpected error loading the statute book: ${(error as Error).message}`, 'statute book');
    return undefined;
  }
}

/** Two dates of one version as collections give them (a meeting date and a publication date weeks apart). */
const SAME_VERSION_DAYS = 60;

function sameVersion(a: CorpusDocument, b: CorpusDocument): boolean {
  if (!a.versionDate || !b.versionDate) return a.versionDate === b.versionDate;
  return Math.abs(Date.parse(a.versionDate) - Date.parse(b.versionDate)) <= SAME_VERSION_DAYS * 86400000;
}

/** The book's statutes with the folders' on top: a folder's copy of a version replaces the book's. */
export function statutesWithFolders(book: CorpusDocument[], folders: CorpusDocument[]): CorpusDocument[] {
  if (folders.length === 0) return book;
  const folderVersions = new Map<string, CorpusDocument[]>();
  for (const doc of folders) {
    const key = titleKeyWithoutPrc(doc.title);
    const list = folderVersions.get(key);
    if (list) list.push(doc);
    else folderVersions.set(key, [doc]);
  }
  const kept = book.filter((doc) => !(folderVersions.get(titleKeyWithoutPrc(doc.title)) ?? []).some((mine) => sameVersion(mine, doc)));
  return [...kept, ...folders];
}

/** The corpus of these parts. What cannot be indexed is dropped (statutes first, then the bulletin) and reported. */
export function assembleCorpus(parts: CorpusParts, onFailure: PartFailure): Corpus {
  const statutes = statutesWithFolders(parts.book?.documents ?? [], parts.folders);
  const info = parts.book ? { statuteBookDate: parts.book.date } : {};
  const literature = parts.literature ?? [];
  const attempts: { bulletin: CorpusFiles | undefined; statutes: CorpusDocument[]; dropped?: 'statute folders' | 'statute book' | 'bulletin' }[] = [
    { bulletin: parts.bulletin, statutes },
    ...(parts.folders.length > 0 ? [{ bulletin: parts.bulletin, statutes: parts.book?.documents ?? [], dropped: 'statute folders' as const }] : []),
    { bulletin: parts.bulletin, statutes: [], dropped: 'statute book' as const },
    { bulletin: undefined, statutes: [], dropped: 'bulletin' as const },
  ];
  let firstReason: string | undefined;
  for (const attempt of attempts) {
    try {
      const corpus = new Corpus(attempt.bulletin, attempt.statutes, { ...(attempt.statutes.length > 0 ? info : {}), literature });
      if (attempt.dropped) onFailure(`the ${attempt.dropped} cannot be indexed (${firstReason}); serving without it`, attempt.dropped);
      return corpus;
    } catch (error) {
      firstReason ??= (error as Error).message;
    }
  }
  return new Corpus(undefined, [], { literature });
}
