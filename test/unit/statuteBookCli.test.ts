/**
 * The installed command with no settings at all (no --corpus, no statute folder): what the bundled statute book
 * lets a user do out of the box, through bin/lexcite.js in a real process, in a folder of its own.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/corpus';

const BIN = path.join(REPO_ROOT, 'bin', 'lexcite.js');

describe('the statute book through the command line, with no settings', function () {
  this.timeout(60000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-book-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** bin/lexcite.js in `dir`, without LEXCITE_STATUTE_BOOK or anything else that would change its data. */
  function lexcite(...args: string[]): { code: number | null; out: string; err: string } {
    const env = { ...process.env };
    delete env.LEXCITE_STATUTE_BOOK;
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: 'utf8' });
    return { code: run.status, out: run.stdout, err: run.stderr };
  }

  function paper(name: string, date: string, body: string): string {
    fs.writeFileSync(path.join(dir, name), `---\ndate: ${date}\n---\n\n${body}\n`);
    return name;
  }

  /** `check --format json`: the diagnostics of one paper as "line:character code", in order. */
  function findings(file: string): { code: number | null; list: string[]; messages: string[] } {
    const run = lexcite('check', '--format', 'json', file);
    assert.ok(run.code === 0 || run.code === 1, run.err);
    const [result] = JSON.parse(run.out) as { diagnostics: { range: { start: { line: number; character: number } }; code: string; message: string; severity: number }[] }[];
    return {
      code: run.code,
      list: result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`),
      messages: result.diagnostics.map((d) => d.message),
    };
  }

  /** The statute version a paper's citation is attached to, as the report names it. */
  function reportedId(file: string): string {
    const run = lexcite('report', '--format', 'json', file);
    assert.equal(run.code, 0, run.err);
    const entries = JSON.parse(run.out).entries as { title: string; id: string }[];
    assert.equal(entries.length, 1);
    return entries[0].id;
  }

  describe('lookup prints the text', () => {
    it('《民法典》第1034条第2款', () => {
      const { code, out } = lexcite('lookup', '《民法典》第1034条第2款');
      assert.equal(code, 0);
      assert.match(out, /^《中华人民共和国民法典》\n/);
      assert.match(out, /\n第一千零三十四条第二款\n {2}个人信息是以电子或者其他方式记录的能够单独或者与其他信息结合识别特定自然人的各种信息，包括自然人的姓名/);
    });

    it('个保法第十三条第一款第二项 (a short name, no book title marks)', () => {
      const { code, out } = lexcite('lookup', '个保法第十三条第一款第二项');
      assert.equal(code, 0);
      assert.match(out, /^《中华人民共和国个人信息保护法》\n/);
      assert.match(out, /\n第十三条第一款第（二）项\n {2}（二）为订立、履行个人作为一方当事人的合同所必需/);
    });

    it('法释〔2021〕15号', () => {
      const { code, out } = lexcite('lookup', '法释〔2021〕15号');
      assert.equal(code, 0);
      assert.match(out, /^《最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定》（法释〔2021〕15号）\n/);
      assert.match(out, /发文机关：最高人民法院/);
    });
  });

  describe('the paper’s date picks the version of 《网络安全法》', () => {
    const LOCALISATION = /关键信息基础设施的运营者在中华人民共和国境内运营中收集和产生的个人信息和重要数据应当在境内存储/;
    const SECURITY_REVIEW = /关键信息基础设施的运营者采购网络产品和服务，可能影响国家安全的，应当通过国家网信部门会同国务院有关部门组织的国家安全审查/;

    function lookupOn(date: string): { id: string; date: string; text: string } {
      const { code, out, err } = lexcite('lookup', '--json', '--date', date, '《网络安全法》第三十七条');
      assert.equal(code, 0, err);
      const result = JSON.parse(out);
      return { id: result.match.id, date: result.match.date, text: result.provision.text };
    }

    it('lookup --date: 2024 gives the 2016 text, 2026 the 2025 text (第三十七条 was renumbered)', () => {
      const old = lookupOn('2024-03-01');
      assert.equal(old.date, '2016-11-07');
      assert.match(old.text, LOCALISATION);
      const amended = lookupOn('2026-03-01');
      assert.equal(amended.date, '2025-10-28');
      assert.match(amended.text, SECURITY_REVIEW);
      assert.doesNotMatch(amended.text, LOCALISATION);
    });

    it('a paper dated 2024 cites the 2016 version, one dated 2026 the 2025 version (front matter date:)', () => {
      const body = '《网络安全法》第三十七条规定了境内存储。';
      assert.equal(reportedId(paper('cyber-2024.md', '2024-03-01', body)), lookupOn('2024-03-01').id);
      assert.equal(reportedId(paper('cyber-2026.md', '2026-03-01', body)), lookupOn('2026-03-01').id);
      assert.notEqual(lookupOn('2024-03-01').id, lookupOn('2026-03-01').id);
    });
  });

  describe('check', () => {
    it('《合同法》第五十二条: statute.repealed naming 民法典 in a paper dated 2024, nothing of the kind in 2019', () => {
      const body = '依《合同法》第五十二条，该合同无效。';
      const in2024 = findings(paper('contract-2024.md', '2024-03-01', body));
      const repealed = in2024.list.indexOf('4:1 statute.repealed');
      assert.ok(repealed >= 0, in2024.list.join('\n'));
      assert.match(in2024.messages[repealed], /《中华人民共和国合同法》自2021年1月1日起已废止，由《中华人民共和国民法典》取代/);
      const in2019 = findings(paper('contract-2019.md', '2019-03-01', body));
      assert.deepEqual(in2019.list.filter((d) => /statute\.|article\./.test(d)), []);
    });

    it('日本《个人信息保护法》第27条: a foreign law gets no diagnostic', () => {
      const result = findings(paper('japan.md', '2024-03-01', '日本《个人信息保护法》第27条规定了向第三方提供的限制。'));
      assert.deepEqual(result.list, []);
      assert.equal(result.code, 0);
    });

    it('《个保法》第七十五条: article.not-found, saying what exists', () => {
      const result = findings(paper('pipl-75.md', '2024-03-01', '《个保法》第七十五条'));
      const notFound = result.list.indexOf('4:5 article.not-found');
      assert.ok(notFound >= 0, result.list.join('\n'));
      assert.match(result.messages[notFound], /《中华人民共和国个人信息保护法》中没有第七十五条；该文件的条目为第一条至第七十四条/);
      assert.equal(result.code, 1);
    });

    it('《个人信息保护法》 in a paper dated 2021-05-01: statute.not-yet-in-force, a hint', () => {
      const run = lexcite('check', '--format', 'json', paper('pipl-early.md', '2021-05-01', '《个人信息保护法》对此有规定。'));
      assert.equal(run.code, 0, run.err);
      const [result] = JSON.parse(run.out) as { diagnostics: { code: string; severity: number; message: string }[] }[];
      const early = result.diagnostics.filter((d) => d.code === 'statute.not-yet-in-force');
      assert.equal(early.length, 1);
      assert.equal(early[0].severity, 4, 'a hint');
      assert.match(early[0].message, /自2021年11月1日起施行/);
    });
  });
});
