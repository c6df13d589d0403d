/**
 * End to end in a real VS Code: code-server (VS Code 1.100 served to a browser) with the packaged lexcite.vsix
 * installed, driven through its UI by playwright-core and Debian's Chromium. One code-server, one browser
 * session; each check is its own test and leaves a screenshot in test-results/e2e/.
 *
 * Run it with scripts/e2e-vscode.sh, which installs what is missing and packages the extension. Inputs (all
 * with defaults): LEXCITE_CODE_SERVER (code-server's out/node/entry.js), LEXCITE_CHROMIUM (the browser),
 * LEXCITE_VSIX (the package), LEXCITE_E2E_KEEP=1 (keep the temporary run folder for inspection),
 * LEXCITE_E2E_PUBLISH=0 (do not refresh the README's pictures: docs/images/hover.png, completion.png,
 * diagnostics.png and report.png).
 */
import * as assert from 'assert';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, Locator, Page, chromium } from 'playwright-core';

/** The repository: this file runs as out/test/e2e/vscode.e2e.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');

const CODE_SERVER = process.env.LEXCITE_CODE_SERVER
  || path.join(os.homedir(), '.cache', 'code-server-e2e', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.LEXCITE_CHROMIUM || '/usr/bin/chromium';
const VSIX = process.env.LEXCITE_VSIX || path.join(ROOT, 'lexcite.vsix');

const SAMPLE = 'sample-paper.md';
const FAULTY = 'faulty-paper.md';
/** Cites the 民法典, which only the bundled statute book knows (test/e2e/fixtures/). */
const CIVIL_CODE = 'civil-code-paper.md';
const CORRECT_TITLE = '厦门市促进数据产业高质量发展若干措施';

/**
 * The user settings of the run: quiet, deterministic workbench settings and not one lexcite.* setting, so what
 * the extension shows is what it does out of the box (the statute book check relies on that).
 */
const SETTINGS: Record<string, unknown> = {
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
const MOD = IS_MAC ? 'Meta' : 'Control';

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

function page(): Page {
  assert.ok(run?.page, 'the browser session is open (see the before-all hook)');
  return run.page;
}

async function screenshot(name: string): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page().screenshot({ path: file });
  return file;
}

/** Copies a screenshot to docs/images/ for the README (LEXCITE_E2E_PUBLISH=0 leaves docs/ alone). */
function publish(shot: string, name: string): void {
  if (process.env.LEXCITE_E2E_PUBLISH === '0') return;
  fs.mkdirSync(DOC_IMAGES, { recursive: true });
  fs.copyFileSync(shot, path.join(DOC_IMAGES, `${name}.png`));
}

function editorFor(file: string): Locator {
  return page().locator(`.editor-instance .monaco-editor[data-uri$="/${file}"]`).first();
}

function statusItem(): Locator {
  return page().locator('.statusbar-item', { hasText: '法引' }).first();
}

/** Quick Open (Ctrl+P), the file's name, Enter; resolves when its editor is visible and focused. */
async function openFile(file: string): Promise<Locator> {
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
function positionIn(file: string, needle: string, after = ''): { line: number; column: number } {
  const text = fs.readFileSync(path.join(run!.workspace, file), 'utf8');
  const from = text.indexOf(after);
  assert.ok(from >= 0, `${file} contains ${after}`);
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `${file} contains ${needle} after ${after}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Go to Line/Column (Ctrl+G) in the focused editor. */
async function goTo(editor: Locator, line: number, column: number): Promise<void> {
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
async function hoverAtCursor(editor: Locator): Promise<void> {
  const p = page();
  const box = await cursorBox(editor);
  await p.mouse.move(5, 5);
  await p.mouse.move(box.x + 7, box.y + box.height / 2, { steps: 4 });
}

async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

async function closeWidgets(): Promise<void> {
  await page().keyboard.press('Escape');
  await page().mouse.move(5, 5);
}

function commandTitles(): { id: string; label: string }[] {
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
async function runFromPalette(id: string): Promise<void> {
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

describe('VS Code (code-server) with lexcite.vsix installed', function () {
  this.timeout(180_000);

  before(async function () {
    requireFile(CODE_SERVER, 'code-server', 'Install it with shared/tools/install-code-server.sh (shared/ lies beside the repository), or set LEXCITE_CODE_SERVER to its out/node/entry.js.');
    requireFile(CHROMIUM, 'Chromium', 'Install it with `apt-get install chromium fonts-wqy-microhei` (or set LEXCITE_CHROMIUM).');
    requireFile(VSIX, 'The packaged extension', 'Build it with `npm run package </dev/null`.');

    // This run's pictures only: no failed-*.png left over from an earlier run.
    fs.rmSync(SHOTS, { recursive: true, force: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-e2e-'));
    const workspace = path.join(dir, 'workspace');
    fs.mkdirSync(workspace);
    for (const file of [SAMPLE, FAULTY]) fs.copyFileSync(path.join(ROOT, 'examples', file), path.join(workspace, file));
    fs.copyFileSync(path.join(ROOT, 'test', 'e2e', 'fixtures', CIVIL_CODE), path.join(workspace, CIVIL_CODE));
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

    await openFile(SAMPLE);
    // Ready when the extension says so: its status-bar item shows the size of the loaded index.
    await run.page.waitForFunction(() => Array.from(document.querySelectorAll('.statusbar-item'))
      .some((node) => /法引\s*\d+\/\d+/.test(node.textContent ?? '')), undefined, { timeout: 90_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && run?.page) {
      const name = `failed-${(this.currentTest.title.match(/^\((\w)\)/)?.[1]) ?? 'test'}`;
      await screenshot(name).catch(() => undefined);
      await closeWidgets().catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(30_000);
    try {
      await run?.context?.close();
    } catch {
      // the browser is gone already
    }
    await stopServer();
    if (run && !process.env.LEXCITE_E2E_KEEP) fs.rmSync(run.dir, { recursive: true, force: true });
    else if (run) console.log(`      kept ${run.dir}`);
  });

  it('(a) activates on a Markdown paper: the status bar shows 法引 and the size of the index', async () => {
    const text = (await statusItem().textContent()) ?? '';
    const match = /法引\s*(\d+)\/(\d+)/.exec(text);
    assert.ok(match, `status bar item: ${JSON.stringify(text)}`);
    assert.ok(Number(match[1]) > 0 && Number(match[2]) > Number(match[1]), `documents/provisions: ${match[0]}`);
    assert.equal(await statusItem().locator('.codicon-law').count(), 1, 'the law icon');
    await screenshot('activation');
  });

  it('(b) hovering an article reference shows the provision’s text', async () => {
    const editor = await openFile(SAMPLE);
    // Footnote 1: 《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项。
    const at = positionIn(SAMPLE, '第（八）项', '[^1]: ');
    await goTo(editor, at.line, at.column);
    await hoverAtCursor(editor);
    const hover = page().locator('.monaco-hover', { hasText: '加强数据供给创新' }).first();
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    assert.match(text, /《国务院关于深入实施“人工智能\+”行动的意见》/);
    assert.match(text, /（八）加强数据供给创新。以应用为导向/);
    await screenshot('hover');
    await closeWidgets();
  });

  it('(c) with no settings at all, hovering 《民法典》第一千零三十四条 shows the article from the bundled statute book', async () => {
    assert.deepEqual(Object.keys(SETTINGS).filter((key) => key.startsWith('lexcite.')), [], 'no LexCite setting, no lexcite.corpora');
    const editor = await openFile(CIVIL_CODE);
    const at = positionIn(CIVIL_CODE, '第一千零三十四条', '《民法典》');
    await goTo(editor, at.line, at.column);
    await hoverAtCursor(editor);
    const hover = page().locator('.monaco-hover', { hasText: '自然人的个人信息受法律保护。' }).first();
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    assert.match(text, /民法典/);
    assert.match(text, /第一千零三十四条|第1034条/);
    assert.match(text, /自然人的个人信息受法律保护。\s*个人信息是以电子或者其他方式记录的/);
    publish(await screenshot('hover-statute-book'), 'hover');
    await closeWidgets();
  });

  it('(d) “Open the citation report” from the command palette shows the paper’s table of authorities beside it', async () => {
    const p = page();
    await openFile(SAMPLE);
    await runFromPalette('lexcite.openReport');
    // The webview: the workbench's iframe, and inside it the frame with the report's HTML.
    const report = p.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const row = report.locator('tbody tr', { hasText: '《国务院关于深入实施“人工智能+”行动的意见》' }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells[0], '《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）');
    assert.match(cells.join(' | '), /三、（八）/, `the row: ${cells.join(' | ')}`);
    assert.match(cells[cells.length - 1], /^(no problems|无问题)$/, `the row's finding: ${cells.join(' | ')}`);
    // The summary above the tables counts this paper's works.
    assert.match(await report.locator('.summary').first().innerText(), /6 authorities cited 10 times|共引用文献6件、10处/);
    const tab = p.locator('.tabs-container .tab.active', { hasText: /(Citation report|引注核查报告).*sample-paper\.md/ }).first();
    await tab.waitFor({ state: 'visible' });
    publish(await screenshot('report'), 'report');
    // Close it, so the checks after this one find the paper alone in its editor group.
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await p.locator('.tabs-container .tab', { hasText: /Citation report|引注核查报告/ }).first().waitFor({ state: 'detached' });
  });

  it('(e) typing 《厦门市促 offers 厦门市促进数据产业高质量发展若干措施 first, and accepting it inserts the citation', async () => {
    const p = page();
    const editor = await openFile(SAMPLE);
    await p.keyboard.press(`${MOD}+End`);
    await p.keyboard.press('Enter');
    await p.keyboard.press('Enter');
    await p.keyboard.type('另见');
    await p.keyboard.type('《'); // a trigger character: the suggest widget opens
    const widget = p.locator('.editor-widget.suggest-widget.visible');
    await widget.waitFor({ state: 'visible' });
    for (const ch of '厦门市促') await p.keyboard.type(ch);
    const first = widget.locator('.monaco-list-row').first();
    await p.waitForFunction((title) => {
      const row = document.querySelector('.editor-widget.suggest-widget.visible .monaco-list-row[data-index="0"]');
      return !!row && (row.textContent ?? '').includes(title);
    }, CORRECT_TITLE);
    assert.match(await first.innerText(), new RegExp(CORRECT_TITLE));
    // Ctrl+Space on an open list shows the selected item's details (kind, 文号, the server's card) beside it.
    await p.keyboard.press('Control+Space');
    await p.locator('.suggest-details', { hasText: `《${CORRECT_TITLE}》` }).first().waitFor({ state: 'visible' });
    publish(await screenshot('completion'), 'completion');

    await p.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    const want = `另见《${CORRECT_TITLE}》`;
    await p.waitForFunction((text) => document.querySelector(`.editor-instance .monaco-editor.focused .view-lines`)?.textContent?.replace(/\u00a0/g, ' ').includes(text) ?? false, want);
    assert.ok((await editorText(editor)).includes(want), 'the inserted citation');
    await screenshot('completion-accepted');
  });

  it('(f) a provision that does not exist is an error squiggle and a row in the Problems panel', async () => {
    const p = page();
    const editor = await openFile(FAULTY);
    await editor.locator('.squiggly-error').first().waitFor({ state: 'attached' });
    assert.ok(await editor.locator('.squiggly-warning').count() > 0, 'warning squiggles too');
    await p.keyboard.press(`${MOD}+Shift+M`);
    const row = p.locator('.markers-panel .monaco-list-row', { hasText: '第九条' }).first();
    await row.waitFor({ state: 'visible' });
    const text = await row.innerText();
    assert.match(text, /article\.not-found/);
    assert.match(text, /第1点至第8点/);
    const codes = await p.locator('.markers-panel .monaco-list-row').allInnerTexts();
    for (const code of ['article.not-found', 'docnumber.mismatch', 'title.typo', 'docnumber.format']) {
      assert.ok(codes.some((t) => t.includes(code)), `Problems lists ${code}: ${codes.join(' | ')}`);
    }
    publish(await screenshot('diagnostics'), 'diagnostics');
    // Hovering the squiggle shows the message where the writer sees it.
    await p.keyboard.press(`${MOD}+1`);
    const at = positionIn(FAULTY, '第九条');
    await goTo(editor, at.line, at.column);
    await hoverAtCursor(editor);
    const hover = p.locator('.monaco-hover', { hasText: '第1点至第8点' }).first();
    await hover.waitFor({ state: 'visible' });
    assert.match(await hover.innerText(), /lexcite\(article\.not-found\)/);
    await screenshot('diagnostics-hover');
    await closeWidgets();
    await p.keyboard.press(`${MOD}+J`); // close the panel again
    await p.locator('.markers-panel').waitFor({ state: 'hidden' });
  });

  it('(g) the quick fix of a typo’d title replaces it with the indexed title', async () => {
    const p = page();
    const editor = await openFile(FAULTY);
    const typo = `《厦门市促进数据产业高质量发展若干举措》是对标题的误写`;
    assert.ok((await editorText(editor)).includes(typo), 'the typo is there before the fix');
    const at = positionIn(FAULTY, '若干举措');
    await goTo(editor, at.line, at.column);
    await p.locator('.editor-instance .monaco-editor.focused .squiggly-warning').first().waitFor({ state: 'attached' });
    await p.keyboard.press(`${MOD}+.`);
    const actions = p.locator('.action-widget .monaco-list-row.action');
    await actions.first().waitFor({ state: 'visible' });
    const firstLabel = await actions.first().innerText();
    assert.match(firstLabel, new RegExp(`^(改为|Replace with )《${CORRECT_TITLE}》`), `first action: ${firstLabel}`);
    // The menu opens with its first action focused; Enter applies it (a click would race the menu's pointer guard).
    assert.match(await actions.first().getAttribute('class') ?? '', /\bfocused\b/, 'the first action is focused');
    await screenshot('quickfix-menu');
    await p.keyboard.press('Enter');
    await p.locator('.action-widget').waitFor({ state: 'hidden' });
    const fixed = `《${CORRECT_TITLE}》是对标题的误写`;
    await p.waitForFunction((text) => document.querySelector('.editor-instance .monaco-editor.focused .view-lines')?.textContent?.includes(text) ?? false, fixed);
    const text = await editorText(editor);
    assert.ok(text.includes(fixed) && !text.includes(typo), 'the title is corrected');
    await screenshot('quickfix-applied');
  });

  it('(h) the command palette lists the LexCite commands; “Show the provision under the cursor” opens it beside', async () => {
    const p = page();
    await p.keyboard.press('Escape');
    await p.keyboard.press(`${MOD}+Shift+P`);
    await p.locator('.quick-input-widget input.input').waitFor({ state: 'visible' });
    await p.keyboard.type('LexCite');
    // Every command of the manifest (package.json + package.nls.json), and at least these seven.
    const expected = commandTitles();
    for (const id of ['lexcite.searchCorpus', 'lexcite.insertCitation', 'lexcite.showProvision', 'lexcite.openReport',
      'lexcite.restartServer', 'lexcite.showOutput', 'lexcite.addStatuteFolder']) {
      assert.ok(expected.some((c) => c.id === id), `the manifest declares ${id}`);
    }
    for (const { label } of expected) {
      await p.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible' });
    }
    await screenshot('commands');
    await p.keyboard.press('Escape');
    await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });

    const editor = await openFile(SAMPLE);
    const at = positionIn(SAMPLE, '第（八）项', '[^1]: ');
    await goTo(editor, at.line, at.column);
    await p.keyboard.press(`${MOD}+Shift+P`);
    await p.locator('.quick-input-widget input.input').waitFor({ state: 'visible' });
    const show = expected.find((c) => c.id === 'lexcite.showProvision')!.label;
    await p.keyboard.type(show);
    await p.locator('.quick-input-list .monaco-list-row', { hasText: show }).first().click();
    const beside = p.locator('.editor-instance .monaco-editor[data-uri^="lexcite:"]').first();
    await beside.waitFor({ state: 'visible' });
    assert.ok(await p.locator('.editor-group-container').count() >= 2, 'opened in a second editor group');
    await p.waitForFunction(() => document.querySelector('.editor-instance .monaco-editor[data-uri^="lexcite:"] .view-lines')?.textContent?.includes('加强数据供给创新') ?? false);
    assert.match(await beside.getAttribute('data-uri') ?? '', /^lexcite:\/+documents\//);
    await screenshot('show-provision');
  });
});
