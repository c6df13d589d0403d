/**
 * lexcite/report on a long paper over the real server: $/cancelRequest stops it, and the server answers the
 * next request at once.
 */
import * as assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { startClient } from '../helpers/lspClient';

describe('report cancellation over LSP', function () {
  this.timeout(60000);

  it('a cancelled report answers RequestCancelled, and the server keeps answering', async () => {
    // No citation limit: tens of thousands of citations, a report that takes a while even when linear.
    const client = await startClient({ pullDiagnostics: true, settings: { paperDate: '2025-11-22', maxCitations: 0 } });
    try {
      const uri = client.uri('long.md');
      await client.open(uri, '《数据安全法》第三条、《某某办法》，'.repeat(40_000));
      await client.pullDiagnostics(uri);
      const source = new CancellationTokenSource();
      const started = Date.now();
      const report = client.connection.sendRequest('lexcite/report', { textDocument: { uri }, format: 'md' }, source.token);
      setTimeout(() => source.cancel(), 100);
      await assert.rejects(report, (error: { code: number }) => {
        assert.equal(error.code, -32800, 'RequestCancelled');
        return true;
      });
      assert.ok(Date.now() - started < 1500, `cancelled within ${Date.now() - started} ms`);
      const pinged = Date.now();
      assert.equal(await client.request('lexcite/ping', null), null);
      assert.ok(Date.now() - pinged < 500, `then answered in ${Date.now() - pinged} ms`);
    } finally {
      await client.shutdown();
    }
  });
});
