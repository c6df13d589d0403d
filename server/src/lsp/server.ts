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
  CancellationToken, Connection, Diagnostic, DidChangeConfigurationNotification, DocumentDiagnosticReport, DocumentDiagnosticReportKind, InitializeParams,
  InitializeResult, LSPErrorCodes, ProposedFeatures, ResponseError, TextDocumentSyncKind, TextDocuments, createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CitationService, LEXCITE_VERSION, LexciteSettings, RawSettings, ReportCancelled, resolveSettings, t } from '../core';
import { defaultCacheDirectory } from '../node/statuteCollections';
import { runInSlices } from '../node/timeSlices';
import { searchItems, provisionAt } from './customRequests';
import { FootnoteParams, FootnoteResult, Methods, ProvisionAtParams, ReportParams, SearchParams, VirtualDocumentParams } from '../../../protocol/requests';
import { workspacePapers } from './workspacePapers';
import { BibliographyWatch } from './bibliographyWatch';
import { ServerState, literatureChanged, reloadBibliographyInBackground, reloadStatutesInBackground, reportBibliography, serviceOf, statusOf } from './serverState';

export const TRIGGER_CHARACTERS = ['《', '第', '〔', '@'];


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
    recheckOpenPapers: () => {
      if (state.pullDiagnostics) connection.languages.diagnostics.refresh();
      else for (const document of documents.all()) void pushDiagnostics(state, document);
    },
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
    state.recheckOpenPapers();
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
  // A report the client already has (the service kept the same list for this version and settings) is answered
  // "unchanged" instead of sent again.
  const resultIds = new WeakMap<Diagnostic[], string>();
  let nextResultId = 0;
  connection.languages.diagnostics.on(withDocument('diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, (document, service, settings, params): DocumentDiagnosticReport => {
    const items = withReverseIndexWanted(state, service.diagnostics(document, settings));
    let resultId = resultIds.get(items);
    if (!resultId) resultIds.set(items, (resultId = String(++nextResultId)));
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }));

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

function failed(connection: Connection, request: string, error: unknown): ResponseError<never> {
  connection.console.error(`lexcite: ${request} failed: ${(error as Error)?.stack ?? String(error)}`);
  return new ResponseError<never>(LSPErrorCodes.RequestFailed, `lexcite: ${request} failed: ${(error as Error)?.message ?? String(error)}`);
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
    state.recheckOpenPapers();
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
