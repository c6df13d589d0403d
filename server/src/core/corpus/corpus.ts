/**
 * The in-memory corpus: the bulletin index plus any statute collections, with exact maps for titles, aliases
 * and 文号, per-document provision addressing (built on first use) and the search index (built on first
 * search). Immutable: loading a statute collection makes a new Corpus.
 */
import { ProvisionAddressing } from './addressing';
import type { BibRecord, CitedInstrument, CorpusDocument, CorpusFiles } from './model';
import { LAW_NAMES } from './lawNames';
import { hasPrcPrefix, titleKey, titleKeyWithoutPrc } from '../text/normalize';
import { detached } from '../text/detach';
import { pinyinOf } from '../text/pinyin';
import { EntryType, SearchEntry, SearchIndex, authorityOf } from './search';
import { ReverseIndex, ReverseIndexStore } from './reverseIndex';

export type TitleVia = 'title' | 'without-prc' | 'without-issuer' | 'short-name' | 'nickname' | 'file-name' | 'variant' | 'common-name';

export interface TitleEntry {
  type: EntryType;
  id: string;
  via: TitleVia;
}

export type CorpusItem =
  | { type: 'document'; item: CorpusDocument }
  | { type: 'record'; item: BibRecord }
  | { type: 'instrument'; item: CitedInstrument };

export interface CorpusStats {
  documents: number;
  provisions: number;
  records: number;
  instruments: number;
  statutes: number;
}

const MEMO_LIMIT = 50000;

export class Corpus {
  readonly documents: CorpusDocument[];
  readonly records: BibRecord[];
  readonly instruments: CitedInstrument[];
  private readonly documentById = new Map<string, CorpusDocument>();
  private readonly recordById = new Map<string, BibRecord>();
  /** The user's bibliography records by citation key ([@key]). */
  private readonly recordByKey = new Map<string, BibRecord>();
  private readonly instrumentById = new Map<string, CitedInstrument>();
  private readonly titles = new Map<string, TitleEntry[]>();
  /** Every cited-only instrument by title, also those a statute shadows: a foreign citation may still mean them. */
  private readonly instrumentTitles = new Map<string, TitleEntry[]>();
  /** Instruments whose title a document holds: they answer only for foreign citations (see yieldInstrumentsToDocuments). */
  private readonly shadowed = new Set<string>();
  private readonly docNumbers = new Map<string, CorpusDocument[]>();
  private readonly addressings = new Map<string, ProvisionAddressing>();
  private searchIndex: SearchIndex | undefined;
  private reverse: ReverseIndex | undefined;
  /**
   * Whether the reverse index is built the first time a check asks for it (the CLI, tests: a few seconds once);
   * a server sets this false and builds it in time slices (buildReverseIndexInSteps) when reverseIndexWanted says
   * a check went without it.
   */
  buildReverseIndexOnDemand = true;
  reverseIndexWanted = false;
  /** Where the reverse index is loaded from instead of built, and saved to once built (the server's and CLI's disk cache). */
  reverseIndexStore: ReverseIndexStore | undefined;
  private readonly memo = new Map<string, unknown>();
  private readonly objectMemo = new WeakMap<object, { key: string; value: unknown } | Map<string, unknown>>();
  readonly stats: CorpusStats;

  /** The date of the bundled statute book (the newest of its sources), when the corpus holds it. */
  readonly statuteBookDate: string | undefined;

  constructor(bulletin: CorpusFiles | undefined, statutes: CorpusDocument[] = [], info: { statuteBookDate?: string; literature?: BibRecord[] } = {}) {
    this.statuteBookDate = info.statuteBookDate;
    this.documents = [...(bulletin?.documents.documents ?? []), ...statutes];
    this.records = [...(bulletin?.bibliography.records ?? []), ...(info.literature ?? [])];
    this.instruments = bulletin?.cited.instruments ?? [];
    for (const doc of this.documents) {
      this.documentById.set(doc.id, doc);
      this.addTitle(doc.title, { type: 'document', id: doc.id, via: 'title' });
      for (const alias of doc.aliases) this.addTitle(alias.text, { type: 'document', id: doc.id, via: alias.kind });
      if (doc.kind === 'statute') for (const name of commonNamesOf(doc.title)) this.addTitle(name, { type: 'document', id: doc.id, via: 'common-name' });
      if (doc.docNumber) push(this.docNumbers, doc.docNumber, doc);
    }
    for (const record of this.records) {
      this.recordById.set(record.id, record);
      if (record.work && !this.recordByKey.has(record.work.key)) this.recordByKey.set(record.work.key, record);
      this.addTitle(record.title, { type: 'record', id: record.id, via: 'title' });
    }
    for (const instrument of this.instruments) {
      this.instrumentById.set(instrument.id, instrument);
      this.addTitle(instrument.title, { type: 'instrument', id: instrument.id, via: 'title' });
      for (const variant of instrument.variants) this.addTitle(variant, { type: 'instrument', id: instrument.id, via: 'variant' });
      for (const alias of instrument.aliases) this.addTitle(alias.text, { type: 'instrument', id: instrument.id, via: alias.kind });
      addEntry(this.instrumentTitles, titleKeyWithoutPrc(instrument.title), { type: 'instrument', id: instrument.id, via: 'title' });
    }
    this.yieldInstrumentsToDocuments();
    this.stats = {
      documents: this.documents.length,
      // provisionCount first: reading `provisions` of a lazily loaded statute would pull it from disk.
      provisions: this.documents.reduce((n, d) => n + (d.provisionCount ?? d.provisions.length), 0),
      records: this.records.length,
      instruments: this.instruments.length,
      statutes: statutes.length,
    };
  }

  private addTitle(text: string, entry: TitleEntry): void {
    // Keyed without 中华人民共和国, so both forms find the same work.
    addEntry(this.titles, titleKeyWithoutPrc(text), entry);
  }

  /**
   * The bulletin's cited-only records answer for a title only while no document has it: once the statute book
   * holds 《个人信息保护法》, the record of the bulletin's mentions (some of them Japan's and Korea's acts) steps
   * aside, and the forms the bulletin printed it in (misprints included) name the statute.
   */
  private yieldInstrumentsToDocuments(): void {
    for (const instrument of this.instruments) {
      const documents = (this.titles.get(titleKeyWithoutPrc(instrument.title)) ?? []).filter((e) => e.type === 'document');
      if (documents.length === 0) continue;
      this.shadowed.add(instrument.id);
      for (const variant of instrument.variants) {
        if (DRAFT.test(variant)) continue;
        for (const entry of documents) this.addTitle(variant, { ...entry, via: 'variant' });
      }
    }
    for (const [key, list] of this.titles) {
      if (list.some((e) => e.type === 'document') && list.some((e) => e.type === 'instrument')) this.titles.set(key, list.filter((e) => e.type !== 'instrument'));
    }
  }

  /** Exact (normalised) title, alias or variant lookup; [] when nothing has this title. */
  lookupTitle(title: string): TitleEntry[] {
    return this.titles.get(titleKeyWithoutPrc(title)) ?? [];
  }

  /**
   * The cited-only instruments a title written after a foreign jurisdiction (韩国《个人信息保护法》) may mean: those
   * the bulletin cites under that jurisdiction, or foreign acts it names without one. Never a document.
   */
  lookupForeignTitle(title: string, jurisdiction: string): TitleEntry[] {
    return (this.instrumentTitles.get(titleKeyWithoutPrc(title)) ?? []).filter((entry) => {
      const instrument = this.instrument(entry.id);
      return instrument !== undefined && (instrument.jurisdictions.includes(jurisdiction) || (instrument.jurisdictions.length === 0 && instrument.kind === 'foreign-law'));
    });
  }

  /** Whether the title as written carries the 中华人民共和国 prefix the index also knows (for style checks). */
  static writtenWithPrc(title: string): boolean {
    return hasPrcPrefix(title);
  }

  lookupDocNumber(canonical: string): CorpusDocument[] {
    return this.docNumbers.get(canonical) ?? [];
  }

  document(id: string): CorpusDocument | undefined {
    return this.documentById.get(id);
  }

  record(id: string): BibRecord | undefined {
    return this.recordById.get(id);
  }

  /** The bibliography record a pandoc citation key names. */
  recordForKey(key: string): BibRecord | undefined {
    return this.recordByKey.get(key);
  }

  /** Whether the user's bibliographies gave any record (else a pandoc key cannot be checked). */
  get hasLiterature(): boolean {
    return this.recordByKey.size > 0;
  }

  instrument(id: string): CitedInstrument | undefined {
    return this.instrumentById.get(id);
  }

  item(entry: { type: EntryType; id: string }): CorpusItem | undefined {
    switch (entry.type) {
      case 'document': {
        const item = this.document(entry.id);
        return item && { type: 'document', item };
      }
      case 'record': {
        const item = this.record(entry.id);
        return item && { type: 'record', item };
      }
      default: {
        const item = this.instrument(entry.id);
        return item && { type: 'instrument', item };
      }
    }
  }

  addressing(doc: CorpusDocument): ProvisionAddressing {
    let addressing = this.addressings.get(doc.id);
    if (!addressing) {
      addressing = new ProvisionAddressing(doc);
      this.addressings.set(doc.id, addressing);
    }
    return addressing;
  }

  /**
   * Results of pure questions about this corpus (how a title resolves, whether a quotation is in a provision),
   * remembered so re-checking a paper after an edit costs lookups, not searches. The corpus never changes, so
   * nothing goes stale; the map is emptied when it grows large.
   */
  cached<T>(key: string, compute: () => T): T {
    const known = this.memo.get(key);
    if (known !== undefined || this.memo.has(key)) return known as T;
    const value = compute();
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(detached(key), value);
    return value;
  }

  /**
   * The same, remembered on a parsed citation object: several checks ask the same question about one citation,
   * and a lookup by object is cheaper than building the string key again. Dies with the citation.
   */
  cachedFor<T>(citation: object, key: string, compute: () => T): T {
    // A citation is mostly asked one question (one key): its answer is kept alone, a map made at a second key.
    const answers = this.objectMemo.get(citation);
    if (answers instanceof Map) {
      const known = answers.get(key);
      if (known !== undefined || answers.has(key)) return known as T;
      const value = compute();
      answers.set(key, value);
      return value;
    }
    if (answers !== undefined && answers.key === key) return answers.value as T;
    const value = compute();
    // Read again: the computation may have asked about the citation too.
    const now = this.objectMemo.get(citation);
    if (now instanceof Map) now.set(key, value);
    else this.objectMemo.set(citation, now === undefined || now.key === key ? { key, value } : new Map([[now.key, now.value], [key, value]]));
    return value;
  }

  get search(): SearchIndex {
    if (!this.searchIndex) this.searchIndex = new SearchIndex(this.searchEntries());
    return this.searchIndex;
  }

  /**
   * Builds the search index in short steps (a statute collection's takes a few hundred milliseconds in all),
   * for a server that wants it ready before first use without blocking requests meanwhile.
   */
  *buildSearchIndexInSteps(): Generator<void, SearchIndex> {
    if (this.searchIndex) return this.searchIndex;
    const entries: SearchEntry[] = [];
    for (const entry of this.searchEntriesOneByOne()) {
      entries.push(entry);
      if (entries.length % 100 === 0) yield;
    }
    const index = yield* SearchIndex.buildInSteps(entries);
    this.searchIndex ??= index;
    return this.searchIndex;
  }

  /** Where provision text is in the whole corpus; undefined (and wanted) while a server has not built it yet. */
  get reverseIndex(): ReverseIndex | undefined {
    if (!this.reverse && this.buildReverseIndexOnDemand) {
      const steps = this.buildReverseIndexInSteps();
      for (let step = steps.next(); ; step = steps.next()) if (step.done) break;
    }
    if (!this.reverse) this.reverseIndexWanted = true;
    return this.reverse;
  }

  /** Whether a check can ask the reverse index now without waiting for it (built, or built on demand). */
  get reverseIndexAvailable(): boolean {
    return this.reverse !== undefined || this.buildReverseIndexOnDemand;
  }

  /**
   * The reverse index in short steps: loaded from the store when it holds one over these documents, otherwise built
   * (each document's provisions read, indexed and let go), served at once, then saved to the store.
   */
  *buildReverseIndexInSteps(): Generator<void, ReverseIndex> {
    if (this.reverse) return this.reverse;
    const store = this.reverseIndexStore;
    const loaded = store ? yield* store.load(this.documents) : undefined;
    if (loaded) {
      this.reverse ??= loaded;
      return this.reverse;
    }
    const built = yield* ReverseIndex.build(this.documents);
    this.reverse ??= built;
    if (store && built.complete && this.reverse === built) yield* store.save(built, this.documents);
    return this.reverse;
  }

  private searchEntries(): SearchEntry[] {
    return [...this.searchEntriesOneByOne()];
  }

  /** One search entry per document, record and instrument; a generator so a server can pause between them. */
  private *searchEntriesOneByOne(): Generator<SearchEntry> {
    for (const doc of this.documents) {
      const names = doc.kind === 'statute' ? commonNamesOf(doc.title) : [];
      const aliasTexts = [...doc.aliases.map((a) => a.text), ...names];
      const pinyins = [doc.pinyin, ...doc.aliases.map((a) => a.pinyin ?? pinyinOf(a.text)), ...names.map(pinyinOf)];
      yield entry('document', doc.id, doc.title, [doc.title, ...aliasTexts], pinyins, doc.authors.map((a) => a.name), authorityOf(doc.kind));
    }
    for (const record of this.records) {
      yield entry('record', record.id, record.title, [record.title], [record.pinyin], record.authors, authorityOf('record'));
    }
    for (const instrument of this.instruments) {
      if (this.shadowed.has(instrument.id)) continue;
      const texts = [instrument.title, ...instrument.variants, ...instrument.aliases.map((a) => a.text)];
      const pinyins = [instrument.pinyin, ...instrument.variants.map(pinyinOf), ...instrument.aliases.map((a) => a.pinyin ?? pinyinOf(a.text))];
      yield entry('instrument', instrument.id, instrument.title, texts, pinyins, [], authorityOf(instrument.kind === 'journal' ? 'journal' : 'cited', instrument.sites.length));
    }

    function entry(type: EntryType, id: string, title: string, texts: string[], pinyins: { full: string; initials: string }[], authors: string[], authority: number): SearchEntry {
      const keys: string[] = [];
      const full: string[] = [];
      const initials: string[] = [];
      texts.forEach((text, i) => {
        const key = titleKeyWithoutPrc(text);
        if (keys.includes(key)) return;
        keys.push(key);
        // Pinyin of the key form: drop the syllables of a leading 中华人民共和国.
        const p = pinyins[i] ?? pinyinOf(text);
        const drop = hasPrcPrefix(titleKey(text)) ? 7 : 0;
        const syllables = p.full.split(' ').filter(Boolean).slice(drop);
        full.push(syllables.join(''));
        initials.push(syllables.map((s) => s[0]).join(''));
      });
      return { type, id, title, keys, pinyinFull: full, pinyinInitials: initials, authors, authority };
    }
  }
}

/** A work's own title comes before other works' aliases of the same text (a file named 甲法.md that holds 乙法). */
function addEntry(map: Map<string, TitleEntry[]>, key: string, entry: TitleEntry): void {
  const list = map.get(key);
  if (!list) map.set(key, [entry]);
  else if (list.some((e) => e.type === entry.type && e.id === entry.id)) return;
  else if (entry.via === 'title') {
    const firstAlias = list.findIndex((e) => e.via !== 'title');
    list.splice(firstAlias < 0 ? list.length : firstAlias, 0, entry);
  } else list.push(entry);
}

/** A draft is not the statute it became. */
const DRAFT = /[（(](?:[^（）()]*草案|征求意见稿)[）)]$/;

let namesByLaw: Map<string, string[]> | undefined;

/** The short names lawyers write for a statute (lawNames.ts), by its title with or without 中华人民共和国. */
function commonNamesOf(title: string): string[] {
  if (!namesByLaw) {
    namesByLaw = new Map();
    for (const { name, law } of LAW_NAMES) push(namesByLaw, titleKeyWithoutPrc(law), name);
  }
  return namesByLaw.get(titleKeyWithoutPrc(title)) ?? NO_NAMES;
}
const NO_NAMES: string[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
