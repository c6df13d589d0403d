/**
 * Names a paper defines for itself: 《全国法院民商事审判工作会议纪要》（法〔2019〕254号，以下简称《九民纪要》）
 * makes 《九民纪要》 an alias, for that paper only, of what the defining title resolves to. A paper's own
 * short names take precedence over the corpus (a paper's 《报告》 is its report, not the bulletin's).
 */
import type { Corpus, TitleEntry } from '../corpus/corpus';
import { titleKeyWithoutPrc } from '../text/normalize';
import type { ParsedPaper, TitleCitation } from './parser';
import { frontMatterDate, todayIso } from '../corpus/versions';

export interface ShortNameDefinition {
  name: string;
  /** Offset of the name inside 以下简称《…》. */
  offset: number;
  /** The title citation that defines it. */
  title: TitleCitation;
  /** What the defining title resolves to in the corpus ([] when it is not indexed). */
  entries: TitleEntry[];
}

export class PaperScope {
  private readonly byKey = new Map<string, ShortNameDefinition[]>();
  /** The paper's date (ISO): its front matter's `date:`, else the given default. Untagged statute citations mean the version in force then. */
  readonly date: string;

  constructor(corpus: Corpus, paper: ParsedPaper, defaultDate: string = todayIso()) {
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

  get definitions(): ShortNameDefinition[] {
    return [...this.byKey.values()].flat().sort((a, b) => a.offset - b.offset);
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
    const definitions = this.definitionsOf(title.title);
    if (definitions.length === 0 || definitions.some((d) => d.offset > title.start && d.offset < title.end)) return undefined;
    let chosen: ShortNameDefinition | undefined;
    for (const definition of definitions) if (definition.offset < title.start) chosen = definition;
    return chosen ?? definitions[0];
  }
}
