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
import { Methods, ProvisionAtResult, SearchItem, Status, TextResult } from '../../protocol/requests';

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
        return result?.text ?? vscode.l10n.t('Not in the LexCite index: {0}', uri.toString());
      },
    }),
    vscode.commands.registerCommand('lexcite.searchCorpus', () => pickCitation(false)),
    vscode.commands.registerCommand('lexcite.insertCitation', () => pickCitation(true)),
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
  const problems = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'lexcite' && d.severity <= vscode.DiagnosticSeverity.Warning).length : 0;
  if (!corpusStatus.ready) {
    statusItem.text = '$(loading~spin) 法引';
    statusItem.tooltip = vscode.l10n.t('LexCite is loading its index');
  } else {
    const size = vscode.l10n.t('{0} documents · {1} provisions', corpusStatus.documents ?? 0, corpusStatus.provisions ?? 0);
    const loading = corpusStatus.loadingStatutes ? ' $(sync~spin)' : '';
    statusItem.text = `$(law) 法引 ${corpusStatus.documents}/${corpusStatus.provisions}${loading}` + (editor?.document.languageId === 'markdown' ? ` $(warning) ${problems}` : '');
    const book = corpusStatus.statuteBookDate ? vscode.l10n.t('Statute book as of {0}', corpusStatus.statuteBookDate) : vscode.l10n.t('No statute book loaded');
    const statutes = corpusStatus.loadingStatutes ? vscode.l10n.t('Loading statute folders…') : vscode.l10n.t('{0} statutes (statute book and lexcite.corpora)', corpusStatus.statutes ?? 0);
    statusItem.tooltip = `${size}\n${book}\n${statutes}\n${vscode.l10n.t('{0} citation problems in this paper', problems)}`;
  }
  statusItem.show();
}

/** QuickPick over the corpus; the server ranks (fuzzy, pinyin, abbreviations) and formats the citation. */
async function pickCitation(replaceSelection: boolean): Promise<void> {
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { item: SearchItem }>();
  quickPick.placeholder = vscode.l10n.t('Search titles, pinyin (xmscjsjcy), abbreviations (个保法) or authors');
  quickPick.matchOnDescription = false;
  quickPick.matchOnDetail = false;
  const selected = editor && replaceSelection ? editor.document.getText(editor.selection).trim() : '';
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
  quickPick.onDidChangeValue((value) => void search(value));
  quickPick.onDidAccept(async () => {
    const choice = quickPick.selectedItems[0]?.item;
    quickPick.hide();
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
  });
  quickPick.onDidHide(() => quickPick.dispose());
  quickPick.show();
  if (selected) {
    quickPick.value = selected;
    await search(selected);
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
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already in lexcite.corpora ({1}).', entry, where));
    return;
  }
  await config.update('corpora', [...current, entry], target);
  void vscode.window.showInformationMessage(vscode.l10n.t('Added statute folder {0} to lexcite.corpora ({1}); LexCite is indexing it.', entry, where));
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
