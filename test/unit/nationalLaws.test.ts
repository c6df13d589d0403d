/**
 * The national statute book's Markdown shape (../shared/national-laws): a sample in test/fixtures/national-laws
 * read through the real folder import and citation lookup, as a user of `lexcite lookup --corpus` would see it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { lookupCitation } from '../../server/src/core/features/lookup';
import type { CorpusDocument } from '../../server/src/core/corpus/model';
import { parseStatuteText } from '../../server/src/core/statutes';
import { parseNationalLaw } from '../../server/src/core/statutes/nationalLaws';
import { isNationalLawText } from '../../server/src/core/statutes/nationalLawsHeader';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';
import { importStatuteFolder } from '../../server/src/node/statuteFolder';
import { lexcite } from '../helpers/cli';
import { DATA_DIR, LAWREFBOOK_PIPL, REPO_ROOT } from '../helpers/corpus';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'national-laws');
const CIVIL_CODE = path.join(FIXTURES, '法律', 'ff808081729d1efe01729d50b5c500bf.md');

describe('national statute book (国家法律法规数据库 Markdown)', function () {
  this.timeout(60000);
  let imported: ReturnType<typeof importStatuteFolder>;
  let corpus: Corpus;

  const found = (citation: string, date = '2026-11-22') => {
    const result = lookupCitation(corpus, citation, date);
    assert.equal(result.status, 'found', `${citation}: ${JSON.stringify(result).slice(0, 200)}`);
    return result as Extract<typeof result, { status: 'found' }>;
  };
  const available = (citation: string) => {
    const result = lookupCitation(corpus, citation, '2026-11-22');
    assert.equal(result.status, 'no-provision', citation);
    return (result as { available: string }).available;
  };
  const documentOf = (citation: string, date?: string) => found(citation, date).item.item as CorpusDocument;
  const versions = (title: string) => imported.documents.filter((d) => d.title === title);

  before(() => {
    imported = importStatuteFolder(FIXTURES);
    corpus = new Corpus(loadCorpusFiles(DATA_DIR), imported.documents);
  });

  it('every sample file becomes one document; only the README is skipped', () => {
    assert.equal(imported.documents.length, 15);
    assert.deepEqual(imported.problems.filter((p) => p.kind === 'skipped').map((p) => path.basename(p.file)), ['README.md']);
  });

  it('民法典: 1,260 articles under 编/分编/章/节, and 第一千零三十四条第二款', () => {
    const code = documentOf('《民法典》');
    assert.equal(code.provisions.filter((p) => p.kind === 'article').length, 1260);
    assert.equal(available('《民法典》第一千二百六十一条'), '第一条至第一千二百六十条');
    const divisions = code.provisions.filter((p) => p.kind === 'division');
    assert.deepEqual(divisions.slice(0, 3).map((d) => `${d.label} ${d.caption}`), ['第一编 总则', '第一章 基本规定', '第二章 自然人']);
    assert.ok(divisions.some((d) => d.label === '第一分编' && d.caption === '通则'));
    assert.match(found('《民法典》第1034条第2款').provision!.text, /^个人信息是以电子或者其他方式记录的能够单独或者与其他信息结合识别特定自然人的各种信息，包括自然人的姓名/);
    assert.equal(available('《民法典》第一千零三十四条第四款'), '第一千零三十四条共3款');
  });

  it('民法典 lists the nine laws it repeals, taken from 第一千二百六十条', () => {
    assert.deepEqual(documentOf('《民法典》').repeals, [
      '中华人民共和国婚姻法', '中华人民共和国继承法', '中华人民共和国民法通则', '中华人民共和国收养法', '中华人民共和国担保法',
      '中华人民共和国合同法', '中华人民共和国物权法', '中华人民共和国侵权责任法', '中华人民共和国民法总则',
    ]);
    assert.deepEqual(documentOf('《车船税法》').repeals, ['中华人民共和国车船税暂行条例']);
    assert.equal(documentOf('《数据安全法》').repeals, undefined);
  });

  it('项 as nested items: 个人信息保护法第十三条第一款第（二）项', () => {
    const item = found('《个人信息保护法》第十三条第一款第（二）项').provision!;
    assert.equal(item.address, '第十三条第一款第（二）项');
    assert.equal(item.text, '（二）为订立、履行个人作为一方当事人的合同所必需，或者按照依法制定的劳动规章制度和依法签订的集体合同实施人力资源管理所必需；');
    assert.match(available('《个人信息保护法》第十三条第一款第八项'), /（一）至（七）/);
  });

  it('目 under a 项, and the 项 after them: 海商法第四十四条', () => {
    assert.match(found('《海商法》第四十四条第（三）项第1目').provision!.text, /^1\.本人或者委托他人以本人名义或者委托他人为本人与承运人订立海上货物运输合同的人。$/);
    assert.equal(found('《海商法》第四十四条第（三）项第2目').provision!.address, '第四十四条第一款第（三）项第2目');
    assert.match(found('《海商法》第四十四条第（四）项').provision!.text, /^（四）收货人，是指有权提取货物的人。$/);
  });

  it('款 as indented paragraphs: 数据安全法第二十七条 has two', () => {
    assert.equal(available('《数据安全法》第二十七条第三款'), '第二十七条共2款');
    assert.equal(found('《数据安全法》第二十七条第二款').provision!.text, '重要数据的处理者应当明确数据安全负责人和管理机构，落实数据安全保护责任。');
  });

  it('法释〔2021〕15号 resolves to its interpretation, whose title is the front matter’s, not the split lines', () => {
    const result = found('法释〔2021〕15号');
    assert.equal(result.via, 'docNumber');
    const doc = result.item.item as CorpusDocument;
    assert.equal(doc.title, '最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定');
    assert.deepEqual([doc.docNumber, doc.issuers, doc.versionDate, doc.effectiveDate, doc.versionLabel, doc.group], ['法释〔2021〕15号', ['最高人民法院'], '2021-07-27', '2021-08-01', '2021年', '司法解释']);
    // The title lines, the 文号 and the history are header, not preamble paragraphs.
    assert.match(doc.provisions[0].text, /^为正确审理使用人脸识别技术处理个人信息相关民事案件/);
    assert.match(found('《最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定》第二条第（三）项').provision!.text, /^（三）基于个人同意处理人脸信息的/);
  });

  it('网络安全法: two versions with their dates and status; the one in force on the paper’s date is cited', () => {
    const facts = versions('中华人民共和国网络安全法').map((d) => [d.versionDate, d.effectiveDate, d.status, d.versionLabel, d.officialId]);
    assert.deepEqual(facts, [
      ['2016-11-07', '2017-06-01', '已修改', '2016年', '2c909fdd678bf17901678bf8276f093d'],
      ['2025-10-28', '2026-01-01', '有效', '2025年修正', '021e7d7684474107b8f3febbb1c4f8b5'],
    ]);
    assert.notEqual(versions('中华人民共和国网络安全法')[0].id, versions('中华人民共和国网络安全法')[1].id);
    assert.match(found('《网络安全法》第三十七条', '2025-12-01').provision!.text, /应当在境内存储/);
    assert.match(found('《网络安全法》第三十七条', '2026-03-01').provision!.text, /国家安全审查/);
    assert.match(found('《网络安全法》（2016年）第三十七条', '2026-03-01').provision!.text, /应当在境内存储/);
  });

  it('公司法 2018 修正 and 2023 修订 are told apart by tag; 合同法 is 已废止', () => {
    assert.deepEqual(versions('中华人民共和国公司法').map((d) => [d.versionLabel, d.status]), [['2018年修正', '已修改'], ['2023年修订', '有效']]);
    assert.equal(documentOf('《公司法》（2018年修正）第一条').versionDate, '2018-10-26');
    assert.equal(documentOf('《公司法》第一条', '2025-01-01').versionDate, '2023-12-29');
    const contract = documentOf('《合同法》第五十二条');
    assert.deepEqual([contract.status, contract.versionLabel, contract.provisions.filter((p) => p.kind === 'article').length], ['已废止', '1999年', 428]);
  });

  it('刑法: 条之一 articles and the 2020 version label from the history quote', () => {
    assert.match(found('《刑法》第二百八十七条之一').provision!.text, /^第二百八十七条之一 利用信息网络实施下列行为之一，情节严重的/);
    assert.match(found('《刑法》第二百八十七条之一第一款第（三）项').provision!.text, /^（三）为实施诈骗等违法犯罪活动发布信息的。/);
    assert.equal(documentOf('《刑法》').versionLabel, '2020年修正');
  });

  it('tables keep their text, row by row, in the appendix after the last article', () => {
    const tax = documentOf('《车船税法》');
    const annex = tax.provisions.find((p) => p.kind === 'annex')!;
    assert.equal(annex.caption, '车船税税目税额表');
    const table = tax.provisions.find((p) => p.parent === tax.provisions.indexOf(annex))!;
    assert.match(table.text, /^税目 \| 计税单位 \| 年基准税额 \| 备注\n乘用车〔按发动机汽缸容量（排气量）分档〕 \| 1\.0升（含）以下的 \| 每辆 \| 60元至360元/);
    assert.doesNotMatch(table.text, /---|\|\s*\|/);
    // The last article keeps only its own text.
    assert.equal(found('《车船税法》第十三条').provision!.text, '第十三条 本法自2012年1月1日起施行。2006年12月29日国务院公布的《中华人民共和国车船税暂行条例》同时废止。');
    const poison = documentOf('《最高人民法院、最高人民检察院关于办理非法制造、买卖、运输、储存毒鼠强等禁用剧毒化学品刑事案件具体应用法律若干问题的解释》');
    const schedule = poison.provisions.findIndex((p) => p.kind === 'annex' && p.label === '附表');
    assert.ok(schedule > 0, 'the 附表 is an appendix');
    assert.match(poison.provisions[schedule + 1].text, /\n2 \| 氟乙酰胺 \| 氟乙酰胺 \| 敌蚜胺 \| Fluoroacetamide/);
  });

  it('an image gap is reported with its line, and the text around it is kept', () => {
    const gaps = imported.problems.filter((p) => /image/.test(p.message));
    const rule = path.join(FIXTURES, '司法解释', 'ff8081817b5e8945017b6279578c0912.md');
    assert.ok(gaps.some((p) => p.file === rule && p.line === 925 && p.kind === 'warning'), JSON.stringify(gaps));
    assert.match(found('《人民检察院行政诉讼监督规则》第一百三十七条').provision!.text, /^第一百三十七条 本规则自2021年9月1日起施行，/);
    assert.equal(gaps.filter((p) => /2c909fdd678bf17901678bf6ff980541/.test(p.file)).length, 3);
  });

  it('the CLI looks a citation up in the national statute book (it used to find no such article)', async () => {
    const saved = process.env.LEXCITE_CACHE;
    process.env.LEXCITE_CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-national-'));
    try {
      const { code, out } = await lexcite('lookup', '--corpus', FIXTURES, '《民法典》第1034条第2款');
      assert.equal(code, 0);
      assert.match(out, /^《中华人民共和国民法典》\n/);
      assert.match(out, /\n第一千零三十四条第二款\n {2}个人信息是以电子或者其他方式记录的/);
    } finally {
      fs.rmSync(process.env.LEXCITE_CACHE, { recursive: true, force: true });
      if (saved === undefined) delete process.env.LEXCITE_CACHE;
      else process.env.LEXCITE_CACHE = saved;
    }
  });

  it('the importer is chosen by content: this shape, LawRefBook Markdown, Ansvar JSON', () => {
    const text = fs.readFileSync(CIVIL_CODE, 'utf8');
    assert.equal(isNationalLawText(text), true);
    assert.equal(isNationalLawText('---\ntitle: 个人信息保护法\npublish_date: 2021-08-20\n---\n# 个人信息保护法\n'), false);
    const parsed = parseStatuteText(LAWREFBOOK_PIPL, fs.readFileSync(LAWREFBOOK_PIPL, 'utf8'));
    assert.equal(parsed.document?.officialId, undefined);
    assert.equal(parsed.document?.provisions.filter((p) => p.kind === 'article').length, 74);
    assert.equal(parseStatuteText('x.json', '{}').document, undefined);
  });

  it('Markdown artefacts: escapes undone, stray bold and footnote marks removed, images reported', () => {
    const text = [
      '---', 'id: 0001', 'title: 测试条例', 'LinkTitle: 测试条例（2024）', "date: '2024-01-02'", "effective_date: ''", 'status: 有效', 'author: 国务院', '---', '',
      '**测试条例**', '', '> （2024年1月2日国务院公布　自2024年3月1日起施行）[^footnote-0]', '', '## 目　　录', '', '- 第一章　　总　　则', '', '---', '',
      '## 第一章　　总  则', '', '- **第一条**　　麦角酸\\*等物质**不得**生产。', '', '  目录见下图![](../images/x/image_01.png)：', '',
      '- **第一条之一**　　本条例自2024年3月1日起施行。', '',
    ].join('\n');
    const { document, problems } = parseNationalLaw(text, 'test.md');
    assert.ok(document);
    assert.deepEqual(document.provisions.map((p) => `${p.kind}:${p.label}${p.caption ?? ''}:${p.text}`), [
      'division:第一章总则:', 'article:第一条:', 'clause::麦角酸*等物质不得生产。', 'clause::目录见下图：', 'article:第一条之一:', 'clause::本条例自2024年3月1日起施行。',
    ]);
    assert.deepEqual([document.versionDate, document.effectiveDate, document.versionLabel, document.issuers, document.officialId], ['2024-01-02', '2024-03-01', '2024年', ['国务院'], '0001']);
    assert.deepEqual(problems.map((p) => [p.line, p.kind]), [[25, 'warning']]);
  });

  it('damaged input yields problems, never exceptions', () => {
    const text = fs.readFileSync(CIVIL_CODE, 'utf8');
    for (const cut of [0, 3, 40, 400, 900, 2000, 5000, 9000, 20000, 100000]) {
      const parsed = parseNationalLaw(text.slice(0, cut), 'cut.md');
      assert.ok(parsed.document || parsed.problems.length > 0, `cut at ${cut}`);
    }
    const noisy = text.slice(0, 1200) + '\n- **第一条**\n  - （一）\n|\n| --- |\n![](x.png)\n> \n## \n- **第一条之一**　　\\*\\*';
    assert.ok(parseNationalLaw(noisy, 'noisy.md').document);
    assert.equal(parseNationalLaw(undefined as unknown as string, 'none.md').problems[0].kind, 'skipped');
    // A history line whose “（” never closes does not swallow the decision that follows.
    const decision = ['---', 'id: 2', 'title: 关于测试的决定', 'LinkTitle: 关于测试的决定', 'status: 未知', '---', '', '**关于测试的决定**', '',
      '（2020年1月2日第十三届全国人民代表大会常务委员会', '', '为了测试，作如下决定：', '', '一、第一项。', '', '二、第二项。'].join('\n');
    assert.deepEqual(parseNationalLaw(decision, 'decision.md').document!.provisions.map((p) => `${p.kind}:${p.label}${p.text}`), ['paragraph:为了测试，作如下决定：', 'part:一、第一项。', 'part:二、第二项。']);
  });
});
