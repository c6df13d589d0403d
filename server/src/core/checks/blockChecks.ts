/**
 * The checks run a block (paragraph) at a time: those that look at one citation, and the quotation and 该法 checks,
 * whose other inputs — the footnote a quotation's sentence ends with, the work a 该法 points back to — are
 * named, so that a block's findings are kept (blockMemo.ts) until the block or one of them changes. groupChecks.ts
 * runs them a group of blocks at a time.
 */
import { CheckContext, Finding, withinBlock } from './context';
import { BlockState, Inputs, NO_FINDINGS, PlacedFindings, keptFor, placed, sameInputs } from './blockMemo';
import type { AnaphoricCitation, ParsedPaper } from '../paper/parser';
import { firstIndexWhere } from '../util/binarySearch';
import { checkAnaphora } from './anaphora';
import { checkBookCitations } from './books';
import { checkCaseNumbers } from './caseNumbers';
import { checkCitations } from './citations';
import { checkClaimedTerms } from './claimedTerms';
import { checkConsistency } from './consistency';
import { checkPandocCitations } from './pandoc';
import { checkQuotations } from './quotations';
import { checkReproductions } from './reproductions';
import { checkVersions } from './versions';
import { footnoteDefinition } from '../paper/paperIndex';
import type { Block } from '../paper/incremental';
import type { Paper } from '../paper/paperCache';
import type { ShortNameDefinition } from '../paper/paperScope';

/** The checks that look at one citation at a time: their findings depend only on the citation's block. */
export function localChecks(context: CheckContext): Finding[] {
  // Joined by concat: one list of exactly their number (a block's findings are kept), not a spread's growing one.
  return checkCitations(context).concat(checkVersions(context), checkConsistency(context), checkClaimedTerms(context), checkReproductions(context), checkCaseNumbers(context), checkPandocCitations(context), checkBookCitations(context));
}

/**
 * What each block's findings depend on besides the block: the corpus, the language and style, the paper's date
 * and short names (a change to any of them re-checks every block), and which of the short names are defined
 * before the block (a name means what its last definition before the use says). Each list is the same object
 * from version to version while what it holds is the same, so comparing a block's inputs with those its findings
 * were kept with is one comparison.
 */
export class BlockInputs {
  /** What every block's findings depend on. */
  readonly shared: Inputs;
  private readonly byBefore: Inputs[];
  private readonly definitions: readonly ShortNameDefinition[];

  constructor(context: CheckContext) {
    const { paper } = context;
    this.definitions = paper.scope.definitions;
    const shared = [context.corpus, context.locale, context.style.name, paper.scope.date, definitionListId(paper, this.definitions), context.corpus.reverseIndexAvailable];
    let interned = internedInputs.get(paper.lifetime);
    if (!interned || !sameInputs(interned.shared, shared)) internedInputs.set(paper.lifetime, (interned = { shared, byBefore: [] }));
    this.shared = interned.shared;
    this.byBefore = interned.byBefore;
  }

  /** How many short names are defined before `offset`. */
  definitionsBefore(offset: number): number {
    const definitions = this.definitions;
    return firstIndexWhere(definitions.length, (i) => definitions[i].offset >= offset);
  }

  /** The inputs of a block starting at `start`. */
  of(start: number): Inputs {
    const before = this.definitionsBefore(start);
    return (this.byBefore[before] ??= [...this.shared, before]);
  }
}

const internedInputs = new WeakMap<object, { shared: Inputs; byBefore: Inputs[] }>();

/**
 * A block's findings of the checks that run a block at a time (placed where the block started), remembered with
 * what they were derived from: after an edit only the edited block is checked again, and the blocks whose other
 * inputs changed — a quotation whose footnote was edited, a 该法 whose work is cited differently. The findings of
 * a block cut short by the citation limit (`cutAt`) end there. `style`: the block's style findings, made by the
 * caller. The lists are in one order, with NO_FINDINGS for a check that had nothing to look at, so that they are
 * made in one allocation of their size and compare list by list with those of the last check.
 */
export function blockFindings(context: CheckContext, block: Block, parse: ParsedPaper, state: BlockState, inputs: Inputs, cutAt: number, style: PlacedFindings): PlacedFindings[] {
  const { paper } = context;
  const local = keptFor(state.local, inputs) ?? (state.local = { inputs, value: checkBlock(context, block, parse, localChecks, cutAt) }).value;
  let quotations = NO_FINDINGS;
  if (parse.quotations.length > 0) {
    // A quotation can be attached to the citation in the footnote its sentence ends with.
    const quotationInputs = [...inputs, ...parse.footnoteRefs.map((ref) => footnoteDefinition(paper.parsed, ref.label))];
    quotations = keptFor(state.quotations, quotationInputs) ?? (state.quotations = { inputs: quotationInputs, value: checkBlock(context, block, parse, checkQuotations, cutAt) }).value;
  }
  let anaphora = NO_FINDINGS;
  if (parse.anaphora.length > 0) {
    const anaphoraInputs = [...inputs, ...parse.anaphora.flatMap((anaphor) => antecedentInputs(paper, anaphor))];
    anaphora = keptFor(state.anaphora, anaphoraInputs) ?? (state.anaphora = { inputs: anaphoraInputs, value: checkBlock(context, block, parse, checkAnaphora, cutAt) }).value;
  }
  return [local, quotations, anaphora, style];
}

/** What the findings on a 该法/该条 depend on besides its block: the work and article it points back to. */
export function antecedentInputs(paper: Paper, anaphor: AnaphoricCitation): unknown[] {
  const antecedent = paper.scope.antecedentOf(anaphor);
  return [antecedent?.title, antecedent?.reference, antecedent?.certain];
}

/** One check's findings on one block, placed where the block starts, ending where checking stops (`cutAt`). */
function checkBlock(context: CheckContext, block: Block, parse: ParsedPaper, check: (context: CheckContext) => Finding[], cutAt: number): PlacedFindings {
  const findings = check(withinBlock(context, { start: block.start, end: block.end, parse }));
  return placed(block.start, block.end < cutAt ? findings : findings.filter((f) => f.start < cutAt));
}

/** The short-name definition lists of one open document, each by a short id, so an input list does not repeat it. */
const definitionListIds = new WeakMap<object, { definitions: readonly ShortNameDefinition[]; list: string; id: number }>();
let nextDefinitionListId = 0;

function definitionListId(paper: Paper, definitions: readonly ShortNameDefinition[]): number {
  const known = definitionListIds.get(paper.lifetime);
  // The same list object: the scope kept the last version's definitions (paperScope.ts).
  if (known?.definitions === definitions) return known.id;
  const list = definitions.map((d) => `${d.name}=${d.title.title}`).join('\u0001');
  const id = known?.list === list ? known.id : nextDefinitionListId++;
  definitionListIds.set(paper.lifetime, { definitions, list, id });
  return id;
}
