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
import { carryFootnoteIndex } from './paperIndex';
import { BlockOrigin } from './located';
import { BlockExclusions } from './markdown';
import { detached } from '../text/detach';
import { parsePaper } from './parser';
import { commonEnds } from '../text/diff';
import { firstIndexWhere, firstStartingAtOrAfter } from '../util/binarySearch';

export interface Block {
  start: number;
  end: number;
  text: string;
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
function splitFrom(text: string, from: number, resumeAt?: (start: number) => boolean): { blocks: Block[]; stoppedAt?: number } {
  const blocks: Block[] = [];
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

/**
 * A run of consecutive blocks, the same object from version to version for as long as none of its blocks is
 * split again: the checks keep what they derived from a group of unchanged paragraphs with it, so that after an
 * edit they pass over each unchanged group in one step instead of paragraph by paragraph.
 */
export class BlockGroup {
  constructor(readonly size: number) {}
}

/** About this many blocks a group: an edit re-checks one or two groups; a large paper has a few hundred. */
const GROUP_SIZE = 32;

/** `count` blocks in groups of at most GROUP_SIZE, as even as they can be. */
function groupsOf(count: number): BlockGroup[] {
  const groups = Math.ceil(count / GROUP_SIZE);
  return Array.from({ length: groups }, (_, g) => new BlockGroup(Math.floor((count * (g + 1)) / groups) - Math.floor((count * g) / groups)));
}

/** A block's parse and the origin its objects read their paper positions from. */
interface BlockParse {
  origin: BlockOrigin;
  parsed: ParsedPaper;
}

/**
 * The parses of the blocks of the latest version. A new version keeps the blocks before and after the edited
 * stretch (found by comparing the texts' common start and end), moves the origins of those after it, and splits
 * and parses again only from the block before the edit to the first unchanged block start after it: an edit
 * costs the edited paragraphs, not the paper. Re-split blocks whose text is unchanged keep their parse.
 */
export class BlockParseCache {
  private latest: Version | undefined;

  parse(text: string): { blocks: Block[]; groups: BlockGroup[]; parsed: ParsedPaper; blockParses: ParsedPaper[]; change?: PaperChange } {
    let version: Version;
    if (this.latest) version = this.update(this.latest, text);
    else {
      const blocks = splitParagraphBlocks(text);
      const parts = blocks.map((block) => parseBlock(block.text));
      version = { text, blocks, parts, groups: groupsOf(blocks.length), parsed: assemble(text, blocks, parts) };
    }
    const { blocks, parts, groups, parsed, change } = version;
    parts.forEach((part, i) => (part.origin.start = blocks[i].start));
    this.latest = version;
    return { blocks, groups, parsed, blockParses: parts.map((part) => part.parsed), ...(change ? { change } : {}) };
  }

  private update(latest: Version, text: string): Version {
    const old = latest.blocks;
    const { prefix, suffix } = commonEnds(latest.text, text);
    const delta = text.length - latest.text.length;
    // From the block before the one the edit starts in: an edit at a block's start can join it to the one before
    // (a footnote definition is set apart by a single line break only because its line starts with `[^`).
    const first = Math.max(0, firstIndexWhere(old.length, (i) => old[i].start >= prefix) - 2);
    const restart = first === 0 ? 0 : old[first].start;
    // Old blocks that start inside the unchanged end of the text, by their start in the new text.
    const unchangedFrom = latest.text.length - suffix;
    const firstKept = Math.max(first, firstIndexWhere(old.length, (i) => old[i].start >= unchangedFrom));
    const keptAt = (start: number) => {
      const i = firstIndexWhere(old.length - firstKept, (k) => old[firstKept + k].start + delta >= start) + firstKept;
      return i < old.length && old[i].start + delta === start ? i : -1;
    };
    const split = splitFrom(text, restart, (start) => start - delta >= unchangedFrom && keptAt(start) >= 0);
    const resumed = split.stoppedAt === undefined ? old.length : keptAt(split.stoppedAt);
    // The replaced blocks' parses, by text, for re-split blocks that did not change.
    const replaced = new Map<string, BlockParse[]>();
    for (let i = first; i < resumed; i++) {
      const same = replaced.get(old[i].text);
      if (same) same.push(latest.parts[i]);
      else replaced.set(old[i].text, [latest.parts[i]]);
    }
    const middle = split.blocks.map((block) => replaced.get(block.text)?.shift() ?? parseBlock(block.text));
    const after = old.slice(resumed).map((block) => (delta === 0 ? block : { start: block.start + delta, end: block.end + delta, text: block.text }));
    const blocks = [...old.slice(0, first), ...split.blocks, ...after];
    const parts = [...latest.parts.slice(0, first), ...middle, ...latest.parts.slice(resumed)];
    // Spliced while the replaced blocks' objects still read their old positions.
    const replacedParts = latest.parts.slice(first, resumed);
    const footnotesKept = sameFootnoteMarks(replacedParts, middle);
    const parsed = spliced(latest, first, resumed, middle, footnotesKept, text, blocks, parts);
    const change: PaperChange = {
      previous: latest.parsed, from: prefix, to: unchangedFrom, delta, footnotesKept, replaced: replacedParts.map((part) => part.parsed), replacing: middle.map((part) => part.parsed),
    };
    return { text, blocks, parts, groups: regrouped(latest.groups, first, resumed, split.blocks.length), parsed, change };
  }
}

/**
 * How a version differs from the one parsed before it: the text in [from, to) of the previous version was
 * replaced, and what followed it moved by `delta`.
 */
export interface PaperChange {
  previous: ParsedPaper;
  from: number;
  to: number;
  delta: number;
  /**
   * The footnotes are as they were: the paragraphs parsed again hold no footnote definition, before or after,
   * and refer to the same footnotes in the same order.
   */
  footnotesKept: boolean;
  /** The parses of the paragraphs parsed again: those of the previous version, and those that took their place. */
  replaced: readonly ParsedPaper[];
  replacing: readonly ParsedPaper[];
}

function sameFootnoteMarks(before: readonly BlockParse[], after: readonly BlockParse[]): boolean {
  const labels = (parts: readonly BlockParse[]) => parts.flatMap(({ parsed }) => parsed.footnoteRefs.map((ref) => ref.label));
  const noDefinitions = (parts: readonly BlockParse[]) => parts.every(({ parsed }) => parsed.footnoteDefs.length === 0);
  if (!noDefinitions(before) || !noDefinitions(after)) return false;
  const a = labels(before);
  const b = labels(after);
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

interface Version {
  text: string;
  blocks: Block[];
  parts: BlockParse[];
  groups: BlockGroup[];
  parsed: ParsedPaper;
  change?: PaperChange;
}

/**
 * The groups after blocks [first, resumed) were replaced by `replacing` blocks: the groups holding a replaced
 * block (or, when none was replaced, the one the new blocks go into) are made again from their blocks, the
 * others kept.
 */
function regrouped(groups: readonly BlockGroup[], first: number, resumed: number, replacing: number): BlockGroup[] {
  if (groups.length === 0) return groupsOf(replacing);
  let from = 0;
  let g = 0;
  while (g < groups.length - 1 && from + groups[g].size <= first) from += groups[g++].size;
  let to = from + groups[g].size;
  let h = g;
  while (h < groups.length - 1 && to < resumed) to += groups[++h].size;
  // Paragraphs deleted one after another leave a small group: it takes in the next, so groups stay large.
  if (h < groups.length - 1 && to - from - (resumed - first) + replacing < GROUP_SIZE / 2) to += groups[++h].size;
  return [...groups.slice(0, g), ...groupsOf(to - from - (resumed - first) + replacing), ...groups.slice(h + 1)];
}

function parseBlock(text: string): BlockParse {
  const origin = new BlockOrigin();
  return { origin, parsed: parsePaper(text, origin) };
}

/** The lists of a parse that hold citations (and the like) in the order of their start. */
type ListName = 'titles' | 'docNumbers' | 'journals' | 'footnoteRefs' | 'footnoteDefs' | 'quotations' | 'shortForms' | 'anaphora' | 'caseNumbers' | 'pandocCitations';

/** The paper's parse from its blocks' parses: the blocks' lists joined, nothing copied or shifted. */
function assemble(text: string, blocks: Block[], parts: BlockParse[]): ParsedPaper {
  const out = withLists(text, blocks, parts, (name) => joined(parts, name));
  if (out.pandocCitations?.length === 0) delete out.pandocCitations;
  out.footnoteOrder = footnoteLabelsInOrder(out.footnoteRefs, out.footnoteDefs);
  return out;
}

/**
 * The new version's parse from the last one's: each list is the last one's with the items of the replaced blocks
 * [first, resumed) swapped for those of the `middle` blocks that replace them (a copy of the list, not of its
 * items), so an edit does not walk the paper's citations. The footnote order and index are worked out again only
 * when the edit changed the footnotes.
 */
function spliced(latest: Version, first: number, resumed: number, middle: BlockParse[], footnotesKept: boolean, text: string, blocks: Block[], parts: BlockParse[]): ParsedPaper {
  const old = latest.parsed;
  const cutAt = (index: number, list: readonly { start: number }[]) => (index < latest.blocks.length ? firstStartingAtOrAfter(list, latest.blocks[index].start) : list.length);
  const out = withLists(text, blocks, parts, <N extends ListName>(name: N): ParsedPaper[N] => {
    const list: readonly { start: number }[] = old[name] ?? [];
    const spliced = list.slice(0, cutAt(first, list)).concat(joined(middle, name), list.slice(cutAt(resumed, list)));
    return (name === 'pandocCitations' && spliced.length === 0 ? undefined : spliced) as ParsedPaper[N];
  });
  if (footnotesKept) {
    out.footnoteOrder = old.footnoteOrder;
    carryFootnoteIndex(old, out);
  } else out.footnoteOrder = footnoteLabelsInOrder(out.footnoteRefs, out.footnoteDefs);
  return out;
}

function withLists(text: string, blocks: Block[], parts: BlockParse[], list: <N extends ListName>(name: N) => ParsedPaper[N]): ParsedPaper {
  const out: ParsedPaper = {
    text, titles: list('titles'), docNumbers: list('docNumbers'), journals: list('journals'), footnoteRefs: list('footnoteRefs'), footnoteDefs: list('footnoteDefs'), footnoteOrder: [],
    quotations: list('quotations'), shortForms: list('shortForms'), anaphora: list('anaphora'), caseNumbers: list('caseNumbers'),
    excluded: new BlockExclusions(blocks.map((block) => block.start), parts.map((part) => part.parsed.excluded)),
  };
  const pandocCitations = list('pandocCitations');
  if (pandocCitations) out.pandocCitations = pandocCitations;
  return out;
}

/** One list of the parts, joined item by item: spreading a block's list as arguments overflows the stack when a block has ~100,000 items. */
function joined<N extends ListName>(parts: readonly BlockParse[], name: N): NonNullable<ParsedPaper[N]> {
  const out: unknown[] = [];
  for (const { parsed } of parts) {
    const list = parsed[name];
    if (list) for (let i = 0; i < list.length; i++) out.push(list[i]);
  }
  return out as NonNullable<ParsedPaper[N]>;
}
