/**
 * Citing real statutes (the bundled statute book) next to the bulletin, as the CLI and the server serve them: versions chosen by tag or by the paper's date,
 * renumbered articles warned about, diagnostics on 条/款/项/目, and the on-disk cache.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { checkPaper } from '../../server/src/core/checks/diagnostics';
import { lookupCitation } from '../../server/src/core/features/lookup';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { loadCollections, loadCollectionsNow } from '../../server/src/node/statuteCollections';
import { LAWREFBOOK_FIXTURES, productCorpus } from '../helpers/corpus';

let cacheDir: string;
let corpus: Corpus;

function check(text: string, date: string): Diagnostic[] {
  return checkPaper(corpus, makePaper(corpus, 'file:///law-paper.md', 1, text, date));
}

function found(citation: string, date = '2026-11-22') {
  const result = lookupCitation(corpus, citation, date);
  assert.equal(result.status, 'found', `${citation}: ${JSON.stringify(result).slice(0, 200)}`);
  return result as Extract<typeof result, { status: 'found' }>;
}

describe('statutes: citing the bundled statute book', function () {
  this.timeout(60000);

  before(() => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-cache-'));
    corpus = productCorpus();
  });

  after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  describe('addressing', () => {
    it('条/款/项/目, 条之一, Arabic or Chinese numerals, 第（二）项 and 第二项, 编/章 prefixes', () => {
      assert.match(found('《个人信息保护法》第十三条第一款第二项').provision!.text, /^（二）为订立、履行个人作为一方当事人的合同所必需/);
      assert.equal(found('《个人信息保护法》第13条第1款第（二）项').provision!.address, '第十三条第一款第（二）项');
      assert.equal(found('《中华人民共和国个人信息保护法》第十三条第（二）项').provision!.address, '第十三条第一款第（二）项');
      assert.match(found('《刑法》第二百五十三条之一').provision!.text, /^第二百五十三条之一 违反国家有关规定，向他人出售或者提供公民个人信息/);
      assert.match(found('《民法典》第1034条第2款').provision!.text, /^个人信息是以电子或者其他方式记录的能够单独或者与其他信息结合识别特定自然人的各种信息/);
      assert.equal(found('《个人信息保护法》第二章第十三条').provision!.address, '第十三条');
    });

    it('nonexistent articles, 款 and 项 fail with the law’s range', () => {
      const missing = (citation: string) => {
        const result = lookupCitation(corpus, citation);
        assert.equal(result.status, 'no-provision', citation);
        return (result as { available: string }).available;
      };
      assert.equal(missing('《个人信息保护法》第七十五条'), '第一条至第七十四条');
      assert.equal(missing('《民法典》第一千二百六十一条'), '第一条至第一千二百六十条');
      assert.equal(missing('《个人信息保护法》第十三条第三款'), '第十三条共2款');
      assert.match(missing('《个人信息保护法》第十三条第一款第八项'), /（一）至（七）/);
    });
  });

  describe('versions', () => {
    it('a tag picks the version: （2007年）, （2022年修正）', () => {
      assert.equal(found('《反垄断法》（2007年）第九条').item.item.id, corpus.documents.find((d) => d.title === '中华人民共和国反垄断法' && d.versionDate === '2007-08-30')!.id);
      assert.match(found('《反垄断法》（2022年修正）第九条').provision!.text, /^第九条 经营者不得利用数据和算法、技术、资本优势以及平台规则等从事本法禁止的垄断行为。/);
    });

    it('untagged: the version in force on the paper’s date', () => {
      assert.match(found('《反垄断法》第九条', '2015-01-01').provision!.text, /国务院反垄断委员会的组成和工作规则由国务院规定/);
      assert.match(found('《反垄断法》第九条', '2026-11-22').provision!.text, /经营者不得利用数据和算法/);
      // 网络安全法 2025 takes effect on 2026-01-01: a paper of December 2025 still means the 2016 text.
      assert.match(found('《网络安全法》第三十七条', '2025-12-01').provision!.text, /应当在境内存储/);
      assert.match(found('《网络安全法》第三十七条', '2026-03-01').provision!.text, /国家安全审查/);
    });

    it('renumbering: an untagged article whose text differs between versions a reader could mean is a warning, with fixes naming a version', () => {
      const text = '数据本地化见《网络安全法》第三十七条。\n';
      // Two months after the 2025 text took effect: the author may still have the 2016 one in mind.
      const [d] = check(text, '2026-03-01').filter((x) => x.code === 'statute.version-differs');
      assert.ok(d, 'statute.version-differs');
      assert.match(d.message, /按本文日期（2026-03-01）适用2025年修正，而2016年的第三十七条另有所指/);
      const fixes = (d.data as { fixes: { newText: string }[] }).fixes.map((f) => f.newText);
      assert.deepEqual(fixes, ['（2025年修正）', '（2016年）']);
      // Adopted (2025-10-28) but not yet in force: the paper may mean the coming text.
      const [pending] = check(text, '2025-12-01').filter((x) => x.code === 'statute.version-differs');
      assert.match(pending.message, /适用2016年，而2025年修正的第三十七条另有所指/);
      const tagged = '数据本地化见《网络安全法》（2016年）第三十七条。\n';
      assert.deepEqual(check(tagged, '2026-03-01').map((x) => x.code), []);
    });

    it('no version warning where the paper’s date leaves no choice', () => {
      const text = '数据本地化见《网络安全法》第三十七条。\n';
      // Real texts of 2022–2024: the 2025 amendment did not exist yet.
      for (const date of ['2022-05-10', '2024-06-01']) assert.deepEqual(check(text, date).map((x) => x.code), [], date);
      // Long after the 2025 text took effect, it is the one meant.
      assert.deepEqual(check(text, '2026-11-22').map((x) => x.code), []);
    });

    it('an article only a later version has: error for the version in force, naming the version that has it', () => {
      const [d] = check('《网络安全法》第八十条\n', '2025-06-01').filter((x) => x.code === 'article.not-found');
      assert.match(d.message, /《中华人民共和国网络安全法》（2016年）中没有第八十条；该版本的条目为第一条至第七十九条（2025年修正有此条）/);
      assert.deepEqual(check('《网络安全法》第八十条\n', '2026-11-22').filter((x) => x.severity === 1), []);
    });

    it('a tag that names no version is reported', () => {
      const [d] = check('《反垄断法》（2013年修正）第九条\n', '2026-11-22').filter((x) => x.code === 'statute.version-unknown');
      assert.match(d.message, /没有“2013年修正”的版本（索引中有：2007年、2022年修正），按本文日期取2022年修正/);
    });

    it('the hover names the version and the others', () => {
      const text = '《反垄断法》第九条';
      const service = new CitationService(corpus);
      const hover = service.hover({ uri: 'file:///h.md', version: 1, getText: () => text }, new LineIndex(text).positionAt(7), resolveSettings({ paperDate: '2026-11-22' }))!;
      assert.match((hover.contents as { value: string }).value, /版本：2022年修正（按本文日期 2026-11-22 现行）；另有：2007年\n\n---\n\n\*\*核查结论：已核实（依2022年修正）\*\*$/);
    });
  });

  describe('diagnostics on statutes', () => {
    it('nonexistent article (error), title typo against statute titles (warning), quotation against the article', () => {
      const text = [
        '《个人信息保护法》第七十五条规定了法律责任。',
        '《个人信息保护发》第十三条。',
        // Quoted as the article's words (规定：“…”): held against its text.
        '《个人信息保护法》第十三条第一款第（一）项规定：“取得个人的书面同意”。',
        '《个人信息保护法》第十三条第一款第（一）项规定：“取得个人的同意”。',
      ].join('\n');
      const findings = check(text, '2026-11-22').filter((d) => d.severity! <= 2).map((d) => [d.range.start.line, d.code]);
      assert.deepEqual(findings, [[0, 'article.not-found'], [1, 'title.typo'], [2, 'quote.mismatch']]);
    });
  });

  describe('the on-disk cache', () => {
    it('a second load reads every file from the cache; a changed file alone is parsed again', async () => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-laws-'));
      fs.cpSync(path.join(LAWREFBOOK_FIXTURES, '行政法'), path.join(copy, '行政法'), { recursive: true });
      const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-cache2-'));
      try {
        const first = loadCollectionsNow([copy], cache);
        assert.equal(first.parsedFiles, first.files);
        const second = await loadCollections([copy], cache);
        assert.deepEqual([second.parsedFiles, second.cachedFiles], [0, first.files]);
        assert.deepEqual(second.documents.map((d) => d.id), first.documents.map((d) => d.id));
        const pipl = path.join(copy, '行政法', '个人信息保护法(2021-08-20).md');
        fs.appendFileSync(pipl, '\n');
        const third = loadCollectionsNow([copy], cache);
        assert.deepEqual([third.parsedFiles, third.cachedFiles], [1, first.files - 1]);
        // A corrupt cache is rebuilt, not trusted.
        for (const file of fs.readdirSync(cache)) fs.writeFileSync(path.join(cache, file), 'garbage');
        const fourth = loadCollectionsNow([copy], cache);
        assert.equal(fourth.parsedFiles, first.files);
        assert.equal(fourth.documents.length, first.documents.length);
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
        fs.rmSync(cache, { recursive: true, force: true });
      }
    });

    it('a missing folder is reported, not thrown', () => {
      const load = loadCollectionsNow([path.join(os.tmpdir(), 'no-such-statutes')], cacheDir);
      assert.deepEqual([load.documents.length, load.problems[0].kind, load.problems[0].message], [0, 'skipped', 'not a folder']);
    });
  });
});
