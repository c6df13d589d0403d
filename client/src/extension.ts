/**
 * The VS Code client: starts the bundled language server and offers its features through commands, a
 * status-bar item and read-only lexcite: documents. No citation logic lives here — every answer comes from
 * the server.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind,
} from 'vscode-languageclient/node';
import { FootnoteChoice, FootnoteResult, Methods, ProvisionAtResult, SearchItem, Status, TextResult } from '../../protocol/requests';

const MAX_RESTARTS = 4;

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem;
let corpusStatus: Status = { ready: false };

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('LexCite');
  context.subscriptions.push(output);
  statusItem = vscode.window.createStatusBarItem('lexcite.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'LexCite';
  statusItem.command = 'lexcite.searchCorpus';
  context.subscriptions.push(statusItem);
  updateStatus();

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }, { scheme: 'untitled', language: 'markdown' }],
    outputChannel: withoutNormalExits(output),
    // The server caches parsed statute collections here, so a restart does not re-parse them.
    initializationOptions: { cacheDir: context.globalStorageUri.fsPath },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        restarts++;
        if (restarts > MAX_RESTARTS) {
          void vscode.window.showErrorMessage(vscode.l10n.t('LexCite server stopped {0} times and will not be restarted. See the LexCite output.', restarts - 1));
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        void vscode.window.showWarningMessage(vscode.l10n.t('LexCite server stopped unexpectedly and was restarted.'));
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  client = new LanguageClient('lexcite', 'LexCite', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('lexcite', {
      provideTextDocumentContent: async (uri) => {
        const result = await client?.sendRequest<TextResult | null>(Methods.virtualDocument, { uri: uri.toString() });
        return result?.text ?? vscode.l10n.t('This work is no longer in the LexCite index (it was reloaded). Open it again from the paper.');
      },
    }),
    vscode.commands.registerCommand('lexcite.searchCorpus', () => pickCitation(false)),
    vscode.commands.registerCommand('lexcite.insertCitation', () => pickCitation(true)),
    vscode.commands.registerCommand('lexcite.insertFootnote', insertFootnote),
    vscode.commands.registerCommand('lexcite.showProvision', showProvision),
    vscode.commands.registerCommand('lexcite.restartServer', async () => {
      restarts = 0;
      await client?.restart();
      void vscode.window.showInformationMessage(vscode.l10n.t('LexCite server restarted.'));
    }),
    vscode.commands.registerCommand('lexcite.showOutput', () => output.show()),
    vscode.commands.registerCommand('lexcite.openReport', openReport),
    vscode.commands.registerCommand('lexcite.saveReport', saveReport),
    vscode.commands.registerCommand(REVEAL_LINE, revealLine),
    vscode.commands.registerCommand('lexcite.addStatuteFolder', addStatuteFolder),
    vscode.commands.registerCommand('lexcite.openSample', (which?: unknown) => openSample(context, which === 'faulty' ? 'faulty-paper.md' : 'sample-paper.md')),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) void refreshStatus();
      else updateStatus();
    }),
  );

  await client.start();
  client.onNotification(Methods.status, (status: Status) => {
    corpusStatus = status;
    updateStatus();
  });
  await refreshStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function refreshStatus(): Promise<void> {
  try {
    corpusStatus = (await client?.sendRequest<Status>(Methods.status)) ?? corpusStatus;
  } catch {
    // The server is (re)starting; its status notification will follow.
  }
  updateStatus();
}

function updateStatus(): void {
  const editor = vscode.window.activeTextEditor;
  const paper = editor?.document.languageId === 'markdown' ? editor.document : undefined;
  const problems = paper ? vscode.languages.getDiagnostics(paper.uri).filter((d) => d.source === 'lexcite' && d.severity <= vscode.DiagnosticSeverity.Warning).length : 0;
  if (!corpusStatus.ready) {
    statusItem.text = `$(loading~spin) ${vscode.l10n.t('LexCite')}`;
    statusItem.tooltip = vscode.l10n.t('LexCite is loading its index');
    statusItem.show();
    return;
  }
  // In words, for the paper in front of the user; the numbers behind it are in the tooltip.
  const loading = corpusStatus.loadingStatutes ? ' $(sync~spin)' : '';
  const words = !paper ? vscode.l10n.t('LexCite')
    : problems === 0 ? vscode.l10n.t('LexCite: no problems')
      : problems === 1 ? vscode.l10n.t('LexCite: 1 problem') : vscode.l10n.t('LexCite: {0} problems', problems);
  statusItem.text = `$(law) ${words}${loading}`;
  const lines = [
    paper ? (problems === 0 ? vscode.l10n.t('No citation problems in this paper') : vscode.l10n.t('{0} citation problems in this paper (errors and warnings)', problems)) : vscode.l10n.t('Open a Markdown paper to check its citations'),
    vscode.l10n.t('Index: {0} documents, {1} provisions, {2} statutes', corpusStatus.documents ?? 0, corpusStatus.provisions ?? 0, corpusStatus.statutes ?? 0),
    corpusStatus.statuteBookDate ? vscode.l10n.t('Statute book as of {0}', corpusStatus.statuteBookDate) : vscode.l10n.t('No statute book loaded'),
    corpusStatus.loadingStatutes ? vscode.l10n.t('Loading your statute folders…')
      : (corpusStatus.statuteFolders?.length ?? 0) > 0 ? vscode.l10n.t('{0} statutes from your statute folders', corpusStatus.folderStatutes ?? 0) : vscode.l10n.t('No statute folders added'),
    vscode.l10n.t('Click to search the index'),
  ];
  statusItem.tooltip = lines.join('\n');
  statusItem.show();
}

/** QuickPick over the corpus; the server ranks (fuzzy, pinyin, abbreviations) and formats the citation. */
function pickWork(editor: vscode.TextEditor | undefined, initial: string, placeholder: string): Promise<SearchItem | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { item: SearchItem }>();
  quickPick.placeholder = placeholder;
  quickPick.matchOnDescription = false;
  quickPick.matchOnDetail = false;
  let generation = 0;
  const search = async (query: string) => {
    const mine = ++generation;
    quickPick.busy = true;
    const items = query.trim() ? await client!.sendRequest<SearchItem[]>(Methods.search, { query, limit: 30, uri: editor?.document.uri.toString() }) : [];
    if (mine !== generation) return;
    // alwaysShow: the server has already filtered and ranked; VS Code must not filter again.
    quickPick.items = items.map((item) => ({ label: item.title, description: item.detail, detail: item.previewLine, alwaysShow: true, item }));
    quickPick.busy = false;
  };
  return new Promise((resolve) => {
    let chosen: SearchItem | undefined;
    quickPick.onDidChangeValue((value) => void search(value));
    quickPick.onDidAccept(() => {
      chosen = quickPick.selectedItems[0]?.item;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(chosen);
    });
    quickPick.show();
    if (initial) {
      quickPick.value = initial;
      void search(initial);
    }
  });
}

async function pickCitation(replaceSelection: boolean): Promise<void> {
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  const selected = editor && replaceSelection ? editor.document.getText(editor.selection).trim() : '';
  const choice = await pickWork(editor, selected, vscode.l10n.t('Search titles, pinyin (xmscjsjcy), abbreviations (个保法) or authors'));
  if (!choice) return;
  const target = vscode.window.activeTextEditor;
  if (target && target.document.languageId === 'markdown') {
    await target.edit((edit) => {
      if (replaceSelection && !target.selection.isEmpty) edit.replace(target.selection, choice.insertText);
      else edit.insert(target.selection.active, choice.insertText);
    });
  } else {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(choice.uri));
    await vscode.window.showTextDocument(document, { preview: true });
  }
}

/**
 * A footnote in one step: the user picks the work; the server answers with the edits (`[^n]` here, the note among
 * the notes, and 同上注 / 同前注 when they apply) for the version the user saw; they are applied only to that version.
 */
async function insertFootnote(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown paper and put the cursor where the footnote belongs.'));
    return;
  }
  const document = editor.document;
  const version = document.version;
  const position = editor.selection.active;
  const work = await pickWork(editor, '', vscode.l10n.t('Footnote: search the work to cite (title, pinyin, abbreviation or author)'));
  if (!work) return;
  const result = await client.sendRequest<FootnoteResult | null>(Methods.footnote, {
    textDocument: { uri: document.uri.toString() }, version, position: { line: position.line, character: position.character }, type: work.type, id: work.id,
  });
  if (!result) return;
  if (result.choices.length === 0) {
    void vscode.window.showWarningMessage(result.problem ?? vscode.l10n.t('No footnote could be inserted here.'));
    return;
  }
  let choice: FootnoteChoice = result.choices[0];
  if (result.choices.length > 1) {
    const picked = await vscode.window.showQuickPick(
      result.choices.map((c) => ({ label: c.note, description: c.label, choice: c })),
      { placeHolder: vscode.l10n.t('Footnote {0}: cite it in full or as a short form', result.number ?? '') },
    );
    if (!picked) return;
    choice = picked.choice;
  }
  if (document.isClosed || document.version !== result.version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The paper changed while the work was being chosen; no footnote was inserted. Try again.'));
    return;
  }
  const reference = `[^${result.label}]`;
  const applied = await editor.edit((edit) => {
    for (const e of choice.edits) edit.replace(new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  });
  // The cursor goes after the new reference, so writing goes on where it stopped.
  const line = document.lineAt(position.line).text;
  const at = line.indexOf(reference, Math.max(0, position.character - 1));
  if (applied && at >= 0) {
    const after = new vscode.Position(position.line, at + reference.length);
    editor.selection = new vscode.Selection(after, after);
  }
}

/**
 * Asks for a folder and appends it to lexcite.corpora: in the workspace settings when a workspace is open
 * (relative to its first folder when inside it, as the server reads it), else in the user settings.
 */
async function addStatuteFolder(): Promise<void> {
  const [folder] = await vscode.window.showOpenDialog({
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
    openLabel: vscode.l10n.t('Add statute folder'), title: vscode.l10n.t('Statute folder to index (Markdown or Ansvar JSON)'),
  }) ?? [];
  if (!folder) return;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = root ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const relative = root && root.scheme === 'file' ? path.relative(root.fsPath, folder.fsPath) : undefined;
  const entry = relative !== undefined && relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : folder.fsPath;
  const config = vscode.workspace.getConfiguration('lexcite');
  const inspected = config.inspect<unknown>('corpora');
  const existing = root ? inspected?.workspaceValue : inspected?.globalValue;
  const current = Array.isArray(existing) ? existing.filter((c): c is string => typeof c === 'string') : [];
  const where = root ? vscode.l10n.t('workspace settings') : vscode.l10n.t('user settings');
  if (current.includes(entry)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already one of your statute folders ({1}).', entry, where));
    return;
  }
  await config.update('corpora', [...current, entry], target);
  void vscode.window.showInformationMessage(vscode.l10n.t('Added statute folder {0} ({1}); LexCite is indexing it.', entry, where));
}

/**
 * A paper shipped with the extension (the sample, or with `faulty` from the walkthrough the one with a mistake in
 * each paragraph), as a new unsaved paper the user may edit freely.
 */
async function openSample(context: vscode.ExtensionContext, file: 'sample-paper.md' | 'faulty-paper.md'): Promise<void> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.file(context.asAbsolutePath(`examples/${file}`)));
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: new TextDecoder().decode(bytes) });
  await vscode.window.showTextDocument(document, { preview: false });
}

async function showProvision(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return;
  const result = await client.sendRequest<ProvisionAtResult | null>(Methods.provisionAt, {
    textDocument: { uri: editor.document.uri.toString() },
    position: { line: editor.selection.active.line, character: editor.selection.active.character },
  });
  if (!result) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No citation of an indexed document under the cursor.'));
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
  const position = new vscode.Position(result.line, 0);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true, selection: new vscode.Range(position, position) });
}

/** The citation report of the current paper, rendered by the server, in a webview (no scripts). */
async function openReport(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown paper to see its citation report.'));
    return;
  }
  const result = await client.sendRequest<TextResult | null>(Methods.report, { textDocument: { uri: editor.document.uri.toString() }, format: 'html' });
  if (!result) return;
  // The rows' links (paper.md#L12) become links that reveal the line in the paper: the one command allowed.
  const panel = vscode.window.createWebviewPanel('lexcite.report', vscode.l10n.t('Citation report: {0}', editor.document.fileName.split(/[\\/]/).pop() ?? ''), vscode.ViewColumn.Beside, { enableScripts: false, localResourceRoots: [], enableCommandUris: [REVEAL_LINE] });
  // The report shows text from papers and statute files: whatever slipped through escaping may not run
  // scripts, load remote images or reach local files. Only the report's own inline style is allowed.
  const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src ${panel.webview.cspSource} data:;">`;
  const paper = editor.document.uri.toString();
  const withLinks = result.text.replace(/<a href="[^"#]*#L(\d+)">/g, (_, line: string) => `<a href="command:${REVEAL_LINE}?${encodeURIComponent(JSON.stringify([paper, Number(line)]))}">`);
  panel.webview.html = withLinks.replace(/<head>/i, `<head>${policy}`);
}

/** Not in the palette: what a row of the report's webview runs to show its line of the paper. */
const REVEAL_LINE = 'lexcite.revealReportLine';

async function revealLine(uri: unknown, line: unknown): Promise<void> {
  if (typeof uri !== 'string' || typeof line !== 'number' || !Number.isInteger(line) || line < 1) return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const position = new vscode.Position(Math.min(line - 1, document.lineCount - 1), 0);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
}

/**
 * The cite-check report of the current paper saved as a file, by default next to the paper, where the links of
 * its rows (paper.md#L12) reach the paper's lines.
 */
async function saveReport(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown paper to see its citation report.'));
    return;
  }
  const formats = [
    { label: 'HTML', description: vscode.l10n.t('HTML (opens in a browser, prints to PDF)'), format: 'html', extension: 'html' },
    { label: 'Markdown', description: vscode.l10n.t('Markdown (rows link to the paper’s lines)'), format: 'md', extension: 'md' },
    { label: 'CSV', description: vscode.l10n.t('CSV (for a spreadsheet)'), format: 'csv', extension: 'csv' },
    { label: 'JSON', description: vscode.l10n.t('JSON (for scripts)'), format: 'json', extension: 'json' },
  ] as const;
  const picked = await vscode.window.showQuickPick(formats, { placeHolder: vscode.l10n.t('Save the cite-check report as') });
  if (!picked) return;
  const paper = editor.document.uri;
  const base = paper.path.split('/').pop()?.replace(/\.[^.]*$/, '') ?? 'paper';
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(paper, '..', `${base}.cite-check.${picked.extension}`),
    filters: { [picked.label]: [picked.extension] },
  });
  if (!target) return;
  const result = await client.sendRequest<TextResult | null>(Methods.report, { textDocument: { uri: paper.toString() }, format: picked.format });
  if (!result) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Saved the cite-check report to {0}.', target.fsPath), open);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', target);
}

/**
 * The language client logs every exit of the server process as an error, the normal exit of a restart (code 0)
 * included; that line is left out, so the log shows only what went wrong.
 */
function withoutNormalExits(channel: vscode.OutputChannel): vscode.OutputChannel {
  const normalExit = /Server process exited with code 0\.?\s*$/;
  return new Proxy(channel, {
    get(target, property, receiver) {
      if (property === 'appendLine') return (line: string) => (normalExit.test(line) ? undefined : target.appendLine(line));
      if (property === 'append') return (text: string) => (normalExit.test(text) ? undefined : target.append(text));
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
