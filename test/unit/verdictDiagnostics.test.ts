/**
 * The diagnostics a verdict reads are the same whether its lookup scanned the list (the first lookups of a list,
 * as the first hover after an edit makes) or read it indexed by offset (checks/verdictDiagnostics.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticIndex } from '../../server/src/core/checks/verdictDiagnostics';
import { DiagnosticsByOffset } from '../../server/src/core/checks/diagnosticsByOffset';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { REPO_ROOT, productCorpus } from '../helpers/corpus';

describe('a verdict’s diagnostics, scanned or indexed', () => {
  it('are the same, in the same order, around every diagnostic of the example and test papers', () => {
    const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'papers');
    const papers = [path.join(REPO_ROOT, 'examples', 'faulty-paper.md'), ...fs.readdirSync(fixtures).filter((f) => f.endsWith('.md')).map((f) => path.join(fixtures, f))];
    const service = new CitationService(productCorpus());
    const settings = resolveSettings({});
    let diagnosticCount = 0;
    let found = 0;
    for (const [i, paper] of papers.entries()) {
      const text = fs.readFileSync(paper, 'utf8');
      const document = { uri: `file:///paper-${i}.md`, version: 1, getText: () => text };
      const diagnostics = service.diagnostics(document, settings);
      const { lines } = service.paper(document, settings);
      const indexed = new DiagnosticsByOffset(diagnostics, lines);
      diagnosticCount += diagnostics.length;
      for (const diagnostic of diagnostics) {
        const start = lines.offsetAt(diagnostic.range.start);
        const end = lines.offsetAt(diagnostic.range.end);
        for (const [from, to] of [[start, end], [start, start], [end, end], [start - 5, end + 5], [end, end + 40], [start - 40, start]]) {
          const scanned = new DiagnosticIndex(diagnostics, lines).overlapping(from, to);
          assert.deepEqual(scanned, indexed.overlapping(from, to, true), `${path.basename(paper)} [${from}, ${to})`);
          found += scanned.length;
        }
      }
    }
    assert.ok(diagnosticCount > 30, `${diagnosticCount} diagnostics`);
    assert.ok(found > diagnosticCount * 3);
  });
});
