/**
 * Findings remembered per block (paragraph) of an open paper, so that an edit re-checks only what it changed.
 * A block's parse is the same object for as long as the block's text is unchanged (incremental.ts); what a
 * check derived from it is kept beside it, with the other inputs the check read (the corpus, the language, the
 * paper's short names, the footnote definitions its citations point to…), and reused while the block and every
 * one of those inputs are the same.
 */
import type { ParsedPaper } from '../paper/citationTypes';
import type { Finding } from './context';

/** The inputs besides the block a check read, compared one by one (by identity for objects). */
export type Inputs = readonly unknown[];

/** A value derived from a block and some inputs, kept beside the block's parse while both stay the same. */
export class BlockMemo<T> {
  private readonly entries = new WeakMap<ParsedPaper, { inputs: Inputs; value: T }>();

  get(block: ParsedPaper, inputs: Inputs, compute: () => T): T {
    return this.lookup(block, inputs) ?? this.remember(block, inputs, compute());
  }

  /** The value kept for the block, if it was derived from these inputs. */
  lookup(block: ParsedPaper, inputs: Inputs): T | undefined {
    const entry = this.entries.get(block);
    return entry && sameInputs(entry.inputs, inputs) ? entry.value : undefined;
  }

  remember(block: ParsedPaper, inputs: Inputs, value: T): T {
    this.entries.set(block, { inputs, value });
    return value;
  }
}

/** A check's findings on each block, in offsets from the block's start (so they stay right when the block moves). */
export class BlockFindings {
  private readonly memo = new BlockMemo<Finding[]>();

  lookup(block: ParsedPaper, inputs: Inputs): Finding[] | undefined {
    return this.memo.lookup(block, inputs);
  }

  /** Keeps findings computed in paper offsets when the block starts at `blockStart`. */
  remember(block: ParsedPaper, blockStart: number, inputs: Inputs, findings: Finding[]): Finding[] {
    return this.memo.remember(block, inputs, findings.map((finding) => shiftFinding(finding, -blockStart)));
  }
}

function sameInputs(a: Inputs, b: Inputs): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shiftFinding(finding: Finding, delta: number): Finding {
  return {
    ...finding, start: finding.start + delta, end: finding.end + delta,
    ...(finding.fixes ? { fixes: finding.fixes.map((f) => ({ ...f, start: f.start + delta, end: f.end + delta })) } : {}),
  };
}
