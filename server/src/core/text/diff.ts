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

/** How many characters two texts share at their start, and then at their end (not overlapping the start). */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
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
