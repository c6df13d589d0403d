/**
 * Incremental parsing: a paper is split into blocks at blank lines (no citation, quotation or footnote spans a
 * blank line), each block is parsed on its own and remembered by its text, and the paper's parse is assembled
 * from the blocks with their offsets shifted. After an edit only the edited block is parsed again.
 *
 * Fenced code, front matter and HTML comments can contain blank lines, so a block that opens one is extended to
 * where it closes; parsed as one block, the parser then excludes it exactly as it would in the whole paper.
 */
import { ExcludedRegions, Span } from './markdown';
import { detached } from '../text/detach';
import { ParsedPaper, footnoteLabelsInOrder, parsePaper } from './parser';
import type { TitleCitation } from './parser';
import { shiftPandocCitation } from './pandocCitations';

export interface Block {
  start: number;
  end: number;
  text: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** Blocks of the text: paragraphs separated by blank lines, with code fences, front matter and comments whole. */
export function splitParagraphBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  // Blank lines, and the line break before a footnote definition (definitions are often written one per line,
  // and a definition's content ends where the next begins).
  const separator = /\r?\n[ \t]*\r?\n|\r?\n(?=\[\^[^\]\s]+\]:)/g;
  let start = 0;
  let inside: 'fence' | 'front' | 'comment' | undefined;
  let fence = '';
  const hasFront = /^\ufeff?---[ \t]*\r?\n/.test(text);
  if (hasFront) inside = 'front';
  // While a fence, comment or front matter is open, only the text added since the last blank line is examined
  // (a paper opening with ``` or <!-- must not cost time quadratic in its length).
  let scanned = 0;
  let fences = 0;
  for (let match = separator.exec(text); ; match = separator.exec(text)) {
    const end = match ? match.index : text.length;
    let closed: boolean;
    if (inside === undefined) {
      const open = opens(text.slice(start, end));
      if (open) {
        inside = open.kind;
        fence = open.fence;
      }
      closed = inside === undefined || closes(start, end, true);
    } else {
      closed = closes(scanned, end, start === scanned);
    }
    scanned = end;
    if (inside !== undefined && match && !closed) {
      // Keep going: this block continues past the blank line.
      separator.lastIndex = match.index + match[0].length;
      continue;
    }
    if (inside !== undefined) inside = undefined;
    // Each block's text is its own string: parses and findings kept for later versions keep only their block.
    if (end > start) blocks.push({ start, end, text: detached(text.slice(start, end)) });
    if (!match) break;
    start = match.index + match[0].length;
    scanned = start;
  }
  return blocks;

  function fenceLines(chunk: string, marker: string): number {
    const prefix = marker.repeat(3);
    let count = 0;
    for (const line of chunk.split('\n')) if (line.trim().startsWith(prefix)) count++;
    return count;
  }

  function opens(chunk: string): { kind: 'fence' | 'comment'; fence: string } | undefined {
    if (!chunk.includes('```') && !chunk.includes('~~~') && !chunk.includes('<!--')) return undefined;
    const counts = new Map<string, number>();
    for (const line of chunk.split('\n')) {
      const f = FENCE_OPEN.exec(line);
      if (f) {
        // A fence opened and closed in the same paragraph needs nothing special.
        const marker = f[1][0];
        if (!counts.has(marker)) counts.set(marker, fenceLines(chunk, marker));
        if (counts.get(marker)! % 2 === 1) {
          fences = counts.get(marker)!;
          return { kind: 'fence', fence: f[1] };
        }
      }
    }
    const lastOpen = chunk.lastIndexOf('<!--');
    if (lastOpen >= 0 && chunk.indexOf('-->', lastOpen) < 0) return { kind: 'comment', fence: '' };
    return undefined;
  }

  /**
   * Whether the open block closes within [from, to): the whole block when `whole`, else the text added since
   * the last check (a closing marker never spans the blank line before it).
   */
  function closes(from: number, to: number, whole: boolean): boolean {
    const chunk = text.slice(from, to);
    if (inside === 'comment') {
      const lastOpen = chunk.lastIndexOf('<!--');
      return lastOpen >= 0 || whole ? /-->/.test(chunk.slice(lastOpen + 4)) : chunk.includes('-->');
    }
    if (inside === 'front') {
      if (start !== 0) return true;
      return /\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/.test(whole ? chunk.slice(3) : chunk);
    }
    if (!whole) fences += fenceLines(chunk, fence[0]);
    return fences >= 2 && fences % 2 === 0;
  }
}

/** Block parses remembered by text; a new version keeps those of its blocks that did not change. */
export class BlockParseCache {
  private previous = new Map<string, ParsedPaper>();

  /** Findings of per-citation checks, per block, kept across versions like the parses (see diagnostics.ts). */
  readonly findings = new Map<string, unknown>();

  parse(text: string): { blocks: Block[]; parsed: ParsedPaper } {
    const blocks = splitParagraphBlocks(text);
    const current = new Map<string, ParsedPaper>();
    const parts = blocks.map((block) => {
      let parsed = current.get(block.text) ?? this.previous.get(block.text);
      if (!parsed) parsed = parsePaper(block.text);
      current.set(block.text, parsed);
      return parsed;
    });
    this.previous = current;
    return { blocks, parsed: assemble(text, blocks, parts) };
  }
}

/** The paper's parse from its blocks' parses, offsets shifted to the paper. */
export function assemble(text: string, blocks: Block[], parts: ParsedPaper[]): ParsedPaper {
  const out: ParsedPaper = {
    text, titles: [], docNumbers: [], journals: [], footnoteRefs: [], footnoteDefs: [], footnoteOrder: [], quotations: [], shortForms: [],
    excluded: new ExcludedRegions([]),
  };
  const spans: Span[] = [];
  blocks.forEach((block, b) => {
    const part = parts[b];
    const d = block.start;
    const numbers = new Map(part.docNumbers.map((n) => [n, { ...n, start: n.start + d, end: n.end + d, bracketStart: n.bracketStart + d }]));
    const titles = new Map<TitleCitation, TitleCitation>();
    for (const title of part.titles) {
      const shifted: TitleCitation = {
        ...title, start: title.start + d, end: title.end + d,
        references: title.references.map((r) => ({
          ...r, start: r.start + d, end: r.end + d,
          steps: r.steps.map((s) => (s.start === undefined ? s : { ...s, start: s.start + d, end: s.end! + d, numberStart: s.numberStart! + d, numberEnd: s.numberEnd! + d })),
        })),
      };
      if (title.docNumber) shifted.docNumber = numbers.get(title.docNumber);
      if (title.versionTag) shifted.versionTag = { ...title.versionTag, start: title.versionTag.start + d, end: title.versionTag.end + d };
      if (title.shortName) shifted.shortName = { ...title.shortName, start: title.shortName.start + d, end: title.shortName.end + d };
      if (title.jurisdiction) shifted.jurisdiction = { ...title.jurisdiction, start: title.jurisdiction.start + d, end: title.jurisdiction.end + d };
      titles.set(title, shifted);
      out.titles.push(shifted);
    }
    // One by one: spreading a block's 文号 as arguments overflows the stack when a block has ~100,000 of them.
    for (const number of numbers.values()) out.docNumbers.push(number);
    for (const journal of part.journals) {
      out.journals.push({
        ...journal, start: journal.start + d, end: journal.end + d,
        authors: journal.authors.map((a) => ({ ...a, start: a.start + d, end: a.end + d })),
        title: titles.get(journal.title)!, journal: titles.get(journal.journal)!,
        ...(journal.zai ? { zai: { ...journal.zai, start: journal.zai.start + d, end: journal.zai.end + d } } : {}),
        year: { ...journal.year, start: journal.year.start + d, end: journal.year.end + d },
        issue: { ...journal.issue, start: journal.issue.start + d, end: journal.issue.end + d },
        separator: { ...journal.separator, start: journal.separator.start + d, end: journal.separator.end + d },
      });
    }
    for (const ref of part.footnoteRefs) out.footnoteRefs.push({ ...ref, start: ref.start + d, end: ref.end + d });
    for (const def of part.footnoteDefs) out.footnoteDefs.push({ ...def, start: def.start + d, end: def.end + d, contentStart: def.contentStart + d, contentEnd: def.contentEnd + d });
    for (const q of part.quotations) out.quotations.push({ ...q, start: q.start + d, end: q.end + d, innerStart: q.innerStart + d, innerEnd: q.innerEnd + d });
    for (const form of part.shortForms) out.shortForms.push({ ...form, start: form.start + d, end: form.end + d });
    for (const citation of part.pandocCitations ?? []) (out.pandocCitations ??= []).push(shiftPandocCitation(citation, d));
    for (const span of part.excluded.spans) spans.push({ start: span.start + d, end: span.end + d });
  });
  out.footnoteOrder = footnoteLabelsInOrder(out.footnoteRefs, out.footnoteDefs);
  out.excluded = new ExcludedRegions(spans);
  return out;
}
