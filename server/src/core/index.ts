/**
 * The one door into the citation core for the layers that use it: the LSP server (lsp/), the CLI (cli/) and the
 * benchmarks (bench/) import the core from here only, so the core's inside can change without touching them
 * (eslint.config.mjs enforces it). node/ is the exception: it hands loaded data to the core and uses the model
 * and the statute importers' steps directly (see eslint.config.mjs for what it may reach).
 *
 * Export here what an outer layer needs, nothing more: a new outer use of the core starts by adding it here.
 */

// The façade: one service per corpus answers every feature for a document, and the settings it runs with.
export { CitationService } from './service';
export type { PaperDocument } from './paperCache';
export { resolveSettings, isIsoDate } from './settings';
export type { LexciteSettings, RawSettings } from './settings';
export { DEFAULT_MAX_CITATIONS, DEFAULT_MAX_PAPER_SIZE } from './limits';

// The corpus and its data model.
export { Corpus } from './corpus';
export type { CorpusDocument, CorpusFiles } from './model';
export type { ImportProblem } from './statutes/markdown';

// Messages and house styles.
export { normalizeLocale, t } from './messages';
export type { Locale, MessageKey } from './messages';
export { DEFAULT_STYLE_NAME, HOUSE_STYLES, houseStyle, formatDocumentCitation, formatPaperReference } from './styles';

// Lookup, search and statute versions (the CLI's lookup and search).
export { lookupCitation } from './lookup';
export type { LookupResult } from './lookup';
export type { SearchEntry, SearchHit, SearchStrategy } from './search';
export { chooseVersion, isVersionSet, todayIso } from './versions';

// Reports.
export { ReportCancelled } from './report';
export type { CitationReport } from './report';
export { renderReports } from './reportFormats';
export type { ReportFormat } from './reportFormats';

// What the server's custom requests show of an item: cards, the citation under the cursor, virtual documents.
export { itemCard, itemDetail, itemPreviewLine, kindLabel } from './cards';
export { documentForTitle, elementAt } from './citationAt';
export { virtualUri } from './virtualDocuments';

// The pipeline's stages on their own, which the benchmarks time one by one.
export { checkPaper } from './diagnostics';
export { makePaper } from './paperCache';
export { parsePaper } from './parser';
export { LineIndex } from './lineIndex';
export { titleKeyWithoutPrc } from './normalize';
export { toChineseNumeral } from './numerals';
export { parseStatuteMarkdown } from './statutes/markdown';
