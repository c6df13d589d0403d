/**
 * What the checks keep per block (paragraph) of an open paper, so that an edit re-checks only what it changed.
 * A block's parse is the same object for as long as the block's text is unchanged (incremental.ts); what a
 * check derived from it is kept beside it, with the other inputs the check read (the corpus, the language, the
 * paper's short names, the footnote definitions its citations point to…), and reused while the block and every
 * one of those inputs are the same. Findings are kept in offsets from the block's start, so they stay right
 * when the block moves.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ParsedPaper } from '../paper/citationTypes';
import type { Finding } from './context';
import type { FirstMention, StyleObservations } from './styleObservations';

/** The inputs besides the block a value was derived from, compared one by one (by identity for objects). */
export type Inputs = readonly unknown[];

/** One value kept for a block, with the inputs it was derived from. */
export interface Entry<T> {
  readonly inputs: Inputs;
  readonly value: T;
}

/** The entry's value, if it was derived from these inputs. */
export function keptFor<T>(entry: Entry<T> | undefined, inputs: Inputs): T | undefined {
  return entry && sameInputs(entry.inputs, inputs) ? entry.value : undefined;
}

/**
 * Findings in paper offsets as they were when their block started at `at`: read `delta = start - at` further on
 * once the block has moved. They are never copied to move them, so what is derived from them stays kept too.
 */
export interface PlacedFindings {
  readonly at: number;
  readonly findings: readonly Finding[];
}

/** No findings: one object for every block that has none, so that nothing is made for them. */
export const NO_FINDINGS: PlacedFindings = { at: 0, findings: [] };

/** Findings placed where their block starts, or NO_FINDINGS. */
export function placed(at: number, findings: readonly Finding[]): PlacedFindings {
  return findings.length === 0 ? NO_FINDINGS : { at, findings };
}

/** Everything kept for a block (each made when first needed). */
export class BlockState {
  /** The per-citation checks' findings. */
  local?: Entry<PlacedFindings>;
  quotations?: Entry<PlacedFindings>;
  anaphora?: Entry<PlacedFindings>;
  styleSeen?: Entry<StyleObservations>;
  style?: Entry<PlacedFindings>;
  firstMentions?: Entry<FirstMention[]>;
  /** The block's diagnostics, with the levels they were made for and the line the block started on then. */
  diagnostics?: Entry<{ levelsKey: string; startLine: number; diagnostics: Diagnostic[] }>;
}

const states = new WeakMap<ParsedPaper, BlockState>();

/** The state kept for the block with this parse. */
export function blockState(parse: ParsedPaper): BlockState {
  let state = states.get(parse);
  if (!state) states.set(parse, (state = new BlockState()));
  return state;
}

export function sameInputs(a: Inputs, b: Inputs): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
