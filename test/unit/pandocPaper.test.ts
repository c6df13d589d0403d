/**
 * A paper written for pandoc --citeproc, end to end on the command line: `lexcite check` and `report` with
 * --bibliography, and pandoc itself still rendering the paper from the same CSL-JSON (Debian's pandoc; the
 * test says why it skips when pandoc is not installed).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { lexcite } from '../helpers/cli';
import { BIB_FIXTURES } from '../helpers/literature';

const PAPER = path.join(BIB_FIXTURES, 'pandoc-paper.md');
const ZOTERO = path.join(BIB_FIXTURES, 'zotero.json');

describe('a pandoc paper, end to end', function () {
  this.timeout(60000);

  it('check: the unknown key is the one finding, at its line and column; exit 0', async () => {
    const { code, out, err } = await lexcite('check', '--bibliography', ZOTERO, PAPER);
    assert.equal(out, `${PAPER}:16:54: warning pandoc.unknown-key 参考文献库中没有引用键 @shenweixing2020yongyi\n`);
    assert.match(err, /^lexcite: 从1个参考文献文件载入17条文献\n核对了1个文件：0个错误，1个警告，0个提示\n9处引用：已核实8处，不符0处，查无此条0处，无法核实1处\n$/);
    assert.equal(code, 0);
  });

  it('check without the bibliography says nothing of the keys (it cannot know them)', async () => {
    const { code, out } = await lexcite('check', PAPER);
    assert.equal(out, '');
    assert.equal(code, 0);
  });

  it('report: every cited work with its footnote in the house style and the pages cited', async () => {
    const { code, out } = await lexcite('report', '--format', 'json', '--bibliography', ZOTERO, PAPER);
    assert.equal(code, 0);
    const report = JSON.parse(out) as { entries: { title: string; canonical: string; indexed: boolean; provisions: string[] }[] };
    const byTitle = new Map(report.entries.map((e) => [e.title, e]));
    assert.deepEqual(byTitle.get('法律帝国'), { ...byTitle.get('法律帝国')!, canonical: '[美]罗纳德·德沃金：《法律帝国》，李常青译，中国大百科全书出版社1996年版。', indexed: true, provisions: ['第20页'] });
    assert.equal(byTitle.get('从隐私到个人信息：利益再衡量的理论与制度安排')!.canonical, '张新宝：《从隐私到个人信息：利益再衡量的理论与制度安排》，载《中国法学》2015年第3期。');
    assert.equal(byTitle.get('@shenweixing2020yongyi')!.indexed, false);
    assert.equal(report.entries.filter((e) => e.indexed && e.canonical.includes('载《')).length, 5);
  });

  it('pandoc --citeproc still renders it from the same bibliography', function () {
    const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      // Debian's pandoc (apt-get install pandoc) is not on this machine: nothing to run the paper through.
      this.skip();
    }
    const rendered = spawnSync('pandoc', ['--citeproc', '--bibliography', ZOTERO, '-t', 'plain', PAPER], { encoding: 'utf8', cwd: BIB_FIXTURES });
    assert.equal(rendered.status, 0, rendered.stderr);
    // The citations became author-date references, and the bibliography lists the works.
    assert.match(rendered.stdout, /丁 2018, 第200页/);
    assert.match(rendered.stdout, /丁晓东\. 2018\. 《个人信息私法保护的困境与出路》\. 法学研究/);
    assert.match(rendered.stdout, /\[美\]罗纳德·德沃金\. 1996\. 法律帝国/);
    // The key LexCite flags is the one pandoc cannot find either.
    assert.match(rendered.stderr, /citation shenweixing2020yongyi not found/);
  });
});

describe('cli: --bibliography for lookup and search', () => {
  const LIBRARY = path.join(BIB_FIXTURES, 'library.bib');

  it('lookup prints the work’s footnote and key; the damaged entry is named on stderr', async () => {
    const { code, out, err } = await lexcite('lookup', '--bibliography', LIBRARY, '法律的概念');
    assert.equal(out, '[英]哈特：《法律的概念》，许家馨、李冠宜译，法律出版社2006年版。\n  @hart2006gainian\n');
    assert.equal(err, `lexcite: 从1个参考文献文件载入17条文献\nlexcite: 参考文献文件中有1处问题（其余文献照常载入）：\n  ${path.relative(process.cwd(), LIBRARY)}:143: entry damaged2020: expected “,” or “}” after field title\n`);
    assert.equal(code, 0);
  });

  it('search finds the works of the bibliography by title', async () => {
    const { code, out } = await lexcite('search', '--json', '--bibliography', LIBRARY, '送法下乡');
    assert.equal((JSON.parse(out) as { title: string }[])[0].title, '送法下乡：中国基层司法制度研究');
    assert.equal(code, 0);
  });

  it('a bibliography file that does not exist is a usage error', async () => {
    const { code, err } = await lexcite('check', '--bibliography', 'no-such-library.bib', PAPER);
    assert.equal(err, 'lexcite: 无法读取 no-such-library.bib：文件不存在\n');
    assert.equal(code, 2);
  });
});
