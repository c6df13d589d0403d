/**
 * What every check receives, and what it returns: findings with offsets, turned into LSP diagnostics (with
 * levels and opt-outs applied) by diagnostics.ts.
 */
import type { Corpus } from '../corpus/corpus';
import type { DiagnosticCode } from './diagnosticCodes';
import type { Locale } from '../text/messages';
import type { Paper } from '../paper/paperCache';
import { parsedItemsStartingIn } from '../paper/paperIndex';
import type { HouseStyle } from '../text/styles';

export interface CheckContext {
  corpus: Corpus;
  paper: Paper;
  locale: Locale;
  style: HouseStyle;
  /** Checks that look at one citation at a time consider only citations starting in this range (one block). */
  within?: { start: number; end: number };
}

/**
 * The citations of one kind a local check should look at: those starting in its block (found by binary search,
 * so checking every block of a paper stays linear overall), or all of them.
 */
export function inScope<T extends { start: number }>(context: CheckContext, items: readonly T[]): readonly T[] {
  return context.within ? parsedItemsStartingIn(items, context.within.start, context.within.end) : items;
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
