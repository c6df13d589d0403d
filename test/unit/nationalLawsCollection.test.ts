/**
 * The whole national statute book (../shared/national-laws, 2,439 files): every file parses without an exception
 * into one document, and parsing is linear in the input. Skipped, saying why, where the collection is absent.
 * Prints the counts and the throughput it measured.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseStatuteText } from '../../server/src/core/statutes';
import type { ParsedStatute } from '../../server/src/core/statutes/importTypes';
import { listStatuteFiles } from '../../server/src/node/statuteFolder';
import { SHARED_DIR } from '../helpers/corpus';
import { requireShared } from '../helpers/shared';

const COLLECTION = path.join(SHARED_DIR, 'national-laws');
const CIVIL_CODE = path.join(COLLECTION, '法律', 'ff808081729d1efe01729d50b5c500bf.md');

/** The least CPU time (ms) of a few runs: steadier than the wall clock on a machine others share. */
function bestOf(runs: number, body: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    body();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('national statute book: the whole collection', function () {
  this.timeout(180000);

  before(function () {
    requireShared(this, 'national-laws');
  });

  it('all files parse without an exception, one document each; counts and MB/s', () => {
    const files = listStatuteFiles(COLLECTION, []).filter((f) => path.basename(f) !== 'README.md');
    const texts = files.map((f) => [f, fs.readFileSync(f, 'utf8')] as const);
    const megabytes = texts.reduce((sum, [, t]) => sum + Buffer.byteLength(t), 0) / 1e6;
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const parsed: ParsedStatute[] = texts.map(([f, t]) => parseStatuteText(f, t));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // CPU time as well: on a shared machine the wall clock also counts other processes' turns.
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;

    const documents = parsed.filter((p) => p.document).map((p) => p.document!);
    const articles = documents.reduce((n, d) => n + d.provisions.filter((p) => p.kind === 'article').length, 0);
    const withoutArticles = documents.filter((d) => !d.provisions.some((p) => p.kind === 'article')).length;
    const problems = parsed.flatMap((p) => p.problems);
    const byKind = new Map<string, number>();
    for (const p of problems) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
    const images = problems.filter((p) => /image/.test(p.message)).length;
    console.log(`      ${files.length} files, ${megabytes.toFixed(1)} MB: ${documents.length} documents, ${articles} articles, ${withoutArticles} without articles; `
      + `problems ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')} (image gaps ${images}); ${ms.toFixed(0)} ms wall, ${(megabytes / (ms / 1000)).toFixed(1)} MB/s; `
      + `${cpuMs.toFixed(0)} ms CPU, ${(megabytes / (cpuMs / 1000)).toFixed(1)} MB/s`);

    assert.equal(files.length, 2439);
    assert.deepEqual(problems.filter((p) => /could not be parsed/.test(p.message)), []);
    assert.equal(documents.length, files.length);
    assert.ok(articles >= 84700, `${articles} articles`);
    assert.ok(documents.every((d) => d.officialId && d.status && d.versionDate), 'every document has its official id, status and date');
    assert.equal(new Set(documents.map((d) => d.id)).size, documents.length, 'ids are unique');
    assert.ok(images >= 26, `${images} image gaps`);
  });

  it('parsing time grows linearly with the text (民法典 repeated 2 and 16 times)', function () {
    requireShared(this, path.relative(SHARED_DIR, CIVIL_CODE));
    const text = fs.readFileSync(CIVIL_CODE, 'utf8');
    const bodyStart = text.indexOf('\n---\n', 4) + 5;
    const repeated = (n: number) => text.slice(0, bodyStart) + text.slice(bodyStart).repeat(n);
    const [small, large] = [repeated(2), repeated(16)];
    const smallMs = bestOf(3, () => parseStatuteText('x.md', small));
    const largeMs = bestOf(3, () => parseStatuteText('x.md', large));
    console.log(`      ×2: ${smallMs.toFixed(0)} ms CPU, ×16: ${largeMs.toFixed(0)} ms CPU (ratio ${(largeMs / smallMs).toFixed(1)}; linear is 8, quadratic 64)`);
    assert.ok(largeMs / smallMs < 24, `×16 took ${(largeMs / smallMs).toFixed(1)} times as long as ×2`);
  });
});
