/**
 * The server's state and the corpus behind it: the bulletin and the statute book loaded once, the user's statute
 * folders and bibliographies loaded in the background, and a new service swapped in when any of them changes.
 */
import * as path from 'path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CitationService, LexciteSettings, normalizeLocale, RawSettings, t } from '../core';
import type { Corpus, CorpusDocument, CorpusFiles, LiteratureProblem } from '../core';
import { PartFailure, assembleCorpus, loadBulletin, loadBundledStatutes } from '../node/corpusAssembly';
import type { StatuteBook } from '../node/statuteBook';
import { reverseIndexCache } from '../node/reverseIndexCache';
import { isCacheProblem, loadCollections } from '../node/statuteCollections';
import { LoadFault, isFault } from '../node/statuteFolder';
import { runInSlices } from '../node/timeSlices';
import { Methods, Status } from '../../../protocol/requests';
import type { BibliographyWatch } from './bibliographyWatch';

export interface ServerState {
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
  /** Diagnostics of every open paper again: refreshed when pulled, pushed otherwise. */
  recheckOpenPapers: () => void;
}

/** A list setting of the workspace (lexcite.corpora, lexcite.bibliography); empty when the client cannot say. */
async function configuredList(state: ServerState, key: 'corpora' | 'bibliography'): Promise<unknown[]> {
  if (!state.configurationRequests) return [];
  try {
    const raw = (await state.connection.workspace.getConfiguration({ section: 'lexcite' })) as RawSettings | null;
    const value = raw?.[key];
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** Statute folders from lexcite.corpora (relative to the first workspace folder) and initialization options. */
async function configuredFolders(state: ServerState): Promise<string[]> {
  const configured = await configuredList(state, 'corpora');
  const base = state.workspaceFolders[0] ?? process.cwd();
  const folders = [...configured, ...state.initializationCorpora].filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  return [...new Set(folders.map((f) => path.resolve(base, f.replace(/^~(?=$|\/)/, process.env.HOME ?? '~'))))];
}

/**
 * Loads the configured statute folders in the background (time-sliced, so requests keep being answered), then
 * swaps in a corpus that includes them. A newer configuration supersedes a load still running.
 */
export function reloadStatutesInBackground(state: ServerState): void {
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
export function reloadBibliographyInBackground(state: ServerState): void {
  reloadBibliography(state).catch((error) => state.connection.console.error(`lexcite: loading the bibliographies failed: ${(error as Error)?.stack ?? String(error)}`));
}

async function reloadBibliography(state: ServerState): Promise<void> {
  const configured = await configuredList(state, 'bibliography');
  const patterns = [...configured, ...state.initializationBibliography].filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  const base = state.workspaceFolders[0] ?? process.cwd();
  if (state.bibliography.configure(patterns.map((p) => p.replace(/^~(?=$|\/)/, process.env.HOME ?? '~')), base)) literatureChanged(state);
}

/** New works: a new corpus, unless a statute load is under way (its swap will include them). */
export function literatureChanged(state: ServerState): void {
  if (state.statutes.loading || !state.service) return;
  void swapCorpus(state, state.statutes.generation);
}

export function reportBibliography(state: ServerState, problems: LiteratureProblem[], records: number, files: number): void {
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
  state.recheckOpenPapers();
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
  // Never built in the middle of a request: withReverseIndexWanted builds it in slices, or loads it from the cache.
  corpus.buildReverseIndexOnDemand = false;
  corpus.reverseIndexStore = reverseIndexCache({
    cacheDir: state.cacheDir, folders: state.statutes.folders,
    log: (message, kind) => (kind === 'problem' ? state.connection.console.warn(`lexcite: ${message}`) : state.connection.console.info(`lexcite: ${message}`)),
  });
  return corpus;
}

/** The service, built on first use. */
export function serviceOf(state: ServerState): CitationService {
  if (state.service) return state.service;
  state.service = new CitationService(corpusOf(state));
  void state.connection.sendNotification(Methods.status, statusOf(state));
  return state.service;
}

export function statusOf(state: ServerState): Status {
  const stats = state.service?.corpus.stats;
  const statuteBookDate = state.service?.corpus.statuteBookDate;
  return { ready: state.service !== undefined, loadingStatutes: state.statutes.loading, statuteFolders: state.statutes.folders, folderStatutes: state.statutes.documents.length, ...(stats ?? {}), ...(statuteBookDate ? { statuteBookDate } : {}) };
}
