/**
 * What a paper says a provision contains (界定了…, 规定了“…”) is held to the provision's text: the errors of the
 * kind a reviewer found in published texts, and a real sentence that must stay silent.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkPaper, DiagnosticData } from '../../server/src/core/checks/diagnostics';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { CLAIMS } from '../fixtures/real-sentences/claims';
import { productCorpus } from '../helpers/corpus';

let corpus: Corpus;

function claims(text: string, date = '2025-06-01'): Diagnostic[] {
  return checkPaper(corpus, makePaper(corpus, 'file:///claims.md', 1, text, date)).filter((d) => d.code === 'claim.term-elsewhere');
}

const under = (text: string, d: Diagnostic) => text.slice(d.range.start.character, d.range.end.character);

describe('claims about a provision’s content', function () {
  this.timeout(60000);
  before(() => {
    corpus = productCorpus();
  });

  it('“第十三条界定了敏感个人信息”: a warning naming the article that defines it, with the fix', () => {
    const text = '《个人信息保护法》第十三条界定了敏感个人信息。';
    const [d] = claims(text);
    assert.equal(under(text, d), '第十三条');
    assert.equal(d.severity, 2);
    assert.equal(d.message, '第十三条未提及“敏感个人信息”；第二十八条第一款有此规定');
    assert.equal((d.data as DiagnosticData).fixes![0].newText, '第二十八条第一款');
    assert.deepEqual(claims('《个人信息保护法》第二十八条界定了敏感个人信息的范围。'), []);
  });

  it('“第十三条第一款第（二）项规定了‘公共利益’”: the item of the same article that has it', () => {
    const text = '《个人信息保护法》第十三条第一款第（二）项规定了“公共利益”。';
    const [d] = claims(text);
    assert.equal(under(text, d), '第十三条第一款第（二）项');
    assert.equal(d.message, '第十三条第一款第（二）项未提及“公共利益”；第十三条第一款第（五）项有此规定');
    assert.deepEqual(claims(text.replace('（二）', '（五）')), []);
  });

  it('outdated numbering: 《公司法》第二十条 in a 2025 paper is the 2018 text’s number; the rule is now 第二十三条第一款', () => {
    const text = '《公司法》第二十条规定了“法人独立地位”。';
    const [d] = claims(text, '2025-06-01');
    assert.equal(under(text, d), '第二十条');
    assert.equal(d.message, '第二十条是2018年修正的编号，2023年修订中第二十条未提及“法人独立地位”；此规定现为第二十三条第一款');
    assert.equal((d.data as DiagnosticData).fixes![0].newText, '第二十三条第一款');
    assert.deepEqual(claims(text, '2020-06-01'), [], 'in 2020 the 2018 text was in force');
  });

  it('a term the law has nowhere (a doctrine’s name, the paper’s own words) is left alone', () => {
    assert.deepEqual(claims('《公司法》第二十三条确立了“法人人格否认”制度。'), []);
  });

  it(`articles cited together are held together (${CLAIMS.listTogether.source})`, () => {
    assert.deepEqual(claims(CLAIMS.listTogether.text, CLAIMS.listTogether.date), []);
  });
});

describe('a provision reproduced after its number, without quotation marks', function () {
  this.timeout(60000);
  before(() => {
    corpus = productCorpus();
  });
  const exact = '有下列情形之一的，个人信息处理者应当主动删除个人信息；个人信息处理者未删除的，个人有权请求删除：';
  const check = (text: string) => checkPaper(corpus, makePaper(corpus, 'file:///reproduced.md', 1, text, '2025-06-01')).filter((d) => d.code === 'quote.mismatch');

  it('held to the provision’s words under the short name as under the full title: a changed word is a mismatch, with the fix', () => {
    for (const title of ['《个人信息保护法》', '《中华人民共和国个人信息保护法》']) {
      const text = `${title}第四十七条　${exact.replace('主动', '及时')}`;
      const [d] = check(text);
      assert.equal(d.severity, 2);
      assert.equal(under(text, d), exact.replace('主动', '及时'));
      assert.match(d.message, /原文为“有下列情形之一的，个人信息处理者应当主动删除个人信息/);
      const fix = (d.data as DiagnosticData).fixes![0];
      assert.equal(fix.newText.startsWith('有下列情形之一的，个人信息处理者应当主动删除个人信息'), true);
    }
  });

  it('the words as the law has them, or the paper’s own prose after the number, raise nothing', () => {
    assert.deepEqual(check(`《个人信息保护法》第四十七条　${exact}`), []);
    assert.deepEqual(check('《个人信息保护法》第四十七条　这一条确立了删除权，学界对此讨论甚多，本文不再赘述其来源。'), []);
  });
});
