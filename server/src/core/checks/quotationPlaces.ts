/**
 * quote.misattributed: a quotation presented as a provision's words that is not in the cited provision but is,
 * word for word, somewhere else — another article of the same law (“此段文字出自第五十六条，而非第十七条”, with a
 * fix that rewrites the reference), or one article of another law (the fix rewrites title and article, only when
 * that law alone holds the words). Where several places hold them, the quote.mismatch names them and offers no
 * fix; a title the index does not hold gets a hint at most (a local rule may copy a national law's words).
 */
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import { Placement, placeInCorpus, placeInDocument, quotationSegments } from '../corpus/reverseLookup';
import { statuteAddress, subtreeEnd } from '../corpus/provisionUnits';
import type { Locale } from '../text/messages';
import { t } from '../text/messages';
import { hasPrcPrefix, titleKeyWithoutPrc } from '../text/normalize';
import type { ArticleReference, TitleCitation } from '../paper/parser';
import type { Finding } from './context';

/** Words this short may be any law's boilerplate (本法自公布之日起施行): another law is named only for longer ones. */
const MIN_OTHER_LAW = 15;
/** Places named in a message, at most. */
const PLACES_SHOWN = 4;
const SUPERSEDED = new Set(['已修改', '已废止']);

export interface QuotationSite {
  corpus: Corpus;
  locale: Locale;
  /** The whole text of the paper (offsets below are into it). */
  text: string;
  quotation: { start: number; end: number };
  /** The quotation's words, as written between the marks. */
  inner: string;
  cited: TitleCitation;
  /** The cited document, when the index holds the title. */
  document: CorpusDocument | undefined;
  /** Provision indices the citation resolved to in it (none when its article does not exist). */
  targets: number[];
}

/** The finding for a quotation not in the provision it is attributed to, when the words are found elsewhere. */
export function misattributedQuotation(site: QuotationSite): Finding | undefined {
  const { corpus, document, inner } = site;
  const segments = quotationSegments(inner);
  if (document && document.kind === 'statute' && document.provisions.length > 0) {
    const inLaw = corpus.cached(`place:${document.id}:${inner}`, () => placeInDocument(corpus, document, segments))
      .filter((place) => !site.targets.some((target) => place.index >= target && place.index < subtreeEnd(document.provisions, target)));
    if (inLaw.length === 1 && inLaw[0].address) return sameLaw(site, inLaw[0]);
    if (inLaw.length > 1) return several(site, inLaw.map((place) => place.address ?? ''));
  }
  if (segments.reduce((n, s) => n + s.length, 0) < MIN_OTHER_LAW) return undefined;
  const found = placeInCorpus(corpus, segments);
  if (!found) return undefined;
  const elsewhere = preferCurrent(found.filter((place) => place.document !== document));
  const distinct = new Map<string, Placement>();
  for (const place of elsewhere) distinct.set(`${titleKeyWithoutPrc(place.document.title)}\u0000${place.address ?? ''}`, place);
  const places = [...distinct.values()];
  if (places.length === 0) return undefined;
  const sameTitle = document !== undefined && places.every((place) => titleKeyWithoutPrc(place.document.title) === titleKeyWithoutPrc(document.title));
  if (places.length > 1 || sameTitle) return several(site, places.map((place) => named(place, sameTitle)));
  return otherLaw(site, places[0]);
}

/** In force (or of unknown status) before superseded: an older version's words are its successor's too. */
function preferCurrent(places: Placement[]): Placement[] {
  const current = places.filter((place) => !SUPERSEDED.has(place.document.status ?? ''));
  return current.length > 0 ? current : places;
}

function named(place: Placement, withVersion: boolean): string {
  const version = withVersion && place.document.versionLabel ? `（${place.document.versionLabel}）` : '';
  return `《${place.document.title}》${version}${place.address ?? ''}`;
}

function citedText(site: QuotationSite, withTitle: boolean): string {
  const references = site.cited.references.map((reference) => reference.text).join('、');
  return withTitle ? `《${site.cited.title}》${references}` : references;
}

function onlyReference(cited: TitleCitation): ArticleReference | undefined {
  return cited.references.length === 1 && !cited.references[0].rangeEnd ? cited.references[0] : undefined;
}

function sameLaw(site: QuotationSite, place: Placement): Finding {
  const { locale, quotation } = site;
  const finding: Finding = { code: 'quote.misattributed', start: quotation.start, end: quotation.end, message: t(locale, 'quote.from-elsewhere', { found: place.address ?? '', cited: citedText(site, false) }) };
  const reference = onlyReference(site.cited);
  if (reference) {
    const written = inPaperStyle(place, reference);
    finding.fixes = [{ title: t(locale, 'fix.cite-provision', { found: written }), start: reference.start, end: reference.end, newText: written }];
  }
  return finding;
}

function several(site: QuotationSite, places: string[]): Finding {
  const shown = places.filter((p) => p.length > 0).slice(0, PLACES_SHOWN).join('、') + (places.length > PLACES_SHOWN ? '……' : '');
  const finding: Finding = { code: 'quote.mismatch', start: site.quotation.start, end: site.quotation.end, message: t(site.locale, 'quote.found-in-several', { cited: citedText(site, true), places: shown }) };
  // Of a title the index does not hold nothing is certain: a rule of its own may repeat these words.
  if (!site.document) finding.uncertain = true;
  return finding;
}

function otherLaw(site: QuotationSite, place: Placement): Finding {
  const { locale, quotation, cited } = site;
  const found = named(place, false);
  if (!site.document) {
    // The cited title is not in the index: a rule of its own may repeat a national law's words.
    const finding: Finding = { code: 'quote.misattributed', start: quotation.start, end: quotation.end, message: t(locale, 'quote.from-unindexed-title', { found, cited: `《${cited.title}》` }), uncertain: true };
    return withTitleFix(finding, site, place, similarTitles(cited.title, place.document.title));
  }
  const finding: Finding = { code: 'quote.misattributed', start: quotation.start, end: quotation.end, message: t(locale, 'quote.from-elsewhere', { found, cited: citedText(site, true) }) };
  return withTitleFix(finding, site, place, true);
}

/** The fix rewriting 《title》第N条 as the place found, when the citation is written that plainly and one reference. */
function withTitleFix(finding: Finding, site: QuotationSite, place: Placement, allowed: boolean): Finding {
  const { cited, text, locale } = site;
  const reference = onlyReference(cited);
  if (!allowed || !place.address || !reference || text.slice(cited.end, reference.start).trim() !== '' || cited.jurisdiction) return finding;
  const title = hasPrcPrefix(cited.title) ? place.document.title : place.document.title.replace(/^中华人民共和国/, '');
  const newText = `《${title}》${inPaperStyle(place, reference)}`;
  finding.fixes = [{ title: t(locale, 'fix.cite-provision', { found: newText }), start: cited.start, end: reference.end, newText }];
  return finding;
}

/** The place's address in the numerals the paper wrote the reference in (第17条 → 第56条). */
function inPaperStyle(place: Placement, reference: ArticleReference): string {
  const arabic = /[0-9０-９]/.test(reference.text) ? statuteAddress(place.document.provisions, place.index, 'arabic') : undefined;
  return arabic ?? place.address ?? '';
}

/** Titles that share most of their characters: an invented variant of a real name (个人信息保护条例 for 个人信息保护法). */
function similarTitles(written: string, actual: string): boolean {
  const a = titleKeyWithoutPrc(written);
  const b = titleKeyWithoutPrc(actual);
  const inB = new Set(b);
  const shared = [...a].filter((ch) => inB.has(ch)).length;
  return shared / Math.max(a.length, b.length) >= 0.6;
}
