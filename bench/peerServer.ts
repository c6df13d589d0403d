/**
 * VS Code's own Markdown language server (vscode-markdown-languageserver, a dev dependency), run the way VS Code's
 * Markdown extension runs it, for the side-by-side rows of the benchmark (bench/peerBench.ts). The server asks its
 * client for services, and this file is that client's side, as `extensions/markdown-language-features/src/client`
 * implements it in VS Code:
 * - `markdown/parse`: markdown-it tokens of the document's current text (the editor's, not the disk's), made by
 *   markdown-it with VS Code's options (html, linkify, front matter stripped and line maps shifted past it), cached
 *   per document version as VS Code's engine caches them. The parse runs in the bench process, as in VS Code it
 *   runs in the extension host, so it is part of the time measured for every request that needs it;
 * - `markdown/fs/readFile` (bytes as a number array), `markdown/fs/stat`, `markdown/fs/readDirectory`,
 *   `markdown/findMarkdownFilesInWorkspace` over the workspace folder on disk;
 * - file watchers are accepted and never fire (nothing on disk changes while measuring).
 * Settings are VS Code's defaults with link validation on (`markdown.validate.enabled` is off by default in VS
 * Code; its checks' own defaults are kept), sent once as `workspace/didChangeConfiguration`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { editorCapabilities } from '../test/helpers/lspClient';
import { BenchServer, REPO_ROOT } from './lsp';

const PEER_PACKAGE = 'vscode-markdown-languageserver';
const PEER_DIRECTORY = path.join(REPO_ROOT, 'node_modules', PEER_PACKAGE);
export const PEER_SCRIPT = path.join(PEER_DIRECTORY, 'dist', 'node', 'workerMain.js');
const START_TIMEOUT_MS = 30_000;

/** The settings VS Code sends (its `markdown` section's defaults), with validation enabled. */
export const PEER_SETTINGS = {
  markdown: {
    server: { log: 'off' },
    preferredMdPathExtensionStyle: 'auto',
    suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'onDoubleHash' } },
    occurrencesHighlight: { enabled: false },
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      ignoredLinks: [],
      unusedLinkDefinitions: { enabled: 'hint' },
      duplicateLinkDefinitions: { enabled: 'warning' },
    },
  },
};

/** The part of markdown-it the client uses. */
interface MarkdownParser {
  parse(text: string, env: object): { map: [number, number] | null }[];
}

const FRONT_MATTER = /^---\s*[^]*?(-{3}|\.{3})\s*/;

/** The peer's name and version, from its package.json ('vscode-markdown-languageserver 0.5.0'). */
export function peerName(): string {
  try {
    const { version } = JSON.parse(fs.readFileSync(path.join(PEER_DIRECTORY, 'package.json'), 'utf8')) as { version: string };
    return `${PEER_PACKAGE} ${version}`;
  } catch {
    return PEER_PACKAGE;
  }
}

/** What the client knows of an open document: the editor's text and version. */
interface OpenDocument {
  text: string;
  version: number;
}

export class PeerServer {
  readonly server: BenchServer;
  private readonly documents = new Map<string, OpenDocument>();
  private readonly tokenCache = new Map<string, { version: number; tokens: unknown[] }>();
  /** `markdown/parse` requests answered, and how many were parsed (not from the cache). */
  parses = { requested: 0, parsed: 0 };

  private constructor(readonly workspaceFolder: string, private readonly markdown: MarkdownParser, script: string) {
    this.server = new BenchServer({
      workspaceFolder, command: [script, '--stdio'], answerRequest: (method, params) => this.answer(method, params),
    });
  }

  /**
   * Starts the peer and initializes it as VS Code does; throws with the reason when it cannot (not installed,
   * markdown-it missing, the process exits or does not answer).
   */
  static async start(workspaceFolder: string, script = PEER_SCRIPT): Promise<PeerServer> {
    if (!fs.existsSync(script)) throw new Error(`${path.relative(REPO_ROOT, script)} is missing (npm install the dev dependency ${PEER_PACKAGE})`);
    let markdownIt: (options: object) => MarkdownParser;
    try {
      markdownIt = require('markdown-it');
    } catch (error) {
      throw new Error(`markdown-it, which the peer's client needs for markdown/parse, cannot be loaded: ${(error as Error).message}`);
    }
    const peer = new PeerServer(workspaceFolder, markdownIt({ html: true, linkify: true, breaks: false }), script);
    try {
      const folder = pathToFileURL(workspaceFolder).toString();
      await peer.server.request('initialize', {
        processId: process.pid, locale: 'zh-cn', rootUri: folder, workspaceFolders: [{ uri: folder, name: path.basename(workspaceFolder) }],
        initializationOptions: { markdownFileExtensions: ['md'] }, capabilities: editorCapabilities(true),
      }, START_TIMEOUT_MS);
      peer.server.initialized();
      peer.server.notify('workspace/didChangeConfiguration', { settings: PEER_SETTINGS });
      return peer;
    } catch (error) {
      peer.server.kill();
      throw error;
    }
  }

  uri(name: string): string {
    return this.server.uri(name);
  }

  open(uri: string, text: string): void {
    this.documents.set(uri, { text, version: 1 });
    this.server.open(uri, text);
  }

  /** Replaces the document's text by `text`, sending `range` → `inserted` as the editor's incremental change. */
  change(uri: string, range: Parameters<BenchServer['change']>[1], inserted: string, text: string): void {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    document.text = text;
    document.version++;
    this.server.change(uri, range, inserted);
  }

  close(uri: string): void {
    this.documents.delete(uri);
    this.tokenCache.delete(uri);
    this.server.close(uri);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private answer(method: string, params: unknown): unknown {
    const uri = (params as { uri?: string } | null)?.uri;
    switch (method) {
      case 'markdown/parse':
        return this.tokens(uri!, (params as { text?: string }).text);
      case 'markdown/fs/readFile':
        return Array.from(fs.readFileSync(this.pathOf(uri!)));
      case 'markdown/fs/stat':
        try {
          return { isDirectory: fs.statSync(this.pathOf(uri!)).isDirectory() };
        } catch {
          return null;
        }
      case 'markdown/fs/readDirectory':
        return fs.readdirSync(this.pathOf(uri!), { withFileTypes: true }).map((entry) => [entry.name, { isDirectory: entry.isDirectory() }]);
      case 'markdown/findMarkdownFilesInWorkspace':
        return markdownFiles(this.workspaceFolder).map((file) => pathToFileURL(file).toString());
      default:
        return undefined; // watchers, registrations, refreshes: null, as the bench answers LexCite
    }
  }

  /** VS Code's engine: the open document's text at its version (cached), else the text sent, else the file on disk. */
  private tokens(uri: string, text: string | undefined): unknown[] {
    this.parses.requested++;
    const open = this.documents.get(uri);
    const cached = this.tokenCache.get(uri);
    if (open && text === undefined && cached?.version === open.version) return cached.tokens;
    const source = text ?? open?.text ?? fs.readFileSync(this.pathOf(uri), 'utf8');
    const tokens = this.parse(source);
    this.parses.parsed++;
    if (open && text === undefined) this.tokenCache.set(uri, { version: open.version, tokens });
    return tokens;
  }

  /** markdown-it's tokens of the text after its front matter, their line maps shifted back to the document's lines. */
  private parse(source: string): unknown[] {
    const frontMatter = FRONT_MATTER.exec(source)?.[0] ?? '';
    const offset = frontMatter.split(/\r\n|\n|\r/g).length - 1;
    const tokens = this.markdown.parse(source.slice(frontMatter.length), {});
    if (offset > 0) for (const token of tokens) if (token.map) token.map = [token.map[0] + offset, token.map[1] + offset];
    return tokens;
  }

  /** A file: URI as a path; other schemes are refused (the peer asks only for the workspace's files). */
  private pathOf(uri: string): string {
    if (!uri.startsWith('file:')) throw new Error(`not a file URI: ${uri}`);
    return fileURLToPath(uri);
  }
}

/** The Markdown files under a folder, skipping node_modules and dot folders (VS Code's findFiles with the peer's glob). */
function markdownFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...markdownFiles(file));
    else if (entry.name.endsWith('.md')) found.push(file);
  }
  return found;
}
