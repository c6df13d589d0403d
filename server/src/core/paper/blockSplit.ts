/**
 * A paper's blocks: paragraphs separated by blank lines (no citation, quotation or footnote spans a blank line),
 * footnote definitions each on their own, and fenced code, front matter and HTML comments whole — they can
 * contain blank lines, so a block that opens one is extended to where it closes; parsed as one block, the parser
 * then excludes it exactly as it would in the whole paper.
 */
import { detached } from '../text/detach';
import { ParagraphBreak, nextParagraphBreak } from './footnotes';

/** Where a block is in its paper, and its text. */
export interface Block {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Blocks of the text: paragraphs separated by blank lines, with code fences, front matter and comments whole. Each
 * block's text is cut from `text`, which the blocks then keep alive: the text a paper was opened with, kept once.
 */
export function splitParagraphBlocks(text: string): Block[] {
  return split(text, 0, undefined, false).blocks;
}

/**
 * The blocks from `from` (0, or where a block starts) on, after an edit; with `resumeAt`, the split stops at the
 * first block start it accepts and says where (a block start outside any fence or comment: the split from there
 * on depends only on the text from there on). Each block's text is a copy of its own: blocks outlive the
 * version they were cut from, and a cut would keep that whole version alive, one more per edit.
 */
export function splitFrom(text: string, from: number, resumeAt?: (start: number) => boolean): { blocks: Block[]; stoppedAt?: number } {
  return split(text, from, resumeAt, true);
}

function split(text: string, from: number, resumeAt: ((start: number) => boolean) | undefined, ownTexts: boolean): { blocks: Block[]; stoppedAt?: number } {
  const blocks: { start: number; end: number; text: string }[] = [];
  const paragraphBreak: ParagraphBreak = { start: 0, end: 0 };
  let start = from;
  let inside: 'fence' | 'front' | 'comment' | undefined;
  let fence = '';
  const hasFront = from === 0 && /^\ufeff?---[ \t]*\r?\n/.test(text);
  if (hasFront) inside = 'front';
  // While a fence, comment or front matter is open, only the text added since the last blank line is examined
  // (a paper opening with ``` or <!-- must not cost time quadratic in its length).
  let scanned = 0;
  let fences = 0;
  for (let searchFrom = from; ;) {
    const found = nextParagraphBreak(text, searchFrom, paragraphBreak);
    const end = found ? paragraphBreak.start : text.length;
    // The block's text when it ends at the next paragraph break (as most do): cut once, for opens() and the block.
    let chunk: string | undefined;
    let closed: boolean;
    if (inside === undefined) {
      chunk = text.slice(start, end);
      const open = opens(chunk);
      if (open) {
        inside = open.kind;
        fence = open.fence;
      }
      closed = inside === undefined || closes(start, end, true);
    } else {
      closed = closes(scanned, end, start === scanned);
    }
    scanned = end;
    if (inside !== undefined && found && !closed) {
      // Keep going: this block continues past the blank line.
      searchFrom = paragraphBreak.end;
      continue;
    }
    if (inside !== undefined) inside = undefined;
    if (end > start) {
      const blockText = chunk ?? text.slice(start, end);
      blocks.push({ start, end, text: ownTexts ? detached(blockText) : blockText });
    }
    if (!found) break;
    start = paragraphBreak.end;
    scanned = start;
    searchFrom = start;
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
