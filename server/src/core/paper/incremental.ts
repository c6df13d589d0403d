/**
 * Incremental parsing: a paper is split into blocks at blank lines (no citation, quotation or footnote spans a
 * blank line), each block is parsed on its own and remembered by its text, and the paper's parse is assembled
 * from the blocks' parses, each read from where its block now starts (located.ts). After an edit only the
 * edited block is parsed again.
 *
 * Fenced code, front matter and HTML comments can contain blank lines, so a block that opens one is extended to
 * where it closes; parsed as one block, the parser then excludes it exactly as it would in the whole paper.
 */
import type { ParsedPaper } from './citationTypes';
import { footnoteLabelsInOrder } from './footnotes';
import { BlockOrigin } from './located';
import { BlockExclusions } from './markdown';
import { detached } from '../text/detach';
import { parsePaper } from './parser';

export interface Block {
  start: number;
  end: number;
  text: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** Blocks of the text: paragraphs separated by blank lines, with code fences, front matter and comments whole. */
export function splitParagraphBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  // Blank lines, and the line break before a footnote definition (definitions are often written one per line,
  // and a definition's content ends where the next begins).
  const separator = /\r?\n[ \t]*\r?\n|\r?\n(?=\[\^[^\]\s]+\]:)/g;
  let start = 0;
  let inside: 'fence' | 'front' | 'comment' | undefined;
  let fence = '';
  const hasFront = /^\ufeff?---[ \t]*\r?\n/.test(text);
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
  }
  return blocks;

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

/** A block's parse and the origin its objects read their paper positions from. */
interface BlockParse {
  origin: BlockOrigin;
  parsed: ParsedPaper;
}

/**
 * Block parses remembered by text; a new version keeps those of its blocks that did not change and moves their
 * origins to where the blocks now start. Two blocks with the same text each have a parse of their own.
 */
export class BlockParseCache {
  private previous = new Map<string, BlockParse[]>();

  parse(text: string): { blocks: Block[]; parsed: ParsedPaper } {
    const blocks = splitParagraphBlocks(text);
    const current = new Map<string, BlockParse[]>();
    const parts = blocks.map((block) => {
      const reusable = this.previous.get(block.text);
      const part = reusable?.pop() ?? parseBlock(block.text);
      if (reusable?.length === 0) this.previous.delete(block.text);
      part.origin.start = block.start;
      const same = current.get(block.text);
      if (same) same.push(part);
      else current.set(block.text, [part]);
      return part;
    });
    this.previous = current;
    return { blocks, parsed: assemble(text, blocks, parts) };
  }
}

function parseBlock(text: string): BlockParse {
  const origin = new BlockOrigin();
  return { origin, parsed: parsePaper(text, origin) };
}

/** The paper's parse from its blocks' parses: the blocks' lists joined, nothing copied or shifted. */
function assemble(text: string, blocks: Block[], parts: BlockParse[]): ParsedPaper {
  const out: ParsedPaper = {
    text, titles: [], docNumbers: [], journals: [], footnoteRefs: [], footnoteDefs: [], footnoteOrder: [], quotations: [], shortForms: [], anaphora: [], caseNumbers: [],
    excluded: new BlockExclusions(blocks.map((block) => block.start), parts.map((part) => part.parsed.excluded)),
  };
  // Item by item: spreading a block's lists as arguments overflows the stack when a block has ~100,000 items.
  for (const { parsed } of parts) {
    for (const title of parsed.titles) out.titles.push(title);
    for (const number of parsed.docNumbers) out.docNumbers.push(number);
    for (const journal of parsed.journals) out.journals.push(journal);
    for (const ref of parsed.footnoteRefs) out.footnoteRefs.push(ref);
    for (const def of parsed.footnoteDefs) out.footnoteDefs.push(def);
    for (const quotation of parsed.quotations) out.quotations.push(quotation);
    for (const form of parsed.shortForms) out.shortForms.push(form);
    for (const anaphor of parsed.anaphora) out.anaphora.push(anaphor);
    for (const number of parsed.caseNumbers) out.caseNumbers.push(number);
    for (const citation of parsed.pandocCitations ?? []) (out.pandocCitations ??= []).push(citation);
  }
  out.footnoteOrder = footnoteLabelsInOrder(out.footnoteRefs, out.footnoteDefs);
  return out;
}
