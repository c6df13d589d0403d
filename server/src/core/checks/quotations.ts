/**
 * quote.mismatch: a quotation attached to a citation — in the same sentence as the citation, or in the body
 * sentence whose footnote cites it — must occur in the cited provision (or, with no provision given, anywhere
 * in the document) once whitespace, widths and punctuation are normalised and ……/… ellipses split it. Digits
 * stay, so 3个月 against 2个月 is caught. The message quotes the closest passage; the fix puts it in.
 *
 * Short quotations (fewer than eight characters after normalisation) are terms, not quotations, and are left
 * alone; so are quotations of works whose text the index does not hold. A statute quotation that is word for word
 * in another provision, of the same law or of another, is quote.misattributed instead (quotationPlaces.ts).
 *
 * A statute is quoted in running text for many reasons (a crime's name, a party's promise, a commentator's
 * phrase), so a quotation is held against a statute only where the text presents it as the statute's words:
 * after 规定/明确/要求… in the same sentence, no further than a clause away, with the statute cited in parentheses right after it, with a footnote right after it
 * that cites the statute, or as a long passage right after the reference.
 */
import type { ProvisionAddressing } from '../corpus/addressing';
import type { Corpus } from '../corpus/corpus';
import { t } from '../text/messages';
import type { CorpusDocument } from '../corpus/model';
import { collapseNumberSpaces, normalizeForMatch } from '../text/normalize';
import type { ParsedPaper, TitleCitation } from '../paper/parser';
import type { PaperScope } from '../paper/paperScope';
import type { Quotation } from '../paper/quotes';
import { documentForTitle } from '../corpus/citationAt';
import { footnoteDefinition, itemsWithin } from '../paper/paperIndex';
import { firstStartingAtOrAfter } from '../util/binarySearch';
import { resolveTitle, stepsKey } from '../corpus/resolver';
import { ELLIPSIS } from '../corpus/reverseLookup';
import { misattributedQuotation } from './quotationPlaces';
import { CheckContext, Finding, inScope } from './context';

const MIN_QUOTE = 8;
/** [。！？；!?;\n]: tested on character codes, as a sentence is walked a character at a time. */
const SENTENCE_END = new Set([...'。！？；!?;\n'].map((c) => c.charCodeAt(0)));

export function checkQuotations(context: CheckContext): Finding[] {
  const { paper, corpus, locale } = context;
  const parsed = paper.parsed;
  const findings: Finding[] = [];
  const quotations = inScope(context, parsed.quotations);
  for (let i = 0; i < quotations.length; i++) {
    const quotation = quotations[i];
    if (quotation.depth > 0) continue;
    const inner = parsed.text.slice(quotation.innerStart, quotation.innerEnd);
    if (normalizeForMatch(inner).length < MIN_QUOTE) continue;
    const cited = attachedCitation(parsed, quotation);
    if (!cited) continue;
    const source = sourceOf(corpus, paper.scope, cited);
    if (!source) {
      const elsewhere = unverifiedQuotation(context, quotation, inner, cited);
      if (elsewhere) findings.push(elsewhere);
      continue;
    }
    if (source.document.kind === 'statute' && !presentedAsWords(parsed, quotation, cited)) continue;
    const verdict = corpus.cached(`quote:${source.key}:${inner}`, () => verifyQuotation(inner, source.text));
    if (verdict.ok) continue;
    const elsewhere = source.document.kind === 'statute' && cited.references.length > 0
      ? misattributedQuotation({ corpus, locale, text: parsed.text, quotation, inner, cited, document: source.document, targets: source.targets })
      : undefined;
    if (elsewhere) {
      findings.push(elsewhere);
      continue;
    }
    const where = `《${source.document.title}》${source.address}`;
    const finding: Finding = verdict.passage
      ? { code: 'quote.mismatch', start: quotation.start, end: quotation.end, message: t(locale, 'quote.mismatch', { where, passage: verdict.passage }) }
      : { code: 'quote.mismatch', start: quotation.start, end: quotation.end, message: t(locale, 'quote.not-found', { where }) };
    // Until the server has the reverse index, the words may be another law's: the closest passage is shown, not put in.
    const elsewhereUnknown = source.document.kind === 'statute' && cited.references.length > 0 && !corpus.reverseIndexAvailable;
    if (verdict.passage && !ELLIPSIS.test(inner) && !elsewhereUnknown) {
      finding.fixes = [{ title: t(locale, 'fix.replace-quote', { passage: abbreviate(verdict.passage) }), start: quotation.innerStart, end: quotation.innerEnd, newText: verdict.passage }];
    }
    findings.push(finding);
  }
  return findings;
}

/**
 * A quotation presented as the words of a provision that does not exist (an article past the end of the law) or of
 * a title the index does not hold: the words may still be found elsewhere.
 */
function unverifiedQuotation(context: CheckContext, quotation: Quotation, inner: string, cited: TitleCitation): Finding | undefined {
  const { corpus, paper, locale } = context;
  if (cited.journalRole || cited.standard || cited.jurisdiction?.foreign || cited.references.length === 0) return undefined;
  const document = documentForTitle(corpus, cited, paper.scope);
  if (document ? document.kind !== 'statute' : resolveTitle(corpus, cited.title, paper.scope, cited).status !== 'unknown') return undefined;
  if (!presentedAsWords(paper.parsed, quotation, cited)) return undefined;
  return misattributedQuotation({ corpus, locale, text: paper.parsed.text, quotation, inner, cited, document, targets: [] });
}

function abbreviate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}……` : text;
}

/**
 * The citation a quotation belongs to: the footnote placed right after it (“…”。[^3]) names its source
 * explicitly; otherwise the nearest citation before it in its sentence, one after it in the sentence, or the
 * footnote the sentence ends with.
 */
export function attachedCitation(parsed: ParsedPaper, quotation: Quotation): TitleCitation | undefined {
  const { text } = parsed;
  let start = quotation.start;
  while (start > 0 && !SENTENCE_END.has(text.charCodeAt(start - 1))) start--;
  let end = quotation.end;
  while (end < text.length && !SENTENCE_END.has(text.charCodeAt(end))) end++;
  // The first footnote reference after the quotation; only it can sit right after it.
  const next = parsed.footnoteRefs[firstStartingAtOrAfter(parsed.footnoteRefs, quotation.end)];
  const adjacent = next && next.start - quotation.end <= 2 && /^[，。；,;\s]{0,2}$/.test(text.slice(quotation.end, next.start)) ? next : undefined;
  const fromAdjacent = adjacent && citationInFootnote(parsed, adjacent.label);
  if (fromAdjacent) return fromAdjacent;
  const inSentence = itemsWithin(parsed.titles, start, end).filter((title) => !title.journalRole && (title.end <= quotation.start || title.start >= quotation.end));
  const before = inSentence.filter((title) => title.end <= quotation.start);
  if (before.length > 0) return before[before.length - 1];
  if (inSentence.length > 0) return inSentence[0];
  // The sentence's footnote: the first reference after the quotation, up to and just past the sentence end.
  return next && next.start <= end + 1 ? citationInFootnote(parsed, next.label) : undefined;
}

/** Words that present what follows as the provision's own text: 规定：“…”, 明确规定“…”, 规定，处理个人信息须“…”. */
const PRESENTING = /规定|明确|载明|表述为|写道|写明|指出|要求/;
/** A passage quoted right after the reference with nothing between is its text only when it is this long (not a name). */
const MIN_ADJACENT_PASSAGE = 15;

function presentedAsWords(parsed: ParsedPaper, quotation: Quotation, cited: TitleCitation): boolean {
  const { text } = parsed;
  const citedEnd = cited.references.reduce((end, r) => Math.max(end, r.end), cited.end);
  if (citedEnd <= quotation.start) {
    const between = text.slice(citedEnd, quotation.start);
    if (/[。！？；!?;\n]/.test(between)) return false;
    if (PRESENTING.test(between) && between.length <= 30) return true;
    const inner = text.slice(quotation.innerStart, quotation.innerEnd);
    return /^\s*$/.test(between) && normalizeForMatch(inner).length >= MIN_ADJACENT_PASSAGE;
  }
  // Cited after the quotation: in parentheses right after it, or by the footnote right after it.
  const after = text.slice(quotation.end, cited.start);
  if (/^\s*[（(]\s*$/.test(after)) return true;
  const next = parsed.footnoteRefs[firstStartingAtOrAfter(parsed.footnoteRefs, quotation.end)];
  if (!next || next.start - quotation.end > 2) return false;
  const definition = footnoteDefinition(parsed, next.label);
  return definition !== undefined && cited.start >= definition.contentStart && cited.end <= definition.contentEnd;
}

function citationInFootnote(parsed: ParsedPaper, label: string): TitleCitation | undefined {
  const definition = footnoteDefinition(parsed, label);
  if (!definition) return undefined;
  const cited = itemsWithin(parsed.titles, definition.contentStart, definition.contentEnd).filter((title) => !title.journalRole);
  return cited.find((title) => title.references.length > 0) ?? cited[0];
}

export interface QuotedSource {
  document: CorpusDocument;
  address: string;
  text: string;
  /** Identifies the document and provisions, for remembering verdicts. */
  key: string;
  /** The cited provisions' indices (none when the whole document is the source). */
  targets: number[];
}

/** The text a quotation attributed to the citation is held to: its provisions, or the whole document. */
export function sourceOf(corpus: Corpus, scope: PaperScope, title: TitleCitation): QuotedSource | undefined {
  const document = documentForTitle(corpus, title, scope);
  if (!document) return undefined;
  const key = `${document.id}:${title.references.map((r) => stepsKey(r.steps)).join(',')}`;
  return corpus.cached(`source:${key}`, () => quotedSource(corpus, document, title, key));
}

function quotedSource(corpus: Corpus, document: CorpusDocument, title: TitleCitation, key: string): QuotedSource | undefined {
  if (document.provisions.length === 0) return undefined;
  const addressing = corpus.addressing(document);
  const parts: string[] = [];
  const addresses: string[] = [];
  const targets: number[] = [];
  for (let r = 0; r < title.references.length; r++) {
    const reference = title.references[r];
    const result = addressing.resolve(reference.steps);
    if (!result.ok) continue;
    const { index, paragraph, provision } = result.target;
    targets.push(index);
    parts.push(paragraph ? provision.text.split('\n')[paragraph - 1] : unlabelledText(addressing, index));
    addresses.push(reference.text);
  }
  if (parts.length > 0) return { document, address: addresses.join('、'), text: parts.join('\n'), key, targets };
  if (title.references.length > 0) return undefined;
  return { document, address: '', text: document.provisions.map((p) => (p.caption && !p.text.startsWith(p.caption) ? `${p.caption}\n` : '') + p.text).join('\n'), key, targets };
}

/** A provision's text with its descendants' — without labels (“3.”), which are not part of what is quoted. */
function unlabelledText(addressing: ProvisionAddressing, index: number, depth = 0): string {
  const p = addressing.doc.provisions[index];
  const own = p.caption && !p.text.startsWith(p.caption) ? `${p.caption}\n${p.text}` : p.text;
  const children = depth < 4 ? addressing.childrenOf(index).map((child) => unlabelledText(addressing, child, depth + 1)) : [];
  return [own, ...children].filter((t) => t.length > 0).join('\n');
}

export interface Verdict {
  ok: boolean;
  /** The closest passage of the source, as printed (number spaces tidied), when one is close enough. */
  passage?: string;
}

/** Every ellipsis-separated segment must occur, in order, in the normalised source. */
export function verifyQuotation(quotation: string, source: string): Verdict {
  const normalizedSource = normalizeWithMap(source);
  const segments = quotation.split(ELLIPSIS).map(normalizeForMatch).filter((s) => s.length > 0);
  let from = 0;
  let missing: string | undefined;
  for (const segment of segments) {
    const at = normalizedSource.text.indexOf(segment, from);
    if (at < 0) {
      missing = segment;
      break;
    }
    from = at + segment.length;
  }
  if (missing === undefined) return { ok: true };
  const window = closestWindow(missing, normalizedSource.text);
  if (!window) return { ok: false };
  const originalStart = normalizedSource.map[window.start];
  const originalEnd = normalizedSource.map[window.end - 1] + 1;
  return { ok: false, passage: collapseNumberSpaces(source.slice(originalStart, originalEnd)).replace(/\s+/g, ' ').trim() };
}

/** normalizeForMatch, keeping for each kept character its offset in the original. */
function normalizeWithMap(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const kept = normalizeForMatch(text[i]);
    if (kept.length === 0) continue;
    out += kept;
    for (let k = 0; k < kept.length; k++) map.push(i);
  }
  return { text: out, map };
}

/**
 * The window of the source most like the quotation: each shared bigram votes for the start it implies, the
 * start with most votes wins (linear in the source). Undefined when fewer than half the bigrams agree.
 */
function closestWindow(quotation: string, source: string): { start: number; end: number } | undefined {
  if (quotation.length < 2 || source.length < 2) return undefined;
  const positions = new Map<string, number[]>();
  for (let i = 0; i + 1 < source.length; i++) {
    const bigram = source.slice(i, i + 2);
    const list = positions.get(bigram);
    if (list) list.push(i);
    else positions.set(bigram, [i]);
  }
  const votes = new Map<number, number>();
  for (let j = 0; j + 1 < quotation.length; j++) {
    for (const p of positions.get(quotation.slice(j, j + 2)) ?? []) votes.set(p - j, (votes.get(p - j) ?? 0) + 1);
  }
  let best = 0;
  let bestStart = 0;
  for (const [start, count] of votes) {
    // Neighbouring starts share votes when the quotation dropped or added a character or a word of two.
    const neighbours = Math.max(votes.get(start - 2) ?? 0, votes.get(start - 1) ?? 0, votes.get(start + 1) ?? 0, votes.get(start + 2) ?? 0);
    const total = count + neighbours * 0.5;
    if (total > best || (total === best && start < bestStart)) [best, bestStart] = [total, start];
  }
  // Fewer than half the bigrams agreeing is no passage worth showing.
  if (best < (quotation.length - 1) / 2) return undefined;
  let start = Math.max(0, bestStart);
  let end = Math.min(source.length, bestStart + quotation.length);
  // Stretch the window to where the quotation's first and last words occur nearby, so a quotation that left
  // something out is shown against the whole passage it spans.
  const reach = quotation.length * 2;
  const first = (positions.get(quotation.slice(0, 2)) ?? []).filter((p) => p <= start && start - p <= reach).pop();
  if (first !== undefined) start = first;
  const last = (positions.get(quotation.slice(-2)) ?? []).find((p) => p + 2 >= end && p + 2 - end <= reach);
  if (last !== undefined) end = last + 2;
  return end > start ? { start, end } : undefined;
}
