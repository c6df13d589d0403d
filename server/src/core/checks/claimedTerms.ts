/**
 * What a paper says a provision contains: “《个人信息保护法》第十三条界定了敏感个人信息”, “第十三条第一款第（二）项规定了
 * ‘公共利益’”. The term must be in the cited provision's text. When it is not, and the law has it in one or a few
 * other provisions, say where (“第十三条未提及“敏感个人信息”；第二十八条有此规定”). A term the law has nowhere is
 * left alone: it may be a doctrine's name or the paper's own words.
 *
 *   claim.term-elsewhere   a warning when exactly one other provision has the term, a hint when two or three do
 */
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import { versionsForTitle } from '../corpus/citationAt';
import { ProvisionUnit, innermostPart, provisionUnit, statuteAddress, unitIndices } from '../corpus/provisionUnits';
import { resolveReference } from '../corpus/resolver';
import { versionName } from '../corpus/versions';
import type { ArticleReference, TitleCitation } from '../paper/parser';
import { provisionsUnavailable } from '../statutes/provisionSource';
import { t } from '../text/messages';
import { normalizeForMatch } from '../text/normalize';
import { CheckContext, Finding, inScope } from './context';

/** 规定了“X”, 界定了X: the verb a claim about a provision's content begins with, right after the reference. */
const CLAIM = /^[ \t\u3000]*(?:中|之中)?[ \t\u3000]*(规定了|界定了|定义了|明确了|确立了|列举了)[ \t\u3000]*/;
const QUOTED = /^[“‘"「]([^“”‘’"「」，。；：、\n]{2,16})[”’"」]/;
/** Unquoted, only after a verb of definition: the run of characters up to the first punctuation or particle. */
const UNQUOTED = /^(?:(?![的和与及等之或])[\u4e00-\u9fff]){3,16}/;
const DEFINING = new Set(['界定了', '定义了']);
/** The characters CLAIM can go on with after its spaces: 中, 之 and the verbs' first. */
const CLAIM_OPENERS = new Set([...'中之规界定明确列'].map((c) => c.charCodeAt(0)));

/** Whether CLAIM can match at `from`: tested before a piece of the paper is cut out for it (most references make no claim). */
function mayOpenClaim(text: string, from: number): boolean {
  let p = from;
  for (let c = text.charCodeAt(p); c === 0x20 || c === 0x09 || c === 0x3000; c = text.charCodeAt(++p));
  return p < from + 40 && CLAIM_OPENERS.has(text.charCodeAt(p));
}
/** Quoted words this long are checked as a quotation (quotations.ts MIN_QUOTE), not as a term. */
const QUOTATION_LENGTH = 8;
/** More places than this and the term is too common to say where it belongs. */
const MAX_PLACES = 3;

interface Claim {
  verb: string;
  /** The term as the paper writes it (without its quotation marks). */
  written: string;
  quoted: boolean;
}

const unitsByDocument = new WeakMap<CorpusDocument, ProvisionUnit[]>();

export function checkClaimedTerms(context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const { text } = context.paper.parsed;
  const titles = inScope(context, context.paper.parsed.titles);
  for (let i = 0; i < titles.length; i++) {
    const title = titles[i];
    if (title.journalRole || title.jurisdiction?.foreign || title.references.length === 0) continue;
    const reference = title.references[title.references.length - 1];
    const claim = claimAfter(text, reference.end);
    if (!claim) continue;
    const finding = checkClaim(context, title, reference, claim);
    if (finding) findings.push(finding);
  }
  return findings;
}

function claimAfter(text: string, from: number): Claim | undefined {
  if (!mayOpenClaim(text, from)) return undefined;
  const window = text.slice(from, from + 40);
  const verb = CLAIM.exec(window);
  if (!verb) return undefined;
  const rest = window.slice(verb[0].length);
  const quoted = QUOTED.exec(rest);
  // Longer quoted words are a quotation, which the quotation check holds to the provision (and finds elsewhere).
  if (quoted) return normalizeForMatch(quoted[1]).length < QUOTATION_LENGTH ? { verb: verb[1], written: quoted[1], quoted: true } : undefined;
  const run = DEFINING.has(verb[1]) ? UNQUOTED.exec(rest) : null;
  return run ? { verb: verb[1], written: run[0], quoted: false } : undefined;
}

function checkClaim(context: CheckContext, title: TitleCitation, reference: ArticleReference, claim: Claim): Finding | undefined {
  const { corpus } = context;
  const choice = versionsForTitle(corpus, title, context.paper.scope);
  const document = choice?.chosen;
  if (!choice || !document || provisionsUnavailable(document)) return undefined;
  const cited = resolveReference(corpus, document, reference);
  if (!cited.ok) return undefined;
  // 第55条和第56条规定了“…”: the claim is about the list together; one of them holding the term is enough.
  const citedTogether = title.references.map((r) => resolveReference(corpus, document, r)).flatMap((r) => (r.ok ? [r.target.index] : []));
  const units = unitsOf(document);
  // Unquoted, the term is the longest start of the run that the law has somewhere (界定了敏感个人信息的范围 → 敏感个人信息).
  const term = longestKnownPrefix(corpus, document, units, normalizeForMatch(claim.written), !claim.quoted);
  if (!term) return undefined;
  if (citedTogether.some((index) => unitAt(document, index).text.includes(term))) return undefined;
  const places = narrowed(document, units, reference, term, corpus.cached(`claim-places:${document.id}:${term}`, () => placesOf(document, units, term)), DEFINING.has(claim.verb));
  if (places.length === 0 || places.length > MAX_PLACES) return undefined;
  const style = reference.steps.some((s) => s.numerals === 'arabic') ? 'arabic' : 'chinese';
  const addresses = places.map((index) => statuteAddress(document.provisions, index, style)).filter((a): a is string => a !== undefined);
  if (addresses.length !== places.length) return undefined;
  // 《公司法》第二十条第三款 in a paper of 2025: the number of the version before the 2023 revision, where the term was.
  const older = [...choice.others].sort((a, b) => (b.versionDate ?? '').localeCompare(a.versionDate ?? '')).find((other) => (other.versionDate ?? '') < (document.versionDate ?? '') && !provisionsUnavailable(other) && holds(corpus, other, reference, term));
  const message = older
    ? t(context.locale, 'claim.term-old-numbering', { cited: reference.text, term: claim.written, version: versionName(older), current: versionName(document), places: addresses.join(t(context.locale, 'list.separator')) })
    : t(context.locale, 'claim.term-elsewhere', { cited: reference.text, term: claim.written, places: addresses.join(t(context.locale, 'list.separator')) });
  return {
    code: 'claim.term-elsewhere', start: reference.start, end: reference.end,
    message,
    ...(addresses.length === 1 ? {} : { uncertain: true }),
    ...(addresses.length === 1 && reference.steps.every((s) => s.start !== undefined)
      ? { fixes: [{ title: t(context.locale, 'fix.replace-with', { value: addresses[0] }), start: reference.start, end: reference.end, newText: addresses[0] }] }
      : {}),
  };
}

/**
 * Where the claim most likely belongs, when the term is in several places: for a definition, the provision that
 * defines it (X是指, X是…, 所称X); for an item or paragraph, the one place within the same article.
 */
function narrowed(document: CorpusDocument, units: ProvisionUnit[], reference: ArticleReference, term: string, places: number[], defining: boolean): number[] {
  if (places.length <= 1) return places;
  if (defining) {
    const defines = places.filter((index) => {
      const own = normalizeForMatch(document.provisions[index].text);
      return own.includes(`${term}是`) || own.includes(`所称${term}`) || own.includes(`${term}包括`);
    });
    if (defines.length > 0) return defines;
  }
  const article = reference.steps.find((s) => s.unit === '条');
  if (article && reference.steps.length > 1) {
    const sameArticle = places.filter((index) => articleOf(document, index)?.number === article.number);
    if (sameArticle.length === 1) return sameArticle;
  }
  return places;
}

function articleOf(document: CorpusDocument, index: number) {
  for (let i = index; i >= 0; i = document.provisions[i].parent) if (document.provisions[i].kind === 'article') return document.provisions[i];
  return undefined;
}

/** Whether the reference, in that version, holds the term. */
function holds(corpus: Parameters<typeof resolveReference>[0], document: CorpusDocument, reference: ArticleReference, term: string): boolean {
  const result = resolveReference(corpus, document, reference);
  return result.ok && unitAt(document, result.target.index).text.includes(term);
}

/**
 * The term as written, or (unquoted after 界定了) the longest start of it, of three characters or more, that the law has.
 * Remembered per law: a paper makes the same claim about a law many times, and each answer scans the whole law.
 */
function longestKnownPrefix(corpus: Corpus, document: CorpusDocument, units: ProvisionUnit[], written: string, shorten: boolean): string | undefined {
  return corpus.cached(`claim-term:${document.id}:${shorten ? 'prefix' : 'whole'}:${written}`, () => longestKnownPrefixOnce(units, written, shorten));
}

function longestKnownPrefixOnce(units: ProvisionUnit[], written: string, shorten: boolean): string | undefined {
  for (let length = written.length; length >= (shorten ? 3 : written.length); length--) {
    const candidate = written.slice(0, length);
    if (units.some((u) => u.text.includes(candidate))) return candidate;
  }
  return undefined;
}

/** The provisions (finest that hold it) where the term occurs, each once, in order (remembered by the caller). */
function placesOf(document: CorpusDocument, units: ProvisionUnit[], term: string): number[] {
  // Every place, however many: a definition or an article narrows them afterwards.
  const places: number[] = [];
  for (const unit of units) {
    for (let at = unit.text.indexOf(term); at >= 0; at = unit.text.indexOf(term, at + term.length)) {
      const index = innermostPart(unit, at, at + term.length);
      if (!places.includes(index)) places.push(index);
    }
  }
  return document.provisions.length > 0 ? places : [];
}

/** The provision unit at `index`, made once per law and index (the law's text never changes). */
function unitAt(document: CorpusDocument, index: number): ProvisionUnit {
  let known = unitsByIndex.get(document);
  if (!known) unitsByIndex.set(document, (known = new Map()));
  let unit = known.get(index);
  if (!unit) known.set(index, (unit = provisionUnit(document.provisions, index)));
  return unit;
}
const unitsByIndex = new WeakMap<CorpusDocument, Map<number, ProvisionUnit>>();

function unitsOf(document: CorpusDocument): ProvisionUnit[] {
  let units = unitsByDocument.get(document);
  if (!units) unitsByDocument.set(document, (units = unitIndices(document.provisions).map((index) => provisionUnit(document.provisions, index))));
  return units;
}

