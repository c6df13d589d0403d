/**
 * The LSP server: wires protocol requests to the citation service and nothing more. Capabilities are
 * declared in one literal; each handler finds the document and calls the service, isolated so a failure is
 * logged and answered as an error for that request only.
 *
 * Diagnostics are pulled (textDocument/diagnostic) when the client can, and pushed otherwise. Settings are read
 * per document from `lexcite.*` and cached until the configuration changes.
 */
import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  CancellationToken, Connection, DidChangeConfigurationNotification, DocumentDiagnosticReportKind, InitializeParams,
  InitializeResult, LSPErrorCodes, ProposedFeatures, ResponseError, TextDocumentSyncKind, TextDocuments, createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CitationService, LEXCITE_VERSION, LexciteSettings, normalizeLocale, RawSettings, ReportCancelled, resolveSettings, t } from '../core';
import type { Corpus, CorpusDocument, CorpusFiles } from '../core';
import { PartFailure, assembleCorpus, loadBulletin, loadBundledStatutes } from '../node/corpusAssembly';
import type { StatuteBook } from '../node/statuteBook';
import { defaultCacheDirectory, isCacheProblem, loadCollections } from '../node/statuteCollections';
import { LoadFault, isFault } from '../node/statuteFolder';
import { runInSlices } from '../node/timeSlices';
import { searchItems, provisionAt } from './customRequests';
import { FootnoteParams, FootnoteResult, Methods, ProvisionAtParams, ReportParams, SearchParams, Status, VirtualDocumentParams } from '../../../protocol/requests';
import { workspacePapers } from './workspacePapers';
import { BibliographyWatch } from './bibliographyWatch';
import type { LiteratureProblem } from '../core';

export const TRIGGER_CHARACTERS = ['《', '第', '〔', '@'];

interface ServerState {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: CitationService | undefined;
  /** The bulletin and the bundled statute book as loaded (once; a statute folder load only adds to them). */
  productData: { bulletin: CorpusFiles | undefined; book: StatuteBook | undefined } | undefined;
  statutes: { folders: string[]; documents: CorpusDocument[]; loading: boolean; problems: number; generation: number };
  cacheDir: string;
  initializationCorpora: string[];
  locale: string | undefined;
  pullDiagnostics: boolean;
  configurationRequests: boolean;
  settings: Map<string, Promise<LexciteSettings>>;
  workspaceFolders: string[];
  /** Statute folder faults the user has been told about (file and message), so each is shown once. */
  reportedFaults: Set<string>;
  /** The corpus whose reverse index is being built in the background. */
  reverseIndexFor?: Corpus;
  /** lexcite.bibliography: the works of the user's bibliographies, reloaded when their files change. */
  bibliography: BibliographyWatch;
  initializationBibliography: string[];
}

export function startServer(): Connection {
  const connection = process.argv.includes('--stdio')
    ? createConnection(ProposedFeatures.all, process.stdin, process.stdout)
    : createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const state: ServerState = {
    connection, documents, service: undefined, productData: undefined, locale: undefined, pullDiagnostics: false,
    configurationRequests: false, settings: new Map(), workspaceFolders: [], reportedFaults: new Set(),
    statutes: { folders: [], documents: [], loading: false, problems: 0, generation: 0 },
    cacheDir: defaultCacheDirectory(), initializationCorpora: [],
    bibliography: new BibliographyWatch(() => literatureChanged(state), (problems, records, files) => reportBibliography(state, problems, records, files)),
    initializationBibliography: [],
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    state.locale = params.locale;
    // Editors without workspace/configuration pass statute folders and a cache folder here.
    const init = (params.initializationOptions ?? {}) as { corpora?: unknown; cacheDir?: unknown; bibliography?: unknown };
    if (Array.isArray(init.corpora)) state.initializationCorpora = init.corpora.filter((c): c is string => typeof c === 'string');
    if (Array.isArray(init.bibliography)) state.initializationBibliography = init.bibliography.filter((c): c is string => typeof c === 'string');
    if (typeof init.cacheDir === 'string' && init.cacheDir) state.cacheDir = init.cacheDir;
    state.pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    state.configurationRequests = params.capabilities.workspace?.configuration === true;
    state.workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    if (state.workspaceFolders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) state.workspaceFolders.push(root);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: true },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll'] },
        ...(state.pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'lexcite', version: LEXCITE_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (state.configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    // Load the corpus now, after the initialize reply, so start-up is not delayed by it; statute folders
    // follow in the background.
    setImmediate(() => {
      serviceOf(state);
      reloadStatutesInBackground(state);
      reloadBibliographyInBackground(state);
    });
  });

  connection.onDidChangeConfiguration(() => {
    state.settings.clear();
    reloadStatutesInBackground(state);
    reloadBibliographyInBackground(state);
    if (state.pullDiagnostics) connection.languages.diagnostics.refresh();
    else for (const document of documents.all()) void pushDiagnostics(state, document);
  });

  documents.onDidClose((event) => {
    state.settings.delete(event.document.uri);
    state.service?.forget(event.document.uri);
    if (!state.pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  if (!state.pullDiagnostics) {
    const pending = new Map<string, NodeJS.Timeout>();
    documents.onDidChangeContent((event) => {
      if (state.pullDiagnostics) return;
      clearTimeout(pending.get(event.document.uri));
      pending.set(event.document.uri, setTimeout(() => void pushDiagnostics(state, event.document), 50));
    });
  }

  const withDocument = <P extends { textDocument: { uri: string } }, R>(name: string, empty: R, handler: (document: TextDocument, service: CitationService, settings: LexciteSettings, params: P) => R) =>
    async (params: P, token: CancellationToken): Promise<R | ResponseError<never>> => {
      try {
        // Malformed parameters fail this request only, like any other error in a handler.
        const document = documents.get(params.textDocument.uri);
        if (!document) return empty;
        const settings = await settingsFor(state, document.uri);
        if (token.isCancellationRequested) return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'cancelled');
        return handler(document, serviceOf(state), settings, params);
      } catch (error) {
        return failed(connection, name, error);
      }
    };

  connection.onHover(withDocument('hover', null, (document, service, settings, params) => service.hover(document, params.position, settings) ?? null));
  connection.onCompletion(withDocument('completion', { isIncomplete: false, items: [] }, (document, service, settings, params) => service.completion(document, params.position, settings)));
  connection.onCompletionResolve((item) => {
    try {
      return serviceOf(state).resolveCompletion(item);
    } catch (error) {
      return failed(connection, 'completionItem/resolve', error);
    }
  });
  connection.onDefinition(withDocument('definition', [], (document, service, settings, params) => service.definition(document, params.position, settings)));
  connection.onReferences(withDocument('references', [], (document, service, settings, params) => service.references(document, params.position, workspacePapers(documents.all(), state.workspaceFolders, settings.maxPaperSize))));
  connection.onDocumentHighlight(withDocument('documentHighlight', [], (document, service, _settings, params) => service.documentHighlights(document, params.position)));
  connection.onDocumentSymbol(withDocument('documentSymbol', [], (document, service, settings) => service.documentSymbols(document, settings)));
  connection.onCodeAction(withDocument('codeAction', [], (document, service, settings, params) => service.codeActions(document, params.range, params.context.diagnostics, settings, params.context.only)));
  connection.languages.diagnostics.on(withDocument('diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, (document, service, settings) => ({
    kind: DocumentDiagnosticReportKind.Full, items: withReverseIndexWanted(state, service.diagnostics(document, settings)),
  })));

  connection.onWorkspaceSymbol(async (params, token) => {
    try {
      const settings = await settingsFor(state, undefined);
      if (token.isCancellationRequested) return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'cancelled');
      return serviceOf(state).workspaceSymbols(params.query, settings);
    } catch (error) {
      return failed(connection, 'workspaceSymbol', error);
    }
  });

  connection.onRequest(Methods.virtualDocument, async (params: VirtualDocumentParams) => {
    try {
      const text = serviceOf(state).virtualDocument(params.uri, await settingsFor(state, undefined));
      return text === undefined ? null : { text };
    } catch (error) {
      return failed(connection, Methods.virtualDocument, error);
    }
  });
  connection.onRequest(Methods.search, async (params: SearchParams) => {
    try {
      const settings = await settingsFor(state, params.uri);
      const paper = params.uri === undefined ? undefined : documents.get(params.uri);
      return searchItems(serviceOf(state), params.query, params.limit ?? 30, settings, paper);
    } catch (error) {
      return failed(connection, Methods.search, error);
    }
  });
  connection.onRequest(Methods.provisionAt, async (params: ProvisionAtParams) => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      return provisionAt(serviceOf(state), document, params.position, await settingsFor(state, document.uri)) ?? null;
    } catch (error) {
      return failed(connection, Methods.provisionAt, error);
    }
  });
  connection.onRequest(Methods.report, async (params: ReportParams, token: CancellationToken) => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const file = uriToPath(document.uri) ?? document.uri;
      const settings = await settingsFor(state, document.uri);
      // In time slices, so other requests and $/cancelRequest are seen while a long paper's report is built.
      const steps = serviceOf(state).reportInSteps(document, path.basename(file), params.format ?? 'html', settings, () => token.isCancellationRequested);
      return { text: await runInSlices(steps) };
    } catch (error) {
      if (error instanceof ReportCancelled) return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'cancelled');
      return failed(connection, Methods.report, error);
    }
  });
  connection.onRequest(Methods.footnote, async (params: FootnoteParams): Promise<FootnoteResult | null | ResponseError<never>> => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await settingsFor(state, document.uri);
      if (document.version !== params.version) return { version: document.version, choices: [], problem: t(settings.locale, 'footnote.insert-stale') };
      const type = params.type === 'document' || params.type === 'record' || params.type === 'instrument' ? params.type : undefined;
      if (!type || typeof params.id !== 'string') return { version: document.version, choices: [], problem: t(settings.locale, 'footnote.insert-unknown-work') };
      const plan = serviceOf(state).footnote(document, params.position, { type, id: params.id }, settings);
      return plan.ok ? { version: document.version, label: plan.label, number: plan.number, choices: plan.choices } : { version: document.version, choices: [], problem: plan.problem };
    } catch (error) {
      return failed(connection, Methods.footnote, error);
    }
  });
  connection.onRequest(Methods.status, () => statusOf(state));
  // The benchmark's floor: a request answered without touching the corpus or any document.
  connection.onRequest(Methods.ping, () => null);

  connection.onShutdown(() => state.bibliography.dispose());
  documents.listen(connection);
  connection.listen();
  return connection;
}

/** Statute folders from lexcite.corpora (relative to the first workspace folder) and initialization options. */
async function configuredFolders(state: ServerState): Promise<string[]> {
  let configured: unknown[] = [];
  if (state.configurationRequests) {
    try {
      const raw = (await state.connection.workspace.getConfiguration({ section: 'lexcite' })) as RawSettings | null;
      configured = Array.isArray(raw?.corpora) ? raw!.corpora : [];
    } catch {
      configured = [];
    }
  }
  const base = state.workspaceFolders[0] ?? process.cwd();
  const folders = [...configured, ...state.initializationCorpora].filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  return [...new Set(folders.map((f) => path.resolve(base, f.replace(/^~(?=$|\/)/, process.env.HOME ?? '~'))))];
}

/**
 * Loads the configured statute folders in the background (time-sliced, so requests keep being answered), then
 * swaps in a corpus that includes them. A newer configuration supersedes a load still running.
 */
function reloadStatutesInBackground(state: ServerState): void {
  reloadStatutes(state).catch((error) => state.connection.console.error(`lexcite: loading statute folders failed: ${(error as Error)?.stack ?? String(error)}`));
}

async function reloadStatutes(state: ServerState): Promise<void> {
  const folders = await configuredFolders(state);
  if (folders.join('\n') === state.statutes.folders.join('\n') && (state.statutes.loading || state.statutes.documents.length > 0 || folders.length === 0)) return;
  const generation = ++state.statutes.generation;
  state.statutes.folders = folders;
  if (folders.length === 0) {
    state.statutes.documents = [];
    await swapCorpus(state, generation);
    return;
  }
  state.statutes.loading = true;
  void state.connection.sendNotification(Methods.status, statusOf(state));
  try {
    const load = await loadCollections(folders, state.cacheDir);
    if (generation !== state.statutes.generation) return;
    state.statutes.documents = load.documents;
    state.statutes.problems = load.problems.length;
    state.connection.console.info(`lexcite: ${load.documents.length} statutes from ${folders.join(', ')} (${load.files} files, ${load.cachedFiles} from cache, ${load.problems.length} import notes) in ${Math.round(load.milliseconds)} ms`);
    reportStatuteFaults(state, load.problems.filter(isFault));
    for (const problem of load.problems.filter(isCacheProblem)) state.connection.console.info(`lexcite: ${problem.file}: ${problem.message}`);
    for (const problem of load.problems.filter((p) => p.kind === 'skipped' && !isFault(p)).slice(0, 20)) state.connection.console.warn(`lexcite: skipped ${problem.file}: ${problem.message}`);
  } catch (error) {
    state.connection.console.error(`lexcite: loading statute folders failed: ${(error as Error).stack ?? String(error)}`);
    void state.connection.window.showWarningMessage(t(normalizeLocale(state.locale), 'server.statute-folders-failed', { message: (error as Error).message }));
  }
  await swapCorpus(state, generation);
}

/** lexcite.bibliography (relative to the first workspace folder) and initialization options, loaded and watched. */
function reloadBibliographyInBackground(state: ServerState): void {
  reloadBibliography(state).catch((error) => state.connection.console.error(`lexcite: loading the bibliographies failed: ${(error as Error)?.stack ?? String(error)}`));
}

async function reloadBibliography(state: ServerState): Promise<void> {
  let configured: unknown[] = [];
  if (state.configurationRequests) {
    try {
      const raw = (await state.connection.workspace.getConfiguration({ section: 'lexcite' })) as RawSettings | null;
      configured = Array.isArray(raw?.bibliography) ? raw!.bibliography : [];
    } catch {
      configured = [];
    }
  }
  const patterns = [...configured, ...state.initializationBibliography].filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  const base = state.workspaceFolders[0] ?? process.cwd();
  if (state.bibliography.configure(patterns.map((p) => p.replace(/^~(?=$|\/)/, process.env.HOME ?? '~')), base)) literatureChanged(state);
}

/** New works: a new corpus, unless a statute load is under way (its swap will include them). */
function literatureChanged(state: ServerState): void {
  if (state.statutes.loading || !state.service) return;
  void swapCorpus(state, state.statutes.generation);
}

function reportBibliography(state: ServerState, problems: LiteratureProblem[], records: number, files: number): void {
  state.connection.console.info(`lexcite: ${records} works from ${files} bibliography file(s)`);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  ${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
  state.connection.console.warn(`lexcite: ${problems.length} problem(s) in the bibliography files; the other works are loaded:\n${lines.join('\n')}`);
  const first = `${path.basename(problems[0].file)}${problems[0].line !== undefined ? `:${problems[0].line}` : ''}: ${problems[0].message}`;
  void state.connection.window.showWarningMessage(t(normalizeLocale(state.locale), 'server.bibliography-problems', { count: problems.length, first }));
}

/**
 * Statute folders or files that could not be loaded (missing folder, unreadable, binary or empty file): one
 * message in the log listing them all, and the user told once per fault, while everything else loads and serves.
 */
function reportStatuteFaults(state: ServerState, faults: LoadFault[]): void {
  if (faults.length === 0) return;
  state.connection.console.error(`lexcite: ${faults.length} statute file(s) or folder(s) could not be loaded; the rest is loaded:\n${faults.map((f) => `  ${f.file}: ${f.message}`).join('\n')}`);
  const fresh = faults.filter((f) => !state.reportedFaults.has(`${f.file}\u0000${f.message}`));
  if (fresh.length === 0) return;
  for (const f of fresh) state.reportedFaults.add(`${f.file}\u0000${f.message}`);
  const locale = normalizeLocale(state.locale);
  const reason = (fault: LoadFault) => t(locale, `server.fault.${fault.reason}`);
  const first = locale === 'zh-cn' ? `${path.basename(fresh[0].file)}：${reason(fresh[0])}` : `${path.basename(fresh[0].file)}: ${reason(fresh[0])}`;
  void state.connection.window.showWarningMessage(t(locale, 'server.statute-faults', { count: fresh.length, first }));
}

/**
 * A new corpus (bulletin + statutes) means a new service; open papers are re-checked against it. Its search
 * index is built before the swap, in time slices, so the old service answers the requests that arrive meanwhile
 * and the first completion afterwards does not pay for the index.
 */
async function swapCorpus(state: ServerState, generation: number): Promise<void> {
  if (generation !== state.statutes.generation) return;
  // Let the requests that queued during the load's last step through before the corpus is built.
  await new Promise((resolve) => setImmediate(resolve));
  const corpus = corpusOf(state);
  await runInSlices(corpus.buildSearchIndexInSteps());
  // A newer configuration started another load meanwhile: that one swaps.
  if (generation !== state.statutes.generation) return;
  state.statutes.loading = false;
  state.service = new CitationService(corpus);
  void state.connection.sendNotification(Methods.status, statusOf(state));
  if (state.pullDiagnostics) state.connection.languages.diagnostics.refresh();
  else for (const document of state.documents.all()) void pushDiagnostics(state, document);
}

function failed(connection: Connection, request: string, error: unknown): ResponseError<never> {
  connection.console.error(`lexcite: ${request} failed: ${(error as Error)?.stack ?? String(error)}`);
  return new ResponseError<never>(LSPErrorCodes.RequestFailed, `lexcite: ${request} failed: ${(error as Error)?.message ?? String(error)}`);
}

/**
 * The bulletin and the bundled statute book, loaded once — by the first request or by a finished statute folder
 * load, whichever comes first. A part that cannot be loaded is reported once; the server keeps serving without it.
 */
function productDataOf(state: ServerState): { bulletin: CorpusFiles | undefined; book: StatuteBook | undefined } {
  if (state.productData) return state.productData;
  const onFailure: PartFailure = (message) => reportCorpusFailure(state, message);
  const book = loadBundledStatutes(onFailure);
  if (book) state.connection.console.info(`lexcite: statute book of ${book.date}: ${book.documents.length} documents in ${Math.round(book.milliseconds)} ms`);
  state.productData = { bulletin: loadBulletin(onFailure), book };
  return state.productData;
}

function reportCorpusFailure(state: ServerState, message: string): void {
  state.connection.console.error(`lexcite: ${message}`);
  void state.connection.window.showErrorMessage(t(normalizeLocale(state.locale), 'server.corpus-failed', { message }));
}

/** The bulletin, the statute book and the statute folders as one index (node/corpusAssembly.ts). */
function corpusOf(state: ServerState): Corpus {
  const corpus = assembleCorpus({ ...productDataOf(state), folders: state.statutes.documents, literature: state.bibliography.records }, (message, part) => {
    if (part === 'statute folders') {
      state.statutes.documents = [];
      state.connection.console.error(`lexcite: ${message}`);
    } else {
      reportCorpusFailure(state, message);
    }
  });
  // Never built in the middle of a request: withReverseIndexWanted builds it in slices.
  corpus.buildReverseIndexOnDemand = false;
  return corpus;
}

/** The service, built on first use. */
function serviceOf(state: ServerState): CitationService {
  if (state.service) return state.service;
  state.service = new CitationService(corpusOf(state));
  void state.connection.sendNotification(Methods.status, statusOf(state));
  return state.service;
}

function statusOf(state: ServerState): Status {
  const stats = state.service?.corpus.stats;
  const statuteBookDate = state.service?.corpus.statuteBookDate;
  return { ready: state.service !== undefined, loadingStatutes: state.statutes.loading, statuteFolders: state.statutes.folders, folderStatutes: state.statutes.documents.length, ...(stats ?? {}), ...(statuteBookDate ? { statuteBookDate } : {}) };
}

async function settingsFor(state: ServerState, uri: string | undefined): Promise<LexciteSettings> {
  const key = uri ?? '';
  let settings = state.settings.get(key);
  if (!settings) {
    settings = state.configurationRequests
      ? state.connection.workspace.getConfiguration({ scopeUri: uri, section: 'lexcite' }).then(
        (raw: RawSettings | null) => resolveSettings(raw ?? undefined, state.locale),
        () => resolveSettings(undefined, state.locale),
      )
      : Promise.resolve(resolveSettings(undefined, state.locale));
    state.settings.set(key, settings);
  }
  return settings;
}

async function pushDiagnostics(state: ServerState, document: TextDocument): Promise<void> {
  try {
    const settings = await settingsFor(state, document.uri);
    const current = state.documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    await state.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: withReverseIndexWanted(state, serviceOf(state).diagnostics(document, settings)) });
  } catch (error) {
    state.connection.console.error(`lexcite: diagnostics failed for ${document.uri}: ${(error as Error).stack ?? String(error)}`);
  }
}

/**
 * A quotation check went without the reverse index (where else a misquoted provision's words are): it is built in
 * time slices, a few seconds in all, and the papers are checked again when it is ready.
 */
function withReverseIndexWanted<T>(state: ServerState, result: T): T {
  const corpus = state.service?.corpus;
  if (!corpus || !corpus.reverseIndexWanted || state.reverseIndexFor === corpus) return result;
  state.reverseIndexFor = corpus;
  void runInSlices(corpus.buildReverseIndexInSteps()).then(() => {
    if (state.service?.corpus !== corpus) return;
    state.service.forgetDiagnostics();
    if (state.pullDiagnostics) state.connection.languages.diagnostics.refresh();
    else for (const document of state.documents.all()) void pushDiagnostics(state, document);
  }, (error: unknown) => state.connection.console.error(`lexcite: building the reverse index failed: ${(error as Error)?.stack ?? String(error)}`));
  return result;
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
