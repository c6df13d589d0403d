/**
 * The diagnostics one citation's verdict reads (verdicts.ts), without checking the whole paper: the per-citation
 * checks of the blocks where its findings can lie (verdicts.ts titleReach) and of the blocks that quote it through a
 * footnote, and the quotation check of the quotations in those blocks. A hover sent before the paper's first check
 * (the first request of a freshly opened paper) needs nothing more, so it does not wait for the whole check.
 *
 * Within those blocks the result is what checkPaper gives (same checks, same levels and opt-out comments): a
 * verdict reads only codes of the per-citation checks and quote.mismatch, so the whole-paper checks left out here
 * (footnote structure, short names, style, citations that point back) cannot change it.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Corpus } from '../corpus/corpus';
import type { Block } from '../paper/incremental';
import type { Paper } from '../paper/paperCache';
import type { TitleCitation } from '../paper/parser';
import { footnoteContaining } from '../paper/paperIndex';
import { cutForCitations } from '../paper/limits';
import { firstStartingAtOrAfter } from '../util/binarySearch';
import { houseStyle } from '../text/styles';
import { CheckContext, Finding, withinBlock } from './context';
import { localChecks } from './blockChecks';
import { CheckOptions, diagnosticsOf } from './diagnostics';
import { checkQuotations } from './quotations';

/** Where a citation's verdict reads diagnostics: an offset range and, for a title, the title (its quotations count too). */
export interface VerdictSpan {
  start: number;
  end: number;
  title?: TitleCitation;
}

/**
 * The diagnostics of the blocks a verdict over `span` reads, remembered for the paper's version (hovers repeat).
 * Undefined when the paper has more citations than lexcite.maxCitations: which of them are checked depends on the
 * whole paper, so the caller checks it whole.
 */
export function diagnosticsForVerdict(corpus: Corpus, paper: Paper, options: CheckOptions, span: VerdictSpan): Diagnostic[] | undefined {
  let remembered = rememberedFor.get(paper);
  // The quotation check says more once the corpus has its reverse index: what was worked out before is dropped.
  if (!remembered || remembered.corpus !== corpus || remembered.reverseIndex !== corpus.reverseIndexAvailable || remembered.levels !== options.levels || remembered.locale !== options.locale || remembered.style !== options.style || remembered.maxCitations !== options.maxCitations) {
    remembered = { corpus, reverseIndex: corpus.reverseIndexAvailable, levels: options.levels, locale: options.locale, style: options.style, maxCitations: options.maxCitations, bySpan: new Map() };
    rememberedFor.set(paper, remembered);
  }
  // Titles of one paragraph share its span, not the footnotes they may stand in.
  const key = `${span.start}:${span.end}:${span.title?.start ?? ''}`;
  if (remembered.bySpan.has(key)) return remembered.bySpan.get(key);
  const diagnostics = checkSpan(corpus, paper, options, span);
  remembered.bySpan.set(key, diagnostics);
  return diagnostics;
}

/** What was worked out for each span of a paper (one version), with the options it was worked out under. */
const rememberedFor = new WeakMap<Paper, CheckOptions & { corpus: Corpus; reverseIndex: boolean; bySpan: Map<string, Diagnostic[] | undefined> }>();

function checkSpan(corpus: Corpus, paper: Paper, options: CheckOptions, span: VerdictSpan): Diagnostic[] | undefined {
  if (cutForCitations(paper.parsed, options.maxCitations ?? 0, paper.change)) return undefined;
  const context: CheckContext = { corpus, paper, locale: options.locale ?? 'zh-cn', style: options.style ?? houseStyle(undefined) };
  const findings: Finding[] = [];
  // Each block's quotations are attached with the whole paper's titles and footnotes, as in the whole check.
  for (const block of blocksFor(paper, span)) findings.push(...localChecks(withinBlock(context, block)), ...checkQuotations(withinBlock(context, block)));
  return diagnosticsOf(findings, paper, options.levels ?? {});
}

/** The blocks overlapping the span, and for a title in a footnote the blocks referencing that footnote. */
function blocksFor(paper: Paper, span: VerdictSpan): Block[] {
  const { blocks } = paper;
  const picked = new Set<Block>();
  for (let i = Math.max(0, firstStartingAtOrAfter(blocks, span.start) - 1); i < blocks.length && blocks[i].start < span.end; i++) {
    if (blocks[i].end > span.start) picked.add(blocks[i]);
  }
  // A quotation in the body is held to the title of the footnote placed after it (quotations.ts attachedCitation).
  const note = span.title && footnoteContaining(paper.parsed, span.title.start);
  if (note) {
    for (const ref of paper.parsed.footnoteRefs) {
      if (ref.label !== note.label) continue;
      const block = blocks[firstStartingAtOrAfter(blocks, ref.start + 1) - 1];
      if (block && block.end > ref.start) picked.add(block);
    }
  }
  return [...picked].sort((a, b) => a.start - b.start);
}
