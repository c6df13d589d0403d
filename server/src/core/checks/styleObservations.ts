/**
 * What a block (paragraph) shows of a paper's house style, and the first citations of documents with a 文号:
 * kept per block (blockMemo.ts), so that deciding the paper's style after an edit looks at the edited block only.
 */
import type { CorpusDocument } from '../corpus/model';
import type { JournalCitation, ParsedPaper, ReferenceStep, TitleCitation } from '../paper/parser';
import { HOUSE_STYLES } from '../text/styles';

export interface StyleObservations {
  journals: JournalCitation[];
  steps: ReferenceStep[];
  /** The recognised styles everything in the block agrees with. */
  fits: ReadonlySet<string>;
}

/** A first citation of a document that has a 文号. */
export interface FirstMention {
  title: TitleCitation;
  document: CorpusDocument;
}

/** Every recognised style: what a block with nothing to show of a style agrees with. */
export const EVERY_STYLE: ReadonlySet<string> = new Set(Object.values(HOUSE_STYLES).map((style) => style.name));
const NOTHING_OBSERVED: StyleObservations = { journals: [], steps: [], fits: EVERY_STYLE };

/** What a block shows of the paper's style. */
export function observe(block: ParsedPaper): StyleObservations {
  // Most paragraphs cite no journal and no title: one shared answer, not five lists and a set each.
  if (block.journals.length === 0 && block.titles.length === 0) return NOTHING_OBSERVED;
  const journals = block.journals.filter((j) => /[\u4e00-\u9fff]/.test(j.journal.title));
  const steps = block.titles
    .filter((title) => !title.journalRole)
    .flatMap((title) => title.references.flatMap((r) => r.steps))
    .filter((s) => s.unit === '条' && !s.parenthesized && s.numberStart !== undefined);
  const fits = new Set(Object.values(HOUSE_STYLES).filter((style) => journals.every((j) => (j.zai !== undefined) === (style.zai === 'required'))
    && steps.every((s) => s.numerals === style.articleNumerals)).map((style) => style.name));
  return { journals, steps, fits };
}
