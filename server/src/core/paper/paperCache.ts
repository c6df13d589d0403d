/**
 * Parsed papers, cached per URI and version: every feature asks here instead of re-parsing. A new version
 * replaces the entry, so the cache never holds more than one parse per open document.
 */
import type { Corpus } from '../corpus/corpus';
import { LineIndex } from './lineIndex';
import { PaperScope } from './paperScope';
import { ParsedPaper, parsePaper } from './parser';
import { Block, BlockParseCache } from './incremental';

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
  /** The paper's blocks (paragraphs) and a cache of per-block findings, for incremental re-checking. */
  blocks?: Block[];
  blockFindings?: Map<string, unknown>;
}

/** Parses a paper against a corpus, outside any cache (the CLI checks each file once). */
export function makePaper(corpus: Corpus, uri: string, version: number, text: string, defaultDate?: string): Paper {
  const parsed = parsePaper(text);
  return { uri, version, parsed, lines: new LineIndex(text), scope: new PaperScope(corpus, parsed, defaultDate) };
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
    const text = document.getText();
    const parse = blocks.parse(text);
    const paper: Paper = {
      uri: document.uri, version: document.version, parsed: parse.parsed, lines: new LineIndex(text), scope: new PaperScope(this.corpus, parse.parsed, defaultDate),
      blocks: parse.blocks, blockFindings: blocks.findings,
    };
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
