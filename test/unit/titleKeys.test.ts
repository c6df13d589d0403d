/**
 * Title keys (text/normalize.ts titleKey): titles with nothing to fold are only case-folded, the others folded
 * character by character; both must give the key the folding rules define, for every title the product serves.
 */
import * as assert from 'assert';
import { foldWidth, removeSpaces, titleKey, titleKeyWithoutPrc } from '../../server/src/core/text/normalize';
import { productCorpus } from '../helpers/corpus';

/** The folding rules, written out plainly: no whitespace, width-folded, quotation marks dropped, brackets and dashes unified, lower case. */
const FOLD: Record<string, string> = {
  '"': '', '“': '', '”': '', '„': '', '‘': '', '’': '', "'": '', '「': '', '」': '', '『': '', '』': '',
  '(': '（', ')': '）', '〈': '<', '〉': '>', '《': '<', '》': '>', '—': '-', '–': '-', '－': '-', '―': '-', '・': '·', '•': '·',
};
function expectedKey(title: string): string {
  return [...foldWidth(removeSpaces(title))].map((ch) => FOLD[ch] ?? ch).join('').toLowerCase();
}

describe('title keys', () => {
  it('fold spaces, widths, quotation marks, brackets and dashes, and nothing else', () => {
    const cases: [string, string][] = [
      ['中华人民共和国个人信息保护法', '中华人民共和国个人信息保护法'],
      ['国务院关于深入实施“人工智能+”行动的意见', '国务院关于深入实施人工智能+行动的意见'],
      ['个人信息保护法 （2021）', '个人信息保护法（2021）'],
      ['个人信息保护法(2021)', '个人信息保护法（2021）'],
      ['ＧＢ／Ｔ　３５２７３—２０２０', 'gb/t35273-2020'],
      ['GB/T 35273-2020', 'gb/t35273-2020'],
      ['Ａｂｃ《子》〈标题〉・点', 'abc<子><标题>·点'],
      ['数据\u200b安全法\ufeff', '数据安全法'],
      ['「个人信息」出境标准合同办法', '个人信息出境标准合同办法'],
      ['EU General Data Protection Regulation', 'eugeneraldataprotectionregulation'],
    ];
    for (const [title, key] of cases) {
      assert.strictEqual(titleKey(title), key, title);
      assert.strictEqual(expectedKey(title), key, `the rules themselves, for ${title}`);
    }
    assert.strictEqual(titleKeyWithoutPrc('中华人民共和国 个人信息保护法'), '个人信息保护法');
  });

  it('are the folding rules’ keys for every title and alias of the bulletin and the statute book', () => {
    const corpus = productCorpus();
    const titles = [
      ...corpus.documents.flatMap((d) => [d.title, ...d.aliases.map((a) => a.text)]),
      ...corpus.records.map((r) => r.title),
      ...corpus.instruments.flatMap((i) => [i.title, ...i.variants, ...i.aliases.map((a) => a.text)]),
    ];
    assert.ok(titles.length > 4000, `${titles.length} titles`);
    for (const title of titles) assert.strictEqual(titleKey(title), expectedKey(title), title);
  });
});
