/**
 * Editing a long paper paragraph by paragraph must not keep every version of it in memory: what the
 * incremental check remembers across versions (block parses, findings, title keys, memoised answers) holds its
 * own small strings, not views into the whole text of the version it came from.
 */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';
import { DATA_DIR } from '../helpers/corpus';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('memory across versions', function () {
  this.timeout(60000);

  it('100 edits, each in another paragraph of a 60 KB paper, keep well under one copy of the paper per edit', () => {
    // A corpus of its own: the shared one carries the memos of every test before this one.
    const service = new CitationService(new Corpus(loadCorpusFiles(DATA_DIR)));
    const settings = resolveSettings({ paperDate: '2025-11-22' }, 'zh-cn');
    const paragraph = (i: number) => `第${i}段：《国务院关于深入实施“人工智能+”行动的意见》第（八）项要求加强数据供给创新，《未收录的第${i}号办法》另有规定。`.repeat(5);
    let document = TextDocument.create('file:///retention.md', 'markdown', 1, Array.from({ length: 100 }, (_, i) => paragraph(i)).join('\n\n'));
    service.diagnostics(document, settings);
    const before = heapUsed();
    for (let i = 0; i < 100; i++) {
      // Insert a new title into paragraph i: a new block text, and a title the caches have not seen.
      const line = 2 * i;
      document = TextDocument.update(document, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `《第${i}次修改的办法》` }], document.version + 1);
      service.diagnostics(document, settings);
    }
    const grown = heapUsed() - before;
    const paperBytes = 2 * document.getText().length;
    // Kept views would hold one whole version per edited paragraph: 100 × the paper’s ~60 KB.
    assert.ok(grown < 40 * paperBytes, `the heap grew ${Math.round(grown / 1048576)} MB over 100 edits of a ${Math.round(paperBytes / 1024)} KB paper`);
  });
});
