/**
 * Parsed papers, cached per URI and version: every feature asks here instead of re-parsing. A new version
 * replaces the entry, so the cache never holds more than one parse per open document.
 */
import { LineIndex } from './lineIndex';
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
}

export class PaperCache {
  private readonly entries = new Map<string, Paper>();

  get(document: PaperDocument): Paper {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const paper = { uri: document.uri, version: document.version, parsed: parsePaper(text), lines: new LineIndex(text) };
    this.entries.set(document.uri, paper);
    return paper;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
