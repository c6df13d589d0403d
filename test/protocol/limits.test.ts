/**
 * lexcite.maxPaperSize and lexcite.maxCitations read by the real server from workspace/configuration: the
 * diagnostic that says where checking stopped, hover past the cut, and a configuration change taking effect.
 */
import * as assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { startClient } from '../helpers/lspClient';

const WRONG = '《国务院关于深入实施“人工智能+”行动的意见》第（十五）项。\n\n';

describe('limits over LSP', function () {
  this.timeout(30000);

  it('settings cut the check with one diagnostic; hover works past the cut; a configuration change re-checks', async () => {
    const client = await startClient({ pullDiagnostics: true, locale: 'en', settings: { paperDate: '2025-11-22', maxPaperSize: 200, maxCitations: 3 } });
    try {
      const uri = client.uri('long.md');
      await client.open(uri, WRONG.repeat(12));
      const diagnostics = await client.pullDiagnostics(uri);
      assert.deepEqual(diagnostics.filter((d) => String(d.code).startsWith('paper.too')).map((d) => [d.code, d.range.start.line, d.severity]), [
        ['paper.too-many-citations', 6, 2],
        ['paper.too-large', 12, 2],
      ]);
      assert.match(diagnostics.find((d) => d.code === 'paper.too-large')!.message, /^The paper has 384 characters, more than the limit of 200 \(lexcite\.maxPaperSize/);
      assert.equal(diagnostics.filter((d) => d.code === 'article.not-found').length, 3);

      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 22, character: 3 } });
      assert.match((hover.contents as { value: string }).value, /^\*\*《国务院关于深入实施“人工智能\+”行动的意见》\*\*/);
      assert.equal(hover.range!.start.line, 22);

      client.settings = { paperDate: '2025-11-22', maxPaperSize: 0, maxCitations: 0 };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const all = await client.pullDiagnostics(uri);
      assert.deepEqual([all.filter((d) => d.code === 'article.not-found').length, all.filter((d) => String(d.code).startsWith('paper.too')).length], [12, 0]);
    } finally {
      await client.shutdown();
    }
  });
});
