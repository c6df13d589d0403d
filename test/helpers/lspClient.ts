/**
 * Drives the real language server process over stdio with JSON-RPC, as an editor would.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from './corpus';
import { Methods } from '../../protocol/requests';

export interface ClientOptions {
  /** Advertise pull diagnostics (textDocument/diagnostic); otherwise the server pushes. */
  pullDiagnostics?: boolean;
  locale?: string;
  workspaceFolder?: string;
  /** lexcite.* settings returned to workspace/configuration. */
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Start through `lexcite lsp --stdio` instead of dist/server.js. */
  viaCli?: boolean;
  initializationOptions?: Record<string, unknown>;
}

/** What the tests' editor (and the benchmark's) tells the server it can do. */
export function editorCapabilities(pullDiagnostics: boolean) {
  return {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
    textDocument: {
      ...(pullDiagnostics ? { diagnostic: { dynamicRegistration: false } } : {}),
      publishDiagnostics: { versionSupport: true },
      completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
      hover: { contentFormat: ['markdown'] },
    },
  };
}

export class LspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; resolve: (d: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();
  stderr = '';
  settings: Record<string, unknown>;
  readonly notifications: { method: string; params: unknown }[] = [];
  /** window/showMessage notifications and window/showMessageRequest requests, in order. */
  readonly messages: { type: number; message: string }[] = [];

  constructor(readonly options: ClientOptions = {}) {
    const args = options.viaCli ? [path.join(REPO_ROOT, 'bin', 'lexcite.js'), 'lsp', '--stdio'] : [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'];
    this.process = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk.toString()));
    this.settings = options.settings ?? {};
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
      for (const waiter of this.waiters.filter((w) => w.uri === params.uri)) waiter.resolve(params);
      this.waiters.splice(0, this.waiters.length, ...this.waiters.filter((w) => w.uri !== params.uri));
    });
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => this.messages.push(params));
    this.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
      this.messages.push(params);
      return null;
    });
    this.connection.onNotification((method, params) => this.notifications.push({ method, params }));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.listen();
  }

  async initialize(): Promise<unknown> {
    const folder = this.options.workspaceFolder;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      locale: this.options.locale ?? 'zh-cn',
      rootUri: folder ? pathToFileURL(folder).toString() : null,
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).toString(), name: path.basename(folder) }] : null,
      ...(this.options.initializationOptions ? { initializationOptions: this.options.initializationOptions } : {}),
      capabilities: editorCapabilities(this.options.pullDiagnostics ?? false),
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  uri(name: string): string {
    return pathToFileURL(path.join(this.options.workspaceFolder ?? '/tmp/lexcite-test', name)).toString();
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** An incremental edit: replace a range with new text. */
  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async pullDiagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  /** The next pushed diagnostics for a URI (or the latest, if they arrived already for the given version). */
  pushedDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    const latest = this.published.get(uri);
    if (latest && (version === undefined || latest.version === version)) return Promise.resolve(latest);
    return new Promise((resolve) => this.waiters.push({ uri, resolve: (p) => (version === undefined || p.version === version ? resolve(p) : this.pushedDiagnostics(uri, version).then(resolve)) }));
  }

  /** Resolves with the first lexcite/status notification (past or future) that satisfies the predicate. */
  status(predicate: (status: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const seen = this.notifications.find((n) => n.method === Methods.status && predicate(n.params as Record<string, unknown>));
    if (seen) return Promise.resolve(seen.params as Record<string, unknown>);
    return new Promise((resolve) => {
      const disposable = this.connection.onNotification(Methods.status, (params: Record<string, unknown>) => {
        if (!predicate(params)) return;
        disposable.dispose();
        resolve(params);
      });
    });
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export async function startClient(options: ClientOptions = {}): Promise<LspClient> {
  const client = new LspClient(options);
  await client.initialize();
  return client;
}

/** The LSP position (UTF-16) of `needle`'s character at `offsetInNeedle` in `text`. */
export function positionOf(text: string, needle: string, offsetInNeedle = 1): { line: number; character: number } {
  const offset = text.indexOf(needle) + offsetInNeedle;
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** A hover's Markdown, or '' for none. */
export function hoverText(hover: { contents: unknown } | null | undefined): string {
  return hover ? (hover.contents as { value: string }).value : '';
}
