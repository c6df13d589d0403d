/**
 * A paper's parse from its blocks' parses: the blocks' lists joined, nothing copied or shifted (each object reads
 * its position from its block's origin, located.ts). After an edit, the last version's lists are spliced.
 */
import type { CitationListName, ParsedPaper } from './citationTypes';
import { footnoteLabelsInOrder } from './footnotes';
import type { BlockOrigin } from './located';
import type { Exclusions } from './markdown';
import { carryFootnoteIndex } from './paperIndex';
import { firstIndexWhere, firstStartingAtOrAfter } from '../util/binarySearch';

/** A block of an open paper with its parse: it starts where its origin says, so moving it moves its parse too. */
export class ParsedBlock {
  constructor(readonly origin: BlockOrigin, readonly text: string, readonly parsed: ParsedPaper) {}

  get start(): number {
    return this.origin.start;
  }

  get end(): number {
    return this.origin.start + this.text.length;
  }
}

export function assemble(text: string, blocks: readonly ParsedBlock[]): ParsedPaper {
  const lists = joinedLists(blocks);
  const out = withLists(text, blocks, <N extends CitationListName>(name: N) => lists[name] as ParsedPaper[N]);
  if (out.pandocCitations?.length === 0) delete out.pandocCitations;
  out.footnoteOrder = footnoteLabelsInOrder(out.footnoteRefs, out.footnoteDefs);
  return out;
}

/** The edit of one version into the next, in blocks: `replaced` (the last version's blocks [first, resumed)) became `replacing`. */
export interface BlockEdit {
  previous: ParsedPaper;
  previousBlocks: readonly ParsedBlock[];
  first: number;
  resumed: number;
  replacing: readonly ParsedBlock[];
  /** The footnotes are as they were (no definition replaced or added, the same marks in the same order). */
  footnotesKept: boolean;
}

/**
 * The new version's parse from the last one's, made while the last version's blocks still read their old
 * positions: each list is the last one's with the items of the replaced blocks swapped for those of the blocks
 * that replace them (a copy of the list, not of its items), so an edit does not walk the paper's citations. The
 * footnote order and index are worked out again only when the edit changed the footnotes.
 */
export function spliced(edit: BlockEdit, text: string, blocks: readonly ParsedBlock[]): ParsedPaper {
  const { previous, previousBlocks, first, resumed } = edit;
  const cutAt = (index: number, list: readonly { start: number }[]) => (index < previousBlocks.length ? firstStartingAtOrAfter(list, previousBlocks[index].start) : list.length);
  const out = withLists(text, blocks, <N extends CitationListName>(name: N): ParsedPaper[N] => {
    const list: readonly { start: number }[] = previous[name] ?? [];
    const spliced = list.slice(0, cutAt(first, list)).concat(joined(edit.replacing, name), list.slice(cutAt(resumed, list)));
    return (name === 'pandocCitations' && spliced.length === 0 ? undefined : spliced) as ParsedPaper[N];
  });
  if (edit.footnotesKept) {
    out.footnoteOrder = previous.footnoteOrder;
    carryFootnoteIndex(previous, out);
  } else out.footnoteOrder = footnoteLabelsInOrder(out.footnoteRefs, out.footnoteDefs);
  return out;
}

function withLists(text: string, blocks: readonly ParsedBlock[], list: <N extends CitationListName>(name: N) => ParsedPaper[N]): ParsedPaper {
  const out: ParsedPaper = {
    text, titles: list('titles'), docNumbers: list('docNumbers'), journals: list('journals'), footnoteRefs: list('footnoteRefs'), footnoteDefs: list('footnoteDefs'), footnoteOrder: [],
    quotations: list('quotations'), shortForms: list('shortForms'), anaphora: list('anaphora'), caseNumbers: list('caseNumbers'), excluded: new BlocksExclusions(blocks),
  };
  const pandocCitations = list('pandocCitations');
  if (pandocCitations) out.pandocCitations = pandocCitations;
  return out;
}

/** One list of the blocks' parses, joined (those of the blocks an edit parsed again). */
function joined<N extends CitationListName>(blocks: readonly ParsedBlock[], name: N): NonNullable<ParsedPaper[N]> {
  const out: unknown[] = [];
  for (const { parsed } of blocks) {
    const list = parsed[name];
    if (list) append(out, list);
  }
  return out as NonNullable<ParsedPaper[N]>;
}

type CitationLists = { [N in CitationListName]: NonNullable<ParsedPaper[N]> };

/**
 * Every list of the blocks' parses, joined in one pass over the blocks (a paper has tens of thousands of them),
 * each list read by its own name rather than by a name passed in.
 */
function joinedLists(blocks: readonly ParsedBlock[]): CitationLists {
  const lists: CitationLists = {
    titles: [], docNumbers: [], journals: [], footnoteRefs: [], footnoteDefs: [], quotations: [], shortForms: [], anaphora: [], caseNumbers: [], pandocCitations: [],
  };
  for (let b = 0; b < blocks.length; b++) {
    const parsed = blocks[b].parsed;
    append(lists.titles, parsed.titles);
    append(lists.docNumbers, parsed.docNumbers);
    append(lists.journals, parsed.journals);
    append(lists.footnoteRefs, parsed.footnoteRefs);
    append(lists.footnoteDefs, parsed.footnoteDefs);
    append(lists.quotations, parsed.quotations);
    append(lists.shortForms, parsed.shortForms);
    append(lists.anaphora, parsed.anaphora);
    append(lists.caseNumbers, parsed.caseNumbers);
    if (parsed.pandocCitations) append(lists.pandocCitations, parsed.pandocCitations);
  }
  return lists;
}

/** `items` pushed one by one: spreading them as arguments overflows the stack for a block of ~100,000. */
function append<T>(out: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i]);
}

/** The paper's excluded regions: those of the block an offset is in, found where the blocks now are. */
class BlocksExclusions implements Exclusions {
  constructor(private readonly blocks: readonly ParsedBlock[]) {}

  contains(offset: number): boolean {
    const blocks = this.blocks;
    const i = firstIndexWhere(blocks.length, (k) => blocks[k].start > offset) - 1;
    return i >= 0 && blocks[i].parsed.excluded.contains(offset - blocks[i].start);
  }
}

/** Whether the blocks parsed again leave the footnotes as they were: no definition among them, and the same marks. */
export function sameFootnoteMarks(before: readonly ParsedBlock[], after: readonly ParsedBlock[]): boolean {
  const labels = (blocks: readonly ParsedBlock[]) => blocks.flatMap(({ parsed }) => parsed.footnoteRefs.map((ref) => ref.label));
  const noDefinitions = (blocks: readonly ParsedBlock[]) => blocks.every(({ parsed }) => parsed.footnoteDefs.length === 0);
  if (!noDefinitions(before) || !noDefinitions(after)) return false;
  const a = labels(before);
  const b = labels(after);
  return a.length === b.length && a.every((label, i) => label === b[i]);
}
