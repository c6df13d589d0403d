/**
 * Offsets ↔ LSP positions. JavaScript strings are UTF-16, so a string index is already the UTF-16 offset LSP
 * positions use; this only finds line starts (\n, \r\n and lone \r all end a line).
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { firstGreaterThan } from '../util/binarySearch';

export class LineIndex {
  private readonly starts: number[];
  private readonly hasReturn: boolean;

  /** `known`: the text's line starts, worked out already (edited). */
  constructor(readonly text: string, known?: { starts: number[]; hasReturn: boolean }) {
    // The usual text has no \r, and is indexed faster: this runs on every version of every open paper.
    this.hasReturn = known?.hasReturn ?? text.includes('\r');
    this.starts = known?.starts ?? (this.hasReturn ? startsWithReturns(text) : startsOf(text, 0, text.length, [0]));
  }

  /**
   * The index of `text`, made from this one (its text's [from, to) replaced, what followed moved by `delta`):
   * the line starts before the edit are kept, those after it moved, and only the edited stretch is read.
   */
  edited(text: string, from: number, to: number, delta: number): LineIndex {
    if (this.hasReturn || text.length !== this.text.length + delta) return new LineIndex(text);
    const changed = text.slice(from, to + delta);
    if (changed.includes('\r')) return new LineIndex(text);
    const old = this.starts;
    // A line starts after each \n: those up to `from` are where they were, those after the old `to` moved.
    const kept = firstGreaterThan(old, from);
    const starts = startsOf(text, from, to + delta, old.slice(0, kept));
    for (let i = firstGreaterThan(old, to); i < old.length; i++) starts.push(old[i] + delta);
    return new LineIndex(text, { starts, hasReturn: false });
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  /** The line an offset is on. */
  lineAt(offset: number): number {
    return firstGreaterThan(this.starts, offset) - 1;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** `starts` with the start of each line after a \n in [from, to). */
function startsOf(text: string, from: number, to: number, starts: number[]): number[] {
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line starts of a text with \r: \n, \r\n and a lone \r each end a line. */
function startsWithReturns(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
