/**
 * The bundled statute book's costs, measured the way users meet them: the size of the .vsix that ships it (made
 * by vsce), the server's memory once statutes are looked up, and a `lexcite check` process that loads it.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadStatuteBook } from '../server/src/node/statuteBook';
import { BenchServer, REPO_ROOT } from './lsp';
import { makePaper } from './papers';
import type { StatuteBookCosts } from './results';
import { describe, freshDirectory } from './serverBench';
import { now, summarize } from './stats';
import { BENCH_TMP, CIVIL_CODE_ARTICLE, positionOf } from './workloads';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const DIAGNOSTICS_TIMEOUT_MS = 180_000;

/** Statute articles a paper on data law cites, all in the book. */
const STATUTE_CITATIONS = [CIVIL_CODE_ARTICLE, '《个人信息保护法》第十三条', '《数据安全法》第二十一条', '《网络安全法》第三十七条', '《刑法》第二百五十三条之一', '《行政处罚法》第三十三条'];

/**
 * `vsce package` of the current build into bench/tmp. The bench's build is not minified (`npm run package`
 * minifies), so this .vsix is an upper bound of the release one; everything else in it is the same files.
 */
export function measureVsix(): StatuteBookCosts['vsix'] {
  const out = path.join(BENCH_TMP, 'lexcite.vsix');
  fs.rmSync(out, { force: true });
  const started = now();
  execFileSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (now() - started) / 1000;
  const listing = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { bytes: fs.statSync(out).size, files: listing.split('\n').filter((line) => line.trim() !== '').length, seconds, how: 'vsce package of the bench build (not minified: an upper bound)' };
}

/** The book's titles that can be cited as written (a title quoting another, with 《》 inside, is left out). */
function citableTitles(): string[] {
  const titles = new Set<string>();
  for (const document of loadStatuteBook().documents) if (!/[《》]/.test(document.title)) titles.add(document.title);
  return [...titles];
}

/**
 * A fresh server: RSS after hovers on a few statutes (the budget), then after the diagnostics of a paper citing
 * 第一条 of every document in the book (every document's provisions decompressed: the worst case).
 */
export async function measureBookMemory(): Promise<StatuteBookCosts['memory']> {
  const workspace = freshDirectory('workspace-book');
  const server = new BenchServer({ workspaceFolder: workspace, pullDiagnostics: true, initializationOptions: { cacheDir: freshDirectory('cache-book') } });
  try {
    await server.start();
    const text = `# 数据法律规范\n\n${STATUTE_CITATIONS.map((citation) => `依照${citation}的规定。`).join('\n\n')}\n`;
    const uri = server.uri('statutes.md');
    server.open(uri, text);
    for (const citation of STATUTE_CITATIONS) {
      const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, citation.replace(/^《[^》]*》/, '')) });
      if (!hover) throw new Error(`the hover over ${citation} answered ${describe('hover', hover).text}`);
    }
    const afterHovers = server.memory();
    const titles = citableTitles();
    const everyDocument = `# 全部法规\n\n${titles.map((title) => `《${title}》第一条。`).join('\n\n')}\n`;
    const everyUri = server.uri('every-document.md');
    server.open(everyUri, everyDocument);
    await server.request('textDocument/diagnostic', { textDocument: { uri: everyUri } }, DIAGNOSTICS_TIMEOUT_MS);
    const afterEveryDocument = server.memory();
    await server.stop();
    return { statutesHovered: STATUTE_CITATIONS, afterHovers, documentsCited: titles.length, afterEveryDocument };
  } finally {
    server.kill();
  }
}

/** Wall clock of `node dist/cli.js check PAPER` (spawn to exit) on a generated paper of `bytes`. */
export async function measureCliCheck(bytes: number, runs: number): Promise<StatuteBookCosts['cliCheck']> {
  const file = path.join(BENCH_TMP, `cli-check-${bytes}.md`);
  const text = makePaper(bytes, 7);
  fs.writeFileSync(file, text);
  const env = { ...process.env, LEXCITE_CACHE: path.join(BENCH_TMP, 'cache-cli-check') };
  const seconds: number[] = [];
  let exitCode = -1;
  for (let i = 0; i < runs; i++) {
    const started = now();
    exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', file], { stdio: ['ignore', 'ignore', 'pipe'], env });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
      child.on('error', reject);
      // Exit code 1 only means the paper has errors (it is written with some).
      child.on('exit', (code) => (code === 0 || code === 1 ? resolve(code) : reject(new Error(`lexcite check exited with ${code}: ${stderr.slice(-1000)}`))));
    });
    seconds.push((now() - started) / 1000);
  }
  return { paperBytes: Buffer.byteLength(text), runs, seconds: summarize(seconds), exitCode };
}
