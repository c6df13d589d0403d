/**
 * Parsed papers, cached per URI and version: every feature asks here instead of re-parsing. A new version
 * replaces the entry, so the cache never holds more than one parse per open document.
 */
import type { Corpus } from '../corpus/corpus';
import { LineIndex } from './lineIndex';
import { PaperScope } from './paperScope';
import type { ParsedPaper } from './parser';
import { Block, BlockGroup, BlockParseCache, PaperChange } from './incremental';

/** What the core needs of an editor document (vscode-languageserver-textdocument's TextDocument fits). */
export interface PaperDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface Paper {
  uri: string;
  version: number;
  parsed: ParsedPaper;
  lines: LineIndex;
  /** Short names the paper defines for itself. */
  scope: PaperScope;
  /** The paper's blocks (paragraphs), for incremental re-checking. */
  blocks: Block[];
  /**
   * Each block's own parse, in the order of `blocks`: the same object for as long as the block is unchanged,
   * so later stages can remember what they derived from a block by it.
   */
  blockParses: ParsedPaper[];
  /** The blocks in runs (their sizes add up to the number of blocks), each the same object while its blocks are. */
  groups: BlockGroup[];
  /**
   * Lives as long as the document stays open, across its versions: later stages key their per-document caches
   * on it (in a WeakMap), so those go when the document is closed.
   */
  lifetime: object;
  /** How this version differs from the one parsed before it, for the checks that can adjust what they found then. */
  change?: PaperChange;
}

/** Parses a text once, outside any cache, through the same block pipeline as an open document's versions. */
export function makePaper(corpus: Corpus, uri: string, version: number, text: string, defaultDate?: string): Paper {
  return paperOf(corpus, uri, version, text, new BlockParseCache(), defaultDate);
}

function paperOf(corpus: Corpus, uri: string, version: number, text: string, blocks: BlockParseCache, defaultDate: string | undefined, previous?: Paper): Paper {
  const parse = blocks.parse(text);
  const { change } = parse;
  // The line starts before the edit are the last version's, those after it theirs moved.
  const lines = previous && change && change.previous === previous.parsed ? previous.lines.edited(text, change.from, change.to, change.delta) : new LineIndex(text);
  return {
    uri, version, parsed: parse.parsed, lines, scope: new PaperScope(corpus, parse.parsed, defaultDate, previous && change ? { scope: previous.scope, change } : undefined), blocks: parse.blocks, blockParses: parse.blockParses, groups: parse.groups, lifetime: blocks,
    ...(change ? { change } : {}),
  };
}

export class PaperCache {
  private readonly entries = new Map<string, { version: number; defaultDate: string | undefined; paper: Paper; blocks: BlockParseCache }>();

  constructor(private readonly corpus: Corpus) {}

  /**
   * The parse of this version; `defaultDate` is the paper date to assume when its front matter has none. A new
   * version re-parses only the blocks (paragraphs) that changed.
   */
  get(document: PaperDocument, defaultDate?: string): Paper {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && (defaultDate === undefined || cached.defaultDate === defaultDate)) return cached.paper;
    const blocks = cached?.blocks ?? new BlockParseCache();
    const paper = paperOf(this.corpus, document.uri, document.version, document.getText(), blocks, defaultDate, cached?.paper);
    this.entries.set(document.uri, { version: document.version, defaultDate, paper, blocks });
    return paper;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
