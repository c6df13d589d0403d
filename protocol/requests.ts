/**
 * The contract between the VS Code client and the LexCite server beyond LSP itself: the custom `lexcite/*`
 * methods and the JSON they carry. Both sides import this module and it imports nothing (lint enforces it),
 * so any editor's client can read the wire format here.
 */

/** A position as LSP has it: zero-based line, UTF-16 character offset. */
export interface WirePosition {
  line: number;
  character: number;
}

export interface TextDocumentRef {
  uri: string;
}

/** One corpus entry found by `lexcite/search`. */
export interface SearchItem {
  id: string;
  type: string;
  title: string;
  /** One line of facts: kind · 文号 · date, or authors · journal year. */
  detail: string;
  /** The entry's card, in Markdown. */
  preview: string;
  /** One line of plain text to show under the title (the opening words, or the summary). */
  previewLine: string;
  /** The citation to insert, in the house style. */
  insertText: string;
  /** The entry's read-only rendering (a lexcite: URI). */
  uri: string;
}

export interface SearchParams {
  query: string;
  limit?: number;
  /** The paper the search is for (its settings apply). */
  uri?: string;
}

export interface ProvisionAtParams {
  textDocument: TextDocumentRef;
  position: WirePosition;
}

/** The provision (or document) cited under the cursor, as Markdown, and where it is in its rendering. */
export interface ProvisionAtResult {
  markdown: string;
  uri: string;
  line: number;
}

export interface WireTextEdit {
  range: { start: WirePosition; end: WirePosition };
  newText: string;
}

/** Where to add a footnote, citing which entry (a SearchItem's `type` and `id`). */
export interface FootnoteParams {
  textDocument: TextDocumentRef;
  /** The document version the position belongs to: the edits are made for it, or not at all. */
  version: number;
  position: WirePosition;
  type: string;
  id: string;
}

/** One way to write the note: the full citation, 同上注, or 同前注〔n〕. */
export interface FootnoteChoice {
  form: 'full' | 'ibid' | 'supra';
  /** What the choice is, for a menu (in the UI language). */
  label: string;
  /** The note's text after `[^label]: `. */
  note: string;
  /** `[^label]` at the position and the definition among the notes, for `version` (apply all or none). */
  edits: WireTextEdit[];
}

export interface FootnoteResult {
  /** The version the edits are for. */
  version: number;
  label?: string;
  /** The new note's number as readers see it. */
  number?: number;
  /** Empty when nothing can be inserted; `problem` then says why. */
  choices: FootnoteChoice[];
  problem?: string;
}

export type ReportFormat = 'md' | 'html' | 'json' | 'csv';

export interface ReportParams {
  textDocument: TextDocumentRef;
  format?: ReportFormat;
}

export interface TextResult {
  text: string;
}

export interface VirtualDocumentParams {
  uri: string;
}

/** The corpus as the server holds it: sent as a notification whenever it changes, and on request. */
export interface Status {
  /** The bulletin index is loaded and requests are answered from it. */
  ready: boolean;
  /** lexcite.corpora folders are still being read. */
  loadingStatutes?: boolean;
  statuteFolders?: string[];
  documents?: number;
  provisions?: number;
  records?: number;
  instruments?: number;
  statutes?: number;
  /** Of those, the statutes read from the statute folders (lexcite.corpora). */
  folderStatutes?: number;
  /** The date of the bundled statute book (YYYY-MM-DD): the statutes are as current as this. */
  statuteBookDate?: string;
}

/** Method names, each with its parameters and result (`null`: nothing there). */
export const Methods = {
  /** Request: the text of a lexcite: document. */
  virtualDocument: 'lexcite/virtualDocument',
  /** Request: fuzzy search of the corpus (titles, pinyin, abbreviations, authors). */
  search: 'lexcite/search',
  /** Request: the provision cited under the cursor. */
  provisionAt: 'lexcite/provisionAt',
  /** Request: the paper's citation report, rendered. */
  report: 'lexcite/report',
  /** Request and notification: the corpus status. */
  status: 'lexcite/status',
  /** Request: answers null at once (a liveness probe that costs nothing). */
  ping: 'lexcite/ping',
  /** Request: the edits that add a footnote citing a corpus entry at a position. */
  footnote: 'lexcite/footnote',
} as const;

export interface MethodTypes {
  'lexcite/virtualDocument': { params: VirtualDocumentParams; result: TextResult | null };
  'lexcite/search': { params: SearchParams; result: SearchItem[] };
  'lexcite/provisionAt': { params: ProvisionAtParams; result: ProvisionAtResult | null };
  'lexcite/report': { params: ReportParams; result: TextResult | null };
  'lexcite/status': { params: null | undefined; result: Status };
  'lexcite/ping': { params: null | undefined; result: null };
  'lexcite/footnote': { params: FootnoteParams; result: FootnoteResult | null };
}
