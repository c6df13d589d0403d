/**
 * The short names lawyers write (core/corpus/lawNames.ts): each resolves to exactly one law of the national statute
 * book (/work/shared/national-laws when present, else the fixture laws), and none is itself the title of
 * another law or regulation there.
 */
import * as assert from 'node:assert/strict';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { LAW_NAMES } from '../../server/src/core/corpus/lawNames';
import type { CorpusDocument } from '../../server/src/core/corpus/model';
import { stripPrcPrefix, titleKeyWithoutPrc } from '../../server/src/core/text/normalize';
import { loadStatuteBook } from '../../server/src/node/statuteBook';

/** Titles lawyers write without 中华人民共和国; the brief's list of forms that must name one law each. */
const TITLES_WITHOUT_PRC = ['反不正当竞争法', '劳动合同法', '著作权法', '反垄断法', '行政处罚法', '反电信网络诈骗法', '个人信息保护法'];

describe('law names: short names lawyers use', function () {
  this.timeout(60000);
  let corpus: Corpus;
  let book: CorpusDocument[];

  before(() => {
    book = loadStatuteBook().documents;
    corpus = new Corpus(undefined, book);
  });

  it('the table is well formed: every name once, every entry with a source note, no name its own law', () => {
    const names = LAW_NAMES.map((n) => n.name);
    assert.equal(new Set(names).size, names.length);
    for (const entry of LAW_NAMES) {
      assert.ok(entry.source.length >= 6, `${entry.name} has a source note`);
      assert.notEqual(titleKeyWithoutPrc(entry.name), titleKeyWithoutPrc(entry.law));
    }
  });

  it('every name resolves to exactly one law of the bundled statute book, one in force', () => {
    for (const { name, law } of LAW_NAMES) {
      const documents = corpus.lookupTitle(name).map((e) => corpus.document(e.id)!);
      const titles = new Set(documents.map((d) => stripPrcPrefix(d.title)));
      assert.deepEqual([...titles], [law], `《${name}》 names ${[...titles].join('、') || 'nothing'}`);
      assert.ok(documents.some((d) => d.status === '有效' || d.status === '现行有效'), `《${name}》: a version of 《${law}》 in force`);
    }
  });

  it('no name is the title of another law or regulation in the statute book', () => {
    const titles = new Set(book.map((e) => titleKeyWithoutPrc(e.title)));
    for (const { name } of LAW_NAMES) assert.ok(!titles.has(titleKeyWithoutPrc(name)), `《${name}》 is itself a title`);
  });

  it('titles written without 中华人民共和国 name one law each', () => {
    const inBook = new Set(book.map((e) => titleKeyWithoutPrc(e.title)));
    const checked = TITLES_WITHOUT_PRC.filter((written) => inBook.has(written));
    assert.ok(checked.length >= 1);
    for (const written of checked) {
      const titles = new Set(corpus.lookupTitle(written).map((e) => corpus.document(e.id)!.title));
      assert.deepEqual([...titles], [`中华人民共和国${written}`], written);
    }
  });
});
