/**
 * What a paper-wide check (footnote structure, short names) keeps of an open paper between versions: its findings
 * on the version it checked last. They are that version's again when asked for it once more, and the next
 * version's when the edit cannot have changed them (the check says when) and none of them touches the edit:
 * moved past it, not found again.
 */
import type { Finding } from './context';
import { Inputs, sameInputs } from './blockMemo';
import type { Paper } from '../paper/paperCache';
import type { PaperChange } from '../paper/incremental';
import type { ParsedPaper } from '../paper/parser';

/** What a check found, and what else of it the next version's `mayMove` needs. */
export interface Found<Extra> {
  findings: Finding[];
  extra: Extra;
}

export class PaperWideMemo<Extra> {
  private readonly last = new WeakMap<object, { parsed: ParsedPaper; inputs: Inputs } & Found<Extra>>();

  /** `mayMove`: whether findings kept with `extra` still hold after `change`, once moved past it. */
  constructor(private readonly mayMove: (change: PaperChange, extra: Extra) => boolean) {}

  /** The findings on this version of `paper`, found with `inputs` (compared one by one): kept, moved or `find()`. */
  findings(paper: Paper, inputs: Inputs, find: () => Found<Extra>): Finding[] {
    const last = this.last.get(paper.lifetime);
    let found: Found<Extra> | undefined;
    if (last && sameInputs(last.inputs, inputs)) {
      const { change } = paper;
      if (last.parsed === paper.parsed) found = last;
      else if (change?.previous === last.parsed && this.mayMove(change, last.extra)) {
        const moved = movedPast(last.findings, change);
        if (moved) found = { findings: moved, extra: last.extra };
      }
    }
    found ??= find();
    this.last.set(paper.lifetime, { parsed: paper.parsed, inputs, findings: found.findings, extra: found.extra });
    return found.findings;
  }
}

/** Findings after an edit of [from, to) that moved what followed by `delta`; undefined if one touches the edit. */
export function movedPast(findings: readonly Finding[], { from, to, delta }: PaperChange): Finding[] | undefined {
  const out: Finding[] = [];
  for (const finding of findings) {
    if (finding.fixes || (finding.end >= from && finding.start <= to)) return undefined;
    out.push(finding.start > to ? { ...finding, start: finding.start + delta, end: finding.end + delta } : finding);
  }
  return out;
}
