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

// What a block can show, as bits: journal citations with 载 and without, article numbers in each kind of numerals.
const WITH_ZAI = 1;
const WITHOUT_ZAI = 2;
const NUMERALS: Record<ReferenceStep['numerals'], number> = { arabic: 4, chinese: 8 };

/**
 * The styles that agree with what a block shows, one set per combination of what can be shown (sixteen at most),
 * shared by every block that shows the same: a paper's check does not make a set per paragraph, and runs of
 * paragraphs that agree with the same styles are narrowed down in one comparison (groupChecks.ts).
 */
const fitsByShown = new Map<number, ReadonlySet<string>>([[0, EVERY_STYLE]]);

function stylesFitting(shown: number): ReadonlySet<string> {
  let fits = fitsByShown.get(shown);
  if (!fits) {
    fits = new Set(Object.values(HOUSE_STYLES).filter((style) => ((shown & WITH_ZAI) === 0 || style.zai === 'required') && ((shown & WITHOUT_ZAI) === 0 || style.zai !== 'required')
      && (shown & ~(WITH_ZAI | WITHOUT_ZAI) & ~NUMERALS[style.articleNumerals]) === 0).map((style) => style.name));
    fitsByShown.set(shown, fits);
  }
  return fits;
}

/** What a block shows of the paper's style. */
export function observe(block: ParsedPaper): StyleObservations {
  // Most paragraphs cite no journal and no title: one shared answer, not lists and a set each.
  if (block.journals.length === 0 && block.titles.length === 0) return NOTHING_OBSERVED;
  let shown = 0;
  const journals: JournalCitation[] = [];
  for (let i = 0; i < block.journals.length; i++) {
    const journal = block.journals[i];
    if (!HAN.test(journal.journal.title)) continue;
    journals.push(journal);
    shown |= journal.zai !== undefined ? WITH_ZAI : WITHOUT_ZAI;
  }
  const steps: ReferenceStep[] = [];
  for (let i = 0; i < block.titles.length; i++) {
    const title = block.titles[i];
    if (title.journalRole) continue;
    for (let r = 0; r < title.references.length; r++) {
      const referenceSteps = title.references[r].steps;
      for (let k = 0; k < referenceSteps.length; k++) {
        const step = referenceSteps[k];
        if (step.unit !== '条' || step.parenthesized || step.numberStart === undefined) continue;
        steps.push(step);
        shown |= NUMERALS[step.numerals];
      }
    }
  }
  return shown === 0 ? NOTHING_OBSERVED : { journals, steps, fits: stylesFitting(shown) };
}
const HAN = /[\u4e00-\u9fff]/;
