/**
 * The citation report's HTML page as a file opened in a real browser (Debian's Chromium through playwright-core),
 * as `lexcite report --format html` users open it: it renders as a self-contained page, its Chinese headings,
 * tables and summary are visible, it prints to PDF, and it loads nothing from outside. Leaves
 * test-results/e2e/report-html.png. (The report in VS Code's webview, and the README's picture of it, are
 * checked and taken by vscode.e2e.ts.)
 *
 * Run it with scripts/e2e-report.sh, which installs Chromium and the CJK font if missing.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium } from 'playwright-core';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { buildReport } from '../../server/src/core/features/report';
import { renderReports } from '../../server/src/core/features/reportFormats';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const CHROMIUM = process.env.LEXCITE_CHROMIUM || '/usr/bin/chromium';

describe('the citation report in Chromium', function () {
  this.timeout(120000);
  let browser: Browser | undefined;
  let file: string;
  const requests: string[] = [];

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-wqy-microhei (scripts/e2e-report.sh does).`);
    const corpus = new Corpus(loadCorpusFiles());
    const reports = ['examples/sample-paper.md', 'examples/faulty-paper.md'].map((relative) => {
      const text = fs.readFileSync(path.join(ROOT, relative), 'utf8');
      return buildReport(corpus, makePaper(corpus, relative, 1, text), relative, { locale: 'zh-cn' });
    });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-report-')), 'report.html');
    fs.writeFileSync(file, renderReports(reports, 'html', 'zh-cn'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('renders the summary, one section per paper and a table per kind of authority, loading nothing else', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${file}`);
    assert.equal(await page.title(), '引注核查报告');
    assert.equal(await page.locator('section').count(), 2);
    const summary = await page.locator('.summary').first().innerText();
    assert.match(summary, /共引用文献6件、11处（国家政策文件1件、地方规范性文件2件、通知1件、期刊论文2件）/);
    const headings = await page.locator('section').first().locator('h2').allInnerTexts();
    assert.deepEqual(headings, ['国家政策文件（1）', '地方规范性文件（2）', '通知（1）', '期刊论文（2）', '简略引注（1）']);
    const firstRow = await page.locator('section').first().locator('tbody tr').first().innerText();
    assert.match(firstRow, /《国务院关于深入实施“人工智能\+”行动的意见》（国发〔2025〕11号）\s+《国务院关于深入实施“人工智能\+”行动的意见》\s+第10行\s+已核实\s+—\s+无问题/);
    assert.ok(await page.locator('section').nth(1).locator('li.error').first().isVisible(), 'errors of the faulty paper are shown');
    assert.deepEqual(requests.filter((url) => !url.startsWith('file://')), []);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'report-html.png'), fullPage: false });
    await page.close();
  });

  it('prints: the print style sheet applies and a PDF comes out', async () => {
    const page = await browser!.newPage();
    await page.goto(`file://${file}`);
    await page.emulateMedia({ media: 'print' });
    const margin = await page.evaluate('getComputedStyle(document.body).marginTop');
    assert.equal(margin, '0px');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10000 && pdf.subarray(0, 4).toString() === '%PDF');
    await page.close();
  });
});
