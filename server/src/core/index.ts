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
export type { PaperDocument } from './paper/paperCache';
export { resolveSettings, isIsoDate } from './settings';
export type { LexciteSettings, RawSettings } from './settings';
export { DEFAULT_MAX_CITATIONS, DEFAULT_MAX_PAPER_SIZE } from './paper/limits';

// The corpus and its data model.
export { Corpus } from './corpus/corpus';
export type { BibRecord, CorpusDocument, CorpusFiles } from './corpus/model';
export type { ImportProblem } from './statutes/importTypes';
export { readLiterature, joinLiterature } from './corpus/literature';
export type { Literature, LiteratureProblem } from './corpus/literature';

// Messages and house styles.
export { normalizeLocale, t } from './text/messages';
export type { Locale, MessageKey } from './text/messages';
export { DEFAULT_STYLE_NAME, HOUSE_STYLES, houseStyle, formatDocumentCitation, formatPaperReference } from './text/styles';

// Lookup, search and statute versions (the CLI's lookup and search).
export { lookupCitation } from './features/lookup';
export type { LookupResult } from './features/lookup';
export type { SearchEntry, SearchHit, SearchStrategy } from './corpus/search';
export { documentCitationFor, searchCorpus } from './features/corpusSearch';
export { chooseVersion, isVersionSet, todayIso } from './corpus/versions';
export { placeInCorpus, quotationSegments } from './corpus/reverseLookup';
export type { ReverseIndex, ReverseIndexStore } from './corpus/reverseIndex';
export { REVERSE_INDEX_FORMAT, reverseIndexBytes, reverseIndexFromBytes } from './corpus/reverseIndexBytes';

// Reports.
export { ReportCancelled } from './features/report';
export type { CitationReport } from './features/report';
export { renderReports } from './features/reportFormats';
export { countVerdicts, verdictSummary, VERDICTS } from './checks/verdicts';
export type { Verdict } from './checks/verdicts';
export type { PaperVerdict } from './service';
export { LEXCITE_VERSION } from './version';
export type { ReportFormat } from './features/reportFormats';

// What the server's custom requests show of an item: cards, the citation under the cursor, virtual documents.
export { itemCard, itemDetail, itemPreviewLine, kindLabel } from './features/cards';
export { documentForTitle, elementAt, elementAtInPaper } from './corpus/citationAt';
export { virtualUri } from './features/virtualDocuments';
export type { FootnoteChoice, FootnoteForm, FootnotePlan } from './features/footnoteInsert';

// The pipeline's stages on their own, which the benchmarks time one by one.
export { checkPaper } from './checks/diagnostics';
export { makePaper } from './paper/paperCache';
export { parsePaper } from './paper/parser';
export { LineIndex } from './paper/lineIndex';
export { titleKeyWithoutPrc } from './text/normalize';
export { toChineseNumeral } from './text/numerals';
export { parseStatuteMarkdown } from './statutes/markdown';
