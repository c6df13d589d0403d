/**
 * The parts of a Markdown document where citations are not looked for: YAML front matter, fenced code blocks,
 * inline code, URLs (autolinks, link destinations, bare URLs) and HTML comments. Returned as sorted,
 * non-overlapping offset ranges so the parser can skip a candidate with a binary search.
 */
import { firstEndingAfter, firstIndexWhere } from '../util/binarySearch';

export interface Span {
  start: number;
  end: number;
}

/** Where citations are not looked for. */
export interface Exclusions {
  /** True when offset lies inside an excluded region. */
  contains(offset: number): boolean;
}

/** The excluded regions of one block (or of a paper parsed whole), in the block's offsets. */
export class ExcludedRegions implements Exclusions {
  constructor(readonly spans: Span[]) {}

  contains(offset: number): boolean {
    const first = this.firstEndingAfter(offset);
    return first !== undefined && first.start <= offset;
  }

  /** True when [start, end) overlaps an excluded region. */
  overlaps(start: number, end: number): boolean {
    const first = this.firstEndingAfter(start);
    return first !== undefined && first.start < end;
  }

  /** The first region ending after `offset` (the spans are sorted and disjoint, so their ends are sorted too). */
  private firstEndingAfter(offset: number): Span | undefined {
    return this.spans[firstEndingAfter(this.spans, offset)];
  }
}

/** Shared by every text with nothing excluded (most paragraphs): its list is empty and never written to. */
const NO_REGIONS = new ExcludedRegions(Object.freeze([]) as unknown as Span[]);

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function findExcludedRegions(text: string): ExcludedRegions {
  const spans: Span[] = [];
  // Each marker looked for once in the whole text (a search of the whole paper when it is absent, as it
  // mostly is): no ``` without a `, no <!-- or <scheme:…> without a <.
  const backtick = text.includes('`');
  const angle = text.includes('<');
  frontMatter(text, spans);
  if ((backtick && text.includes('```')) || text.includes('~~~')) fencedCode(text, spans);
  if (backtick) inlineCode(text, spans);
  if (angle && text.includes('<!--')) htmlComments(text, spans);
  urls(text, spans, angle);
  return spans.length === 0 ? NO_REGIONS : new ExcludedRegions(merge(spans));
}

// Module constants: a pattern literal in a function is a new object each call, and this runs for every paragraph.
const FRONT_MATTER_OPENING = /^\ufeff?---[ \t]*\r?\n/;
const FRONT_MATTER_CLOSE = /\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/g;

function frontMatter(text: string, spans: Span[]): void {
  const opening = FRONT_MATTER_OPENING.exec(text);
  if (!opening) return;
  const close = FRONT_MATTER_CLOSE;
  close.lastIndex = opening[0].length - 1;
  const match = close.exec(text);
  // The closing line, without its line break (the same span whether the front matter is parsed alone or not).
  if (match) spans.push({ start: 0, end: match.index + match[0].replace(/\r?\n$/, '').length });
}

/** Called only when the text holds ``` or ~~~. */
function fencedCode(text: string, spans: Span[]): void {
  let offset = 0;
  let open: { start: number; marker: string } | undefined;
  while (offset <= text.length) {
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(offset, lineEnd);
    const fence = FENCE.exec(line);
    if (fence) {
      if (!open) open = { start: offset, marker: fence[1] };
      else if (fence[1][0] === open.marker[0] && fence[1].length >= open.marker.length && line.trim() === fence[1]) {
        spans.push({ start: open.start, end: lineEnd });
        open = undefined;
      }
    }
    offset = lineEnd + 1;
  }
  // An unclosed fence runs to the end of the document, as in CommonMark.
  if (open) spans.push({ start: open.start, end: text.length });
}

/**
 * Code spans: a run of n backticks up to the next run of exactly n, not across a blank line. Found from the
 * runs in one pass (a backtracking pattern took minutes on a line of backticks).
 */
function inlineCode(text: string, spans: Span[]): void {
  const runs: { start: number; length: number }[] = [];
  for (let at = text.indexOf('`'); at >= 0; ) {
    let end = at;
    while (text.charCodeAt(end) === 96) end++;
    runs.push({ start: at, length: end - at });
    at = text.indexOf('`', end);
  }
  // For each run, the next run of the same length.
  const next = new Array<number>(runs.length);
  const seen = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    next[k] = seen.get(runs[k].length) ?? -1;
    seen.set(runs[k].length, k);
  }
  const blankLines: number[] = [];
  for (const match of text.matchAll(/\n(?=[ \t]*\r?\n)/g)) blankLines.push(match.index!);
  for (let k = 0; k < runs.length; ) {
    const closer = next[k];
    if (closer < 0) {
      k++;
      continue;
    }
    const start = runs[k].start;
    const end = runs[closer].start + runs[closer].length;
    // Inline code does not cross a blank line: then the run opens nothing, and the next run may.
    if (firstAtOrAfter(blankLines, start) < end) {
      k++;
      continue;
    }
    spans.push({ start, end });
    k = closer + 1;
  }
}

/** The first number in a sorted list that is ≥ value (Infinity when none). */
function firstAtOrAfter(sorted: number[], value: number): number {
  const index = firstIndexWhere(sorted.length, (i) => sorted[i] >= value);
  return index < sorted.length ? sorted[index] : Infinity;
}

function htmlComments(text: string, spans: Span[]): void {
  for (const match of text.matchAll(/<!--[\s\S]*?(-->|$)/g)) spans.push({ start: match.index!, end: match.index! + match[0].length });
}

// One pattern per kind of link, each run only when its marker occurs: a single alternation cannot skip ahead
// by a literal and would be tried at every character of the paper.
const LINK_PATTERNS: [marker: string, pattern: RegExp][] = [
  // The destination stops at the next ] too: otherwise each of many unclosed "](" would scan to the end.
  ['](', /\]\([^)\]\s]*\)/g],
  ['www.', /www\.[^\s<>（）《》，。；、“”]+/g],
  ['<', /<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>/g],
];
const SCHEMES = ['https', 'http', 'ftp', 'file'];
const URL_REST = /[^\s<>（）《》，。；、“”]*/y;

/** `angle`: whether the text holds a <, which the autolink pattern needs. */
function urls(text: string, spans: Span[], angle: boolean): void {
  // Bare URLs from each "://" back to a known scheme: faster than a pattern that starts with the scheme.
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    const scheme = SCHEMES.find((s) => text.startsWith(s, at - s.length));
    if (!scheme) continue;
    URL_REST.lastIndex = at + 3;
    URL_REST.test(text);
    spans.push({ start: at - scheme.length, end: URL_REST.lastIndex });
  }
  for (const [marker, pattern] of LINK_PATTERNS) {
    if (marker === '<' ? !angle : !text.includes(marker)) continue;
    for (const match of text.matchAll(pattern)) spans.push({ start: match.index!, end: match.index! + match[0].length });
  }
}

function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

