/**
 * Hover and completion as a user sees them, written with a ‸ cursor and answered by CitationService in-process
 * (test/helpers/atCursor.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';
import { loadCollectionsNow } from '../../server/src/node/statuteCollections';
import { atCursor, completionAt, completionLabelsAt, hoverAt } from '../helpers/atCursor';
import { DATA_DIR, LAWREFBOOK_PIPL as PIPL } from '../helpers/corpus';

describe('hover and completion at a ‸ cursor', function () {
  this.timeout(60000);
  let statutes: Corpus;
  const temporary: string[] = [];

  before(() => {
    // The bulletin plus one real statute, read from a folder holding only it.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-pipl-'));
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-cache-'));
    temporary.push(folder, cache);
    fs.copyFileSync(PIPL, path.join(folder, path.basename(PIPL)));
    statutes = new Corpus(loadCorpusFiles(DATA_DIR), loadCollectionsNow([folder], cache).documents);
  });

  after(() => {
    for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hover after 《个人信息保护法》第十三条 shows that article', () => {
    const hover = hoverAt('依据《个人信息保护法》第十三条‸，处理者须取得同意。', { corpus: statutes })!;
    assert.match(hover, /^\*\*《中华人民共和国个人信息保护法》第十三条\*\*\n\n第十三条 符合下列情形之一的，个人信息处理者方可处理个人信息：/);
    assert.match(hover, /（一）取得个人的同意；/);
  });

  it('hover inside the article number too; none on plain text', () => {
    assert.match(hoverAt('《个人信息保护法》第十‸三条', { corpus: statutes })!, /第十三条\*\*/);
    assert.equal(hoverAt('依据‸上述规定。', { corpus: statutes }), undefined);
  });

  it('the pointer on the 第 right after 》 hovers the article, not the title', () => {
    assert.match(hoverAt('《个人信息保护法》‸第十三条', { corpus: statutes })!, /第十三条\*\*/);
  });

  it('completes article numbers of the cited statute: every article whose number begins as typed', () => {
    const items = completionAt('《个人信息保护法》第十‸', { corpus: statutes });
    assert.deepEqual(items.slice(0, 2).map((i) => [i.label, i.detail]), [['第10条', '第十条'], ['第11条', '第十一条']]);
    assert.equal(items.length, 10);
  });

  it('completes a title from its first characters: the statute, not the bulletin’s cited-only record of that title', () => {
    // Without 中华人民共和国, as most journals cite it (test/unit/completion.test.ts: as the paper does).
    assert.deepEqual(completionLabelsAt('见《个人信息保‸', { corpus: statutes }), ['个人信息保护法']);
    const [first] = completionAt('见《个人信息保‸', { corpus: statutes });
    assert.equal(first.detail, '法律法规 · 2021-08-20');
  });

  it('completes the items of a bulletin document after 第', () => {
    const labels = completionLabelsAt('见《国务院关于深入实施“人工智能+”行动的意见》第‸');
    assert.deepEqual(labels.slice(0, 3), ['第（一）项', '第（二）项', '第（三）项']);
  });

  it('completes a 文号 from its issuer code and year', () => {
    assert.deepEqual(completionLabelsAt('国发〔2025〕‸'), ['国发〔2025〕11号']);
  });

  it('speaks English when the editor does: the kind label in the detail and the card', () => {
    const [item] = completionAt('见《厦门市促进数据‸', { locale: 'en' });
    assert.equal(item.label, '厦门市促进数据产业高质量发展若干措施');
    assert.equal(item.detail, 'local measure · 厦府办规〔2025〕10号 · 2025-08-04');
    assert.match(hoverAt('见《国务院关于深入实施“人工智能+”行动的意见》第（三）‸项', { locale: 'en' })!, /State Council document/);
  });

  it('the cursor is on a UTF-16 position, on the line it is written on', () => {
    const { position } = atCursor('第一行\n𠀀《个‸');
    assert.deepEqual(position, { line: 1, character: 4 });
  });

  it('a fixture without exactly one ‸ fails loudly', () => {
    assert.throws(() => hoverAt('《个人信息保护法》第十三条'), /exactly one ‸/);
    assert.throws(() => hoverAt('‸《个人信息保护法》‸'), /exactly one ‸/);
  });
});
