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
import type { Paper } from '../paper/paperCache';
import type { Finding } from './context';
import type { FirstMention, StyleObservations } from './styleObservations';

/** The inputs besides the block a value was derived from, compared one by one (by identity for objects). */
export type Inputs = readonly unknown[];

/** One value kept for a block, with the inputs it was derived from. */
export class Kept<T> {
  private inputs: Inputs | undefined;
  private value: T | undefined;

  /** The value, if it was derived from these inputs. */
  get(inputs: Inputs): T | undefined {
    return this.inputs && sameInputs(this.inputs, inputs) ? this.value : undefined;
  }

  keep(inputs: Inputs, value: T): T {
    this.inputs = inputs;
    this.value = value;
    return value;
  }
}

/** Everything kept for a block. */
export class BlockState {
  /** The per-citation checks' findings. */
  readonly local = new Kept<Finding[]>();
  readonly quotations = new Kept<Finding[]>();
  readonly anaphora = new Kept<Finding[]>();
  readonly styleSeen = new Kept<StyleObservations>();
  readonly style = new Kept<Finding[]>();
  readonly firstMentions = new Kept<FirstMention[]>();
  /** The block's diagnostics, with the levels they were made for and the line the block started on then. */
  readonly diagnostics = new Kept<{ levelsKey: string; startLine: number; diagnostics: Diagnostic[] }>();
}

const states = new WeakMap<ParsedPaper, BlockState>();

/** The state of each of the paper's blocks, in order. */
export function blockStates(paper: Paper): BlockState[] {
  return paper.blockParses.map((parse) => {
    let state = states.get(parse);
    if (!state) states.set(parse, (state = new BlockState()));
    return state;
  });
}

export function sameInputs(a: Inputs, b: Inputs): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Findings found in paper offsets, in offsets from the start of their block. */
export function relativeTo(blockStart: number, findings: Finding[]): Finding[] {
  return findings.map((finding) => ({
    ...finding, start: finding.start - blockStart, end: finding.end - blockStart,
    ...(finding.fixes ? { fixes: finding.fixes.map((f) => ({ ...f, start: f.start - blockStart, end: f.end - blockStart })) } : {}),
  }));
}
