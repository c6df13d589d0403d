/**
 * Parsed papers, cached per URI and version: every feature asks here instead of re-parsing. A new version
 * replaces the entry, so the cache never holds more than one parse per open document.
 */
import type { Corpus } from './corpus';
import { LineIndex } from './lineIndex';
import { PaperScope } from './paperScope';
import { ParsedPaper, parsePaper } from './parser';

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
}

/** Parses a paper against a corpus, outside any cache (the CLI checks each file once). */
export function makePaper(corpus: Corpus, uri: string, version: number, text: string, defaultDate?: string): Paper {
  const parsed = parsePaper(text);
  return { uri, version, parsed, lines: new LineIndex(text), scope: new PaperScope(corpus, parsed, defaultDate) };
}

export class PaperCache {
  private readonly entries = new Map<string, { version: number; defaultDate: string | undefined; paper: Paper }>();

  constructor(private readonly corpus: Corpus) {}

  /** The parse of this version; `defaultDate` is the paper date to assume when its front matter has none. */
  get(document: PaperDocument, defaultDate?: string): Paper {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && (defaultDate === undefined || cached.defaultDate === defaultDate)) return cached.paper;
    const paper = makePaper(this.corpus, document.uri, document.version, document.getText(), defaultDate);
    this.entries.set(document.uri, { version: document.version, defaultDate, paper });
    return paper;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
