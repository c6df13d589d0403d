/**
 * The workbench of the VS Code end-to-end test (vscode.e2e.ts): starts code-server with the packaged extension
 * and a browser on it, and drives the workbench the way a user does (Quick Open, Go to Line, the mouse, the
 * command palette). One session per run, module state; everything it starts ends with the process.
 */
import * as assert from 'assert';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, Locator, Page, chromium } from 'playwright-core';

/** The repository: this file runs as out/test/e2e/workbench.js. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');

const CODE_SERVER = process.env.LEXCITE_CODE_SERVER
  || path.join(os.homedir(), '.cache', 'code-server-e2e', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.LEXCITE_CHROMIUM || '/usr/bin/chromium';
const VSIX = process.env.LEXCITE_VSIX || path.join(ROOT, 'lexcite.vsix');

/**
 * The user settings of the run: quiet, deterministic workbench settings and not one lexcite.* setting, so what
 * the extension shows is what it does out of the box (the statute book check relies on that).
 */
export const SETTINGS: Record<string, unknown> = {
  'files.autoSave': 'off', // never write the copies (nor anything else) behind the test's back
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.cursorBlinking': 'solid',
  'editor.hover.delay': 200,
  'editor.fontSize': 15,
  'workbench.colorTheme': 'Default Light Modern',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
};

// Callbacks given to page.waitForFunction run in the browser. The repository compiles without the DOM library,
// so this file declares the little of it those callbacks use (module-scoped: nothing leaks into other files).
interface PageNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): PageNode | null;
}
declare const document: {
  activeElement: PageNode | null;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
};

const IS_MAC = process.platform === 'darwin';
export const MOD = IS_MAC ? 'Meta' : 'Control';

// ---------------------------------------------------------------------------------------------------------
// The run: a temporary folder with the workspace, code-server's dirs and the browser profile.

interface Run {
  dir: string;
  workspace: string;
  port: number;
  server?: ChildProcess;
  serverLog: string;
  context?: BrowserContext;
  page?: Page;
}

let run: Run | undefined;

function requireFile(file: string, what: string, install: string): void {
  if (!fs.existsSync(file)) {
    throw new Error(`${what} not found at ${file}. ${install} (scripts/e2e-vscode.sh installs and packages everything this test needs.)`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(0);
    });
  });
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}:\n${run?.serverLog}`);
    if ((await httpStatus(url)) === 200) return;
    await delay(250); // polling interval, not a readiness guess
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms:\n${run?.serverLog}`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Ends code-server and everything it started (extension host, language server): its whole process group. */
function killServer(signal: NodeJS.Signals = 'SIGTERM'): void {
  const server = run?.server;
  if (!server?.pid || server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    try {
      server.kill(signal);
    } catch {
      // already gone
    }
  }
}

async function stopServer(): Promise<void> {
  const server = run?.server;
  if (!server?.pid || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  killServer('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000));
  if ((await Promise.race([exited, timer])) === 'timeout') killServer('SIGKILL');
}

// Last resort if mocha is interrupted (Ctrl+C, a crash): never leave code-server or the run folder behind.
// (Playwright ends the browser it launched on exit by itself.)
process.once('exit', () => {
  killServer('SIGKILL');
  if (run && !process.env.LEXCITE_E2E_KEEP) {
    try {
      fs.rmSync(run.dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // a process still writing into it: leave the temporary folder to the system
    }
  }
});

// ---------------------------------------------------------------------------------------------------------
// Driving the workbench.

export function page(): Page {
  assert.ok(run?.page, 'the browser session is open (see the before-all hook)');
  return run.page;
}

export async function screenshot(name: string): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page().screenshot({ path: file });
  return file;
}

/** Copies a screenshot to docs/images/ for the README (LEXCITE_E2E_PUBLISH=0 leaves docs/ alone). */
export function publish(shot: string, name: string): void {
  if (process.env.LEXCITE_E2E_PUBLISH === '0') return;
  fs.mkdirSync(DOC_IMAGES, { recursive: true });
  fs.copyFileSync(shot, path.join(DOC_IMAGES, `${name}.png`));
}

export function editorFor(file: string): Locator {
  return page().locator(`.editor-instance .monaco-editor[data-uri$="/${file}"]`).first();
}

export function statusItem(): Locator {
  return page().locator('.statusbar-item', { has: page().locator('.codicon-law, .codicon-loading') }).filter({ hasText: /法引|LexCite/ }).first();
}

/** Quick Open (Ctrl+P), the file's name, Enter; resolves when its editor is visible and focused. */
export async function openFile(file: string): Promise<Locator> {
  const p = page();
  await p.keyboard.press(`${MOD}+P`);
  const input = p.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await p.keyboard.type(file);
  // Enter only once the filtered list has the file focused: before that, the focused row may be a recent file.
  await p.locator('.quick-input-list .monaco-list-row.focused', { hasText: file }).first().waitFor({ state: 'visible' });
  await p.keyboard.press('Enter');
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  const editor = editorFor(file);
  await editor.waitFor({ state: 'visible' });
  await p.waitForFunction((name) => {
    const active = document.activeElement;
    const editorNode = active?.closest('.monaco-editor');
    return !!editorNode && (editorNode.getAttribute('data-uri') ?? '').endsWith(`/${name}`);
  }, file);
  return editor;
}

/** 1-based line and column (UTF-16) of `needle` in a workspace file, searching from where `after` occurs. */
export function positionIn(file: string, needle: string, after = ''): { line: number; column: number } {
  const text = fs.readFileSync(path.join(run!.workspace, file), 'utf8');
  const from = text.indexOf(after);
  assert.ok(from >= 0, `${file} contains ${after}`);
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `${file} contains ${needle} after ${after}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Go to Line/Column (Ctrl+G) in the focused editor. */
export async function goTo(editor: Locator, line: number, column: number): Promise<void> {
  const p = page();
  await editor.locator('.view-lines').first().waitFor({ state: 'visible' });
  await p.keyboard.press(`${MOD}+G`);
  await p.locator('.quick-input-widget input.input').waitFor({ state: 'visible' });
  await p.keyboard.type(`${line}:${column}`);
  await p.keyboard.press('Enter');
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // The status bar shows the cursor position once the editor has moved there.
  await p.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor({ state: 'visible' });
}

/** Where the cursor of `editor` is on screen. */
async function cursorBox(editor: Locator): Promise<{ x: number; y: number; height: number }> {
  const box = await editor.locator('.cursors-layer .cursor').first().boundingBox(); // solid, never blinking
  assert.ok(box && box.height > 0, 'the cursor is on screen');
  return { x: box.x, y: box.y, height: box.height };
}

/** Moves the mouse over the character after the cursor, coming from a neutral place so the editor sees a move. */
export async function hoverAtCursor(editor: Locator): Promise<void> {
  const p = page();
  const box = await cursorBox(editor);
  await p.mouse.move(5, 5);
  await p.mouse.move(box.x + 7, box.y + box.height / 2, { steps: 4 });
}

export async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

export async function closeWidgets(): Promise<void> {
  await page().keyboard.press('Escape');
  await page().mouse.move(5, 5);
}

export function commandTitles(): { id: string; label: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string; title: string; category: string }[] };
  };
  const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  return manifest.contributes.commands.map((c) => ({
    id: c.command,
    label: `${c.category}: ${c.title.replace(/^%(.*)%$/, (_, key: string) => nls[key] ?? key)}`,
  }));
}

/** Runs a command of the manifest the way a user does: the command palette, its title, Enter. */
export async function runFromPalette(id: string): Promise<void> {
  const p = page();
  const command = commandTitles().find((c) => c.id === id);
  assert.ok(command, `the manifest declares ${id}`);
  await p.keyboard.press(`${MOD}+Shift+P`);
  await p.locator('.quick-input-widget input.input').waitFor({ state: 'visible' });
  await p.keyboard.type(command.label);
  await p.locator('.quick-input-list .monaco-list-row.focused', { hasText: command.label }).first().waitFor({ state: 'visible' });
  await p.keyboard.press('Enter');
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

// ---------------------------------------------------------------------------------------------------------
// The session.

/** Starts code-server with lexcite.vsix installed on a workspace holding copies of `papers`, and a browser on it. */
export async function startWorkbench(papers: string[]): Promise<void> {
  requireFile(CODE_SERVER, 'code-server', 'Install it with shared/tools/install-code-server.sh (shared/ lies beside the repository), or set LEXCITE_CODE_SERVER to its out/node/entry.js.');
  requireFile(CHROMIUM, 'Chromium', 'Install it with `apt-get install chromium fonts-wqy-microhei` (or set LEXCITE_CHROMIUM).');
  requireFile(VSIX, 'The packaged extension', 'Build it with `npm run package </dev/null`.');

  // This run's pictures only: no failed-*.png left over from an earlier run.
  fs.rmSync(SHOTS, { recursive: true, force: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-e2e-'));
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(workspace);
  for (const file of papers) fs.copyFileSync(file, path.join(workspace, path.basename(file)));
  run = { dir, workspace, port: await freePort(), serverLog: '' };

  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  const config = path.join(dir, 'config.yaml');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
  };
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

  // Install the packaged extension the way a user would, into this run's extensions folder.
  const installed = execFileSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', VSIX], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(installed, /was successfully installed|already installed/i, `installing ${VSIX}: ${installed}`);

  const server = spawn(process.execPath, [CODE_SERVER, ...common,
    '--bind-addr', `127.0.0.1:${run.port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', workspace],
  { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  run.server = server;
  const log = (chunk: Buffer) => {
    run!.serverLog = (run!.serverLog + chunk.toString()).slice(-20_000);
  };
  server.stdout!.on('data', log);
  server.stderr!.on('data', log);
  await waitForServer(`http://127.0.0.1:${run.port}/healthz`, server, 60_000);

  run.context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 810 },
    locale: 'en-US',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  run.page = run.context.pages()[0] ?? await run.context.newPage();
  run.page.setDefaultTimeout(30_000);
  await run.page.goto(`http://127.0.0.1:${run.port}/?folder=${encodeURIComponent(workspace)}`);
  await run.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
}

/** Whether the session's browser page is open (for the screenshot of a failed check). */
export function hasPage(): boolean {
  return !!run?.page;
}

/** Ends the browser and code-server; removes the run folder unless LEXCITE_E2E_KEEP is set. */
export async function endWorkbench(): Promise<void> {
  try {
    await run?.context?.close();
  } catch {
    // the browser is gone already
  }
  await stopServer();
  if (run && !process.env.LEXCITE_E2E_KEEP) fs.rmSync(run.dir, { recursive: true, force: true });
  else if (run) console.log(`      kept ${run.dir}`);
}
