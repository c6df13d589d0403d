/**
 * LexCite's own requests, used by the VS Code client's commands (search the corpus, show the provision under
 * the cursor). Plain JSON in and out so any client can use them.
 */
import type { Position } from 'vscode-languageserver-types';
import type { ProvisionAtResult, SearchItem } from '../../../protocol/requests';
import { documentCitationFor, documentForTitle, elementAtInPaper, formatPaperReference, itemCard, itemDetail, itemPreviewLine, searchCorpus, virtualUri } from '../core';
import type { CitationService, LexciteSettings, PaperDocument } from '../core';

/**
 * Corpus works for the search command: titles by characters, pinyin and abbreviations, and 文号 (corpusSearch.ts);
 * with the paper the search is for, a statute in its version at the paper's date, cited as the paper cites.
 */
export function searchItems(service: CitationService, query: string, limit: number, settings: LexciteSettings, document?: PaperDocument): SearchItem[] {
  const corpus = service.corpus;
  const paper = document && service.paper(document, settings);
  return searchCorpus(corpus, query, { limit, pinyin: settings.pinyin, date: paper?.scope.date ?? settings.paperDate }).map((hit) => {
    const item = corpus.item(hit.entry)!;
    const insertText = item.type === 'document' ? documentCitationFor(corpus, item.item, paper, settings)
      : item.type === 'record' ? formatPaperReference(item.item, settings.style)
        : `《${item.item.title}》`;
    return {
      id: hit.entry.id, type: hit.entry.type, title: hit.entry.title, detail: itemDetail(item, settings.locale),
      preview: itemCard(corpus, item, settings.locale), previewLine: itemPreviewLine(item, settings.locale), insertText, uri: virtualUri(hit.entry),
    };
  });
}

/** The provision (or document) cited under the cursor, as Markdown, with where it is in its rendering. */
export function provisionAt(service: CitationService, document: PaperDocument, position: Position, settings: LexciteSettings): ProvisionAtResult | undefined {
  const paper = service.paper(document);
  const element = elementAtInPaper(paper, paper.lines.offsetAt(position));
  if (!element || (element.kind !== 'reference' && element.kind !== 'title')) return undefined;
  const doc = documentForTitle(service.corpus, element.title);
  if (!doc) return undefined;
  const hover = service.hover(document, position, settings);
  const [location] = service.definition(document, position, settings);
  const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  return { markdown, uri: location?.uri ?? virtualUri({ type: 'document', id: doc.id, title: doc.title }), line: location?.range.start.line ?? 0 };
}
