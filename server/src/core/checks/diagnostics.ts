/**
 * Citation checks. Each finding has a stable dotted code, a default level that settings can change
 * (ignore|hint|warning|error), a message saying what is wrong and what would be right, and — where there is a
 * fix — the edits in `data.fixes`, so code actions need no state of their own. The checks live in checks/;
 * this file runs them and converts their findings to LSP (lspDiagnostics.ts). What runs a paragraph at a time
 * is kept with its group of paragraphs (groupChecks.ts): after an edit, the unchanged groups cost a comparison
 * each, and only the paper-wide checks (footnote structure, short names, the first mention of a 文号) look at
 * the whole paper again.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCode, Level } from './diagnosticCodes';
import type { CheckContext, Finding } from './context';
import { checkFootnotes } from './footnotes';
import { checkGroups } from './groupChecks';
import { disabledLines, mergeInOrder, toDiagnostics } from './lspDiagnostics';
import { checkShortNames } from './shortNames';
import { firstMentionFindings } from './style';
import type { Corpus } from '../corpus/corpus';
import { BlockGroup } from '../paper/incremental';
import { CitationCut, cutForCitations } from '../paper/limits';
import { clippedFootnoteIndex } from '../paper/paperIndex';
import { Locale, t } from '../text/messages';
import type { Paper } from '../paper/paperCache';
import type { ParsedPaper } from '../paper/parser';
import { HouseStyle, houseStyle } from '../text/styles';
import { firstIndexWhere, firstStartingAtOrAfter } from '../util/binarySearch';

export type { DiagnosticData, Fix } from './lspDiagnostics';
export { diagnosticsOf } from './lspDiagnostics';

export interface CheckOptions {
  levels?: Partial<Record<string, Level>>;
  locale?: Locale;
  style?: HouseStyle;
  /** Check no more than this many citations (limits.ts); absent or 0: all. */
  maxCitations?: number;
  /**
   * The paper is the first part of a longer one, cut for its size (limits.ts cutForSize): one diagnostic says
   * where checking stopped, and checks that need the rest of the paper to be right are left out.
   */
  truncated?: { length: number; limit: number };
}

/** Footnote checks whose verdict depends on text after a size cut (a definition or reference may be there). */
const NEED_WHOLE_PAPER = new Set<DiagnosticCode>(['footnote.undefined', 'footnote.unused', 'shortform.missing-target']);

export function checkPaper(corpus: Corpus, paper: Paper, options: CheckOptions = {}): Diagnostic[] {
  const context: CheckContext = { corpus, paper, locale: options.locale ?? 'zh-cn', style: options.style ?? houseStyle(undefined) };
  const cut = cutForCitations(paper.parsed, options.maxCitations ?? 0, paper.change);
  // Too many citations: only what starts before the first citation past the limit is checked, on a parse
  // without the later citations, and the blocks up to there (the last one cut).
  const checked: CheckContext = cut ? { ...context, paper: clipPaper(paper, cut.offset) } : context;
  const levels = options.levels ?? {};
  // The per-citation checks first: they resolve every title, which the first-mention check then asks again.
  const groups = checkGroups(checked, levels, cut?.offset ?? Infinity, paper);
  // Footnote structure and short names are checked on the whole paper (what is past a cut is left out below).
  let paperWide = [...checkFootnotes(context), ...checkShortNames(context), ...firstMentionFindings(checked, groups.firstMentions)];
  if (cut) paperWide = [...paperWide.filter((f) => f.start < cut.offset), tooManyCitations(cut, context.locale)];
  // A comment switches findings off on the line after it, which may be the next block's first.
  const disabled = disabledLines(paper);
  return mergeInOrder(groups.diagnostics, toDiagnostics(withSizeLimit(paperWide, context, options), paper.lines, levels), disabled);
}

function tooManyCitations(cut: CitationCut, locale: Locale): Finding {
  return { code: 'paper.too-many-citations', start: cut.start, end: cut.end, message: t(locale, 'paper.too-many-citations', { limit: formatCount(cut.limit) }) };
}

/** For a paper cut for its size: the diagnostic where checking stopped, and no verdict that needs the rest. */
function withSizeLimit(findings: Finding[], context: CheckContext, options: CheckOptions): Finding[] {
  if (!options.truncated) return findings;
  const { text } = context.paper.parsed;
  const lastLine = text.length === 0 ? 0 : context.paper.lines.positionAt(text.length - 1).line + 1;
  const message = t(context.locale, 'paper.too-large', { length: formatCount(options.truncated.length), limit: formatCount(options.truncated.limit), line: lastLine });
  return [...findings.filter((f) => !NEED_WHOLE_PAPER.has(f.code)), { code: 'paper.too-large', start: text.length, end: text.length, message }];
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** The paper without the citations, quotations and footnotes that start at or after `end`, and its blocks up to there. */
function clipPaper(paper: Paper, end: number): Paper {
  const last = lastClips.get(paper.lifetime);
  const change = paper.change;
  // An edit past the cut that left the footnotes and the paragraphs up to the cut as they were: the same clip,
  // with this version's text.
  if (last && last.end === end && change?.previous === last.parsed && change.from > end && change.footnotesKept && last.cutParse && !change.replaced.includes(last.cutParse)) {
    const parsed = { ...last.clipped.parsed, text: paper.parsed.text };
    clippedFootnoteIndex(paper.parsed, parsed, end);
    const clipped = { ...paper, parsed, blocks: last.clipped.blocks, blockParses: last.clipped.blockParses, groups: last.clipped.groups };
    lastClips.set(paper.lifetime, { ...last, parsed: paper.parsed, clipped });
    return clipped;
  }
  const count = Math.max(0, firstIndexWhere(paper.blocks.length, (i) => paper.blocks[i].end > end));
  const blocks = paper.blocks.slice(0, count);
  const blockParses = paper.blockParses.slice(0, count);
  const cutBlock = paper.blocks[count];
  const cutParse = cutBlock && cutBlock.start < end ? paper.blockParses[count] : paper.blockParses[count - 1];
  if (cutBlock && cutBlock.start < end) {
    blocks.push({ start: cutBlock.start, end, text: cutBlock.text.slice(0, end - cutBlock.start) });
    blockParses.push(clipParsed(paper.blockParses[count], end));
  }
  const clipped = { ...paper, parsed: clipParsed(paper.parsed, end), blocks, blockParses, groups: firstGroups(paper.groups, blocks.length) };
  lastClips.set(paper.lifetime, { parsed: paper.parsed, end, cutParse, clipped });
  return clipped;
}

/** The last clip of each open paper, with the version it was made of and the parse of the paragraph it ends in. */
const lastClips = new WeakMap<object, { parsed: ParsedPaper; end: number; cutParse: ParsedPaper | undefined; clipped: Paper }>();

/** The groups of the first `count` blocks: those wholly among them, and one made for the rest. */
function firstGroups(groups: readonly BlockGroup[], count: number): BlockGroup[] {
  const out: BlockGroup[] = [];
  let blocks = 0;
  for (const group of groups) {
    if (blocks + group.size > count) break;
    out.push(group);
    blocks += group.size;
  }
  if (blocks < count) out.push(new BlockGroup(count - blocks));
  return out;
}

/** The parse without the citations, quotations and footnotes that start at or after `end`. */
function clipParsed(parsed: ParsedPaper, end: number): ParsedPaper {
  // The lists are in order of their start.
  const before = <T extends { start: number }>(items: T[]) => items.slice(0, firstStartingAtOrAfter(items, end));
  const clipped: ParsedPaper = {
    ...parsed, titles: before(parsed.titles), docNumbers: before(parsed.docNumbers), journals: before(parsed.journals), quotations: before(parsed.quotations),
    shortForms: before(parsed.shortForms), anaphora: before(parsed.anaphora), caseNumbers: before(parsed.caseNumbers), footnoteRefs: before(parsed.footnoteRefs), footnoteDefs: before(parsed.footnoteDefs),
  };
  // The footnote order stays the whole paper's, so its index is the whole paper's, less what is cut.
  clippedFootnoteIndex(parsed, clipped, end);
  return clipped;
}

