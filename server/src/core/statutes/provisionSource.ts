/**
 * Where a statute's provisions come from when they are kept out of memory until first used (the bundled statute
 * book, the cache of a user's statute folder). The Node layer hands the corpus one source per document; the source
 * checks that what it reads is the text it indexed before serving it. A source that cannot read that text is a
 * load fault: reported once, and the document is then unavailable — its provision list is empty, and the checks
 * that would say "this article does not exist" skip it (they cannot know).
 *
 * Pure: the sources themselves (file reads, hashes) live in the Node layer.
 */
import type { CorpusDocument, Provision } from '../corpus/model';

export type ProvisionRead = { ok: true; provisions: Provision[] } | { ok: false; reason: string };

export interface ProvisionSource {
  /** The document's provisions, verified to be the indexed text; called at most once per document. */
  read(): ProvisionRead;
  /**
   * The same read in short steps, for a pass over the whole book that a server runs between requests (the
   * reverse index): a large statute took 5–10 ms to decompress, check and parse at once.
   */
  readInSteps?(): Generator<void, ProvisionRead>;
  /**
   * What identifies the text it serves (the hash it verifies against): the same key, the same provisions. Lets a
   * saved reverse index be matched to the corpus without reading every document.
   */
  contentKey?: string;
}

export interface ProvisionFault {
  documentId: string;
  title: string;
  /** Where the document came from (a statute file, or the statute book). */
  file: string;
  reason: string;
}

/** Told once per document whose provisions cannot be read. */
export type ProvisionFaultListener = (fault: ProvisionFault) => void;

export type DocumentMetadata = Omit<CorpusDocument, 'provisions'>;

const unavailable = new WeakSet<CorpusDocument>();
const NO_PROVISIONS: readonly Provision[] = Object.freeze([]);

/** Where a document's provisions come from, and them once read; kept beside the document, not on it. */
interface SourceState {
  source: ProvisionSource;
  onFault: ProvisionFaultListener;
  provisions?: Provision[];
}
const sources = new WeakMap<object, SourceState>();

/**
 * A document whose provisions are read on first use. The getter is on the prototype, so making one is copying its
 * metadata: a server starting up makes ~2,500 of them (an accessor defined on each object cost ~15 ms).
 */
class SourcedDocument {
  declare provisionCount: number;

  constructor(metadata: DocumentMetadata, provisionCount: number) {
    Object.assign(this, metadata);
    this.provisionCount = provisionCount;
  }

  get provisions(): Provision[] {
    const state = sources.get(this)!;
    if (state.provisions) return state.provisions;
    const doc = this as unknown as CorpusDocument;
    let read: ProvisionRead;
    try {
      read = state.source.read();
    } catch (error) {
      read = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (read.ok && read.provisions.length !== this.provisionCount) {
      read = { ok: false, reason: `${read.provisions.length} provisions where ${this.provisionCount} were indexed` };
    }
    if (read.ok) {
      state.provisions = read.provisions;
    } else {
      state.provisions = NO_PROVISIONS as Provision[];
      unavailable.add(doc);
      try {
        state.onFault({ documentId: doc.id, title: doc.title, file: doc.location.file, reason: read.reason });
      } catch {
        // A listener's own failure must not turn a load fault into a crash of whatever asked for the text.
      }
    }
    return state.provisions;
  }
}
const contentKeys = new WeakMap<object, string>();

/**
 * A document whose provisions are read from `source` the first time anything looks at them, then kept. A failed
 * read (or a source that throws) leaves the document unavailable and tells `onFault` once.
 */
export function documentFromSource(metadata: DocumentMetadata, provisionCount: number, source: ProvisionSource, onFault: ProvisionFaultListener): CorpusDocument {
  const doc = new SourcedDocument(metadata, provisionCount);
  sources.set(doc, { source, onFault });
  if (source.contentKey !== undefined) contentKeys.set(doc, source.contentKey);
  return doc as unknown as CorpusDocument;
}

/**
 * A document's provisions for one pass over the whole book (the reverse index): those already in memory, or read
 * from the source and not kept, so indexing 290,000 provisions does not hold them all. Nothing for an unreadable one.
 */
export function provisionsWithoutKeeping(doc: CorpusDocument): readonly Provision[] {
  const state = sources.get(doc);
  if (!state) return doc.provisions;
  if (state.provisions) return state.provisions;
  try {
    return checkedRead(doc, state.source.read());
  } catch {
    // Reported (once) when something reads the document for real; an index built over the book skips it.
    return NO_PROVISIONS;
  }
}

/** provisionsWithoutKeeping in short steps, when the document's source can read in steps. */
export function* provisionsWithoutKeepingInSteps(doc: CorpusDocument): Generator<void, readonly Provision[]> {
  const state = sources.get(doc);
  if (!state?.source.readInSteps || state.provisions) return provisionsWithoutKeeping(doc);
  try {
    return checkedRead(doc, yield* state.source.readInSteps());
  } catch {
    return NO_PROVISIONS;
  }
}

function checkedRead(doc: CorpusDocument, read: ProvisionRead): readonly Provision[] {
  return read.ok && read.provisions.length === doc.provisionCount ? read.provisions : NO_PROVISIONS;
}

/** The content key of a document read from a source that has one (see ProvisionSource.contentKey). */
export function documentContentKey(doc: CorpusDocument): string | undefined {
  return contentKeys.get(doc);
}

/**
 * True when the document's provisions could not be read (reading them first if nobody has): nothing can be said
 * about which articles it has.
 */
export function provisionsUnavailable(doc: CorpusDocument): boolean {
  void doc.provisions;
  return unavailable.has(doc);
}

/** Checks a re-read statute against what was indexed: same title and version, same number of provisions. */
export function sameStatute(indexed: DocumentMetadata & { provisionCount?: number }, read: CorpusDocument | undefined): string | undefined {
  if (!read) return 'the file no longer holds a statute';
  if (read.title !== indexed.title) return `the file now holds 《${read.title}》`;
  if ((read.versionDate ?? '') !== (indexed.versionDate ?? '')) return `the file now holds the version of ${read.versionDate ?? 'no date'}`;
  if (indexed.provisionCount !== undefined && read.provisions.length !== indexed.provisionCount) return `the file's text changed (${read.provisions.length} provisions where ${indexed.provisionCount} were indexed)`;
  return undefined;
}
