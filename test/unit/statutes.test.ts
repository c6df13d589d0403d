/**
 * The statute importers against the real collection in ../shared/laws (76 files in LawRefBook Markdown, its
 * forks and Ansvar JSON; see its FORMAT.md and MANIFEST.tsv), plus synthetic inputs for the defects the
 * collection only describes.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProvisionAddressing } from '../../server/src/core/corpus/addressing';
import type { CorpusDocument, Provision } from '../../server/src/core/corpus/model';
import type { ReferenceStep } from '../../server/src/core/paper/parser';
import { parseAnsvarJson } from '../../server/src/core/statutes/ansvarJson';
import { ParsedStatute } from '../../server/src/core/statutes/importTypes';
import { parseStatuteMarkdown } from '../../server/src/core/statutes/markdown';
import { findSplitCodes, mergeSplitCode } from '../../server/src/core/statutes/merge';
import { StatuteFolderImport, importStatuteFolder } from '../../server/src/node/statuteFolder';
import { SHARED_DIR } from '../helpers/corpus';
import { requireShared } from '../helpers/shared';

const LAWS = path.join(SHARED_DIR, 'laws');

interface ManifestRow {
  file: string;
  articles: number;
}

function readManifest(): ManifestRow[] {
  const [header, ...rows] = fs.readFileSync(path.join(LAWS, 'MANIFEST.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const columns = header.split('\t');
  const fileColumn = columns.indexOf('file');
  const countColumn = columns.indexOf('n_articles');
  assert.ok(fileColumn >= 0 && countColumn >= 0, 'MANIFEST.tsv has file and n_articles columns');
  return rows.map((row) => {
    const cells = row.split('\t');
    return { file: cells[fileColumn], articles: Number(cells[countColumn]) };
  });
}

function parseFile(relative: string): ParsedStatute {
  const file = path.join(LAWS, relative);
  const text = fs.readFileSync(file, 'utf8');
  return relative.endsWith('.json') ? parseAnsvarJson(text, file) : parseStatuteMarkdown(text, file);
}

function articlesOf(doc: CorpusDocument): Provision[] {
  return doc.provisions.filter((p) => p.kind === 'article');
}

function step(unit: ReferenceStep['unit'], number: number, extra: Partial<ReferenceStep> = {}): ReferenceStep {
  return { unit, number, parenthesized: false, numerals: 'chinese', ...extra };
}

/** The provision a citation names, or a failure with what exists instead. */
function cite(doc: CorpusDocument, ...steps: ReferenceStep[]) {
  return new ProvisionAddressing(doc).resolve(steps);
}

function citedText(doc: CorpusDocument, ...steps: ReferenceStep[]): string {
  const result = cite(doc, ...steps);
  assert.ok(result.ok, `${doc.title}: ${JSON.stringify(steps)} should resolve, got ${JSON.stringify(!result.ok && result.failure)}`);
  return result.target.provision.text;
}

/** The text of the 款 of an article, in order. */
function clauseTexts(doc: CorpusDocument, article: Provision): string[] {
  const index = doc.provisions.indexOf(article);
  return doc.provisions.filter((p) => p.parent === index && p.kind === 'clause').map((p) => p.text);
}

describe('statute import from the shared collection', function () {
  this.timeout(60_000);
  let manifest: ManifestRow[];
  let imported: StatuteFolderImport;
  const byFile = new Map<string, ParsedStatute>();

  const find = (title: string, versionPrefix?: string): CorpusDocument => {
    const found = imported.documents.filter((d) => d.title === title && (versionPrefix === undefined || (d.versionDate ?? '').startsWith(versionPrefix)));
    assert.equal(found.length, 1, `exactly one document ${title} ${versionPrefix ?? ''}`);
    return found[0];
  };

  before(function () {
    requireShared(this, 'laws/MANIFEST.tsv');
    manifest = readManifest();
    for (const row of manifest) byFile.set(row.file, parseFile(row.file));
    imported = importStatuteFolder(LAWS);
  });

  describe('the whole folder', () => {
    it('imports every file of the manifest; the only skips are files that are not statutes', () => {
      assert.equal(manifest.length, 76);
      for (const [file, parsed] of byFile) {
        assert.ok(parsed.document, `${file} yields a document`);
        assert.deepEqual(parsed.problems.filter((p) => p.kind === 'skipped'), [], `${file} is not skipped`);
      }
      const manifestFiles = new Set(manifest.map((r) => path.join(LAWS, r.file)));
      const skipped = imported.problems.filter((p) => p.kind === 'skipped');
      for (const problem of skipped) assert.ok(!manifestFiles.has(problem.file), `only non-statute files are skipped: ${problem.file}`);
      assert.deepEqual(skipped.map((p) => path.basename(p.file)).sort(), ['FORMAT.md', 'README.md']);
      assert.equal(imported.files, manifest.length + skipped.length);

      // Every file ends up in a document: its own, the merged code its part belongs to, or — for one text
      // published twice with different dates (算法推荐管理规定: the meeting date in LawRefBook, the publication
      // date in Ansvar) — the better-structured copy, with a note saying so.
      const parts = [...byFile.values()].filter((p) => p.codePart !== undefined);
      const codes = new Set(parts.map((p) => p.document!.title));
      const nearCopies = imported.problems.filter((p) => p.kind === 'warning' && /^same text as /.test(p.message)).map((p) => p.file);
      assert.deepEqual(nearCopies, [path.join(LAWS, 'ansvar-json/cac-algo-rec-2022.json')]);
      assert.equal(imported.documents.length, manifest.length - parts.length + codes.size - nearCopies.length);
      const locations = new Set(imported.documents.map((d) => d.location.file));
      for (const [file, parsed] of byFile) {
        if (parsed.codePart === undefined && !nearCopies.includes(path.join(LAWS, file))) assert.ok(locations.has(path.join(LAWS, file)), `${file} is a document of the import`);
      }
    });

    it('matches the article count of every file in MANIFEST.tsv', () => {
      for (const row of manifest) {
        const doc = byFile.get(row.file)!.document!;
        assert.equal(articlesOf(doc).length, row.articles, row.file);
      }
    });

    it('gives every version its own stable id and sorts by title, then version', () => {
      const ids = imported.documents.map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length);
      assert.deepEqual(importStatuteFolder(LAWS).documents.map((d) => d.id), ids, 'ids are stable across imports');
      for (let i = 1; i < imported.documents.length; i++) {
        const [a, b] = [imported.documents[i - 1], imported.documents[i]];
        assert.ok(a.title < b.title || (a.title === b.title && (a.versionDate ?? '') <= (b.versionDate ?? '')), `${a.title} before ${b.title}`);
      }
    });

    it('lists parents before children and keeps every provision inside its parent and its file', () => {
      for (const doc of imported.documents) {
        assert.equal(doc.kind, 'statute');
        doc.provisions.forEach((p, i) => {
          assert.ok(p.parent < i, `${doc.title} provision ${i}: parent ${p.parent} comes first`);
          assert.ok(p.lines[0] >= 1 && p.lines[0] <= p.lines[1], `${doc.title} provision ${i} has a line range`);
          if (p.parent >= 0) assert.ok(doc.provisions[p.parent].lines[1] >= p.lines[1], `${doc.title} provision ${i} inside its parent`);
          if (p.kind === 'clause') assert.equal(doc.provisions[p.parent].kind, 'article');
          if (p.kind === 'subitem') assert.equal(doc.provisions[p.parent].kind, 'clause');
          if (p.kind === 'article') assert.equal(p.text, '', 'an article keeps its text in its clauses');
        });
      }
    });
  });

  describe('民法典, published as eight files', () => {
    it('is one document with 1,260 articles in order, the 编 as top-level divisions', () => {
      const code = find('中华人民共和国民法典');
      const articles = articlesOf(code);
      assert.equal(articles.length, 1260);
      assert.deepEqual(articles.map((a) => a.number), Array.from({ length: 1260 }, (_, i) => i + 1));
      assert.equal(articles[1033].label, '第一千零三十四条');

      const top = code.provisions.map((p, i) => ({ p, i })).filter(({ p }) => p.parent === -1);
      assert.deepEqual(top.map(({ p }) => `${p.kind}:${p.label}`), ['总则', '物权编', '合同编', '人格权编', '婚姻家庭编', '继承编', '侵权责任编', '附则'].map((l) => `division:${l}`));
      const partOf = (index: number): number => (code.provisions[index].parent === -1 ? index : partOf(code.provisions[index].parent));
      const counts = top.map(({ i }) => articles.filter((a) => partOf(code.provisions.indexOf(a)) === i).length);
      assert.deepEqual(counts, [204, 258, 526, 51, 79, 45, 95, 2]);

      // 分编/章/节 sit beneath their 编.
      const contract = top[2].i;
      const firstSubPart = code.provisions.find((p) => p.parent === contract);
      assert.equal(firstSubPart?.label, '第一分编');
      assert.equal(firstSubPart?.caption, '通则');

      assert.equal(code.versionDate, '2020-05-28');
      assert.equal(code.effectiveDate, '2021-01-01', '婚姻家庭编 lacks the 施行 line; the other parts have it');
      assert.deepEqual(code.issuers, ['全国人民代表大会']);
      assert.deepEqual(code.aliases.map((a) => `${a.kind}:${a.text}`), ['without-prc:民法典'], 'part names are not aliases of the code');
      assert.equal(imported.documents.filter((d) => d.title === '中华人民共和国民法典').length, 1);
    });

    it('resolves 第一千零三十四条第二款 and rejects 第一千二百六十一条', () => {
      const code = find('中华人民共和国民法典');
      assert.match(citedText(code, step('条', 1034), step('款', 2)), /^个人信息是以电子或者其他方式记录的能够单独或者与其他信息结合识别特定自然人的各种信息/);
      assert.match(citedText(code, step('条', 1034), step('款', 3)), /^个人信息中的私密信息，适用有关隐私权的规定/);
      const missing = cite(code, step('条', 1261));
      assert.ok(!missing.ok);
      assert.equal(missing.failure.available, '第一条至第一千二百六十条');
    });

    it('is detected generically: any files sharing a title with a subtitle are joined, ordered by article number', () => {
      const part = (name: string, first: string, second: string) =>
        parseStatuteMarkdown(`# 示例法典\n\n# ${name}\n\n2020年1月2日 通过\n\n<!-- INFO END -->\n\n## 第一章 一般规定\n\n${first}\n\n${second}\n`, `/tmp/示例法典/${name}.md`);
      const later = part('第二编', '第三条 丙。', '第四条 丁。');
      const earlier = part('第一编', '第一条 甲。', '第二条 乙。');
      const lone = parseStatuteMarkdown('# 另一法\n\n<!-- INFO END -->\n\n第一条 戊。', '/tmp/另一法.md');
      const { codes, others } = findSplitCodes([later, lone, earlier]);
      assert.equal(codes.length, 1);
      assert.deepEqual(others, [lone]);
      const merged = mergeSplitCode(codes[0]);
      assert.deepEqual(articlesOf(merged).map((a) => a.label), ['第一条', '第二条', '第三条', '第四条']);
      assert.deepEqual(merged.provisions.filter((p) => p.parent === -1).map((p) => p.label), ['第一编', '第二编']);
      assert.equal(citedText(merged, step('条', 3)), '', 'an article has no text of its own');
      assert.equal(citedText(merged, step('条', 3), step('款', 1)), '丙。');
    });
  });

  describe('citations resolve to the right text', () => {
    it('个人信息保护法 第十三条第一款第二项, with and without the 款', () => {
      const pipl = find('中华人民共和国个人信息保护法');
      const withClause = cite(pipl, step('条', 13), step('款', 1), step('项', 2));
      assert.ok(withClause.ok);
      assert.match(withClause.target.provision.text, /^为订立、履行个人作为一方当事人的合同所必需，或者按照依法制定的劳动规章制度/);
      assert.equal(withClause.target.provision.label, '（二）');
      assert.equal(withClause.target.address, '第十三条第一款第（二）项');
      const withoutClause = cite(pipl, step('条', 13), step('项', 2, { parenthesized: true }));
      assert.ok(withoutClause.ok);
      assert.equal(withoutClause.target.index, withClause.target.index);
      assert.match(citedText(pipl, step('条', 13), step('款', 1)), /^符合下列情形之一的，个人信息处理者方可处理个人信息：$/);
      assert.match(citedText(pipl, step('条', 13), step('款', 2)), /^依照本法其他有关规定，处理个人信息应当取得个人同意，但是有前款第二项至第七项规定情形的/);
      const third = cite(pipl, step('条', 13), step('款', 3));
      assert.ok(!third.ok && third.failure.available === '第十三条共2款');
    });

    it('个人信息保护法 has no 第七十五条', () => {
      const pipl = find('中华人民共和国个人信息保护法');
      const result = cite(pipl, step('条', 75));
      assert.ok(!result.ok);
      assert.equal(result.failure.available, '第一条至第七十四条');
      assert.match(citedText(pipl, step('条', 74), step('款', 1)), /^本法自2021年11月1日起施行。$/);
    });

    it('刑法 第二百五十三条之一 (inserted articles are keyed by number and sub)', () => {
      const criminal = find('中华人民共和国刑法');
      const result = cite(criminal, step('条', 253, { sub: 1 }));
      assert.ok(result.ok);
      assert.equal(result.target.provision.label, '第二百五十三条之一');
      const clauses = clauseTexts(criminal, result.target.provision);
      assert.equal(clauses.length, 4);
      assert.match(clauses[0], /^违反国家有关规定，向他人出售或者提供公民个人信息，情节严重的/);
      assert.match(citedText(criminal, step('条', 253, { sub: 1 }), step('款', 3)), /^窃取或者以其他方法非法获取公民个人信息的，依照第一款的规定处罚。$/);
      assert.match(citedText(criminal, step('条', 253), step('款', 1)), /^邮政工作人员私自开拆或者隐匿、毁弃邮件、电报的/);
      assert.equal(citedText(criminal, step('条', 199), step('款', 1)), '（删去）');
      assert.equal(articlesOf(criminal).filter((a) => a.sub !== undefined).length, 53);
    });

    it('a 目 under a 项: 帮信解释 第十条第（四）项第2目', () => {
      const interpretation = find('最高人民法院、最高人民检察院关于办理非法利用信息网络、帮助信息网络犯罪活动等刑事案件适用法律若干问题的解释');
      const result = cite(interpretation, step('条', 10), step('项', 4), step('目', 2, { numerals: 'arabic' }));
      assert.ok(result.ok);
      assert.equal(result.target.provision.kind, 'target');
      assert.equal(result.target.provision.text, '向二千个以上用户账号发送有关信息的；');
      assert.match(citedText(interpretation, step('条', 10), step('项', 5)), /^违法所得一万元以上的；$/, 'the list of 项 continues after the 目');
      assert.ok(!cite(interpretation, step('条', 10), step('项', 4), step('目', 5)).ok);
    });

    it('the tight variant without a space after 条 (个人信息出境认证办法)', () => {
      const rule = find('个人信息出境认证办法');
      assert.match(citedText(rule, step('条', 3), step('款', 1)), /^本办法所称个人信息出境认证，是指按照《中华人民共和国个人信息保护法》第三十八条第一款第二项规定/);
      assert.match(citedText(rule, step('条', 5), step('项', 2)), /^自当年1月1日起累计向境外提供10万人以上/);
      assert.equal(clauseTexts(rule, articlesOf(rule)[4]).length, 4);
    });

    it('Ansvar CAC seeds: 项 re-derived from the collapsed text (生成式人工智能服务管理暂行办法 第四条第（一）项)', () => {
      const genai = find('生成式人工智能服务管理暂行办法');
      assert.match(citedText(genai, step('条', 4), step('项', 1)), /^坚持社会主义核心价值观，不得生成煽动颠覆国家政权/);
      assert.match(citedText(genai, step('条', 4), step('项', 5)), /提高生成内容的准确性和可靠性。$/);
      assert.match(citedText(genai, step('条', 4), step('款', 1)), /^提供和使用生成式人工智能服务，应当遵守法律、行政法规，尊重社会公德和伦理道德，遵守以下规定：$/);
      const algorithm = byFile.get('ansvar-json/cac-algo-rec-2022.json')!.document!;
      assert.match(citedText(algorithm, step('条', 2), step('款', 2)), /^前款所称应用算法推荐技术，是指/);
    });
  });

  describe('versions', () => {
    it('反垄断法 2007 and 2022 are two documents of one title', () => {
      const versions = imported.documents.filter((d) => d.title === '中华人民共和国反垄断法');
      assert.deepEqual(versions.map((d) => [d.versionDate, articlesOf(d).length, d.versionLabel]), [['2007-08-30', 57, '2007年'], ['2022-06-24', 70, '2022年修正']]);
      assert.notEqual(versions[0].id, versions[1].id);
    });

    it('网络安全法 2016 (Markdown, 79 articles) and 2025 (Ansvar JSON, 81 articles, renumbered)', () => {
      const [old, amended] = [find('中华人民共和国网络安全法', '2016'), find('中华人民共和国网络安全法', '2025')];
      assert.deepEqual([old.versionDate, articlesOf(old).length], ['2016-11-07', 79]);
      assert.deepEqual([amended.versionDate, articlesOf(amended).length, amended.effectiveDate, amended.status], ['2025-10-28', 81, '2026-01-01', '现行有效']);
      assert.notEqual(old.id, amended.id);
      // Data localisation moved from 第三十七条 to 第三十九条.
      const localisation = /^关键信息基础设施的运营者在中华人民共和国境内运营中收集和产生的个人信息和重要数据应当在境内存储/;
      assert.match(citedText(old, step('条', 37), step('款', 1)), localisation);
      assert.match(citedText(amended, step('条', 39), step('款', 1)), localisation);
      assert.doesNotMatch(citedText(amended, step('条', 37), step('款', 1)), localisation);
      // The seed's chapter field is re-aligned: 第十五条 belongs to 第一章, 第十六条 opens 第二章.
      const chapterOf = (n: number) => amended.provisions[articlesOf(amended)[n - 1].parent].label;
      assert.deepEqual([chapterOf(15), chapterOf(16)], ['第一章', '第二章']);
    });
  });

  describe('metadata', () => {
    it('derives titles, aliases, issuers, dates, status and version labels from the files', () => {
      const pipl = find('中华人民共和国个人信息保护法');
      assert.deepEqual(pipl.aliases.map((a) => `${a.kind}:${a.text}`), ['without-prc:个人信息保护法']);
      assert.deepEqual(pipl.issuers, ['全国人民代表大会常务委员会']);
      assert.deepEqual([pipl.versionDate, pipl.versionLabel], ['2021-08-20', '2021年']);
      assert.equal(pipl.pinyin.initials, 'zhrmghggrxxbhf');
      assert.deepEqual(pipl.location, { file: path.join(LAWS, 'lawrefbook/行政法/个人信息保护法(2021-08-20).md'), lines: [1, pipl.location.lines[1]] });

      assert.equal(find('中华人民共和国著作权法').versionLabel, '2020年修正');
      assert.equal(find('中华人民共和国行政处罚法').versionLabel, '2021年修订');
      const criminal = find('中华人民共和国刑法');
      assert.deepEqual([criminal.versionDate, criminal.versionLabel], ['2023-12-29', '2023年修正'], 'no date in the file name: the latest header event');

      const transfer = find('个人信息出境认证办法');
      assert.deepEqual([transfer.effectiveDate, transfer.status], ['2026-01-01', '现行有效']);
      assert.deepEqual(transfer.issuers, ['国家互联网信息办公室', '国家市场监督管理总局']);
      assert.equal(find('人工智能拟人化互动服务管理暂行办法').status, '尚未生效');

      const interpretation = find('最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释');
      assert.deepEqual(interpretation.issuers, ['最高人民法院', '最高人民检察院']);
      const civilCode = find('最高人民法院关于适用《中华人民共和国民法典》总则编若干问题的解释');
      assert.deepEqual(civilCode.aliases.map((a) => `${a.kind}:${a.text}`), ['file-name:最高人民法院关于适用《民法典》总则编若干问题的解释']);
      assert.equal(civilCode.effectiveDate, '2022-03-01');

      assert.deepEqual(find('征信业管理条例').issuers, ['国务院']);
      assert.deepEqual(find('计算机信息网络国际联网安全保护管理办法').issuers, ['公安部'], 'the 令 names the issuer, not the 国务院批准 line');
      assert.deepEqual(find('上海市数据条例').issuers, ['上海市人民代表大会常务委员会']);
      assert.deepEqual(find('网络数据安全管理条例').issuers, [], 'no header, no issuer');
      assert.equal(find('最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）').docNumber, '法释〔2022〕8号');
      assert.deepEqual(find('生成式人工智能服务管理暂行办法').issuers.slice(0, 2), ['国家互联网信息办公室', '国家发展和改革委员会']);
    });

    it('does not invent a version label when the header has lost lines', () => {
      const publishing = find('出版管理条例', '2020');
      assert.equal(publishing.versionLabel, undefined);
      const warning = imported.problems.find((p) => p.file === publishing.location.file && p.kind === 'warning');
      assert.match(warning?.message ?? '', /header's history ends 2016-02-06/);
      assert.equal(find('出版管理条例', '2024').versionLabel, '2024年修订');
    });
  });

  describe('structure', () => {
    it('nests 章 and 节 by keyword and keeps captions without layout spaces', () => {
      const pipl = find('中华人民共和国个人信息保护法');
      const chapter = pipl.provisions.find((p) => p.label === '第二章')!;
      assert.equal(chapter.caption, '个人信息处理规则');
      const section = pipl.provisions.find((p) => p.label === '第一节')!;
      assert.equal(pipl.provisions[section.parent], chapter);
      assert.equal(pipl.provisions.find((p) => p.label === '第一章')!.caption, '总则', '## 第一章 总 则');
      const criminal = find('中华人民共和国刑法');
      const book = criminal.provisions.find((p) => p.label === '第一编')!;
      const firstChapter = criminal.provisions.find((p) => p.label === '第一章')!;
      assert.equal(criminal.provisions[firstChapter.parent], book, '章 is H3 under 编');
    });

    it('turns lost headings into divisions that close the article above, with a warning', () => {
      const minors = find('未成年人网络保护条例');
      const lost = minors.provisions.filter((p) => p.kind === 'division' && p.label === '');
      assert.deepEqual(lost.map((p) => p.caption), ['网络素养促进', '网络信息内容规范', '个人信息网络保护', '网络沉迷防治', '法律责任', '附则']);
      const article12 = articlesOf(minors)[11];
      assert.equal(clauseTexts(minors, article12).length, 1);
      const warnings = imported.problems.filter((p) => p.file === minors.location.file && p.kind === 'warning');
      assert.equal(warnings.length, 6);
    });

    it('keeps footnotes and appendices out of the articles (刑法)', () => {
      const criminal = find('中华人民共和国刑法');
      const last = articlesOf(criminal).at(-1)!;
      assert.equal(last.label, '第四百五十二条');
      assert.equal(clauseTexts(criminal, last).length, 3);
      assert.match(criminal.notes[0]?.text ?? '', /^刑法、历次刑法修正案、涉及修改刑法的决定的施行日期/);
      const annexes = criminal.provisions.filter((p) => p.kind === 'annex');
      assert.deepEqual(annexes.map((p) => [p.label, p.number]), [['附件一', 1], ['附件二', 2]]);
    });

    it('a document without articles (刑法修正案（十一）) has its 一、二、 parts and falls back to them', () => {
      const amendment = find('中华人民共和国刑法修正案（十一）');
      const raw = fs.readFileSync(amendment.location.file, 'utf8');
      const partLines = raw.split('\n').filter((l) => /^[一二三四五六七八九十]+、/.test(l)).length;
      const parts = amendment.provisions.filter((p) => p.kind === 'part');
      assert.equal(parts.length, partLines);
      assert.ok(parts.length > 40);
      assert.equal(parts[0].label, '一、');
      assert.match(parts[0].text, /^将刑法第十七条修改为：/);
      assert.deepEqual(parts.map((p) => p.number), parts.map((_, i) => i + 1));
      assert.equal(articlesOf(amendment).length, 0);
      assert.ok(amendment.provisions.filter((p) => p.kind === 'paragraph').every((p) => p.parent >= 0), 'quoted paragraphs belong to their part');
    });
  });

  describe('defects from FORMAT.md, on synthetic input', () => {
    const law = (body: string, header = '2021年8月20日 第十三届全国人民代表大会常务委员会第三十次会议通过') =>
      `# 中华人民共和国示例法\n\n${header}\n\n<!-- INFO END -->\n\n${body}`;

    it('warns about gaps, repairs sloppy heads, joins wrapped lines', () => {
      const parsed = parseStatuteMarkdown(law('第一条 甲。\n\n第三条 丙。\n\n第四 条 丁。\n\n第五条 这一行没有结束\n\n而是在这里结束。\n\n（一）项一；\n\n第六条\n\n独立一段。'), '/tmp/示例法(2021-08-20).md');
      const doc = parsed.document!;
      assert.deepEqual(articlesOf(doc).map((a) => a.label), ['第一条', '第三条', '第四条', '第五条', '第六条']);
      assert.deepEqual(parsed.problems.map((p) => [p.kind, p.line]), [['repaired', 11], ['repaired', 15], ['warning', 9]]);
      assert.match(parsed.problems[2].message, /missing 第二条/);
      assert.deepEqual(clauseTexts(doc, articlesOf(doc)[3]), ['这一行没有结束而是在这里结束。']);
      assert.deepEqual(clauseTexts(doc, articlesOf(doc)[4]), ['独立一段。']);
      assert.equal(citedText(doc, step('条', 5), step('项', 1)), '项一；');
    });

    it('reads ASCII brackets in 项, tight heads, empty ## headings and YAML front matter', () => {
      const yaml = '---\ntitle: "中华人民共和国示例法"\npublish_date: "2021-08-20"\nstatus: "现行有效"\n---\n';
      const parsed = parseStatuteMarkdown(`${yaml}${law('##\n\n第一条下列情形：\n\n(一)甲；\n\n(二)乙。\n\n## 第二章附则\n\n第二条 施行。')}`, '/tmp/示例法.md');
      const doc = parsed.document!;
      assert.deepEqual([doc.title, doc.versionDate, doc.status], ['中华人民共和国示例法', '2021-08-20', '现行有效']);
      assert.equal(citedText(doc, step('条', 1), step('项', 2)), '乙。');
      assert.equal(doc.provisions.find((p) => p.kind === 'division')?.caption, '附则');
      assert.deepEqual(parsed.problems, []);
    });

    it('does not mistake a 款 that opens with a reference for an article head', () => {
      // A file with spaced heads never takes a line without the space for a head.
      const spaced = parseStatuteMarkdown(law('第一条 下列情形除外：\n\n第二条所列情形。\n\n第二条 乙。'), '/tmp/示例法.md').document!;
      assert.deepEqual(articlesOf(spaced).map((a) => a.label), ['第一条', '第二条']);
      assert.deepEqual(clauseTexts(spaced, articlesOf(spaced)[0]), ['下列情形除外：', '第二条所列情形。']);
      // In a file with tight heads, 第N条规定… and 第N条的… stay text.
      const tight = parseStatuteMarkdown(law('第一条下列情形除外：\n\n第二条规定的情形。\n\n第二条的情形。\n\n第二条乙。'), '/tmp/示例法.md').document!;
      assert.deepEqual(articlesOf(tight).map((a) => a.label), ['第一条', '第二条']);
      assert.deepEqual(clauseTexts(tight, articlesOf(tight)[0]), ['下列情形除外：', '第二条规定的情形。', '第二条的情形。']);
      assert.deepEqual(clauseTexts(tight, articlesOf(tight)[1]), ['乙。']);
    });

    it('skips files that are not statutes', () => {
      for (const name of ['README.md', '_index.md', '法律法规模版.md']) {
        const parsed = parseStatuteMarkdown('# 标题\n\n第一条 甲。', `/laws/${name}`);
        assert.equal(parsed.document, undefined);
        assert.equal(parsed.problems[0].kind, 'skipped');
      }
      assert.equal(parseStatuteMarkdown('---\nbookCollapseSection: true\n---\n', '/laws/x.md').problems[0].kind, 'skipped');
      assert.equal(parseAnsvarJson('{"name": "a package"}', '/laws/package.json').problems[0].kind, 'skipped');
    });

    it('never throws on bad input: empty, random bytes, CRLF, BOM, no trailing newline', () => {
      assert.equal(parseStatuteMarkdown('', 'empty.md').problems[0].kind, 'skipped');
      for (let seed = 0; seed < 20; seed++) {
        const bytes = crypto.randomBytes(512 + seed * 97);
        for (const text of [bytes.toString('utf8'), bytes.toString('latin1'), `# 标题\n${bytes.toString('utf8')}`]) {
          const md = parseStatuteMarkdown(text, 'random.md');
          assert.ok(Array.isArray(md.problems));
          assert.ok(Array.isArray(parseAnsvarJson(text, 'random.json').problems));
        }
      }
      assert.equal(parseAnsvarJson('[1,2', 'broken.json').problems[0].kind, 'skipped');

      const original = fs.readFileSync(path.join(LAWS, 'lawrefbook/行政法/个人信息保护法(2021-08-20).md'), 'utf8');
      const variants = [original.replace(/\n/g, '\r\n'), `\ufeff${original}`, `\ufeff${original.replace(/\n/g, '\r\n')}\r\n`, original.trimEnd()];
      const reference = parseStatuteMarkdown(original, 'pipl.md').document!;
      for (const variant of variants) {
        const doc = parseStatuteMarkdown(variant, 'pipl.md').document!;
        assert.equal(doc.title, '中华人民共和国个人信息保护法');
        assert.deepEqual(doc.provisions, reference.provisions);
        assert.match(citedText(doc, step('条', 13), step('款', 1), step('项', 2)), /^为订立、履行个人作为一方当事人的合同所必需/);
      }
    });
  });
});
