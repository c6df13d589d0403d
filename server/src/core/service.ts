/**
 * The citation language service: one object per corpus that answers every feature for a document, with no
 * transport in it. The LSP server and the tests drive it the same way; the CLI uses its parts directly.
 *
 * Per-document parse results are cached by version (paperCache.ts); the corpus is immutable, so a new corpus
 * (a statute collection finished loading) means a new service.
 */
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, Location, Position, Range, SymbolInformation,
} from 'vscode-languageserver-types';
import { provideCodeActions } from './codeActions';
import { provideCompletion, resolveCompletionItem } from './completion';
import type { Corpus } from './corpus';
import { provideDefinition } from './definition';
import { checkPaper } from './diagnostics';
import { provideHover } from './hover';
import { lookupCitation, LookupResult } from './lookup';
import { buildReport } from './report';
import { ReportFormat, renderReports } from './reportFormats';
import { Paper, PaperCache, PaperDocument } from './paperCache';
import { provideDocumentHighlights, provideReferences } from './references';
import type { LexciteSettings } from './settings';
import { provideDocumentSymbols, provideWorkspaceSymbols } from './symbols';
import { VirtualDocuments } from './virtualDocuments';
import type { Locale } from './messages';

export class CitationService {
  private readonly papers: PaperCache;
  private readonly virtualByLocale = new Map<Locale, VirtualDocuments>();

  constructor(readonly corpus: Corpus) {
    this.papers = new PaperCache(corpus);
  }

  /** The parsed paper; with settings, its date defaults to the configured paper date. */
  paper(document: PaperDocument, settings?: LexciteSettings): Paper {
    return this.papers.get(document, settings?.paperDate);
  }

  forget(uri: string): void {
    this.papers.delete(uri);
  }

  private virtual(locale: Locale): VirtualDocuments {
    let virtual = this.virtualByLocale.get(locale);
    if (!virtual) {
      virtual = new VirtualDocuments(this.corpus, locale);
      this.virtualByLocale.set(locale, virtual);
    }
    return virtual;
  }

  diagnostics(document: PaperDocument, settings: LexciteSettings): Diagnostic[] {
    return checkPaper(this.corpus, this.paper(document, settings), { levels: settings.levels, locale: settings.locale, style: settings.style });
  }

  hover(document: PaperDocument, position: Position, settings: LexciteSettings): Hover | undefined {
    return provideHover(this.corpus, this.paper(document, settings), position, settings);
  }

  completion(document: PaperDocument, position: Position, settings: LexciteSettings): CompletionList {
    return provideCompletion(this.corpus, this.paper(document, settings), position, settings);
  }
  resolveCompletion(item: CompletionItem): CompletionItem {
    return resolveCompletionItem(this.corpus, item);
  }


  definition(document: PaperDocument, position: Position, settings: LexciteSettings): Location[] {
    return provideDefinition(this.corpus, this.virtual(settings.locale), this.paper(document, settings), position);
  }

  references(document: PaperDocument, position: Position, workspace: Iterable<PaperDocument>): Location[] {
    const papers = (function* (service: CitationService) {
      for (const other of workspace) yield service.paper(other);
    })(this);
    return provideReferences(this.corpus, this.paper(document), position, papers);
  }

  documentHighlights(document: PaperDocument, position: Position): DocumentHighlight[] {
    return provideDocumentHighlights(this.corpus, this.paper(document), position);
  }

  documentSymbols(document: PaperDocument, settings: LexciteSettings): DocumentSymbol[] {
    return provideDocumentSymbols(this.corpus, this.paper(document, settings), settings);
  }

  workspaceSymbols(query: string, settings: LexciteSettings): SymbolInformation[] {
    return provideWorkspaceSymbols(this.corpus, query, settings);
  }

  codeActions(document: PaperDocument, range: Range, diagnostics: Diagnostic[], settings: LexciteSettings): CodeAction[] {
    return provideCodeActions(this.paper(document, settings), range, diagnostics, settings);
  }

  /** The text of a lexcite: URI, for editors to show read-only. */
  virtualDocument(uri: string, settings: LexciteSettings): string | undefined {
    return this.virtual(settings.locale).get(uri)?.text;
  }

  lookup(citation: string): LookupResult {
    return lookupCitation(this.corpus, citation);
  }

  report(document: PaperDocument, file: string, format: ReportFormat, settings: LexciteSettings): string {
    const report = buildReport(this.corpus, this.paper(document, settings), file, { levels: settings.levels, locale: settings.locale, style: settings.style });
    return renderReports([report], format, settings.locale);
  }
}
