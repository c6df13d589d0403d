/**
 * LexCite's own requests, used by the VS Code client's commands (search the corpus, show the provision under
 * the cursor). Plain JSON in and out so any client can use them.
 */
import type { Position } from 'vscode-languageserver-types';
import type { ProvisionAtResult, SearchItem } from '../../../protocol/requests';
import { documentForTitle, elementAt, formatDocumentCitation, formatPaperReference, itemCard, itemDetail, itemPreviewLine, virtualUri } from '../core';
import type { CitationService, LexciteSettings, PaperDocument } from '../core';

export function searchItems(service: CitationService, query: string, limit: number, settings: LexciteSettings): SearchItem[] {
  const corpus = service.corpus;
  const latin = /^[a-z]+$/i.test(query.trim());
  if (query.trim().length === 0 || (latin && !settings.pinyin)) return [];
  return corpus.search.search(query, { limit }).map((hit) => {
    const item = corpus.item(hit.entry)!;
    const insertText = item.type === 'document' ? formatDocumentCitation(item.item, settings.style, true)
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
  const element = elementAt(paper.parsed, paper.lines.offsetAt(position));
  if (!element || (element.kind !== 'reference' && element.kind !== 'title')) return undefined;
  const doc = documentForTitle(service.corpus, element.title);
  if (!doc) return undefined;
  const hover = service.hover(document, position, settings);
  const [location] = service.definition(document, position, settings);
  const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  return { markdown, uri: location?.uri ?? virtualUri({ type: 'document', id: doc.id, title: doc.title }), line: location?.range.start.line ?? 0 };
}
