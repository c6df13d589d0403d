/**
 * Incremental parsing: a paper is split into blocks (blockSplit.ts), each block is parsed on its own and
 * remembered by its text, and the paper's parse is assembled from the blocks' parses, each read from where its
 * block now starts (located.ts, assembly.ts). After an edit only the edited block is parsed again, and the
 * blocks after it are moved by moving their origins.
 */
import type { ParsedPaper } from './citationTypes';
import { BlockEdit, ParsedBlock, assemble, sameFootnoteMarks, spliced } from './assembly';
import { Block, splitFrom, splitParagraphBlocks } from './blockSplit';
import { BlockOrigin } from './located';
import { parsePaper } from './parser';
import { commonEnds } from '../text/diff';
import { firstIndexWhere } from '../util/binarySearch';

export type { Block } from './blockSplit';
export { splitParagraphBlocks } from './blockSplit';

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

/**
 * The parses of the blocks of the latest version. A new version keeps the blocks before and after the edited
 * stretch (found by comparing the texts' common start and end), moves the origins of those after it, and splits
 * and parses again only from the block before the edit to the first unchanged block start after it: an edit
 * costs the edited paragraphs, not the paper. Re-split blocks whose text is unchanged keep their parse.
 */
export class BlockParseCache {
  private latest: Version | undefined;

  parse(text: string): { blocks: Block[]; groups: BlockGroup[]; parsed: ParsedPaper; blockParses: ParsedPaper[]; change?: PaperChange } {
    if (this.latest) this.latest = this.update(this.latest, text);
    else {
      const blocks = splitParagraphBlocks(text).map((block) => parseBlock(block.start, block.text));
      this.latest = { text, blocks, blockParses: blocks.map((block) => block.parsed), groups: groupsOf(blocks.length), parsed: assemble(text, blocks) };
    }
    const { blocks, groups, parsed, blockParses, change } = this.latest;
    return { blocks, groups, parsed, blockParses, ...(change ? { change } : {}) };
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
    // The replaced blocks, by text, for re-split blocks that did not change.
    const replaced = new Map<string, ParsedBlock[]>();
    for (let i = first; i < resumed; i++) {
      const same = replaced.get(old[i].text);
      if (same) same.push(old[i]);
      else replaced.set(old[i].text, [old[i]]);
    }
    const replacing = split.blocks.map((block) => replaced.get(block.text)?.shift() ?? parseBlock(block.start, block.text));
    const blocks = old.slice(0, first).concat(replacing, old.slice(resumed));
    const edit: BlockEdit = { previous: latest.parsed, previousBlocks: old, first, resumed, replacing, footnotesKept: sameFootnoteMarks(old.slice(first, resumed), replacing) };
    // Spliced while the last version's blocks still read their old positions; then the blocks are moved.
    const parsed = spliced(edit, text, blocks);
    replacing.forEach((block, k) => (block.origin.start = split.blocks[k].start));
    if (delta !== 0) for (let i = resumed; i < old.length; i++) old[i].origin.start += delta;
    const change: PaperChange = {
      previous: latest.parsed, from: prefix, to: unchangedFrom, delta, reparsedFrom: restart, reparsedTo: split.stoppedAt ?? text.length, footnotesKept: edit.footnotesKept,
      replaced: old.slice(first, resumed).map((block) => block.parsed), replacing: replacing.map((block) => block.parsed),
    };
    const blockParses = latest.blockParses.slice(0, first).concat(change.replacing, latest.blockParses.slice(resumed));
    return { text, blocks, blockParses, groups: regrouped(latest.groups, first, resumed, replacing.length), parsed, change };
  }
}

/** A block parsed on its own (its origin at zero meanwhile), placed at `start`. */
function parseBlock(start: number, text: string): ParsedBlock {
  const origin = new BlockOrigin();
  const parsed = parsePaper(text, origin);
  origin.start = start;
  return new ParsedBlock(origin, text, parsed);
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
   * The paragraphs parsed again lie in [reparsedFrom, reparsedTo) of this version's text: every citation outside
   * it is the previous version's object (moved by `delta` when after it).
   */
  reparsedFrom: number;
  reparsedTo: number;
  /**
   * The footnotes are as they were: the paragraphs parsed again hold no footnote definition, before or after,
   * and refer to the same footnotes in the same order.
   */
  footnotesKept: boolean;
  /** The parses of the paragraphs parsed again: those of the previous version, and those that took their place. */
  replaced: readonly ParsedPaper[];
  replacing: readonly ParsedPaper[];
}

interface Version {
  text: string;
  blocks: ParsedBlock[];
  blockParses: ParsedPaper[];
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
