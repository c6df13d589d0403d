/**
 * Character differences between what a paper wrote and what the source says, for marking them in a report:
 * the longest common subsequence, with the table bounded so a long quotation cannot take quadratic time or
 * memory (past the bound the whole stretch between the common prefix and suffix is one change).
 */

export interface DiffSegment {
  /** same: in both; paper: only in the paper's words; source: only in the source's. */
  op: 'same' | 'paper' | 'source';
  text: string;
}

/** Cells of the LCS table beyond which the middle is reported as one change. */
const MAX_CELLS = 200_000;

/**
 * How many characters two texts share at their start, and then at their end (not overlapping the start).
 * Compared a stretch at a time (string equality is a memory comparison), so two versions of a 2 MB paper that
 * differ by one character compare in well under a millisecond.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const prefix = sharedLength(Math.min(a.length, b.length), (from, to) => a.slice(from, to) === b.slice(from, to), (i) => a.charCodeAt(i) === b.charCodeAt(i));
  const lastA = a.length - 1;
  const lastB = b.length - 1;
  const suffix = sharedLength(Math.min(a.length, b.length) - prefix,
    (from, to) => a.slice(a.length - to, a.length - from) === b.slice(b.length - to, b.length - from), (i) => a.charCodeAt(lastA - i) === b.charCodeAt(lastB - i));
  return { prefix, suffix };
}

/** The length, up to `limit`, of the run of equal positions from 0: whole stretches first, then character by character. */
function sharedLength(limit: number, sameStretch: (from: number, to: number) => boolean, sameAt: (i: number) => boolean): number {
  let shared = 0;
  let stretch = 4096;
  while (shared < limit) {
    const to = Math.min(limit, shared + stretch);
    if (to - shared > 64) {
      // Longer stretches while they match (fewer comparisons), shorter ones to close in on a difference.
      if (sameStretch(shared, to)) {
        shared = to;
        stretch = Math.min(stretch * 2, 1 << 20);
      } else stretch = (to - shared) >> 2;
      continue;
    }
    while (shared < to && sameAt(shared)) shared++;
    if (shared < to) return shared;
  }
  return shared;
}

export function diffText(paper: string, source: string): DiffSegment[] {
  const { prefix, suffix } = commonEnds(paper, source);
  const a = paper.slice(prefix, paper.length - suffix);
  const b = source.slice(prefix, source.length - suffix);
  const middle = (a.length + 1) * (b.length + 1) <= MAX_CELLS ? lcsDiff(a, b) : [...(a ? [{ op: 'paper' as const, text: a }] : []), ...(b ? [{ op: 'source' as const, text: b }] : [])];
  const segments: DiffSegment[] = [];
  const push = (segment: DiffSegment) => {
    if (segment.text.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && last.op === segment.op) last.text += segment.text;
    else segments.push({ ...segment });
  };
  push({ op: 'same', text: paper.slice(0, prefix) });
  middle.forEach(push);
  push({ op: 'same', text: paper.slice(paper.length - suffix) });
  return segments;
}

function lcsDiff(a: string, b: string): DiffSegment[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const out: DiffSegment[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] });
      i++;
      j++;
    } else if (j < m && (i === n || table[i * width + j + 1] >= table[(i + 1) * width + j])) {
      out.push({ op: 'source', text: b[j++] });
    } else {
      out.push({ op: 'paper', text: a[i++] });
    }
  }
  return out;
}
