/**
 * Search quality on a fixed query set: the intended document must come first (hit@1), for every strategy we
 * ship as default. The same set is measured per strategy in the benchmark.
 */
import * as assert from 'node:assert/strict';
import { QUERY_SET } from '../../bench/querySet';
import { bulletinCorpus } from '../helpers/corpus';

describe('search: the fixed query set', () => {
  for (const { query, expected } of QUERY_SET) {
    it(`${query} → ${expected}`, () => {
      const hits = bulletinCorpus().search.search(query, { limit: 5 });
      assert.ok(hits.length > 0, `no hit for ${query}`);
      assert.equal(hits[0].entry.title, expected, `${query}: got ${hits.slice(0, 3).map((h) => h.entry.title).join(' | ')}`);
    });
  }

  it('typo-tolerant: one wrong character in a long title still finds it', () => {
    const hits = bulletinCorpus().search.search('关于加快北京市公共数据资源开发运用的实施意见', { limit: 3 });
    assert.equal(hits[0].entry.id, 'bj-public-data-opinion');
  });

  it('the fuse.js baseline and the re-ranking strategy answer too', () => {
    for (const strategy of ['fuse', 'scorer+fuse'] as const) {
      const hits = bulletinCorpus().search.search('厦门市促进数据产业', { limit: 3, strategy });
      assert.equal(hits[0].entry.id, 'xm-data-industry-measures', strategy);
    }
  });

  it('restricts to entry types and copes with empty or odd queries', () => {
    assert.ok(bulletinCorpus().search.search('人工智能', { types: ['record'] }).every((h) => h.entry.type === 'record'));
    assert.deepEqual(bulletinCorpus().search.search(''), []);
    assert.deepEqual(bulletinCorpus().search.search('《》'), []);
    assert.doesNotThrow(() => bulletinCorpus().search.search('\ud800𠀀　 ＡＩ'));
  });
});
