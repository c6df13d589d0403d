/**
 * A paper's blocks: paragraphs separated by blank lines (no citation, quotation or footnote spans a blank line),
 * footnote definitions each on their own, and fenced code, front matter and HTML comments whole — they can
 * contain blank lines, so a block that opens one is extended to where it closes; parsed as one block, the parser
 * then excludes it exactly as it would in the whole paper.
 */
import { detached } from '../text/detach';

/** Where a block is in its paper, and its text. */
export interface Block {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** Blocks of the text: paragraphs separated by blank lines, with code fences, front matter and comments whole. */
export function splitParagraphBlocks(text: string): Block[] {
  return splitFrom(text, 0).blocks;
}

/**
 * The blocks from `from` (0, or where a block starts) on; with `resumeAt`, the split stops at the first block
 * start it accepts and says where (a block start outside any fence or comment: the split from there on depends
 * only on the text from there on).
 */
export function splitFrom(text: string, from: number, resumeAt?: (start: number) => boolean): { blocks: Block[]; stoppedAt?: number } {
  const blocks: { start: number; end: number; text: string }[] = [];
  // Blank lines, and the line break before a footnote definition (definitions are often written one per line,
  // and a definition's content ends where the next begins).
  const separator = /\r?\n[ \t]*\r?\n|\r?\n(?=\[\^[^\]\s]+\]:)/g;
  separator.lastIndex = from;
  let start = from;
  let inside: 'fence' | 'front' | 'comment' | undefined;
  let fence = '';
  const hasFront = from === 0 && /^\ufeff?---[ \t]*\r?\n/.test(text);
  if (hasFront) inside = 'front';
  // While a fence, comment or front matter is open, only the text added since the last blank line is examined
  // (a paper opening with ``` or <!-- must not cost time quadratic in its length).
  let scanned = 0;
  let fences = 0;
  for (let match = separator.exec(text); ; match = separator.exec(text)) {
    const end = match ? match.index : text.length;
    let closed: boolean;
    if (inside === undefined) {
      const open = opens(text.slice(start, end));
      if (open) {
        inside = open.kind;
        fence = open.fence;
      }
      closed = inside === undefined || closes(start, end, true);
    } else {
      closed = closes(scanned, end, start === scanned);
    }
    scanned = end;
    if (inside !== undefined && match && !closed) {
      // Keep going: this block continues past the blank line.
      separator.lastIndex = match.index + match[0].length;
      continue;
    }
    if (inside !== undefined) inside = undefined;
    // Each block's text is its own string: parses and findings kept for later versions keep only their block.
    if (end > start) blocks.push({ start, end, text: detached(text.slice(start, end)) });
    if (!match) break;
    start = match.index + match[0].length;
    scanned = start;
    if (resumeAt?.(start)) return { blocks, stoppedAt: start };
  }
  return { blocks };

  function fenceLines(chunk: string, marker: string): number {
    const prefix = marker.repeat(3);
    let count = 0;
    for (const line of chunk.split('\n')) if (line.trim().startsWith(prefix)) count++;
    return count;
  }

  function opens(chunk: string): { kind: 'fence' | 'comment'; fence: string } | undefined {
    if (!chunk.includes('```') && !chunk.includes('~~~') && !chunk.includes('<!--')) return undefined;
    const counts = new Map<string, number>();
    for (const line of chunk.split('\n')) {
      const f = FENCE_OPEN.exec(line);
      if (f) {
        // A fence opened and closed in the same paragraph needs nothing special.
        const marker = f[1][0];
        if (!counts.has(marker)) counts.set(marker, fenceLines(chunk, marker));
        if (counts.get(marker)! % 2 === 1) {
          fences = counts.get(marker)!;
          return { kind: 'fence', fence: f[1] };
        }
      }
    }
    const lastOpen = chunk.lastIndexOf('<!--');
    if (lastOpen >= 0 && chunk.indexOf('-->', lastOpen) < 0) return { kind: 'comment', fence: '' };
    return undefined;
  }

  /**
   * Whether the open block closes within [from, to): the whole block when `whole`, else the text added since
   * the last check (a closing marker never spans the blank line before it).
   */
  function closes(from: number, to: number, whole: boolean): boolean {
    const chunk = text.slice(from, to);
    if (inside === 'comment') {
      const lastOpen = chunk.lastIndexOf('<!--');
      return lastOpen >= 0 || whole ? /-->/.test(chunk.slice(lastOpen + 4)) : chunk.includes('-->');
    }
    if (inside === 'front') {
      if (start !== 0) return true;
      return /\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/.test(whole ? chunk.slice(3) : chunk);
    }
    if (!whole) fences += fenceLines(chunk, fence[0]);
    return fences >= 2 && fences % 2 === 0;
  }
}

