/**
 * The benchmark's side-by-side rows with VS Code's Markdown language server (bench/peerBench.ts): both servers
 * answer on the same paper, each through the client side it needs (the peer's markdown-it parse and file requests
 * answered by the bench), and a peer that cannot start gives its reason instead of failing the benchmark.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { measurePeer, type PeerIterations } from '../../bench/peerBench';

const quiet = () => undefined;
const SMALL: PeerIterations = { warmup: 1, papers: [{ label: '20 KB', bytes: 20_000, edits: 2, symbols: 2, completions: 3 }] };

describe('bench: side by side with VS Code’s Markdown language server', function () {
  this.timeout(120_000);

  it('times both servers on the same paper, and each answered with real work', async () => {
    const comparison = await measurePeer(SMALL, undefined, quiet);
    assert.equal(comparison.unavailable, undefined);
    assert.equal(comparison.peer, 'vscode-markdown-languageserver 0.5.0');
    assert.deepEqual(comparison.rows.map((r) => [r.name, r.lexcite.n, r.peer.n]), [
      ['edit → diagnostics · 20 KB paper', 2, 2],
      ['edit → document symbols · 20 KB paper', 2, 2],
      ['completion in the middle (LexCite 《厦门市促, the peer `](#`) · 20 KB paper', 3, 3],
    ]);
    const [diagnostics, symbols, completion] = comparison.rows;
    // CommonMark has no footnotes: the peer takes every footnote reference [^nN] for a missing link definition.
    assert.match(diagnostics.peerAnswer, /^\d+ diagnostics \(\d+ KB; link\.no-such-reference ×\d+/);
    assert.match(diagnostics.lexciteAnswer, /^[1-9]\d* diagnostics/);
    assert.match(symbols.peerAnswer, /^\d+ symbols, 1 at the top/); // the paper's title, its sections nested under it
    assert.match(symbols.lexciteAnswer, /^\d+ symbols, \d+ at the top/); // the authorities, their citations nested under them
    assert.match(completion.lexciteAnswer, /, first 厦门市促进数据产业高质量发展若干措施/);
    assert.match(completion.peerAnswer, /^\d+ items, first #数据治理的规范体系研究/);
    assert.ok(comparison.parses && comparison.parses.parsed > 0, 'the peer asked the bench to parse the paper');
  });

  it('says why when the peer cannot start, and measures nothing rather than failing', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-peer', 'workerMain.js');
    const comparison = await measurePeer(SMALL, missing, quiet);
    assert.deepEqual(comparison.rows, []);
    assert.match(comparison.unavailable ?? '', /^the peer could not start: .*no-such-peer\/workerMain\.js is missing \(npm install the dev dependency vscode-markdown-languageserver\)$/);
  });

  it('says why when the peer exits at start', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-peer-'));
    const exiting = path.join(folder, 'exits.js');
    fs.writeFileSync(exiting, "process.stderr.write('no markdown here'); process.exit(3);\n");
    try {
      const comparison = await measurePeer(SMALL, exiting, quiet);
      assert.deepEqual(comparison.rows, []);
      assert.match(comparison.unavailable ?? '', /^the peer could not start: server exited \(code 3\) while waiting for initialize/); // stderr may come after the exit event
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
