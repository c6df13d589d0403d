/**
 * lexcite/search as the client shows it: the one-line facts (the same formatter as completion), a plain-text
 * preview line sent by the server (the client does not parse the card), and the citation to insert.
 */
import * as assert from 'node:assert/strict';
import type { SearchItem } from '../../protocol/requests';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { searchItems } from '../../server/src/lsp/customRequests';
import { completionAt } from '../helpers/atCursor';
import { bulletinCorpus } from '../helpers/corpus';

function search(query: string, locale?: 'en'): SearchItem[] {
  return searchItems(new CitationService(bulletinCorpus()), query, 5, resolveSettings(undefined, locale));
}

describe('lexcite/search items', () => {
  it('a document: facts, its opening words as plain text, the citation with its 文号', () => {
    const [item] = search('厦门数据');
    assert.equal(item.title, '厦门市促进数据产业高质量发展若干措施');
    assert.equal(item.detail, '地方规范性文件 · 厦府办规〔2025〕10号 · 2025-08-04');
    assert.match(item.previewLine, /^为贯彻落实党中央、国务院关于推动数据要素市场化配置改革的决策部署/);
    assert.ok(item.previewLine.length <= 121 && !item.previewLine.includes('\n') && !item.previewLine.includes('\\'), item.previewLine);
    assert.equal(item.insertText, '《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）');
    assert.match(item.preview, /^\*\*《厦门市促进数据产业高质量发展若干措施》\*\*/);
  });

  it('a journal paper: authors and journal, its summary, the full reference', () => {
    const record = search('张金平').find((i) => i.type === 'record')!;
    assert.equal(record.detail, '张金平 · 法学研究 2025');
    assert.match(record.previewLine, /^我国法院通过类比摄影作品/);
    assert.equal(record.insertText, '张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。');
  });

  it('an instrument only cited: kind and jurisdictions, and that its text is not indexed', () => {
    const [item] = search('个保法');
    assert.deepEqual([item.title, item.detail, item.previewLine], ['个人信息保护法', '法律 · 日本、韩国', '索引未收录其正文。']);
    assert.equal(search('个保法', 'en')[0].previewLine, 'Its text is not indexed.');
  });

  it('the detail is the one completion shows for the same entry', () => {
    const [item] = search('厦门数据', 'en');
    const [completion] = completionAt('见《厦门市促进数据‸', { locale: 'en' });
    assert.equal(item.detail, completion.detail);
  });
});
