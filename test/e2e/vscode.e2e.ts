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
    // Ready when the extension says so: its status-bar item tells, in words, how the paper stands.
    await page().waitForFunction(() => Array.from(document.querySelectorAll('.statusbar-item'))
      .some((node) => /LexCite: (no problems|\d+ problems?)|法引：(无问题|\d+ 个问题)/.test(node.textContent ?? '')), undefined, { timeout: 90_000 });
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

  it('(a) activates on a Markdown paper: the status bar says in words how the paper stands, the numbers in its tooltip', async () => {
    const text = ((await statusItem().textContent()) ?? '').trim();
    // The sample paper has no citation problem; the interface is English (the browser's locale), with no Chinese label.
    assert.equal(text, 'LexCite: no problems', `status bar item: ${JSON.stringify(text)}`);
    assert.equal(await statusItem().locator('.codicon-law').count(), 1, 'the law icon');
    await statusItem().hover();
    const tooltip = page().locator('.monaco-hover, .workbench-hover', { hasText: 'Index:' }).first();
    await tooltip.waitFor({ state: 'visible' });
    const details = await tooltip.innerText();
    const match = /Index: (\d+) documents, (\d+) provisions/.exec(details);
    assert.ok(match && Number(match[1]) > 0 && Number(match[2]) > Number(match[1]), `tooltip: ${details}`);
    assert.match(details, /No citation problems in this paper/);
    assert.match(details, /Statute book as of \d{4}-\d{2}-\d{2}/);
    assert.doesNotMatch(details, /lexcite\.|[\u4e00-\u9fff]/, 'no setting id and no Chinese label in the English tooltip');
    await screenshot('activation');
    await closeWidgets();
  });

  it('(w) the walkthrough opens from Welcome: Open Walkthrough, and its first step opens the sample paper', async () => {
    const p = page();
    await p.keyboard.press(`${MOD}+Shift+P`);
    await p.locator('.quick-input-widget input.input').waitFor({ state: 'visible' });
    await p.keyboard.type('Welcome: Open Walkthrough');
    await p.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Open Walkthrough' }).first().waitFor({ state: 'visible' });
    await p.keyboard.press('Enter');
    const walkthrough = p.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with LexCite' }).first();
    await walkthrough.waitFor({ state: 'visible' });
    await walkthrough.click();
    const steps = p.locator('.getting-started-step');
    await p.locator('.getting-started-step', { hasText: 'Open the sample paper' }).first().waitFor({ state: 'visible' });
    const titles = (await steps.allInnerTexts()).map((t) => t.split('\n')[0].trim());
    for (const title of ['Open the sample paper', 'Hover a provision', 'See a diagnostic', 'Open the citation report', 'Choose the house style', 'Add your library']) {
      assert.ok(titles.some((t) => t.includes(title)), `step ${title}: ${titles.join(' | ')}`);
    }
    publish(await screenshot('walkthrough'), 'walkthrough');

    // The house style step's link opens the setting, with its values described.
    await p.locator('.getting-started-step', { hasText: 'Choose the house style' }).first().click();
    await p.locator('.getting-started-step.expanded', { hasText: 'Choose the house style' }).locator('.monaco-button, a', { hasText: 'Choose the house style' }).first().click();
    const setting = p.locator('.settings-editor .setting-item', { hasText: '法学引注手册' }).first();
    await setting.waitFor({ state: 'visible' });
    publish(await screenshot('style'), 'style');
    await p.keyboard.press(`${MOD}+W`);

    // The library step: the extension's settings, statute folders among them.
    await p.locator('.getting-started-step', { hasText: 'Add your library' }).first().click();
    await p.locator('.getting-started-step.expanded', { hasText: 'Add your library' }).locator('.monaco-button, a', { hasText: 'statute folders, bibliography' }).first().click();
    await p.locator('.settings-editor .setting-item', { hasText: 'Corpora' }).first().waitFor({ state: 'visible' });
    publish(await screenshot('library'), 'library');
    await p.keyboard.press(`${MOD}+W`);

    await p.locator('.getting-started-step', { hasText: 'Open the sample paper' }).first().click();
    await p.locator('.getting-started-step.expanded', { hasText: 'Open the sample paper' }).locator('.monaco-button, a', { hasText: 'Open the sample paper' }).first().click();
    const sample = p.locator('.editor-instance .monaco-editor[data-uri^="untitled:"]').first();
    await sample.waitFor({ state: 'visible' });
    await p.waitForFunction(() => document.querySelector('.editor-instance .monaco-editor[data-uri^="untitled:"] .view-lines')?.textContent?.includes('人工智能时代公共数据开发利用的法治路径') ?? false);
    // The untitled copy is checked like any paper.
    await p.waitForFunction(() => Array.from(document.querySelectorAll('.statusbar-item')).some((node) => (node.textContent ?? '').includes('LexCite: no problems')));
    publish(await screenshot('sample'), 'sample');

    // The diagnostic step opens a paper with a mistake in each paragraph: the status item counts them.
    await p.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
    await p.locator('.getting-started-step', { hasText: 'See a diagnostic' }).first().click();
    await p.locator('.getting-started-step.expanded', { hasText: 'See a diagnostic' }).locator('.monaco-button, a', { hasText: 'Open a paper with mistakes' }).first().click();
    await p.waitForFunction(() => document.querySelector('.editor-instance .monaco-editor.focused .view-lines')?.textContent?.includes('数据产业政策的引证问题') ?? false);
    await p.waitForFunction(() => Array.from(document.querySelectorAll('.statusbar-item')).some((node) => /LexCite: \d+ problems/.test(node.textContent ?? '')));
    await screenshot('walkthrough-faulty');
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
    assert.match(await report.locator('.summary').first().innerText(), /6 authorities cited 11 times|共引用文献6件、11处/);
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
    await p.waitForFunction(() => Array.from(document.querySelectorAll('.statusbar-item')).some((node) => /LexCite: \d+ problems/.test(node.textContent ?? '')));
    const status = ((await statusItem().textContent()) ?? '').trim();
    assert.ok(Number(/LexCite: (\d+) problems/.exec(status)?.[1]) >= 4, `status bar item: ${status}`);
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
    // The tab reads as the document's title, not its id.
    await p.locator('.tabs-container .tab', { hasText: '国务院关于深入实施“人工智能+”行动的意见' }).first().waitFor({ state: 'visible' });
    await screenshot('show-provision');
  });

  it('(i) “Insert a footnote citing a work…”: [^8] at the cursor, and 同上注 offered for the work note 7 cites', async () => {
    const p = page();
    const editor = await openFile(SAMPLE);
    const at = positionIn(SAMPLE, '[^7]', '过劳的重要成因');
    await goTo(editor, at.line, at.column + '[^7]'.length);
    await runFromPalette('lexcite.insertFootnote');
    await p.locator('.quick-input-widget input.input').waitFor({ state: 'visible' });
    await p.keyboard.type('数智时代的过劳');
    const work = p.locator('.quick-input-list .monaco-list-row', { hasText: '数智时代的过劳问题及其法律因应' }).first();
    await work.waitFor({ state: 'visible' });
    await p.keyboard.press('Enter');
    // Two ways to write it: the full citation, and 同上注 since note 7 cites the same work.
    const ibid = p.locator('.quick-input-list .monaco-list-row', { hasText: '同上注。' }).first();
    await ibid.waitFor({ state: 'visible' });
    assert.match(await ibid.innerText(), /Ibid\. \(同上注\): footnote 7 cites the same work/);
    publish(await screenshot('footnote'), 'footnote');
    await ibid.click();
    await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // (The editor renders spaces as no-break spaces.)
    await p.waitForFunction(() => document.querySelector('.editor-instance .monaco-editor.focused .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes('[^8]: 同上注。') ?? false);
    // The editor wraps long lines: compare the text without its line breaks.
    const text = (await editorText(editor)).replace(/\n/g, '');
    assert.ok(text.includes('过劳的重要成因。[^7][^8]'), `the reference at the cursor: ${text}`);
    assert.ok(text.includes('[^7]: 参见田野：《数智时代的过劳问题及其法律因应》，载《中国法学》2025年第3期。[^8]: 同上注。'), `the note right after note 7: ${text}`);
    await screenshot('footnote-inserted');
  });
});
