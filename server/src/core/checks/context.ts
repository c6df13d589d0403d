/**
 * What every check receives, and what it returns: findings with offsets, turned into LSP diagnostics (with
 * levels and opt-outs applied) by diagnostics.ts.
 */
import type { Corpus } from '../corpus';
import type { DiagnosticCode } from '../diagnostics';
import type { Locale } from '../messages';
import type { Paper } from '../paperCache';
import type { HouseStyle } from '../styles';

export interface CheckContext {
  corpus: Corpus;
  paper: Paper;
  locale: Locale;
  style: HouseStyle;
  /** Checks that look at one citation at a time consider only citations starting in this range (one block). */
  within?: { start: number; end: number };
}

/** Whether a citation starting at `offset` is one this run of a local check should look at. */
export function inRange(context: CheckContext, offset: number): boolean {
  return !context.within || (offset >= context.within.start && offset < context.within.end);
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
}
