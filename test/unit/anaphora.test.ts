/**
 * Citations that point back — 该法第N条, 本法第N条, 该条第N款 — are checked and hovered as the citation of the work
 * cited before them, on real sentences (test/fixtures/real-sentences) and on the same sentences with a wrong
 * number written in.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkPaper } from '../../server/src/core/checks/diagnostics';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { ANAPHORA } from '../fixtures/real-sentences/anaphora';
import { hoverAt } from '../helpers/atCursor';
import { productCorpus } from '../helpers/corpus';

let corpus: Corpus;

function check(text: string, date: string): Diagnostic[] {
  return checkPaper(corpus, makePaper(corpus, 'file:///anaphora.md', 1, text, date));
}

/** code, severity and the text under the range. */
function found(text: string, date: string): [string, number, string][] {
  const lines = text.split('\n');
  return check(text, date).map((d) => [String(d.code), d.severity!, lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)]);
}

describe('anaphora: 该法 / 本法 / 该条 on real sentences', function () {
  this.timeout(60000);
  before(() => {
    corpus = productCorpus();
  });

  for (const [name, sentence] of Object.entries(ANAPHORA)) {
    it(`${name}: as published, nothing is raised (${sentence.source})`, () => {
      assert.deepEqual(found(sentence.text, sentence.date).filter(([code]) => code.startsWith('article.')), []);
    });
  }

  it('该法第23条 hovers the 个人信息保护法’s article 23', () => {
    const { text } = ANAPHORA.sameSentence;
    const hover = hoverAt(text.replace('该法第23条', '该法第2‸3条'), { corpus, settings: { paperDate: ANAPHORA.sameSentence.date } });
    assert.match(hover ?? '', /个人信息保护法/);
    assert.match(hover ?? '', /第二十三条/);
    assert.match(hover ?? '', /个人信息处理者向其他个人信息处理者提供其处理的个人信息的/);
  });

  it('该法第三条 after 以下简称 hovers the 数据安全法’s article 3', () => {
    const { text, date } = ANAPHORA.afterShortName;
    const hover = hoverAt(text.replace('该法第三条', '该法第三‸条'), { corpus, settings: { paperDate: date } });
    assert.match(hover ?? '', /数据安全法/);
    assert.match(hover ?? '', /本法所称数据/);
  });

  it('a wrong number after 该法 is an error naming the law and what 该法 stood for', () => {
    const { text, date } = ANAPHORA.sameSentence;
    const wrong = text.replace('该法第23条', '该法第83条');
    const diagnostics = check(wrong, date).filter((d) => d.code === 'article.not-found');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, 1);
    assert.equal(wrong.slice(diagnostics[0].range.start.character, diagnostics[0].range.end.character), '第83条');
    assert.match(diagnostics[0].message, /《中华人民共和国个人信息保护法》中没有第83条/);
    assert.match(diagnostics[0].message, /（“该法”指前文所引《个人信息保护法》）/);
  });

  it('a wrong number after 本法 inside a quoted provision is an error', () => {
    const { text, date } = ANAPHORA.insideQuotedProvision;
    const wrong = text.replace('本法第二十七条', '本法第五十七条');
    assert.deepEqual(found(wrong, date).filter(([code]) => code.startsWith('article.')), [['article.not-found', 1, '第五十七条']]);
  });

  it('该条第三款 of an article with two paragraphs is an error naming the whole address', () => {
    const text = '《数据安全法》第二十七条规定了数据安全保护义务，该条第二款则规定了重要数据处理者的义务，该条第三款并不存在。';
    const diagnostics = check(text, '2025-06-01').filter((d) => d.code === 'article.not-found');
    assert.equal(diagnostics.length, 1);
    assert.equal(text.slice(diagnostics[0].range.start.character, diagnostics[0].range.end.character), '第三款');
    assert.match(diagnostics[0].message, /中没有第二十七条第三款/);
  });

  it('when two laws of the kind stand in the sentence, a wrong number is only a hint', () => {
    const text = '《民法典》与《个人信息保护法》均对个人信息作出规定，该法第八十条另有规定。';
    assert.deepEqual(found(text, '2025-06-01').filter(([code]) => code.startsWith('article.')), [['article.not-found', 4, '第八十条']]);
  });

  it('a wrong number after 该法 of a foreign act is not checked against a PRC law', () => {
    const { text, date } = ANAPHORA.foreignAct;
    assert.deepEqual(found(text.replace('该法第14条', '该法第140条'), date).filter(([code]) => code.startsWith('article.')), []);
  });

  it('该条 after a bare article number (a treaty text) is left alone, whatever its number', () => {
    const { text, date } = ANAPHORA.bareArticle;
    assert.deepEqual(found(text.replace('该条第 2 款', '该条第 9 款'), date).filter(([code]) => code.startsWith('article.')), []);
  });
});
