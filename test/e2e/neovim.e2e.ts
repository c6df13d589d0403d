/**
 * End to end with a second real LSP client: Neovim's built-in one (Debian's neovim, 0.7.x), headless, against
 * `node bin/lexcite.js lsp --stdio` on copies of the example papers. test/e2e/neovim/lsp-check.lua does the
 * driving and writes what Neovim saw as JSON; each feature is checked here in its own test.
 *
 * Run it with scripts/e2e-neovim.sh (installs neovim if missing, builds). LEXCITE_NVIM picks the nvim binary.
 */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository: this file runs as out/test/e2e/neovim.e2e.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCRIPT = path.join(ROOT, 'test', 'e2e', 'neovim', 'lsp-check.lua');
const NVIM = process.env.LEXCITE_NVIM || 'nvim';
const CORRECT_TITLE = '厦门市促进数据产业高质量发展若干措施';

interface Failed { error: string }
interface Diagnostic { lnum: number; col: number; character: number; severity: number; code: string | null; source: string | null; message: string }
interface CompletionCase { typed: string; count: number; labels: string[]; detail?: string; accepted?: string }
interface Result {
  nvim: string;
  error?: string;
  serverLog: string;
  initialize?: { hoverProvider: boolean; completionTriggers: string[]; codeActionProvider: boolean } | Failed;
  hover?: { article: string | null; title: string | null; plain: string | null } | Failed;
  completion?: CompletionCase[] | Failed;
  diagnostics?: Diagnostic[] | Failed;
  codeAction?: { titles: string[]; line: string } | Failed;
  exit?: { code: number; signal: number };
}

/** The part of the result a test checks, or a failure that says what Neovim reported. */
function part<K extends keyof Result>(result: Result | undefined, key: K): Exclude<NonNullable<Result[K]>, Failed> {
  assert.ok(result, 'Neovim ran (see the before-all hook)');
  assert.ok(!result.error, `the Lua script failed: ${result.error}`);
  const value = result[key];
  assert.ok(value !== undefined && value !== null, `Neovim recorded no ${String(key)}`);
  if (typeof value === 'object' && !Array.isArray(value) && 'error' in (value as object)) {
    assert.fail(`${String(key)} failed in Neovim: ${(value as Failed).error}`);
  }
  return value as Exclude<NonNullable<Result[K]>, Failed>;
}

describe('Neovim’s built-in LSP client with `lexcite lsp --stdio`', function () {
  this.timeout(120_000);
  let result: Result | undefined;
  let dir = '';

  before(async function () {
    const probe = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error(`Neovim (${NVIM}) is not available: ${probe.error?.message ?? probe.stderr}. Install it with \`apt-get install neovim\` (scripts/e2e-neovim.sh does), or set LEXCITE_NVIM.`);
    }
    const version = /NVIM v(\d+)\.(\d+)/.exec(probe.stdout);
    assert.ok(version && (Number(version[1]) > 0 || Number(version[2]) >= 7), `Neovim 0.7 or later is needed: ${probe.stdout.split('\n')[0]}`);
    for (const file of ['bin/lexcite.js', 'dist/cli.js']) {
      assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} exists (run \`npm run build\` first)`);
    }

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-nvim-'));
    const workdir = path.join(dir, 'papers');
    fs.mkdirSync(workdir);
    for (const file of ['sample-paper.md', 'faulty-paper.md']) fs.copyFileSync(path.join(ROOT, 'examples', file), path.join(workdir, file));
    const output = path.join(dir, 'result.json');

    const nvim = spawn(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: workdir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        LEXCITE_REPO: ROOT,
        LEXCITE_NVIM_WORKDIR: workdir,
        LEXCITE_NVIM_RESULT: output,
        LEXCITE_NODE: process.execPath,
        // Neovim's logs, shada and swap stay in the run folder.
        XDG_CONFIG_HOME: path.join(dir, 'config'),
        XDG_DATA_HOME: path.join(dir, 'data'),
        XDG_STATE_HOME: path.join(dir, 'state'),
        XDG_CACHE_HOME: path.join(dir, 'cache'),
      },
    });
    let stderr = '';
    nvim.stdout!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    nvim.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        nvim.kill('SIGKILL');
        resolve('killed after 90 s');
      }, 90_000);
      nvim.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? String(signal));
      });
    });
    assert.ok(fs.existsSync(output), `Neovim wrote no result (exit ${exit}): ${stderr.slice(-2000)}`);
    result = JSON.parse(fs.readFileSync(output, 'utf8')) as Result;
    assert.equal(exit, 0, `nvim exit status: ${stderr.slice(-2000)}`);
  });

  after(() => {
    if (dir && !process.env.LEXCITE_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts the server and initializes (hover, completion on 《 第 〔 @, code actions)', () => {
    const init = part(result, 'initialize');
    assert.equal(init.hoverProvider, true);
    assert.deepEqual([...init.completionTriggers].sort(), ['《', '〔', '第', '@'].sort());
    assert.equal(init.codeActionProvider, true);
    assert.match(result!.nvim, /^0\.\d+\.\d+$|^\d+\.\d+\.\d+$/);
  });

  it('hover: the provision’s text on 第（八）项, the document card on its title, nothing on plain text', () => {
    const hover = part(result, 'hover');
    assert.ok(hover.article, 'a hover on 第（八）项');
    assert.match(hover.article, /《国务院关于深入实施“人工智能\+”行动的意见》三、（八）/);
    assert.match(hover.article, /（八）加强数据供给创新。以应用为导向，持续加强人工智能高质量数据集建设。/);
    assert.ok(hover.title, 'a hover on the title');
    assert.match(hover.title, /《国务院关于深入实施“人工智能\+”行动的意见》\*\*（国发〔2025〕11号）/);
    assert.match(hover.title, /原载/);
    assert.equal(hover.plain, null, 'no hover on the front matter');
  });

  it('completion: pinyin initials and a few characters after 《 put the intended title first; accepting it completes the title', () => {
    const cases = part(result, 'completion');
    assert.equal(cases.length, 2);
    for (const c of cases) {
      assert.ok(c.count > 0, `items after ${c.typed}`);
      assert.equal(c.labels[0], CORRECT_TITLE, `first item after ${c.typed}: ${c.labels.join(' | ')}`);
      assert.match(c.detail ?? '', /厦府办规〔2025〕10号/);
      assert.ok(c.accepted?.startsWith(`另见《${CORRECT_TITLE}》`), `after accepting: ${c.accepted}`);
    }
  });

  it('diagnostics (vim.diagnostic.get): one per fault of faulty-paper.md, with code, source, severity and UTF-16 position', () => {
    const diagnostics = part(result, 'diagnostics');
    const at = (code: string, line: number) => diagnostics.find((d) => d.code === code && d.lnum === line);
    // The same faults `lexcite check examples/faulty-paper.md` prints (1-based there, 0-based here).
    const expected: [string, number, number, number][] = [
      ['article.not-found', 2, 23, 1],
      ['docnumber.mismatch', 4, 21, 1],
      ['title.typo', 6, 1, 2],
      ['docnumber.format', 8, 0, 2],
      ['article.not-found', 10, 20, 1],
      ['article.not-found', 12, 36, 1],
      ['article.not-found', 14, 24, 1],
    ];
    for (const [code, line, character, severity] of expected) {
      const d = at(code, line);
      assert.ok(d, `${code} on line ${line + 1}: ${JSON.stringify(diagnostics.map((x) => [x.code, x.lnum]))}`);
      assert.equal(d.character, character, `${code} column`);
      assert.equal(d.severity, severity, `${code} severity`);
      assert.equal(d.source, 'lexcite');
    }
    assert.match(at('article.not-found', 10)!.message, /第九条.*第1点至第8点/);
    assert.match(at('title.typo', 6)!.message, new RegExp(CORRECT_TITLE));
  });

  it('code action: the quick fix of title.typo, applied by Neovim, writes the indexed title', () => {
    const action = part(result, 'codeAction');
    assert.match(action.titles[0], new RegExp(`^(改为|Replace with )《${CORRECT_TITLE}》$`));
    assert.equal(action.line, `《${CORRECT_TITLE}》是对标题的误写。`);
  });
});
