/**
 * Lists and ranges of numbers under one 第 and one unit — 第十三、十四条, 第13-15条, 第十三至十五条 — are read as a
 * reference per number, each checked on its own, with the range on the number written.
 */
import * as assert from 'node:assert/strict';
import { checkPaper } from '../../server/src/core/checks/diagnostics';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { parsePaper } from '../../server/src/core/paper/parser';
import { productCorpus } from '../helpers/corpus';

function references(text: string): [string, number, boolean][] {
  return parsePaper(text).titles[0].references.map((r) => [text.slice(r.start, r.end), r.steps[0].number, r.rangeEnd === true]);
}

describe('reference lists: 第十三、十四条 and 第13-15条', function () {
  this.timeout(60000);
  let corpus: Corpus;
  before(() => {
    corpus = productCorpus();
  });

  it('each number of a list is a reference of its own, spanning its number', () => {
    assert.deepEqual(references('《个人信息保护法》第十三、十四条规定'), [['第十三', 13, false], ['十四条', 14, false]]);
    assert.deepEqual(references('《个人信息保护法》第13-15条'), [['第13', 13, false], ['15条', 15, true]]);
    assert.deepEqual(references('《个人信息保护法》第十三至十五条、第二十条'), [['第十三', 13, false], ['十五条', 15, true], ['第二十条', 20, false]]);
  });

  it('prose that only looks like a list is not one: 第三、四季度', () => {
    assert.deepEqual(references('《个人信息保护法》第三、四季度'), []);
  });

  it('a list member that does not exist is an error on that number alone', () => {
    const text = '《个人信息保护法》第十三、八十条分别规定了处理的合法性基础。';
    const diagnostics = checkPaper(corpus, makePaper(corpus, 'file:///lists.md', 1, text, '2025-06-01')).filter((d) => d.code === 'article.not-found');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, 1);
    assert.equal(text.slice(diagnostics[0].range.start.character, diagnostics[0].range.end.character), '八十条');
    assert.match(diagnostics[0].message, /中没有第八十条/);
  });

  it('a range whose end does not exist is an error on the end', () => {
    const text = '《数据安全法》第50-60条规定了法律责任。';
    const diagnostics = checkPaper(corpus, makePaper(corpus, 'file:///lists.md', 1, text, '2025-06-01')).filter((d) => d.code === 'article.not-found');
    assert.deepEqual(diagnostics.map((d) => text.slice(d.range.start.character, d.range.end.character)), ['60条']);
  });
});
