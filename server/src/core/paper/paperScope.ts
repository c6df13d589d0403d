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
import { firstIndexWhere } from '../util/binarySearch';

export interface ShortNameDefinition {
  name: string;
  /** Offset of the name inside 以下简称《…》. */
  offset: number;
  /** The title citation that defines it. */
  title: TitleCitation;
  /** What the defining title resolves to in the corpus ([] when it is not indexed). */
  entries: TitleEntry[];
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
const SENTENCE_END = /[。！？!?\n]/;
/** A bare 第N条 between 该条 and the last cited article: 该条 may mean that one, which no title names. */
const BARE_ARTICLE = /第[ \t\u3000]*[0-9０-９〇零一二两三四五六七八九十百千]+[ \t\u3000]*条/;

export class PaperScope {
  private readonly byKey = new Map<string, ShortNameDefinition[]>();
  private antecedents?: Map<AnaphoricCitation, Antecedent>;
  private inOrder?: ShortNameDefinition[];
  /** The paper's date (ISO): its front matter's `date:`, else the given default. Untagged statute citations mean the version in force then. */
  readonly date: string;

  constructor(corpus: Corpus, private readonly paper: ParsedPaper, defaultDate: string = todayIso()) {
    this.date = frontMatterDate(paper.text) ?? defaultDate;
    for (const title of paper.titles) {
      if (!title.shortName) continue;
      // 韩国《个人信息保护法》（以下简称“个保法”）: the name stands for Korea's act, not the PRC law.
      const foreign = title.jurisdiction?.foreign ? title.jurisdiction.text : undefined;
      const entries = foreign ? corpus.lookupForeignTitle(title.title, foreign) : corpus.lookupTitle(title.title);
      const definition: ShortNameDefinition = { name: title.shortName.text, offset: title.shortName.start, title, entries };
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
    return this.byKey.get(titleKeyWithoutPrc(name)) ?? [];
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
    this.antecedents ??= findAntecedents(this.paper);
    return this.antecedents.get(anaphor);
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

/** One pass over the paper's titles and anaphora in order: linear in their number. */
function findAntecedents(paper: ParsedPaper): Map<AnaphoricCitation, Antecedent> {
  const out = new Map<AnaphoricCitation, Antecedent>();
  const works = paper.titles.filter((t) => !t.journalRole && !t.standard);
  /** Works before the current anaphor are works[0, seen); the last article reference cited before it, with its work. */
  let seen = 0;
  let lastArticle: { reference: ArticleReference; title: TitleCitation } | undefined;
  for (const anaphor of paper.anaphora) {
    while (seen < works.length && works[seen].start < anaphor.start) {
      const title = works[seen++];
      if (title.references.length > 0) lastArticle = { reference: title.references[title.references.length - 1], title };
    }
    const kind = kindOf(anaphor.word);
    let antecedent: Antecedent | undefined;
    if (kind) {
      const title = latest(works, seen, (t) => ofKind(t, kind), (t) => anaphor.start - t.end > ANTECEDENT_WINDOW);
      if (title) {
        const between = paper.text.slice(title.end, anaphor.start);
        const near = between.length <= CERTAIN_DISTANCE && !PARAGRAPH_BREAK.test(between);
        // 《民法典》与《个人信息保护法》均规定……该法第N条: two works of the kind in the sentence, either may be meant.
        const rival = latest(works, seen, (t) => ofKind(t, kind) && t.title !== title.title, (t) => SENTENCE_END.test(paper.text.slice(t.end, anaphor.start)));
        antecedent = { title, certain: near && !rival };
      }
    } else {
      const last = lastArticle;
      if (last && last.reference.end <= anaphor.start && anaphor.start - last.reference.end <= CERTAIN_DISTANCE
        && !BARE_ARTICLE.test(paper.text.slice(last.reference.end, anaphor.start))) {
        antecedent = { title: last.title, reference: last.reference, certain: true };
      }
    }
    if (antecedent) {
      out.set(anaphor, antecedent);
      // 该法第23条……该条第2款: the anaphor's own articles are the last cited ones.
      const { reference: continued, title } = antecedent;
      const own = anaphor.references[anaphor.references.length - 1];
      if (own) lastArticle = { reference: continued ? continuedReference(continued, own) : own, title };
    }
  }
  return out;
}

/** The last of items[0, end) that is wanted, looking back no further than the first that is too far. */
function latest<T>(items: readonly T[], end: number, wanted: (item: T) => boolean, tooFar: (item: T) => boolean): T | undefined {
  for (let i = end - 1; i >= 0 && !tooFar(items[i]); i--) if (wanted(items[i])) return items[i];
  return undefined;
}
