/**
 * What a citation refers to: a title to corpus entries (exact, without 中华人民共和国, alias, variant), or to a
 * suggestion when it is a near miss of a known title; a 文号 to its documents; an article reference to a
 * provision (see addressing.ts).
 */
import { commonEnds } from '../text/diff';
import type { AddressResult } from './addressing';
import type { Corpus, CorpusItem, TitleEntry } from './corpus';
import type { CorpusDocument } from './model';
import { foreignJurisdictionOpening } from './jurisdictions';
import { titleKeyWithoutPrc } from '../text/normalize';
import type { ArticleReference, TitleCitation } from '../paper/parser';
import { REF_UNIT_CODES } from '../paper/citationTypes';
import type { PaperScope, ShortNameDefinition } from '../paper/paperScope';
import type { SearchHit } from './search';

export type TitleResolution =
  | { status: 'resolved'; entries: TitleEntry[]; shortName?: ShortNameDefinition }
  | { status: 'typo'; suggestion: SearchHit; distance: number }
  /** Not in the index; `jurisdiction` when the title is a foreign act (日本《个人信息保护法》), which it never holds. */
  | { status: 'unknown'; jurisdiction?: string };

const TYPE_ORDER = { document: 0, record: 1, instrument: 2 } as const;

/**
 * Resolves a title; with the paper's scope and the citation, a short name the paper defines wins over the
 * corpus (its entries may be empty when the defining title is not indexed).
 */
export function resolveTitle(corpus: Corpus, title: string, scope?: PaperScope, citation?: TitleCitation): TitleResolution {
  if (!scope || !citation || title !== citation.title) return resolveTitleOnce(corpus, title, scope, citation);
  // Several checks ask about each citation: the answer is kept for the paper's version (its scope).
  let memo = resolutionsByScope.get(scope);
  if (!memo || memo.corpus !== corpus) resolutionsByScope.set(scope, (memo = { corpus, resolutions: new Map() }));
  let resolution = memo.resolutions.get(citation);
  if (!resolution) memo.resolutions.set(citation, (resolution = resolveTitleOnce(corpus, title, scope, citation)));
  return resolution;
}
const resolutionsByScope = new WeakMap<PaperScope, { corpus: Corpus; resolutions: Map<TitleCitation, TitleResolution> }>();

/**
 * The short name a citation uses (scope.definitionFor). Not remembered: it is asked about twice per citation
 * (resolveTitle and the version choice, each remembered per citation), and answered by a test of whether the
 * paper defines any, or a lookup by name and a bisection, which cost about what a map entry per citation would.
 */
export function shortNameFor(scope: PaperScope, citation: TitleCitation): ShortNameDefinition | undefined {
  return scope.definitionFor(citation);
}

function resolveTitleOnce(corpus: Corpus, title: string, scope?: PaperScope, citation?: TitleCitation): TitleResolution {
  const definition = scope && citation ? shortNameFor(scope, citation) : undefined;
  if (definition) return { status: 'resolved', entries: definition.entries, shortName: definition };
  const jurisdiction = citation?.jurisdiction;
  if (jurisdiction?.foreign) return corpus.cached(`foreign:${jurisdiction.text}:${title}`, () => resolveForeign(corpus, title, jurisdiction.text));
  // 我国《…》 is the PRC law: a foreign act the bulletin cites under the same title does not answer for it.
  const home = jurisdiction !== undefined;
  const standard = citation?.standard === true || isStandardTitle(title);
  return corpus.cached(`title:${home ? 'home:' : ''}${standard ? 'standard:' : ''}${title}`, () => {
    let entries = corpus.lookupTitle(title);
    if (home) entries = entries.filter((e) => e.type !== 'instrument' || corpus.instrument(e.id)?.kind !== 'foreign-law');
    if (entries.length > 0) {
      return { status: 'resolved', entries: [...entries].sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type]) };
    }
    // A foreign act named with its country (《美国海外账户税务合规法》) is outside the index, not a near miss.
    // 《欧盟通用数据保护条例》 is the bulletin's 欧盟《通用数据保护条例》.
    const opening = foreignJurisdictionOpening(title);
    if (opening) return resolveForeign(corpus, title.slice(opening.length), opening);
    // A national standard is not a misspelt statute, however close its title.
    return (standard ? undefined : findTypo(corpus, title, home)) ?? { status: 'unknown' };
  });
}

/** A foreign act: the bulletin's record of it when it has one, else unknown — never a PRC document, never a typo. */
function resolveForeign(corpus: Corpus, title: string, jurisdiction: string): TitleResolution {
  const entries = corpus.lookupForeignTitle(title, jurisdiction);
  return entries.length > 0 ? { status: 'resolved', entries } : { status: 'unknown', jurisdiction };
}

/**
 * A standard's title as the parser keeps it (spaces removed): 信息安全技术个人信息安全规范, 数据安全技术数据分类分级规则,
 * or one carrying its GB number. Only the 安全技术 domains and 信息技术 count: statutes such as 科学技术进步法 and
 * 技术进出口管理条例 also contain 技术.
 */
export function isStandardTitle(title: string): boolean {
  return STANDARD_TITLE.test(title);
}
const STANDARD_TITLE = /^(?:GB(?:\/[TZ])?[ 0-9]|(?:信息安全|数据安全|网络安全|信息)技术(?!推广|进步|普及|合同|秘密|进出口))/;

/**
 * A near miss: the written title is within a few edits of a known title (one edit for short titles, more for
 * long ones), so a typo is likelier than a different instrument. Short titles never count: 《数据法》 and
 * 《数据安全法》 are different laws. A title written as the PRC's (`home`) is no near miss of a foreign act.
 */
function findTypo(corpus: Corpus, title: string, home = false): TitleResolution | undefined {
  const key = titleKeyWithoutPrc(title);
  const allowed = allowedEdits(key.length);
  if (allowed === 0) return undefined;
  let best: { hit: SearchHit; distance: number } | undefined;
  for (const hit of corpus.search.search(key, { limit: 8 })) {
    // 我国《人工智能法》 is no misspelling of the EU's 《人工智能法案》.
    if (home && hit.entry.type === 'instrument' && corpus.instrument(hit.entry.id)?.kind === 'foreign-law') continue;
    for (const candidate of hit.entry.keys) {
      if (Math.abs(candidate.length - key.length) > allowed) continue;
      const distance = editDistance(key, candidate, allowed);
      if (distance > 1 && replacesWord(key, candidate)) continue;
      if (distance > 0 && distance <= allowed && (!best || distance < best.distance || (distance === best.distance && hit.entry.authority > best.hit.entry.authority))) {
        best = { hit: { ...hit, key: candidate }, distance };
      }
    }
  }
  return best && { status: 'typo', suggestion: best.hit, distance: best.distance };
}

/**
 * Whether two titles differ by one run of two or more characters put in place of another with none of its
 * characters (互联网域名管理办法 and 互联网广告管理办法): that is another word, so another instrument, not a slip of
 * the pen. A run that keeps some of its characters (若干举措 for 若干措施, 暂行管理 for 管理暂行) is a slip.
 */
export function replacesWord(a: string, b: string): boolean {
  const { prefix, suffix } = commonEnds(a, b);
  const middleA = a.slice(prefix, a.length - suffix);
  const middleB = b.slice(prefix, b.length - suffix);
  if (middleA.length < 2 || middleB.length < 2) return false;
  return ![...middleA].some((character) => middleB.includes(character));
}

export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  if (length < 16) return 2;
  return 3;
}

/** Optimal-string-alignment distance (a swap of two neighbours counts once), capped at limit + 1. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[m];
}

/** The documents among the resolved entries (several for statute versions). */
export function documentsOf(corpus: Corpus, entries: TitleEntry[]): CorpusDocument[] {
  // One loop and one list: this runs for every title each check asks about.
  const documents: CorpusDocument[] = [];
  for (const entry of entries) {
    if (entry.type !== 'document') continue;
    const document = corpus.document(entry.id);
    if (document !== undefined) documents.push(document);
  }
  return documents;
}

export function firstItem(corpus: Corpus, entries: TitleEntry[]): CorpusItem | undefined {
  for (const entry of entries) {
    const item = corpus.item(entry);
    if (item) return item;
  }
  return undefined;
}

/**
 * Where a reference points in a document, remembered per corpus: by document, then step by step, each step packed
 * into a number (packedStep), so that asking again builds no string key. A reference whose numbers are too large
 * to pack is remembered under its string key instead.
 */
export function resolveReference(corpus: Corpus, doc: CorpusDocument, reference: ArticleReference): AddressResult {
  const steps = reference.steps;
  let memo = referenceMemos.get(corpus);
  if (!memo || memo.size >= REFERENCE_MEMO_LIMIT) referenceMemos.set(corpus, (memo = { size: 0, byDocument: new Map() }));
  let node: StepNode | undefined = memo.byDocument.get(doc.id);
  if (!node) memo.byDocument.set(doc.id, (node = {}));
  for (let i = 0; i < steps.length; i++) {
    const key = packedStep(steps[i]);
    if (key < 0) return corpus.cached(`ref:${doc.id}:${stepsKey(steps)}`, () => corpus.addressing(doc).resolve(steps));
    let next: StepNode | undefined = node.next?.get(key);
    if (!next) (node.next ??= new Map()).set(key, (next = {}));
    node = next;
  }
  if (!node.result) {
    node.result = corpus.addressing(doc).resolve(steps);
    memo.size++;
  }
  return node.result;
}

/** A document's answers: the result for the steps leading here, and the nodes one step further. */
interface StepNode {
  result?: AddressResult;
  next?: Map<number, StepNode>;
}
const referenceMemos = new WeakMap<Corpus, { size: number; byDocument: Map<string, StepNode> }>();
/** Answers remembered per corpus before they are all let go (as Corpus.cached does). */
const REFERENCE_MEMO_LIMIT = 50000;

/** What stepsKey writes of a step, as one number below 2^31; -1 when its numbers are too large for that. */
function packedStep(step: ArticleReference['steps'][number]): number {
  const unit = REF_UNIT_CODES.get(step.unit);
  const sub = step.sub ?? 0;
  if (unit === undefined || !(step.number >= 0 && step.number < 0x100000 && sub >= 0 && sub < 64) || !Number.isInteger(step.number) || !Number.isInteger(sub)) return -1;
  return ((step.number * 64 + sub) * 2 + (step.parenthesized ? 1 : 0)) * 16 + unit;
}

/** A reference's steps as a key: 条13.0款1项2 (the failing step a result names keeps the first call's offsets). */
export function stepsKey(steps: ArticleReference['steps']): string {
  // Built in one loop: this runs for every reference each time it is resolved.
  let key = '';
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    key += `${s.unit}${s.number}.${s.sub ?? 0}${s.parenthesized ? 'p' : ''}`;
  }
  return key;
}
