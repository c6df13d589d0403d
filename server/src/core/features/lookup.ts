/**
 * Looking up one citation string — 国发[2025]11号, 《关于规范“自媒体”医疗科普行为的通知》第五条, or a title
 * without 《》 followed by an article reference — as `lexcite lookup` and the editor's “show provision” do.
 */
import { fullProvisionText } from '../corpus/addressing';
import type { Corpus, CorpusItem } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import { parsePaper, parseReferences } from '../paper/parser';
import type { ArticleReference, TitleCitation } from '../paper/parser';
import { versionsForTitle } from '../corpus/citationAt';
import { todayIso } from '../corpus/versions';
import { firstItem, resolveTitle } from '../corpus/resolver';
import type { SearchHit } from '../corpus/search';

export interface LookupProvision {
  address: string;
  label: string;
  caption?: string;
  text: string;
  lines: [number, number];
}

export type LookupResult =
  | { status: 'found'; item: CorpusItem; via: string; provision?: LookupProvision }
  | { status: 'no-document'; query: string; closest: SearchHit[] }
  | { status: 'no-provision'; document: CorpusDocument; reference: string; available: string }
  | { status: 'not-a-citation'; query: string };

/** `date` (ISO) decides which statute version an untagged citation means; default today. */
export function lookupCitation(corpus: Corpus, input: string, date: string = todayIso()): LookupResult {
  const text = input.trim();
  if (text.length === 0) return { status: 'not-a-citation', query: input };
  const paper = parsePaper(text);
  const title = paper.titles[0];
  if (title) return lookupTitle(corpus, title, date);
  const number = paper.docNumbers[0];
  if (number) {
    const documents = corpus.lookupDocNumber(number.parsed.canonical);
    // A notice and the measures it issued share the 文号; the notice comes first.
    const document = documents.find((d) => !d.issuedBy) ?? documents[0];
    if (document) return { status: 'found', item: { type: 'document', item: document }, via: 'docNumber' };
    return { status: 'no-document', query: number.parsed.canonical, closest: corpus.search.search(number.parsed.issuerCode, { limit: 5, types: ['document'] }) };
  }
  // A bare title, possibly followed by a reference: 关于规范“自媒体”医疗科普行为的通知第五条.
  for (let at = text.indexOf('第'); at > 0; at = text.indexOf('第', at + 1)) {
    const references = parseReferences(text, at);
    if (references.length > 0 && references[references.length - 1].end === text.length) return lookupTitle(corpus, bareTitle(text.slice(0, at), references), date);
  }
  const annex = text.search(/附件\s*\d+$/);
  if (annex > 0) return lookupTitle(corpus, bareTitle(text.slice(0, annex), parseReferences(text, annex)), date);
  return lookupTitle(corpus, bareTitle(text, []), date);
}

/** A title written without 《》 as a citation, so it resolves like one. */
function bareTitle(title: string, references: ArticleReference[]): TitleCitation {
  const trimmed = title.trim();
  return { kind: 'title', start: 0, end: trimmed.length, title: trimmed.replace(/\s+/g, ''), references };
}

function lookupTitle(corpus: Corpus, title: TitleCitation, date: string): LookupResult {
  const resolution = resolveTitle(corpus, title.title);
  if (resolution.status !== 'resolved') {
    return { status: 'no-document', query: title.title, closest: corpus.search.search(title.title, { limit: 5 }) };
  }
  const choice = versionsForTitle(corpus, title, undefined, date);
  const item: CorpusItem = choice ? { type: 'document', item: choice.chosen } : firstItem(corpus, resolution.entries)!;
  const via = resolution.entries[0].via;
  const reference = title.references[0];
  if (!reference || item.type !== 'document') return { status: 'found', item, via };
  const addressing = corpus.addressing(item.item);
  const result = addressing.resolve(reference.steps);
  if (!result.ok) return { status: 'no-provision', document: item.item, reference: reference.text, available: result.failure.available };
  const { provision, index, address, paragraph } = result.target;
  const text = paragraph ? provision.text.split('\n')[paragraph - 1] : fullProvisionText(addressing, index);
  return {
    status: 'found', item, via,
    provision: { address, label: provision.label, ...(provision.caption ? { caption: provision.caption } : {}), text, lines: provision.lines },
  };
}
