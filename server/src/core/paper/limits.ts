/**
 * Hard limits on how much of a paper is checked, so that a huge or citation-dense file costs bounded time and
 * memory and the user is told — with one diagnostic per limit — where checking stopped.
 *
 *   lexcite.maxPaperSize  (--max-paper-size)  characters (UTF-16 code units, as editors count them) checked;
 *                                             the text is cut at the last line break before the limit
 *   lexcite.maxCitations  (--max-citations)   citations checked: titles in 《》 (a journal citation's journal
 *                                             name not counted separately) and 文号 not attached to a title
 *
 * 0 turns a limit off.
 */
import type { DocNumberCitation, ParsedPaper } from './parser';
import type { PaperChange } from './incremental';

/** Five million characters: about 15 MB of Chinese text in UTF-8, many times the longest dissertation. */
export const DEFAULT_MAX_PAPER_SIZE = 5_000_000;
export const DEFAULT_MAX_CITATIONS = 5000;

export interface PaperLimits {
  maxPaperSize: number;
  maxCitations: number;
}

export const DEFAULT_LIMITS: PaperLimits = { maxPaperSize: DEFAULT_MAX_PAPER_SIZE, maxCitations: DEFAULT_MAX_CITATIONS };

/** The part of a paper larger than the limit that is checked. */
export interface SizeCut {
  /** The text up to the cut. */
  text: string;
  /** Length of the whole paper. */
  length: number;
  limit: number;
}

/**
 * Where checking of a paper stops for its size: after the last line break at or before the limit (so that every
 * position in the checked part is the same position in the whole paper), or at the limit itself when the
 * paper has no line break that early; never between the halves of a surrogate pair or of a CRLF.
 * Undefined when the whole paper is checked.
 */
export function cutForSize(text: string, limit: number): SizeCut | undefined {
  if (!(limit > 0) || text.length <= limit) return undefined;
  const lf = text.lastIndexOf('\n', limit - 1);
  const cr = text.lastIndexOf('\r', limit - 1);
  // After a \n a line always starts; after a \r only when no \n follows (else the \r\n is one line break).
  let cut = Math.max(lf + 1, cr >= 0 && text.charCodeAt(cr + 1) !== 10 ? cr + 1 : 0);
  if (cut === 0) {
    cut = limit;
    const before = text.charCodeAt(cut - 1);
    if ((before >= 0xd800 && before <= 0xdbff) || (before === 13 && text.charCodeAt(cut) === 10)) cut--;
  }
  return { text: text.slice(0, cut), length: text.length, limit };
}

export interface CitationCut {
  /** Offset where the first citation beyond the limit starts: nothing from here on is checked. */
  offset: number;
  /** That citation's extent, for the diagnostic. */
  start: number;
  end: number;
  limit: number;
}

/**
 * Where checking stops for the number of citations; undefined when the paper has no more than the limit.
 * `change`: how the paper differs from its previous version, whose count is then adjusted rather than taken again.
 */
export function cutForCitations(parsed: ParsedPaper, limit: number, change?: PaperChange): CitationCut | undefined {
  if (!(limit > 0) || parsed.titles.length + parsed.docNumbers.length <= limit) return undefined;
  if (citationCount(parsed, change) <= limit) return undefined;
  // The citation past the limit is the last version's when the edit was after it, or before it and left as many
  // citations as it replaced.
  const before = change && lastCuts.get(change.previous);
  if (before && before.limit === limit && !parsedAgain(before.citation, change!.replaced)
    && (change!.from > before.end || (change!.to < before.start && countOf(change!.replaced) === countOf(change!.replacing)))) {
    lastCuts.set(parsed, { ...before, start: before.citation.start, end: before.citation.end });
    return cutAt(before.citation, limit);
  }
  const cut = firstCut(parsed, limit);
  lastCuts.set(parsed, { citation: cut.citation, start: cut.citation.start, end: cut.citation.end, limit });
  return cutAt(cut.citation, limit);
}

/** The citation past the limit in each version of a paper, where it was then. */
const lastCuts = new WeakMap<ParsedPaper, { citation: { start: number; end: number }; start: number; end: number; limit: number }>();

/** Whether the citation is one of those parsed again (its paragraph was replaced: it is not in the new version). */
function parsedAgain(citation: object, replaced: readonly ParsedPaper[]): boolean {
  return replaced.some((parse) => (parse.titles as object[]).includes(citation) || (parse.docNumbers as object[]).includes(citation));
}

function cutAt(citation: { start: number; end: number }, limit: number): CitationCut {
  return { offset: citation.start, start: citation.start, end: citation.end, limit };
}

/** The first citation past the limit (there is one). */
function firstCut(parsed: ParsedPaper, limit: number): { citation: { start: number; end: number } } {
  const attached = attachedNumbers(parsed);
  const freeNumbers = parsed.docNumbers.filter((n) => !attached.has(n));
  const titles = parsed.titles.filter((t) => t.journalRole !== 'journal');
  // Both lists are sorted by offset: merge them up to the first citation past the limit.
  let i = 0;
  let j = 0;
  for (let n = 0; ; n++) {
    const title = titles[i];
    const number = freeNumbers[j];
    const next = number === undefined || (title !== undefined && title.start <= number.start) ? (i++, title) : (j++, number);
    if (n === limit) return { citation: next };
  }
}

/** The citations counted against the limit in each version of a paper. */
const citationCounts = new WeakMap<ParsedPaper, number>();

/**
 * The titles (not journals) and the 文号 not written after a title. A 文号 belongs to a title of its own paragraph,
 * so after an edit the count is the last version's less the replaced paragraphs' plus their replacements'.
 */
function citationCount(parsed: ParsedPaper, change?: PaperChange): number {
  let count = citationCounts.get(parsed);
  if (count !== undefined) return count;
  const before = change && citationCounts.get(change.previous);
  if (before !== undefined) count = before - countOf(change!.replaced) + countOf(change!.replacing);
  else count = countOf([parsed]);
  citationCounts.set(parsed, count);
  return count;
}

function countOf(parses: readonly ParsedPaper[]): number {
  let count = 0;
  for (const parsed of parses) {
    const attached = attachedNumbers(parsed);
    for (const title of parsed.titles) if (title.journalRole !== 'journal') count++;
    for (const number of parsed.docNumbers) if (!attached.has(number)) count++;
  }
  return count;
}

/** The 文号 written after a title (counted with it, not on their own). */
function attachedNumbers(parsed: ParsedPaper): Set<DocNumberCitation> {
  const attached = new Set<DocNumberCitation>();
  for (const title of parsed.titles) if (title.docNumber !== undefined) attached.add(title.docNumber);
  return attached;
}

/**
 * Beyond a size cut, hover, completion, definition and highlights look only at the text around the cursor:
 * whole lines up to `radius` characters either side (or part of one very long line), parsed on their own.
 */
export function windowAround(text: string, offset: number, radius = 20000): { start: number; end: number } {
  const from = Math.max(0, offset - radius);
  let start = from;
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  const br = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  if (from > 0 && br >= 0 && br < offset) start = br + (text.charCodeAt(br) === 13 && text.charCodeAt(br + 1) === 10 ? 2 : 1);
  else if (isLowSurrogate(text.charCodeAt(start))) start++;
  const to = Math.min(text.length, offset + radius);
  let end = to;
  if (to < text.length) {
    const last = Math.max(text.lastIndexOf('\n', to), text.lastIndexOf('\r', to));
    if (last >= offset) end = text.charCodeAt(last) === 10 && text.charCodeAt(last - 1) === 13 ? last - 1 : last;
    else if (isLowSurrogate(text.charCodeAt(end))) end--;
  }
  return { start: Math.min(start, offset), end: Math.max(end, offset) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

interface Pos {
  line: number;
  character: number;
}

const RANGE_KEYS = ['range', 'selectionRange', 'insert', 'replace'];

/**
 * A feature's answer computed on a window, with every range in `uri` (or with no URI of its own) moved back to
 * the whole paper's positions. Ranges in other documents (lexcite: renderings) are left alone.
 */
export function mapRanges<T>(value: T, uri: string, move: (position: Pos) => Pos): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (typeof record.uri === 'string' && record.uri !== uri) return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) {
      const range = child as { start?: Pos; end?: Pos } | undefined;
      if (RANGE_KEYS.includes(key) && range && isPos(range.start) && isPos(range.end)) out[key] = { start: move(range.start), end: move(range.end) };
      else out[key] = key === 'data' || key === 'contents' || key === 'documentation' ? child : visit(child);
    }
    return out;
  };
  return visit(value) as T;
}

function isPos(value: unknown): value is Pos {
  return typeof (value as Pos | undefined)?.line === 'number' && typeof (value as Pos).character === 'number';
}
