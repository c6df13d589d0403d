/**
 * The checks that run a block (paragraph) at a time, run a group of blocks at a time (incremental.ts BlockGroup).
 * What a group's blocks gave — their diagnostics, and their citations of documents with a 文号 — is kept with
 * the group, with every input its blocks read from the rest of the paper: the shared inputs, the short names
 * defined before it, the paper's style, the levels, the footnotes its quotations may be attached to and the works
 * its 该法 point back to. After an edit each unchanged group costs one comparison of those, or nothing when the
 * edit left what every group reads as it was and no 该法 of the group points elsewhere (spanToCheck); the blocks of
 * the edited group are looked at one by one, each with what blockMemo.ts kept for it.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnaphoricCitation, ParsedPaper } from '../paper/parser';
import type { Paper } from '../paper/paperCache';
import type { ShortNameDefinition } from '../paper/paperScope';
import type { Block, BlockGroup } from '../paper/incremental';
import type { LineIndex } from '../paper/lineIndex';
import { footnoteDefinition } from '../paper/paperIndex';
import type { HouseStyle } from '../text/styles';
import { BlockInputs, antecedentInputs, blockFindings } from './blockChecks';
import { BlockState, Entry, Inputs, NO_FINDINGS, PlacedFindings, blockState, keptFor } from './blockMemo';
import type { CheckContext } from './context';
import { Levels, compareDiagnostics, movedDown, toDiagnostics } from './lspDiagnostics';
import { blockStyle, documentsWithNumbers, effectiveStyle, observed } from './style';
import { EVERY_STYLE, FirstMention } from './styleObservations';

/** What a group's blocks hold that its checks' other inputs are looked up by; it changes only with the blocks. */
interface GroupContent {
  /** The footnotes referred to from blocks with quotations. */
  quotedLabels: string[];
  anaphora: AnaphoricCitation[];
  /** The house styles every block of the group agrees with. */
  fits: ReadonlySet<string>;
  /** What is kept for each of its blocks: a group's blocks keep their parses for as long as it lives. */
  blockStates: BlockState[];
}

interface GroupChecked {
  /** The blocks' diagnostics in order, for the lines the group started on then (`startLine`). */
  diagnostics: Diagnostic[];
  startLine: number;
  /** The first citation in the group of each document with a 文号. */
  firstMentions: FirstMention[];
}

class GroupState {
  content?: GroupContent;
  checked?: Entry<GroupChecked>;
}

const groupStates = new WeakMap<BlockGroup, GroupState>();

function groupState(group: BlockGroup): GroupState {
  let state = groupStates.get(group);
  if (!state) groupStates.set(group, (state = new GroupState()));
  return state;
}

export interface GroupsChecked {
  /** Each group's diagnostics, in the paper's order. */
  diagnostics: Diagnostic[][];
  /** Each group's citations of documents with a 文号 that may be their first (style.ts firstMentionFindings). */
  firstMentions: FirstMention[][];
}

/**
 * The block-at-a-time checks of the whole paper, each group's kept while its inputs are. `cutAt`: where checking
 * stops for the citation limit (a block cut there is in a group of its own making, never kept).
 */
export function checkGroups(context: CheckContext, levels: Levels, cutAt: number, whole: Paper): GroupsChecked {
  const { paper } = context;
  const { groups, blocks } = paper;
  const states = groups.map(groupState);
  let first = 0;
  const fits = states.map((state, g) => {
    state.content ??= contentOf(context, first, groups[g].size);
    first += groups[g].size;
    return state.content.fits;
  });
  const style = effectiveStyle(context.style, fits);
  const levelsKey = JSON.stringify(levels);
  const inputs = new BlockInputs(context);
  const run: GroupRun = { context, style, styleInputs: [context.locale, style.name], inputs, levels, levelsKey, cutAt };
  const out: GroupsChecked = { diagnostics: [], firstMentions: [] };
  const thisRun: LastRun = { parsed: whole.parsed, shared: inputs.shared, definitions: paper.scope.definitions, styleName: style.name, levelsKey, cutAt };
  const unchangedOutside = spanToCheck(lastRuns.get(paper.lifetime), thisRun, whole);
  lastRuns.set(paper.lifetime, thisRun);
  first = 0;
  for (let g = 0; g < groups.length; g++) {
    const state = states[g];
    const start = blocks[first].start;
    const size = groups[g].size;
    // A group the last check saw, with the same inputs outside it, that holds no anaphor whose antecedent may
    // have changed: what it found stands, without its inputs being gathered again.
    const kept = unchangedOutside && state.checked && (blocks[first + size - 1].end <= unchangedOutside.from || start >= unchangedOutside.to) ? state.checked.value : undefined;
    const checked = kept ?? checkedGroup(run, state, first, size, start);
    const startLine = paper.lines.lineAt(start);
    if (checked.startLine !== startLine) {
      const delta = startLine - checked.startLine;
      checked.diagnostics = checked.diagnostics.map((diagnostic) => movedDown(diagnostic, delta));
      checked.startLine = startLine;
    }
    out.diagnostics.push(checked.diagnostics);
    out.firstMentions.push(checked.firstMentions);
    first += groups[g].size;
  }
  return out;
}

function checkedGroup(run: GroupRun, state: GroupState, first: number, size: number, start: number): GroupChecked {
  const groupInputs = inputsOfGroup(run, state.content!, start);
  return keptFor(state.checked, groupInputs) ?? (state.checked = { inputs: groupInputs, value: checkGroupBlocks(run, first, size, state.content!.blockStates) }).value;
}

/** What the last check of an open paper's groups ran with: the version, and the inputs every group shares. */
interface LastRun {
  parsed: ParsedPaper;
  shared: Inputs;
  definitions: readonly ShortNameDefinition[];
  styleName: string;
  levelsKey: string;
  cutAt: number;
}

const lastRuns = new WeakMap<object, LastRun>();

/**
 * After an edit of the version the last check saw, where the groups lie whose inputs from outside may have
 * changed: those holding an anaphor whose antecedent may have. Every other group the last check saw has the
 * inputs it had — the same shared inputs, short names (none defined or removed by the edit: the same list),
 * style and levels; footnotes as they were; the citation limit's cut at the same citation. Undefined when any
 * of these may have changed: every group's inputs are then gathered and compared.
 */
function spanToCheck(last: LastRun | undefined, now: LastRun, whole: Paper): { from: number; to: number } | undefined {
  // Asked even when of no use now: the antecedents of the next version are then found from this one's.
  const antecedentsChanged = whole.scope.antecedentsChangedSince(last?.parsed);
  const { change } = whole;
  if (!last || !change || change.previous !== last.parsed || !change.footnotesKept) return undefined;
  if (now.shared !== last.shared || now.definitions !== last.definitions || now.styleName !== last.styleName || now.levelsKey !== last.levelsKey) return undefined;
  const sameCut = now.cutAt === Infinity ? last.cutAt === Infinity
    : now.cutAt <= change.from ? now.cutAt === last.cutAt : now.cutAt >= change.reparsedTo && now.cutAt - change.delta === last.cutAt;
  return sameCut ? antecedentsChanged : undefined;
}

/** What one check of the groups shares. */
interface GroupRun {
  context: CheckContext;
  style: HouseStyle;
  styleInputs: unknown[];
  inputs: BlockInputs;
  levels: Levels;
  levelsKey: string;
  cutAt: number;
}

function contentOf(context: CheckContext, first: number, size: number): GroupContent {
  const { blockParses } = context.paper;
  const quotedLabels: string[] = [];
  const anaphora: AnaphoricCitation[] = [];
  const blockStates: BlockState[] = [];
  let fits: ReadonlySet<string> | undefined;
  for (let i = first; i < first + size; i++) {
    const parse = blockParses[i];
    const state = blockState(parse);
    blockStates.push(state);
    // By index: a block's list may be the shared frozen empty one, which sends a for-of through the iterator.
    if (parse.quotations.length > 0) for (let k = 0; k < parse.footnoteRefs.length; k++) quotedLabels.push(parse.footnoteRefs[k].label);
    for (let k = 0; k < parse.anaphora.length; k++) anaphora.push(parse.anaphora[k]);
    const seen = observed(state, parse).fits;
    // A block that agrees with every style, or with those the blocks before it agree with, narrows nothing.
    if (seen !== EVERY_STYLE && seen !== fits) fits = fits ? new Set([...fits].filter((name) => seen.has(name))) : seen;
  }
  return { quotedLabels, anaphora, fits: fits ?? (size > 0 ? EVERY_STYLE : new Set()), blockStates };
}

/** Everything a group's blocks read from outside the group, as one list to compare. */
function inputsOfGroup(run: GroupRun, content: GroupContent, start: number): unknown[] {
  const { paper } = run.context;
  const groupInputs: unknown[] = [run.inputs.shared, run.inputs.definitionsBefore(start), run.style.name, run.levelsKey];
  for (const label of content.quotedLabels) groupInputs.push(footnoteDefinition(paper.parsed, label));
  for (const anaphor of content.anaphora) groupInputs.push(...antecedentInputs(paper, anaphor));
  return groupInputs;
}

/** The group's blocks checked one by one, each reusing what is kept for it. */
function checkGroupBlocks(run: GroupRun, first: number, size: number, blockStates: readonly BlockState[]): GroupChecked {
  const { context, style } = run;
  const { paper } = context;
  const diagnostics: Diagnostic[] = [];
  const firstMentions: FirstMention[] = [];
  const documents = new Set<string>();
  for (let i = first; i < first + size; i++) {
    const block = paper.blocks[i];
    const parse = paper.blockParses[i];
    const state = blockStates[i - first];
    const inputs = run.inputs.of(block.start);
    const lists = blockFindings(context, block, parse, state, inputs, run.cutAt, blockStyle(context, style, run.styleInputs, state, block, observed(state, parse)));
    for (const diagnostic of diagnosticsOfBlock(state, block, lists, run.levels, run.levelsKey, paper.lines)) diagnostics.push(diagnostic);
    if (!style.docNumberOnFirstMention) continue;
    for (const mention of documentsWithNumbers(context, state, parse, inputs)) {
      if (documents.has(mention.document.id)) continue;
      documents.add(mention.document.id);
      firstMentions.push(mention);
    }
  }
  return { diagnostics, startLine: paper.lines.lineAt(paper.blocks[first].start), firstMentions };
}

const NO_DIAGNOSTICS: Diagnostic[] = [];

/** The diagnostics of a block's finding lists, in order: one list's are in order as made, several are merged. */
function diagnosticsOfLists(lists: readonly PlacedFindings[], block: Block, lines: LineIndex, levels: Levels): Diagnostic[] {
  let only: PlacedFindings | undefined;
  let count = 0;
  for (let i = 0; i < lists.length; i++) {
    if (lists[i].findings.length === 0) continue;
    only = lists[i];
    count++;
  }
  if (count === 1) return toDiagnostics(only!.findings, lines, levels, block.start - only!.at);
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < lists.length; i++) {
    const { at, findings } = lists[i];
    if (findings.length > 0) for (const diagnostic of toDiagnostics(findings, lines, levels, block.start - at)) diagnostics.push(diagnostic);
  }
  return diagnostics.sort(compareDiagnostics);
}

/**
 * A block's diagnostics from its findings, kept beside the block while its findings and the levels stay, and
 * moved when its first line moves.
 */
function diagnosticsOfBlock(state: BlockState, block: Block, lists: readonly PlacedFindings[], levels: Levels, levelsKey: string, lines: LineIndex): Diagnostic[] {
  if (lists.every((list) => list === NO_FINDINGS)) return NO_DIAGNOSTICS;
  const startLine = lines.lineAt(block.start);
  let made = keptFor(state.diagnostics, lists);
  if (made?.levelsKey !== levelsKey) {
    const diagnostics = diagnosticsOfLists(lists, block, lines, levels);
    made = (state.diagnostics = { inputs: lists, value: { levelsKey, startLine, diagnostics } }).value;
  }
  if (made.startLine !== startLine) {
    const delta = startLine - made.startLine;
    made.diagnostics = made.diagnostics.map((diagnostic) => movedDown(diagnostic, delta));
    made.startLine = startLine;
  }
  return made.diagnostics;
}
