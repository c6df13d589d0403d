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
import * as path from 'path';
import {
  MOD, ROOT, SETTINGS, closeWidgets, commandTitles, editorText, endWorkbench, goTo, hasPage, hoverAtCursor, openFile,
  page, positionIn, publish, runFromPalette, screenshot, startWorkbench, statusItem,
} from './workbench';

const SAMPLE = 'sample-paper.md';
const FAULTY = 'faulty-paper.md';
/** Cites the 民法典, which only the bundled statute book knows (test/e2e/fixtures/). */
const CIVIL_CODE = 'civil-code-paper.md';
const CORRECT_TITLE = '厦门市促进数据产业高质量发展若干措施';

// Callbacks given to page.waitForFunction run in the browser. The repository compiles without the DOM library,
// so this file declares the little of it those callbacks use (module-scoped: nothing leaks into other files).
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
};

describe('VS Code (code-server) with lexcite.vsix installed', function () {
  this.timeout(180_000);

  before(async function () {
    await startWorkbench([
      path.join(ROOT, 'examples', SAMPLE), path.join(ROOT, 'examples', FAULTY), path.join(ROOT, 'test', 'e2e', 'fixtures', CIVIL_CODE),
    ]);
    await openFile(SAMPLE);
    // Ready when the extension says so: its status-bar item shows the size of the loaded index.
    await page().waitForFunction(() => Array.from(document.querySelectorAll('.statusbar-item'))
      .some((node) => /法引\s*\d+\/\d+/.test(node.textContent ?? '')), undefined, { timeout: 90_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && hasPage()) {
      const name = `failed-${(this.currentTest.title.match(/^\((\w)\)/)?.[1]) ?? 'test'}`;
      await screenshot(name).catch(() => undefined);
      await closeWidgets().catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await endWorkbench();
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
    // The mouse on 千, inside the reference: right after 》 (the left half of 第) the title's card answers.
    const at = positionIn(CIVIL_CODE, '千零三十四条', '《民法典》第');
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
    assert.match(cells.join(' | '), /(第10行|line 10) \| (已核实|verified) \| /, `the row: ${cells.join(' | ')}`);
    assert.match(cells[cells.length - 1], /^(no problems|无问题)$/, `the row's finding: ${cells.join(' | ')}`);
    // The summary above the tables counts this paper's works.
    assert.match(await report.locator('.summary').first().innerText(), /6 authorities cited 10 times|共引用文献6件、10处/);
    const tab = p.locator('.tabs-container .tab.active', { hasText: /(Citation report|引注核查报告).*sample-paper\.md/ }).first();
    await tab.waitFor({ state: 'visible' });
    publish(await screenshot('report'), 'report');
    // A row's place is a link that shows its line of the paper.
    const link = row.locator('a').first();
    assert.match((await link.getAttribute('href')) ?? '', /^command:lexcite\.revealReportLine\?/);
    await link.click();
    await p.locator('#status\\.editor\\.selection', { hasText: /Ln 10, Col 1|行 10，列 1/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
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
    // Every command of the manifest (package.json + package.nls.json), and at least these eight.
    const expected = commandTitles();
    for (const id of ['lexcite.searchCorpus', 'lexcite.insertCitation', 'lexcite.showProvision', 'lexcite.openReport', 'lexcite.saveReport',
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
