/**
 * Reverse lookup: given a quotation presented as a provision's words, where in the corpus those words are. First
 * within one law (a few hundred articles, read directly: “this is 第五十六条, not 第十七条”), then over the whole
 * corpus through the reverse index (reverseIndex.ts: “this is the other law's”). Only word-for-word occurrences
 * count (normalised as quotation checks normalise); an ellipsis (……) splits the quotation into segments that
 * must occur in order within one unit.
 */
import type { Corpus } from './corpus';
import type { CorpusDocument } from './model';
import { ProvisionUnit, innermostPart, provisionUnit, segmentsIn, statuteAddress, unitIndices } from './provisionUnits';
import { MIN_FINDABLE } from './reverseIndex';
import { normalizeForMatch } from '../text/normalize';

export const ELLIPSIS = /……|…|\.{3,}|⋯+|。。。/;

export interface Placement {
  document: CorpusDocument;
  /** The finest provision holding the whole passage. */
  index: number;
  /** How a paper cites it (第五十六条第二款); undefined for a unit a statute address cannot name. */
  address: string | undefined;
}

/** The quotation's ellipsis-separated segments, normalised for matching; empty ones dropped. */
export function quotationSegments(quotation: string): string[] {
  return quotation.split(ELLIPSIS).map(normalizeForMatch).filter((s) => s.length > 0);
}

function unitsOf(corpus: Corpus, document: CorpusDocument): ProvisionUnit[] {
  return corpus.cached(`units:${document.id}`, () => unitIndices(document.provisions).map((index) => provisionUnit(document.provisions, index)));
}

function placement(document: CorpusDocument, unit: ProvisionUnit, from: number, to: number): Placement {
  const index = innermostPart(unit, from, to);
  return { document, index, address: statuteAddress(document.provisions, index) };
}

/** Every unit of the document that holds the passage word for word, refined to the provision within it. */
export function placeInDocument(corpus: Corpus, document: CorpusDocument, segments: readonly string[]): Placement[] {
  if (segments.length === 0) return [];
  const places: Placement[] = [];
  for (const unit of unitsOf(corpus, document)) {
    const at = segmentsIn(unit.text, segments);
    if (at) places.push(placement(document, unit, at[0], at[1]));
  }
  return places;
}

/**
 * The same over the whole corpus, at most `limit` places; undefined while the reverse index is not built (a server
 * builds it in the background). Empty when no segment is long enough to be looked up.
 */
export function placeInCorpus(corpus: Corpus, segments: readonly string[], limit = 20): Placement[] | undefined {
  if (!segments.some((s) => s.length >= MIN_FINDABLE)) return [];
  const index = corpus.reverseIndex;
  if (!index) return undefined;
  // A saved index may name a document whose provisions cannot be read now (a damaged statute cache): no place there.
  return index.find(segments, limit).filter((hit) => hit.unit < hit.document.provisions.length)
    .map((hit) => placement(hit.document, provisionUnit(hit.document.provisions, hit.unit), hit.from, hit.to));
}
