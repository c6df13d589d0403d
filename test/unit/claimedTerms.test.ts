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

  it('a term the law has nowhere (a doctrine’s name, the paper’s own words) is left alone', () => {
    assert.deepEqual(claims('《公司法》第二十三条确立了“法人人格否认”制度。'), []);
  });

  it(`articles cited together are held together (${CLAIMS.listTogether.source})`, () => {
    assert.deepEqual(claims(CLAIMS.listTogether.text, CLAIMS.listTogether.date), []);
  });
});
