/**
 * Dates and 文号 written with a citation are compared with the document: a date in the parenthesis after the
 * 文号, a date ending the footnote that cites the document, and a 文号 written after a title whose document has
 * none but another document does.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkPaper, DiagnosticData } from '../../server/src/core/checks/diagnostics';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { bulletinCorpus } from '../helpers/corpus';

function check(text: string, code: string): Diagnostic[] {
  return checkPaper(bulletinCorpus(), makePaper(bulletinCorpus(), 'file:///dates.md', 1, text, '2025-11-01')).filter((d) => d.code === code);
}

function under(text: string, d: Diagnostic): string {
  const line = text.split('\n')[d.range.start.line];
  return line.slice(d.range.start.character, d.range.end.character);
}

describe('dates and 文号 written with a citation', () => {
  it('a date after the 文号 in the parenthesis is compared with the document’s (dated 8月4日, written 8月14日)', () => {
    const text = '厦门市出台《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号，2025年8月14日），提出二十条措施。';
    const [d] = check(text, 'citation.date-mismatch');
    assert.equal(under(text, d), '2025年8月14日');
    assert.equal(d.message, '《厦门市促进数据产业高质量发展若干措施》的日期是2025年8月4日，此处写作2025年8月14日');
    assert.equal((d.data as DiagnosticData).fixes![0].newText, '2025年8月4日');
    assert.deepEqual(check(text.replace('8月14日', '8月4日'), 'citation.date-mismatch'), []);
  });

  it('a date ending the footnote that cites the document is compared too', () => {
    const text = '正文。[^1]\n\n[^1]: 《厦门市促进数据产业高质量发展若干措施》，厦府办规〔2025〕10号，2025年8月14日。';
    const [d] = check(text, 'citation.date-mismatch');
    assert.equal(under(text, d), '2025年8月14日');
    assert.deepEqual(check(text.replace('8月14日', '8月4日'), 'citation.date-mismatch'), []);
  });

  it('the date a text takes effect is not its date of issue', () => {
    assert.deepEqual(check('《厦门市促进数据产业高质量发展若干措施》（2025年9月1日起施行）', 'citation.date-mismatch'), []);
  });

  it('a date ending a note that cites another work after this one is that work’s', () => {
    const text = '正文。[^1]\n\n[^1]: 《厦门市促进数据产业高质量发展若干措施》；《关于规范“自媒体”医疗科普行为的通知》，2025年7月28日。';
    assert.deepEqual(check(text, 'citation.date-mismatch'), []);
  });

  it('a 文号 after a title whose document has none is a mismatch when it is another document’s', () => {
    const text = '《关于规范“自媒体”医疗科普行为的通知》（厦府办规〔2025〕10号）要求……';
    const [d] = check(text, 'docnumber.mismatch');
    assert.equal(under(text, d), '厦府办规〔2025〕10号');
    assert.equal(d.severity, 1);
    assert.equal(d.message, '文号厦府办规〔2025〕10号与《关于规范“自媒体”医疗科普行为的通知》不符：索引中《关于规范“自媒体”医疗科普行为的通知》没有文号，厦府办规〔2025〕10号是《厦门市人民政府办公厅关于印发促进数据产业高质量发展若干措施的通知》的文号');
  });

  it('the notice’s 文号 after the measures it issued is right', () => {
    assert.deepEqual(check('《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）', 'docnumber.mismatch'), []);
  });
});
