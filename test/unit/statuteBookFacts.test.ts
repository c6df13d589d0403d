/**
 * Facts of the bundled statute book (data/statutes/statutes.pack) that users rely on, pinned so that a rebuild
 * which loses or changes them fails here instead of in a paper.
 */
import * as assert from 'node:assert/strict';
import type { CorpusDocument } from '../../server/src/core/corpus/model';
import { StatuteBook, loadStatuteBook } from '../../server/src/node/statuteBook';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { productCorpus } from '../helpers/corpus';

describe('the bundled statute book: pinned facts', function () {
  this.timeout(60000);
  let book: StatuteBook;

  before(() => {
    book = loadStatuteBook();
  });

  const titled = (title: string): CorpusDocument[] => book.documents.filter((d) => d.title === title);

  it('民法典 is one document of 1,260 articles, 第一条 to 第一千二百六十条', () => {
    const [code, ...others] = titled('中华人民共和国民法典');
    assert.deepEqual(others, []);
    const articles = code.provisions.filter((p) => p.kind === 'article');
    assert.equal(articles.length, 1260);
    assert.deepEqual([articles[0].label, articles[1259].label], ['第一条', '第一千二百六十条']);
  });

  it('308 laws in force', () => {
    // Counted from the pack of 2026-05-16 (national-laws 329d659d): documents whose group is 法律 and whose status
    // is 有效 — one per law, since a law's amended versions carry 已修改. Laws not yet in force (尚未生效) and
    // repealed ones (已废止) are not counted, nor 宪法, 修正案 and 法律解释, which are groups of their own.
    const inForce = book.documents.filter((d) => d.group === '法律' && d.status === '有效');
    assert.equal(inForce.length, 308);
    assert.equal(new Set(inForce.map((d) => d.title)).size, 308, 'one version of each law is in force');
  });

  it('网络安全法 has exactly its two versions: 2016 (已修改) and 2025 (有效 from 2026-01-01)', () => {
    const versions = titled('中华人民共和国网络安全法').map((d) => [d.versionDate, d.effectiveDate, d.status, d.group]);
    assert.deepEqual(versions, [
      ['2016-11-07', '2017-06-01', '已修改', '法律'],
      ['2025-10-28', '2026-01-01', '有效', '法律'],
    ]);
  });
});

describe('search at the whole statute book', function () {
  this.timeout(60000);
  let corpus: Corpus;

  before(() => {
    corpus = productCorpus();
  });

  const top = (query: string) => corpus.search.search(query, { limit: 3 }).map((hit) => hit.entry.title);

  it('an abbreviation’s initials in order still find the law (gbf → 个人信息保护法)', () => {
    assert.equal(top('gbf')[0], '中华人民共和国个人信息保护法');
    assert.equal(top('sjaqf')[0], '中华人民共和国数据安全法');
  });

  it('Latin nonsense finds nothing: in a long title’s initials almost any letters occur in order', () => {
    assert.deepEqual(top('zzzzzzzz'), []);
    assert.deepEqual(top('zzqqxxjj'), []);
  });
});
