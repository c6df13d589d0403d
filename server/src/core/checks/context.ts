/**
 * What every check receives, and what it returns: findings with offsets, turned into LSP diagnostics (with
 * levels and opt-outs applied) by diagnostics.ts.
 */
import type { Corpus } from '../corpus/corpus';
import type { DiagnosticCode } from './diagnosticCodes';
import type { Locale } from '../text/messages';
import type { Paper } from '../paper/paperCache';
import type { ParsedPaper } from '../paper/parser';
import { parsedItemsStartingIn } from '../paper/paperIndex';
import type { HouseStyle } from '../text/styles';

export interface CheckContext {
  corpus: Corpus;
  paper: Paper;
  locale: Locale;
  style: HouseStyle;
  /**
   * Checks that look at one citation at a time consider only citations starting in this range (one block), with
   * the block's own parse when there is one.
   */
  within?: { start: number; end: number; parse?: ParsedPaper };
}

/**
 * The context narrowed to one block. Every field is named: a spread here, made for every check of every block,
 * took about a microsecond a call (a copy through the slow path), some 40 ms of a 10 MB paper's whole check.
 */
export function withinBlock(context: CheckContext, within: NonNullable<CheckContext['within']>): CheckContext {
  return { corpus: context.corpus, paper: context.paper, locale: context.locale, style: context.style, within };
}

/**
 * The citations of one kind a local check should look at: those starting in its block (the block's own list of
 * that kind, or found by binary search, so checking every block of a paper stays linear overall), or all of them.
 */
export function inScope<T extends { start: number }>(context: CheckContext, items: readonly T[]): readonly T[] {
  const { within } = context;
  if (!within) return items;
  return (within.parse && blockList(context.paper.parsed, within.parse, items)) ?? parsedItemsStartingIn(items, within.start, within.end);
}

/**
 * The block's list of the kind `items` is the paper's list of (citationTypes CITATION_LISTS, in order; a list left
 * out here is found by binary search instead). Each list is named rather than looked up by a name taken from
 * CITATION_LISTS: this runs for every check of every block.
 */
function blockList<T>(paper: ParsedPaper, block: ParsedPaper, items: readonly T[]): readonly T[] | undefined {
  const list = items as unknown;
  const found: unknown = list === paper.titles ? block.titles : list === paper.docNumbers ? block.docNumbers : list === paper.journals ? block.journals
    : list === paper.footnoteRefs ? block.footnoteRefs : list === paper.footnoteDefs ? block.footnoteDefs : list === paper.quotations ? block.quotations
      : list === paper.shortForms ? block.shortForms : list === paper.anaphora ? block.anaphora : list === paper.caseNumbers ? block.caseNumbers
        : list === paper.pandocCitations ? block.pandocCitations ?? [] : undefined;
  return found as readonly T[] | undefined;
}

export interface TextFix {
  title: string;
  start: number;
  end: number;
  newText: string;
}

export interface Finding {
  code: DiagnosticCode;
  start: number;
  end: number;
  message: string;
  fixes?: TextFix[];
  /** Not certain (the data cannot settle it): reported at most as a hint, whatever the code's level. */
  uncertain?: boolean;
}
