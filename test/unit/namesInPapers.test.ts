/**
 * Names of laws as real papers write them, through the service, with the bulletin plus five statutes
 * (test/fixtures/statutes-names): lawyers' short names, 中华人民共和国 optional and 我国《…》, foreign prefixes,
 * national standards, cited-only records yielding to statutes, 司法解释 by 法释 number.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { swapsNeighbours } from '../../scripts/build-corpus/cited';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { parsePaper } from '../../server/src/core/paper/parser';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';
import { loadCollectionsNow } from '../../server/src/node/statuteCollections';
import { DATA_DIR, REPO_ROOT, bulletinCorpus } from '../helpers/corpus';
import { requireShared } from '../helpers/shared';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'statutes-names');
const settings = resolveSettings(undefined);
let service: CitationService;
let version = 0;

function paper(text: string) {
  return { uri: 'file:///names.md', version: ++version, getText: () => `---\ndate: 2026-11-30\n---\n${text}\n` };
}

/** Diagnostics other than the house style's numeral preference, as [code, text covered]. */
function findings(text: string, on: CitationService = service): [string, string][] {
  const document = paper(text);
  const full = document.getText();
  const lines = new LineIndex(full);
  return on.diagnostics(document, settings)
    .filter((d: Diagnostic) => !String(d.code).startsWith('style.'))
    .map((d) => [String(d.code), full.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end))]);
}

function hoverAt(text: string, at: string, on: CitationService = service): string {
  const document = paper(text);
  const full = document.getText();
  const hover = on.hover(document, new LineIndex(full).positionAt(full.indexOf(at) + 1), settings);
  assert.ok(hover, `a hover on ${at}`);
  return (hover.contents as { value: string }).value;
}

describe('names in papers: how real papers write the titles of laws', function () {
  this.timeout(60000);

  before(() => {
    service = new CitationService(new Corpus(loadCorpusFiles(DATA_DIR), loadCollectionsNow([FIXTURES], undefined).documents));
  });

  describe('short names lawyers use', () => {
    it('《个保法》第七十五条 is article.not-found in the PRC 个人信息保护法; 《个保法》第十三条 shows its text', () => {
      const text = '根据《个保法》第七十五条，处理者应当……';
      assert.deepEqual(findings(text), [['article.not-found', '第七十五条']]);
      const message = service.diagnostics(paper(text), settings).find((d) => d.code === 'article.not-found')!.message;
      assert.match(message, /《中华人民共和国个人信息保护法》中没有第七十五条.*第一条至第七十四条/);
      assert.match(hoverAt('《个保法》第十三条第一款第（二）项规定', '第十三条'), /^\*\*《中华人民共和国个人信息保护法》第十三条第一款第（二）项\*\*[\s\S]*为订立、履行个人作为一方当事人的合同所必需/);
    });

    it('《网安法》《数安法》《消保法》 name their laws; an unknown short form stays unknown', () => {
      assert.deepEqual(findings('《网安法》第二十一条、《数安法》第二十一条、《消保法》第五十五条、《消法》第二十九条'), []);
      assert.deepEqual(findings('《网安法》第八十条'), [['article.not-found', '第八十条']]);
      assert.deepEqual(findings('《网信法》第二十一条'), [['title.unknown', '网信法']]);
    });

    it('a paper’s own 以下简称“X” (quotation marks) overrides the table, also for a foreign act', () => {
      // Korea's act has far more articles than the PRC law: through the paper's own name, 第80条 is no finding.
      const korean = '韩国《个人信息保护法》（以下简称“个保法”）是韩国的个人信息保护基本法。《个保法》第80条规定了……';
      assert.deepEqual(findings(korean), []);
      const own = '《中华人民共和国个人信息保护法》（以下简称“个人信息法”）……《个人信息法》第七十五条';
      assert.deepEqual(findings(own), [['article.not-found', '第七十五条']]);
      assert.match(hoverAt(own, '《个人信息法》第'), /本文简称：《个人信息法》即《中华人民共和国个人信息保护法》/);
      // Forms real papers use (realworld-dev 012, 014, 007): 以下称《办法》, 下简称《办法》, 简称《保障规则》.
      for (const written of ['（下称“个人信息法”）', '（以下简称为《个人信息法》）', '（简称：“个人信息法”）', '（以下称《个人信息法》）', '（下简称《个人信息法》）', '（简称《个人信息法》）']) {
        assert.deepEqual(findings(`《中华人民共和国个人信息保护法》${written}……《个人信息法》第七十五条`), [['article.not-found', '第七十五条']], written);
      }
    });
  });

  describe('中华人民共和国 optional; 我国《…》 is the PRC law', () => {
    it('我国《个人信息保护法》第十三条 resolves to the PRC law, with or without 中华人民共和国', () => {
      assert.match(hoverAt('我国《个人信息保护法》第十三条规定', '第十三条'), /^\*\*《中华人民共和国个人信息保护法》第十三条\*\*/);
      assert.match(hoverAt('《中华人民共和国个人信息保护法》第十三条规定', '第十三条'), /^\*\*《中华人民共和国个人信息保护法》第十三条\*\*/);
      assert.deepEqual(findings('我国《个人信息保护法》第七十五条'), [['article.not-found', '第七十五条']]);
      // Nor is a PRC title a misspelling of a foreign act: 我国《人工智能法》 is not the EU's 《人工智能法案》.
      assert.deepEqual(findings('我国《人工智能法》尚在起草'), [['title.unknown', '人工智能法']]);
    });
  });

  describe('a foreign prefix means a foreign law', () => {
    it('日本《个人信息保护法》第27条 and 第80条 get no PRC diagnostic; without the prefix 第80条 is not found', () => {
      assert.deepEqual(findings('日本《个人信息保护法》第27条规定了向第三方提供的限制，第80条……'), []);
      assert.deepEqual(findings('日本《个人信息保护法》第80条'), []);
      assert.deepEqual(findings('日本的《个人信息保护法》第80条'), []);
      assert.deepEqual(findings('韩国于2011年颁布的《个人信息保护法》第80条'), []);
      assert.deepEqual(findings('《个人信息保护法》第80条'), [['article.not-found', '第80条']]);
    });

    it('the hover of a foreign act is the bulletin’s record of it, or says it is a foreign law outside the index', () => {
      const korean = hoverAt('韩国《个人信息保护法》第15条', '个人信息');
      assert.match(korean, /^\*\*《个人信息保护法》\*\*（法律，日本、韩国）/);
      assert.match(korean, /索引未收录其正文/);
      const german = hoverAt('德国《联邦数据保护法》第26条', '联邦');
      assert.equal(german, '《联邦数据保护法》是德国的法律文件，不在索引（中华人民共和国法律文件）之内，不按同名的我国法律核对\n\n---\n\n**核查结论：无法核实** — 域外法律，不在索引范围内');
      assert.deepEqual(findings('德国《联邦数据保护法》第26条'), []);
      // A title that opens with its country is as foreign as one written after it.
      assert.deepEqual(findings('《美国海外账户税务合规法》第1471条'), []);
      assert.match(hoverAt('《美国海外账户税务合规法》', '海外'), /^《美国海外账户税务合规法》是美国的法律文件/);
      assert.deepEqual(findings('《联邦数据保护法》第26条'), [['title.unknown', '联邦数据保护法']]);
      assert.deepEqual(findings('《美国白蛾防控技术规程》'), [['title.unknown', '美国白蛾防控技术规程']]);
      assert.match(hoverAt('《欧盟通用数据保护条例》第6条', '欧盟'), /^\*\*《通用数据保护条例》\*\*（域外法，欧盟）/);
    });

    it('欧盟《A》、《B》: the second title of a list shares the jurisdiction', () => {
      const text = '欧盟《通用数据保护条例》、《个人信息保护法》第99条';
      assert.deepEqual(parsePaper(text).titles.map((t) => t.jurisdiction?.text), ['欧盟', '欧盟']);
      assert.deepEqual(findings(text), []);
      assert.deepEqual(findings('欧盟《通用数据保护条例》。我国《个人信息保护法》第99条'), [['article.not-found', '第99条']]);
    });
  });

  describe('national standards are standards', () => {
    it('a title opening with a 技术 domain and a space, or carrying a GB number, is never title.typo', () => {
      for (const text of [
        '《信息安全技术 个人信息安全规范》（GB/T 35273-2020）',
        'GB/T 35273—2020《信息安全技术 个人信息安全规范》',
        '《数据安全技术 数据分类分级规则》',
        '《信息技术 人工智能 管理体系要求》',
      ]) {
        assert.ok(!findings(text).some(([code]) => code === 'title.typo'), text);
      }
      // The same near miss outside a standard's form is still a typo: the exemption is the standard's, not the title's.
      assert.deepEqual(findings('《生成式人工智能服务管理暂新办法》').map(([code]) => code), ['title.typo']);
    });
  });

  describe('cited-only records yield to the statute book', () => {
    it('《个人信息保护法》 is the statute, not the bulletin’s record of Japan’s and Korea’s acts', () => {
      const hover = hoverAt('《个人信息保护法》规定', '个人信息');
      assert.match(hover, /中华人民共和国个人信息保护法/);
      assert.doesNotMatch(hover, /日本|韩国|索引未收录/);
      // Nor does the record turn up in searches and completions of the title, or in a lookup.
      assert.deepEqual(service.corpus.search.search('个人信息保护法', { limit: 20 }).filter((h) => h.entry.type === 'instrument' && h.entry.title === '个人信息保护法'), []);
      const lookup = service.lookup('《个人信息保护法》第十三条');
      assert.equal(lookup.status, 'found');
      assert.equal(lookup.status === 'found' && lookup.item.type, 'document');
      // Without the statute book the bulletin's record still answers.
      assert.match(hoverAt('《个人信息保护法》规定', '个人信息', new CitationService(bulletinCorpus())), /索引未收录其正文/);
    });
  });

  describe('the bulletin’s misprinted title', () => {
    it('is a variant of 生成式人工智能服务管理暂行办法, not an instrument of its own', () => {
      const corpus = bulletinCorpus();
      assert.ok(!corpus.instruments.some((i) => i.title === '生成式人工智能服务暂行管理办法'));
      const right = corpus.instruments.find((i) => i.title === '生成式人工智能服务管理暂行办法')!;
      assert.ok(right.variants.includes('生成式人工智能服务暂行管理办法'));
      assert.ok(right.sites.some((s) => s.written === '生成式人工智能服务暂行管理办法' && s.file.startsWith('004')));
    });

    it('only a swap of two neighbouring words counts as a misprint, not any reordering of the same characters', () => {
      assert.ok(swapsNeighbours('生成式人工智能服务管理暂行办法', '生成式人工智能服务暂行管理办法'));
      assert.ok(!swapsNeighbours('关于数据安全与个人信息保护的意见', '关于个人信息保护与数据安全的意见'));
      assert.ok(!swapsNeighbours('生成式人工智能服务管理暂行办法', '生成式人工智能服务管理暂行办法'));
    });
  });

  describe('judicial interpretations by number', () => {
    const title = '《最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定》';

    it('法释〔2021〕15号 and 高检发释字〔2019〕1号 are 文号', () => {
      assert.deepEqual(parsePaper('见法释〔2021〕15号、高检发释字〔2019〕1号。').docNumbers.map((n) => [n.parsed.issuerCode, n.parsed.canonical]), [
        ['法释', '法释〔2021〕15号'], ['高检发释字', '高检发释字〔2019〕1号'],
      ]);
    });

    it('every number the national statute book prints for its 司法解释 (**法释〔…〕N号**) is read as one 文号 in a paper', function () {
      const folder = requireShared(this, 'national-laws/司法解释');
      const numbers = fs.readdirSync(folder).map((f) => /^\*\*([^*\n]*号)\*\*$/m.exec(fs.readFileSync(path.join(folder, f), 'utf8'))?.[1]).filter((n): n is string => n !== undefined);
      assert.ok(numbers.length > 500, `${numbers.length} numbers`);
      for (const number of numbers) assert.deepEqual(parsePaper(`根据${number}的规定`).docNumbers.map((n) => n.text), [number], number);
    });

    it('法释〔2021〕15号 resolves to the interpretation; a title with its own number is silent', () => {
      assert.match(hoverAt('参见法释〔2021〕15号。', '法释'), /最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定[\s\S]*法释〔2021〕15号/);
      assert.deepEqual(findings(`${title}（法释〔2021〕15号）第二条`), []);
    });

    it('a 法释 number beside a title it does not belong to is docnumber.mismatch, with the fix', () => {
      const text = `${title}（法释〔2021〕16号）`;
      assert.deepEqual(findings(text), [['docnumber.mismatch', '法释〔2021〕16号']]);
      const diagnostic = service.diagnostics(paper(text), settings).find((d) => d.code === 'docnumber.mismatch')!;
      assert.match(diagnostic.message, /的文号是法释〔2021〕15号/);
    });
  });
});
