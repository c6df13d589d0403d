/** What every completer of completion.ts receives, and the helpers they share. */
import type { Range } from 'vscode-languageserver-types';
import type { Corpus } from '../corpus/corpus';
import type { Paper } from '../paper/paperCache';
import type { LexciteSettings } from '../settings';

export interface CompletionContext {
  corpus: Corpus;
  paper: Paper;
  /** The cursor, as an offset into the paper's text. */
  offset: number;
  /** Where `before` starts in the paper's text. */
  beforeStart: number;
  /** The text from the start of the line before the cursor's up to the cursor. */
  before: string;
  /** The rest of the cursor's line. */
  after: string;
  settings: LexciteSettings;
}

export const KIND_REFERENCE = 18;
export const KIND_FIELD = 5;
export const KIND_VALUE = 12;
export const KIND_TEXT = 1;

/** The range from `length` characters before the cursor to `forward` characters after it. */
export function rangeBack(context: CompletionContext, length: number, forward = 0): Range {
  return context.paper.lines.range(context.offset - length, context.offset + forward);
}

/** Keeps the server's order in the editor's list. */
export const sortText = (i: number) => String(i).padStart(4, '0');
