/**
 * Reads a source text into classified lines and joins wrapped lines back into paragraphs.
 *
 * The bulletin is a PDF extraction: a hard wrap every ~20 characters, blank lines that carry no meaning, a
 * leading space at each page start, a few surviving page headers and page numbers, and runs of URL-only lines.
 */
import { collapseNumberSpaces } from '../../server/src/core/text/normalize';

export interface SourceLine {
  /** 1-based line number. */
  n: number;
  /** The line as in the file. */
  raw: string;
  /** Trimmed text; empty for blank lines and artefacts. */
  text: string;
  artefact?: 'blank' | 'url' | 'page-header' | 'page-number';
}

export interface SourceFile {
  name: string;
  lines: SourceLine[];
  /** Whether blank lines separate paragraphs (true for the newspaper page, false for the bulletin). */
  blankLinesSeparate: boolean;
}

const URL_LINE = /^\s*(https?:\/\/|www\.)\S*\s*$/;
const PAGE_HEADER = /^\s*数字法学教研月报·/;
const PAGE_NUMBER = /^\s*\d+\s*\/\s*\d+\s*$/;

export function readSource(name: string, content: string, blankLinesSeparate: boolean): SourceFile {
  const rawLines = content.replace(/\r\n?/g, '\n').split('\n');
  const lines = rawLines.map((raw, i): SourceLine => {
    const line: SourceLine = { n: i + 1, raw, text: raw.trim() };
    if (line.text === '') line.artefact = 'blank';
    else if (URL_LINE.test(raw)) line.artefact = 'url';
    else if (PAGE_HEADER.test(raw)) line.artefact = 'page-header';
    else if (PAGE_NUMBER.test(raw)) line.artefact = 'page-number';
    if (line.artefact) line.text = '';
    return line;
  });
  return { name, lines, blankLinesSeparate };
}

/** Lines start..end (1-based, inclusive) that carry text, artefacts and blanks dropped. */
export function textLines(file: SourceFile, start: number, end: number): SourceLine[] {
  const out: SourceLine[] = [];
  for (let n = start; n <= end && n <= file.lines.length; n++) {
    const line = file.lines[n - 1];
    if (!line.artefact) out.push(line);
  }
  return out;
}

/**
 * Display width as typeset: CJK, full-width forms and the curly quotes and dashes of Chinese text count 2,
 * ASCII counts 1. Full lines of the bulletin are 40–46 wide.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2000 ? 2 : 1;
  return width;
}

/** A line shorter than this did not reach the right margin, so a heading (or an unpunctuated line) ended on it. */
export const SHORT_LINE_WIDTH = 37;

/**
 * A sentence-final line narrower than a full line (44) ends its paragraph. Wider than SHORT_LINE_WIDTH because
 * a paragraph's last line may fill all but a character or two; a full line ending in 。 goes on.
 */
export const PARAGRAPH_END_WIDTH = 43;

const SENTENCE_END = /[。！？：；”」』…）)]$/;

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

const LATIN_END = /[A-Za-z0-9,.;:)\]]$/;
const LATIN_START = /^[A-Za-z0-9(\[]/;

/**
 * Joins wrapped lines into one string. A space is kept only where both sides are Latin text
 * ("Frank" + "Easterbrook"), since Chinese has no spaces at line wraps.
 */
export function joinWrapped(parts: string[]): string {
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    if (out !== '' && LATIN_END.test(out) && LATIN_START.test(part)) out += ' ';
    out += part;
  }
  return out;
}

/** Joins the given lines and tidies stray spaces around numbers, as for titles and metadata values. */
export function joinMetadata(lines: SourceLine[]): string {
  return collapseNumberSpaces(joinWrapped(lines.map((l) => l.text))).replace(/\s+/g, ' ').trim();
}

/** Parses a printed date such as "2025 年 8 月 4日" into ISO form; undefined when the text is not one. */
export function parsePrintedDate(text: string): string | undefined {
  const match = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(text.trim());
  if (!match) return undefined;
  return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
}

/** Finds the first printed date inside running text. */
export function findDateInText(text: string): string | undefined {
  const match = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (!match) return undefined;
  return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
}
