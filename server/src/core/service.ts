/**
 * The citation language service: one object per corpus that answers every feature for a document, with no
 * transport in it. The LSP server, the CLI and the tests drive it the same way: the CLI gives it each file as a
 * document, so a paper checks alike in the editor and on the command line (test/unit/pipelineEquivalence.test.ts).
 *
 * Per-document parse results are cached by version (paperCache.ts); the corpus is immutable, so a new corpus
 * (a statute collection finished loading) means a new service.
 */
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, Location, Position, Range, SymbolInformation,
} from 'vscode-languageserver-types';
import { provideCodeActions } from './features/codeActions';
import { provideCompletion, resolveCompletionItem } from './features/completion';
import type { Corpus } from './corpus/corpus';
import { provideDefinition } from './features/definition';
import { checkPaper, CheckOptions } from './checks/diagnostics';
import { sameDiagnostics } from './checks/lspDiagnostics';
import { diagnosticsForVerdict } from './checks/citationChecks';
import { provideHover } from './features/hover';
import { lookupCitation, LookupResult } from './features/lookup';
import { CitationReport, reportSteps } from './features/report';
import { ReportFormat, renderReports } from './features/reportFormats';
import { Paper, PaperCache, PaperDocument, makePaper } from './paper/paperCache';
import { DEFAULT_MAX_PAPER_SIZE, cutForSize, mapRanges, windowAround } from './paper/limits';
import { LineIndex } from './paper/lineIndex';
import { provideDocumentHighlights, provideReferences } from './features/references';
import type { LexciteSettings } from './settings';
import { provideDocumentSymbols, provideWorkspaceSymbols } from './features/symbols';
import { VirtualDocuments } from './features/virtualDocuments';
import { t, type Locale } from './text/messages';
import type { EntryType } from './corpus/search';
import { FootnotePlan, planFootnote } from './features/footnoteInsert';
import { CitationVerdict, VerdictContext, paperVerdicts } from './checks/verdicts';
import { cutForCitations } from './paper/limits';

/** A citation's verdict as an editor or a script sees it: with the range it covers, not offsets. */
export type PaperVerdict = Omit<CitationVerdict, 'start' | 'end'> & { range: Range };

export class CitationService {
  private readonly papers: PaperCache;
  private readonly virtualByLocale = new Map<Locale, VirtualDocuments>();
  /** The size limit each cached paper was parsed under (lexcite.maxPaperSize). */
  private readonly sizeLimits = new Map<string, number>();
  /** For papers larger than the limit: line index of the whole text, per version, to map window positions. */
  private readonly wholeLines = new Map<string, { version: number; lines: LineIndex }>();
  /** The diagnostics last computed for each paper, with the version and settings they were computed for. */
  private readonly lastDiagnostics = new Map<string, { version: number; settings: LexciteSettings; diagnostics: Diagnostic[] }>();

  constructor(readonly corpus: Corpus) {
    this.papers = new PaperCache(corpus);
  }

  /**
   * The parsed paper; with settings, its date defaults to the configured paper date. A paper larger than
   * lexcite.maxPaperSize is parsed up to the limit only (see limits.ts).
   */
  paper(document: PaperDocument, settings?: LexciteSettings): Paper {
    return this.limited(document, settings).paper;
  }

  private limited(document: PaperDocument, settings?: LexciteSettings): { paper: Paper; truncated?: { length: number; limit: number } } {
    const known = this.sizeLimits.get(document.uri);
    const limit = settings?.maxPaperSize ?? known ?? DEFAULT_MAX_PAPER_SIZE;
    if (known !== limit) {
      this.papers.delete(document.uri);
      this.sizeLimits.set(document.uri, limit);
    }
    const length = document.getText().length;
    if (limit === 0 || length <= limit) return { paper: this.papers.get(document, settings?.paperDate) };
    const view: PaperDocument = { uri: document.uri, version: document.version, getText: () => cutForSize(document.getText(), limit)!.text };
    return { paper: this.papers.get(view, settings?.paperDate), truncated: { length, limit } };
  }

  /**
   * Runs a feature at a position. Past a size cut it runs on the lines around the cursor, parsed on their own,
   * and the answer's ranges are moved back to the whole paper.
   */
  private near<T>(document: PaperDocument, position: Position, settings: LexciteSettings | undefined, feature: (paper: Paper, position: Position) => T): T {
    const { paper, truncated } = this.limited(document, settings);
    if (!truncated || position.line < paper.lines.lineCount - 1) return feature(paper, position);
    const text = document.getText();
    let whole = this.wholeLines.get(document.uri);
    if (!whole || whole.version !== document.version) {
      whole = { version: document.version, lines: new LineIndex(text) };
      this.wholeLines.set(document.uri, whole);
    }
    const lines = whole.lines;
    const offset = lines.offsetAt(position);
    const { start, end } = windowAround(text, offset);
    const window = makePaper(this.corpus, document.uri, document.version, text.slice(start, end), settings?.paperDate);
    const answer = feature(window, window.lines.positionAt(offset - start));
    return mapRanges(answer, document.uri, (p) => lines.positionAt(start + window.lines.offsetAt(p)));
  }

  private checkOptions(document: PaperDocument, settings: LexciteSettings): { paper: Paper; options: CheckOptions & { locale: Locale } } {
    const { paper, truncated } = this.limited(document, settings);
    const options = { levels: settings.levels, locale: settings.locale, style: settings.style, maxCitations: settings.maxCitations, ...(truncated ? { truncated } : {}) };
    return { paper, options };
  }

  forget(uri: string): void {
    this.papers.delete(uri);
    this.sizeLimits.delete(uri);
    this.wholeLines.delete(uri);
    this.lastDiagnostics.delete(uri);
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
    const last = this.lastDiagnostics.get(document.uri);
    if (last && last.version === document.version && last.settings === settings) return last.diagnostics;
    const { paper, options } = this.checkOptions(document, settings);
    const checked = checkPaper(this.corpus, paper, options);
    // Most edits leave the diagnostics as they were (the paragraphs' are kept as the same objects): the list the
    // editor already has is kept too, so that a pull is answered "unchanged" rather than with the list again.
    const diagnostics = last && sameDiagnostics(last.diagnostics, checked) ? last.diagnostics : checked;
    this.lastDiagnostics.set(document.uri, { version: document.version, settings, diagnostics });
    return diagnostics;
  }

  /**
   * Every citation's verdict (verdicts.ts) with its range, from this version's diagnostics; citations past
   * lexcite.maxCitations are left out, as they are from the diagnostics.
   */
  verdicts(document: PaperDocument, settings: LexciteSettings): PaperVerdict[] {
    const { paper } = this.limited(document, settings);
    const context = new VerdictContext(this.corpus, paper, this.diagnostics(document, settings), settings.locale);
    const limit = cutForCitations(paper.parsed, settings.maxCitations ?? 0, paper.change)?.offset ?? Infinity;
    return paperVerdicts(context, limit).map(({ start, end, ...verdict }) => ({ range: paper.lines.range(start, end), ...verdict }));
  }

  /** Forgets the diagnostics kept per document version: the corpus can now say more (its reverse index is built). */
  forgetDiagnostics(): void {
    this.lastDiagnostics.clear();
  }

  hover(document: PaperDocument, position: Position, settings: LexciteSettings): Hover | undefined {
    // The verdict line reads this version's diagnostics when they are there; before the paper is checked, only the
    // checks its citation depends on (citationChecks.ts). A window of a paper past the size limit stands alone.
    const whole = this.paper(document, settings);
    return this.near(document, position, settings, (paper, at) => {
      const { options } = this.checkOptions(document, settings);
      const last = this.lastDiagnostics.get(document.uri);
      const checked = paper === whole && last?.version === document.version && last.settings === settings;
      const all = () => (paper === whole ? this.diagnostics(document, settings) : checkPaper(this.corpus, paper, options));
      return provideHover(this.corpus, paper, at, settings, checked ? last.diagnostics : (span) => diagnosticsForVerdict(this.corpus, paper, options, span) ?? all());
    });
  }

  completion(document: PaperDocument, position: Position, settings: LexciteSettings): CompletionList {
    return this.near(document, position, settings, (paper, at) => provideCompletion(this.corpus, paper, at, settings));
  }

  resolveCompletion(item: CompletionItem): CompletionItem {
    return resolveCompletionItem(this.corpus, item);
  }

  definition(document: PaperDocument, position: Position, settings: LexciteSettings): Location[] {
    return this.near(document, position, settings, (paper, at) => provideDefinition(this.corpus, this.virtual(settings.locale), paper, at));
  }

  references(document: PaperDocument, position: Position, workspace: Iterable<PaperDocument>): Location[] {
    const papers = (function* (service: CitationService) {
      for (const other of workspace) yield service.paper(other);
    })(this);
    return provideReferences(this.corpus, this.paper(document), position, papers);
  }

  documentHighlights(document: PaperDocument, position: Position): DocumentHighlight[] {
    return this.near(document, position, undefined, (paper, at) => provideDocumentHighlights(this.corpus, paper, at));
  }

  documentSymbols(document: PaperDocument, settings: LexciteSettings): DocumentSymbol[] {
    return provideDocumentSymbols(this.corpus, this.paper(document, settings), settings);
  }

  workspaceSymbols(query: string, settings: LexciteSettings): SymbolInformation[] {
    return provideWorkspaceSymbols(this.corpus, query, settings);
  }

  /** `only`: the code action kinds the editor asks for (source.fixAll on save); absent, the quick fixes. */
  codeActions(document: PaperDocument, range: Range, diagnostics: Diagnostic[], settings: LexciteSettings, only?: string[]): CodeAction[] {
    // Fixes come from this version's own diagnostics: the client's may be for an older text (codeActions.ts).
    return provideCodeActions(this.paper(document, settings), range, diagnostics, this.diagnostics(document, settings), settings, only);
  }

  /**
   * A footnote citing a corpus entry at the position: `[^n]` there and its definition among the notes, with the
   * 同上注 / 同前注 alternatives when the work was cited before (footnoteInsert.ts). Edits are for this version.
   */
  footnote(document: PaperDocument, position: Position, entry: { type: EntryType; id: string }, settings: LexciteSettings): FootnotePlan {
    const { paper, truncated } = this.limited(document, settings);
    // Past the size cut the notes after it are unknown, and the label could collide with one of them.
    if (truncated) return { ok: false, problem: t(settings.locale, 'footnote.insert-too-large') };
    return planFootnote(this.corpus, paper, paper.lines.offsetAt(position), entry, settings);
  }

  /** The text of a lexcite: URI, for editors to show read-only. */
  virtualDocument(uri: string, settings: LexciteSettings): string | undefined {
    return this.virtual(settings.locale).get(uri)?.text;
  }

  lookup(citation: string): LookupResult {
    return lookupCitation(this.corpus, citation);
  }

  report(document: PaperDocument, file: string, format: ReportFormat, settings: LexciteSettings): string {
    const steps = this.reportInSteps(document, file, format, settings);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The report in steps (report.ts reportSteps), for a server to run in time slices; `isCancelled` is asked
   * between chunks and stops the report with ReportCancelled.
   */
  *reportInSteps(document: PaperDocument, file: string, format: ReportFormat, settings: LexciteSettings, isCancelled?: () => boolean): Generator<void, string> {
    const report = yield* this.citationReportSteps(document, file, settings, isCancelled);
    return renderReports([report], format, settings.locale);
  }

  /** The report as data, for a caller that renders several papers' reports together (the CLI). */
  citationReport(document: PaperDocument, file: string, settings: LexciteSettings): CitationReport {
    const steps = this.citationReportSteps(document, file, settings);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  private *citationReportSteps(document: PaperDocument, file: string, settings: LexciteSettings, isCancelled?: () => boolean): Generator<void, CitationReport> {
    const { paper, options } = this.checkOptions(document, settings);
    return yield* reportSteps(this.corpus, paper, file, { ...options, diagnostics: this.diagnostics(document, settings), ...(isCancelled ? { isCancelled } : {}) });
  }
}
