/**
 * Names a paper defines for itself: 《全国法院民商事审判工作会议纪要》（法〔2019〕254号，以下简称《九民纪要》）
 * makes 《九民纪要》 an alias, for that paper only, of what the defining title resolves to. A paper's own
 * short names take precedence over the corpus (a paper's 《报告》 is its report, not the bulletin's).
 */
import type { Corpus, TitleEntry } from '../corpus/corpus';
import { titleKeyWithoutPrc } from '../text/normalize';
import type { AnaphoricCitation, ArticleReference, ParsedPaper, TitleCitation } from './parser';
import { frontMatterDate, todayIso } from '../corpus/versions';
import { continuedReference } from './references';
import { firstIndexWhere, firstStartingAtOrAfter } from '../util/binarySearch';
import type { PaperChange } from './incremental';

export class ShortNameDefinition {
  constructor(
    readonly name: string,
    /** The title citation that defines it. */
    readonly title: TitleCitation,
    /** What the defining title resolves to in the corpus ([] when it is not indexed). */
    readonly entries: TitleEntry[],
  ) {}

  /** Offset of the name inside 以下简称《…》 (read from the title, so it follows the title when an edit moves it). */
  get offset(): number {
    return this.title.shortName!.start;
  }
}

/** What an anaphoric citation (该法第N条) points back to. */
export interface Antecedent {
  /** The title citation of the work. */
  title: TitleCitation;
  /** For 该条第二款: the article reference it continues. */
  reference?: ArticleReference;
  /** Near and alone: no other work of the kind cited in between. A finding on an uncertain one is only a hint. */
  certain: boolean;
}

/** How far back an anaphor looks for its work, and how near the work must be for a finding to be more than a hint. */
const ANTECEDENT_WINDOW = 1500;
const CERTAIN_DISTANCE = 300;
const PARAGRAPH_BREAK = /\n[ \t]*\r?\n/;
const SENTENCE_ENDS = '。！？!?\n';
const SENTENCE_END = new RegExp(`[${SENTENCE_ENDS}]`);
/** A bare 第N条 between 该条 and the last cited article: 该条 may mean that one, which no title names. */
const BARE_ARTICLE = /第[ \t\u3000]*[0-9０-９〇零一二两三四五六七八九十百千]+[ \t\u3000]*条/;

const NO_DEFINITIONS: ShortNameDefinition[] = [];
/** Names as written whose definitions a scope (and the scopes of later versions) remember, at most. */
const MAX_NAMES_REMEMBERED = 10_000;

export class PaperScope {
  private readonly byKey: Map<string, ShortNameDefinition[]>;
  /** The definitions of each name asked about, as written. */
  private readonly byName: Map<string, ShortNameDefinition[]>;
  private antecedents?: FoundAntecedents;
  /**
   * What the version before found for its anaphora and how this one differs from it, until this one's are found
   * (never the scope itself: a chain of versions would be kept).
   */
  private previous?: { records: AnaphorRecords; change: PaperChange };
  private inOrder?: ShortNameDefinition[];
  /** The paper's date (ISO): its front matter's `date:`, else the given default. Untagged statute citations mean the version in force then. */
  readonly date: string;

  /**
   * `previous`: the scope of the version before, with how this one differs from it (paper/incremental.ts): its
   * definitions are this one's when the paragraphs parsed again define no short name, before or after.
   */
  constructor(private readonly corpus: Corpus, private readonly paper: ParsedPaper, defaultDate: string = todayIso(), previous?: { scope: PaperScope; change: PaperChange }) {
    this.date = frontMatterDate(paper.text) ?? defaultDate;
    // What the previous scope found is of use only if this version was made from its paper.
    const follows = previous?.change.previous === previous?.scope.paper ? previous : undefined;
    const records = follows?.scope.antecedents?.records;
    if (follows && records) this.previous = { records, change: follows.change };
    const definesNone = (parses: readonly ParsedPaper[]) => parses.every((parse) => parse.titles.every((title) => !title.shortName));
    if (follows && follows.scope.corpus === corpus && definesNone(follows.change.replaced) && definesNone(follows.change.replacing)) {
      this.byKey = follows.scope.byKey;
      this.byName = follows.scope.byName;
      this.inOrder = follows.scope.inOrder;
      return;
    }
    this.byKey = new Map();
    this.byName = new Map();
    for (let i = 0; i < paper.titles.length; i++) {
      const title = paper.titles[i];
      if (!title.shortName) continue;
      // 韩国《个人信息保护法》（以下简称“个保法”）: the name stands for Korea's act, not the PRC law.
      const foreign = title.jurisdiction?.foreign ? title.jurisdiction.text : undefined;
      const entries = foreign ? corpus.lookupForeignTitle(title.title, foreign) : corpus.lookupTitle(title.title);
      const definition = new ShortNameDefinition(title.shortName.text, title, entries);
      const key = titleKeyWithoutPrc(definition.name);
      const list = this.byKey.get(key) ?? [];
      list.push(definition);
      this.byKey.set(key, list);
    }
  }

  /** Every definition, in the paper's order. */
  get definitions(): ShortNameDefinition[] {
    return (this.inOrder ??= [...this.byKey.values()].flat().sort((a, b) => a.offset - b.offset));
  }

  /** Every definition of a short name, in order. */
  definitionsOf(name: string): ShortNameDefinition[] {
    // Asked for every title of the paper, version after version: each name is normalised once.
    let definitions = this.byName.get(name);
    if (!definitions) {
      if (this.byName.size >= MAX_NAMES_REMEMBERED) this.byName.clear();
      definitions = this.byKey.get(titleKeyWithoutPrc(name)) ?? NO_DEFINITIONS;
      this.byName.set(name, definitions);
    }
    return definitions;
  }

  /**
   * The definition a use of a name refers to: the last one before it, else (a use before any definition) the
   * first. Undefined when the paper defines no such short name — or when the use is the definition itself.
   */
  definitionFor(title: TitleCitation): ShortNameDefinition | undefined {
    if (this.byKey.size === 0) return undefined;
    // In the paper's order; found by bisection, as a paper may define the same name a thousand times.
    const definitions = this.definitionsOf(title.title);
    if (definitions.length === 0) return undefined;
    const after = firstIndexWhere(definitions.length, (i) => definitions[i].offset > title.start);
    if (after < definitions.length && definitions[after].offset < title.end) return undefined;
    const before = firstIndexWhere(definitions.length, (i) => definitions[i].offset >= title.start);
    return before > 0 ? definitions[before - 1] : definitions[0];
  }

  /** The work an anaphoric citation points back to; undefined when none is near enough to tell. */
  antecedentOf(anaphor: AnaphoricCitation): Antecedent | undefined {
    return this.found().records.get(anaphor)?.antecedent;
  }

  /**
   * Where the anaphora lie whose antecedents may differ from those found for the version `since` ([from, to) of
   * this version's text, empty when none do); undefined when this version's were not found from that version's.
   */
  antecedentsChangedSince(since: ParsedPaper | undefined): { from: number; to: number } | undefined {
    const { changed } = this.found();
    return since && changed?.since === since ? changed : undefined;
  }

  private found(): FoundAntecedents {
    if (!this.antecedents) {
      this.antecedents = findAntecedents(this.paper, this.previous);
      this.previous = undefined;
    }
    return this.antecedents;
  }
}

/** The kind of work a word points to: 该法 → a 法 (or 法典), 该条例 → a 条例; undefined for 该条. */
function kindOf(word: string): string | undefined {
  const kind = word.slice(1);
  return kind === '条' ? undefined : kind;
}

function ofKind(title: TitleCitation, kind: string): boolean {
  return title.title.endsWith(kind) || (kind === '法' && title.title.endsWith('法典'));
}

/** The last article reference cited, with its work: `written` is where it is written (for its distance). */
interface LastArticle {
  reference: ArticleReference;
  title: TitleCitation;
  written: ArticleReference;
}

/** What was found for an anaphor, with the last article cited before it and the one it leaves as the last. */
interface AnaphorRecord {
  antecedent?: Antecedent;
  before?: LastArticle;
  after?: LastArticle;
}

/** The versions' records an anaphor's is looked up through at most, before they are put in one map again. */
const MAX_RECORD_LAYERS = 8;

/**
 * What was found for each anaphor of a version: those found again for it, over the records of the version before
 * (a few versions deep, then put in one map again), so that an edit costs the anaphora it can affect, not all.
 * Asked only about the anaphora of its version, so the records of anaphora since removed are never read.
 */
class AnaphorRecords {
  private constructor(private readonly own: Map<AnaphoricCitation, AnaphorRecord>, private readonly base: AnaphorRecords | undefined, private readonly depth: number) {}

  static of(records: Map<AnaphoricCitation, AnaphorRecord>): AnaphorRecords {
    return new AnaphorRecords(records, undefined, 0);
  }

  get(anaphor: AnaphoricCitation): AnaphorRecord | undefined {
    return this.own.get(anaphor) ?? this.base?.get(anaphor);
  }

  /** These records with `found` over them, for a version whose anaphora are `anaphora`. */
  over(found: Map<AnaphoricCitation, AnaphorRecord>, anaphora: readonly AnaphoricCitation[]): AnaphorRecords {
    if (found.size === 0) return this;
    if (this.depth + 1 < MAX_RECORD_LAYERS) return new AnaphorRecords(found, this, this.depth + 1);
    const records = new Map<AnaphoricCitation, AnaphorRecord>();
    for (const anaphor of anaphora) records.set(anaphor, found.get(anaphor) ?? this.get(anaphor)!);
    return AnaphorRecords.of(records);
  }
}

interface FoundAntecedents {
  records: AnaphorRecords;
  /** Found from the records of the version `since`: only the anaphora in [from, to) have other records. */
  changed?: { since: ParsedPaper; from: number; to: number };
}

/**
 * The anaphora in order, each looking back among the titles before it (found by bisection): linear in the number
 * of anaphora and the titles near them, not in the paper's titles. With the last version's records and the edit
 * since (`previous`), only the anaphora from the paragraphs parsed again on are looked at: one before the edit,
 * or far enough after it — its sentence and the ANTECEDENT_WINDOW before it wholly after the edit, the same last
 * article before it — keeps what was found; and once one past the paragraphs parsed again keeps it, so does
 * every later one, since all it reads is as it was.
 */
function findAntecedents(paper: ParsedPaper, previous?: { records: AnaphorRecords; change: PaperChange }): FoundAntecedents {
  const found = new Map<AnaphoricCitation, AnaphorRecord>();
  const { titles, anaphora } = paper;
  const records = previous?.records;
  const change = previous?.change;
  const editEnd = change ? change.to + change.delta : 0;
  let from = Infinity;
  let to = -Infinity;
  let i = change ? firstIndexWhere(anaphora.length, (k) => anaphora[k].start >= change.reparsedFrom) : 0;
  let before = records && i > 0 ? { anaphor: anaphora[i - 1], record: records.get(anaphora[i - 1])! } : undefined;
  for (; i < anaphora.length; i++) {
    const anaphor = anaphora[i];
    const seen = firstStartingAtOrAfter(titles, anaphor.start);
    const lastArticle = lastArticleBefore(titles, seen, before);
    const kept = records?.get(anaphor);
    const unaffected = kept && (anaphor.end <= change!.from
      || (anaphor.start - ANTECEDENT_WINDOW >= editEnd && sameArticle(kept.before, lastArticle) && sentenceStartsAfter(paper.text, anaphor.start, anaphor.start - ANTECEDENT_WINDOW)));
    const record = unaffected ? kept : anaphorRecord(paper, seen, anaphor, lastArticle);
    if (record !== kept) {
      found.set(anaphor, record);
      from = Math.min(from, anaphor.start);
      to = Math.max(to, anaphor.end);
    }
    // Everything the later anaphora read lies past the paragraphs parsed again and is as it was: the titles
    // within their window, the text back to a sentence end (one lies in this anaphor's window), this record.
    if (unaffected && anaphor.start - ANTECEDENT_WINDOW > change!.reparsedTo) break;
    before = { anaphor, record };
  }
  if (!records || !change) return { records: AnaphorRecords.of(found) };
  return { records: records.over(found, anaphora), changed: { since: change.previous, ...(from <= to ? { from, to } : { from: 0, to: 0 }) } };
}

/** A title that names a work (not a journal, not a standard). */
function isWork(title: TitleCitation): boolean {
  return !title.journalRole && !title.standard;
}

/**
 * The last article cited before titles[end]: the last of a work cited after the anaphor before (`before`), else
 * what that anaphor left as the last (its own article, or the one before it).
 */
function lastArticleBefore(titles: readonly TitleCitation[], end: number, before: { anaphor: AnaphoricCitation; record: AnaphorRecord } | undefined): LastArticle | undefined {
  const since = before ? before.anaphor.start : -1;
  for (let i = end - 1; i >= 0 && titles[i].start >= since; i--) {
    const title = titles[i];
    const reference = title.references[title.references.length - 1];
    if (reference && isWork(title)) return { reference, title, written: reference };
  }
  return before ? before.record.after ?? before.record.before : undefined;
}

function sameArticle(a: LastArticle | undefined, b: LastArticle | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.reference === b.reference && a.title === b.title && a.written === b.written);
}

/** Whether a sentence ends in [from, end): the sentence `end` is in started after `from`. */
function sentenceStartsAfter(text: string, end: number, from: number): boolean {
  for (let i = end - 1; i >= from; i--) if (SENTENCE_END_CHARACTERS.has(text.charCodeAt(i))) return true;
  return false;
}
const SENTENCE_END_CHARACTERS = new Set([...SENTENCE_ENDS].map((c) => c.charCodeAt(0)));

function anaphorRecord(paper: ParsedPaper, seen: number, anaphor: AnaphoricCitation, before: LastArticle | undefined): AnaphorRecord {
  const kind = kindOf(anaphor.word);
  const { titles } = paper;
  let antecedent: Antecedent | undefined;
  if (kind) {
    const title = latestWork(titles, seen, (t) => ofKind(t, kind), (t) => anaphor.start - t.end > ANTECEDENT_WINDOW);
    if (title) {
      const between = paper.text.slice(title.end, anaphor.start);
      const near = between.length <= CERTAIN_DISTANCE && !PARAGRAPH_BREAK.test(between);
      // 《民法典》与《个人信息保护法》均规定……该法第N条: two works of the kind in the sentence, either may be meant.
      const rival = latestWork(titles, seen, (t) => ofKind(t, kind) && t.title !== title.title, (t) => SENTENCE_END.test(paper.text.slice(t.end, anaphor.start)));
      antecedent = { title, certain: near && !rival };
    }
  } else if (before && before.written.end <= anaphor.start && anaphor.start - before.written.end <= CERTAIN_DISTANCE
    && !BARE_ARTICLE.test(paper.text.slice(before.written.end, anaphor.start))) {
    antecedent = { title: before.title, reference: before.reference, certain: true };
  }
  if (!antecedent) return { before };
  // 该法第23条……该条第2款: the anaphor's own articles are the last cited ones.
  const { reference: continued, title } = antecedent;
  const own = anaphor.references[anaphor.references.length - 1];
  return { antecedent, before, ...(own ? { after: { reference: continued ? continuedReference(continued, own) : own, title, written: own } } : {}) };
}

/** The last work among titles[0, end) that is wanted, looking back no further than the first that is too far. */
function latestWork(titles: readonly TitleCitation[], end: number, wanted: (title: TitleCitation) => boolean, tooFar: (title: TitleCitation) => boolean): TitleCitation | undefined {
  for (let i = end - 1; i >= 0; i--) {
    const title = titles[i];
    if (!isWork(title)) continue;
    if (tooFar(title)) return undefined;
    if (wanted(title)) return title;
  }
  return undefined;
}
