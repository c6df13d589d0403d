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
} as const;

export interface MethodTypes {
  'lexcite/virtualDocument': { params: VirtualDocumentParams; result: TextResult | null };
  'lexcite/search': { params: SearchParams; result: SearchItem[] };
  'lexcite/provisionAt': { params: ProvisionAtParams; result: ProvisionAtResult | null };
  'lexcite/report': { params: ReportParams; result: TextResult | null };
  'lexcite/status': { params: null | undefined; result: Status };
  'lexcite/ping': { params: null | undefined; result: null };
}
