/**
 * A lean LSP client for the benchmark: spawns the real server (`node dist/server.js --stdio`) and speaks
 * JSON-RPC over its stdio with nothing in between, so a measured round trip is the server's work plus the pipe.
 * Every request has a timeout, a server that exits fails its pending requests with its stderr, and every spawned
 * server is killed when the benchmark ends, however it ends.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { editorCapabilities } from '../test/helpers/lspClient';
import { Methods, type Status } from '../protocol/requests';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SERVER_SCRIPT = path.join(REPO_ROOT, 'dist', 'server.js');
const DEFAULT_TIMEOUT_MS = 60_000;

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface ServerOptions {
  workspaceFolder: string;
  /** Advertise pull diagnostics, so the bench can time textDocument/diagnostic. */
  pullDiagnostics?: boolean;
  initializationOptions?: { corpora?: string[]; cacheDir?: string };
  /** Another server to run instead of LexCite's: its script and arguments (the side-by-side peer, bench/peerServer.ts). */
  command?: string[];
  /** Answers the server's own requests; undefined falls back to what an editor answers LexCite, a throw answers an error. */
  answerRequest?: (method: string, params: unknown) => unknown;
  /** Another build's server.js, to compare two builds in one run (default: this checkout's dist/server.js). */
  serverScript?: string;
}

/** The server's lexcite/status answer, as the protocol defines it. */
export type ServerStatus = Status;

export interface MemoryUsage {
  rssMb: number;
  peakRssMb: number;
}

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Node options for the spawned servers from $LEXCITE_BENCH_SERVER_NODE_ARGS (space-separated), to profile them:
 * `LEXCITE_BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'` (NODE_OPTIONS refuses --cpu-prof).
 */
function serverNodeArguments(): string[] {
  return (process.env.LEXCITE_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
}

const liveServers = new Set<BenchServer>();

/** Kills every server still running (on normal exit, on an error, on Ctrl+C and on SIGTERM). */
export function killAllServers(): void {
  for (const server of liveServers) server.kill();
}
process.on('exit', killAllServers);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    killAllServers();
    process.exit(code);
  });
}

export class BenchServer {
  readonly process: ChildProcess;
  /** performance.now() just before spawn, for cold-start timings. */
  readonly spawnedAt: number;
  private received: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, ((params: unknown) => void)[]>();
  private readonly versions = new Map<string, number>();
  private stderrTail = '';
  private exitReason: string | undefined;

  constructor(readonly options: ServerOptions) {
    const script = options.serverScript ?? SERVER_SCRIPT;
    if (!options.command && !fs.existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
    this.spawnedAt = performance.now();
    this.process = spawn(process.execPath, [...serverNodeArguments(), ...(options.command ?? [script, '--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
    liveServers.add(this);
    this.process.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000)));
    this.process.stdin!.on('error', () => undefined); // a dead server is reported through 'exit'
    this.process.on('exit', (code, signal) => {
      liveServers.delete(this);
      this.exitReason = `server exited (${signal ?? `code ${code}`})`;
      for (const [id, request] of this.pending) {
        clearTimeout(request.timer);
        request.reject(new Error(`${this.exitReason} while waiting for ${request.method}${this.stderrTail ? `; stderr: ${this.stderrTail}` : ''}`));
        this.pending.delete(id);
      }
    });
  }

  get pid(): number {
    return this.process.pid!;
  }

  request<R>(method: string, params: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    if (this.exitReason) return Promise.reject(new Error(`${this.exitReason}; cannot send ${method}`));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} got no answer within ${timeoutMs / 1000} s${this.stderrTail ? `; server stderr: ${this.stderrTail}` : ''}`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  onNotification(method: string, listener: (params: unknown) => void): void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
  }

  /** `initialize` as an editor sends it; resolves with the server's capabilities. */
  initialize(): Promise<{ capabilities: Record<string, unknown> }> {
    const folder = this.options.workspaceFolder;
    return this.request('initialize', {
      processId: process.pid,
      locale: 'zh-cn',
      rootUri: pathToFileURL(folder).toString(),
      workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: path.basename(folder) }],
      initializationOptions: this.options.initializationOptions ?? {},
      capabilities: editorCapabilities(this.options.pullDiagnostics ?? false),
    });
  }

  initialized(): void {
    this.notify('initialized', {});
  }

  /** initialize + initialized; resolves with the capabilities. */
  async start(): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.initialize();
    this.initialized();
    return result;
  }

  uri(name: string): string {
    return pathToFileURL(path.join(this.options.workspaceFolder, name)).toString();
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** An incremental change (the server declares TextDocumentSyncKind.Incremental). */
  change(uri: string, range: Range, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  status(): Promise<ServerStatus> {
    return this.request<ServerStatus>(Methods.status, null);
  }

  /** Resident and peak resident memory of the server process (Linux /proc); undefined elsewhere. */
  memory(): MemoryUsage | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  /** LSP shutdown + exit; killed if it does not exit within two seconds. */
  async stop(): Promise<void> {
    if (this.exitReason) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit', null);
    } catch {
      // Killed below.
    }
    const timer = setTimeout(() => this.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    for (;;) {
      const headerEnd = this.received.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.received.subarray(0, headerEnd).toString('ascii'))?.[1]);
      const bodyStart = headerEnd + 4;
      if (this.received.length < bodyStart + length) return;
      const message = JSON.parse(this.received.subarray(bodyStart, bodyStart + length).toString('utf8'));
      this.received = this.received.subarray(bodyStart + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } }): void {
    if (message.method !== undefined && message.id !== undefined) {
      this.answerServerRequest(message.id, message.method, message.params);
    } else if (message.method !== undefined) {
      for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
    } else if (message.id !== undefined) {
      const request = this.pending.get(message.id);
      if (!request) return; // timed out already
      this.pending.delete(message.id);
      clearTimeout(request.timer);
      if (message.error) request.reject(new Error(`${request.method} failed: ${message.error.message}`));
      else request.resolve(message.result);
    }
  }

  /** What an editor answers: default lexcite settings, and null to registrations, progress and refreshes. */
  private answerServerRequest(id: number, method: string, params: unknown): void {
    let answer: unknown;
    try {
      answer = this.options.answerRequest?.(method, params);
    } catch (error) {
      this.send({ jsonrpc: '2.0', id, error: { code: -32603, message: (error as Error).message } });
      return;
    }
    if (answer !== undefined) return this.send({ jsonrpc: '2.0', id, result: answer });
    const result = method === 'workspace/configuration' ? (params as { items: unknown[] }).items.map(() => ({})) : null;
    this.send({ jsonrpc: '2.0', id, result });
  }
}
