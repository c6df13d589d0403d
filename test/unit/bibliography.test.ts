import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readBibtex } from '../../server/src/core/corpus/bibtex';
import { readLiterature, splitNames } from '../../server/src/core/corpus/literature';
import type { BibRecord } from '../../server/src/core/corpus/model';
import { formatPaperReference, HOUSE_STYLES } from '../../server/src/core/text/styles';
import { describeProblem, loadBibliographies } from '../../server/src/node/bibliography';
import { BIB_FIXTURES } from '../helpers/literature';
const handbook = HOUSE_STYLES['法学引注手册'];

function byKey(records: BibRecord[], key: string): BibRecord {
  const record = records.find((r) => r.work?.key === key);
  assert.ok(record, `no record ${key}`);
  return record;
}

describe('bibliographies: reading Zotero, Better BibTeX, Jasminum and 知网 exports', () => {
  const loaded = loadBibliographies(['*.json', 'library.bib'], BIB_FIXTURES);

  it('reads both fixtures whole: 28 Chinese and 6 Western works, the damaged entry reported with its line', () => {
    const chinese = loaded.records.filter((r) => /[\u4e00-\u9fff]/.test(r.title));
    assert.equal(chinese.length, 28);
    assert.equal(loaded.records.length - chinese.length, 6);
    assert.deepEqual(loaded.problems.map(describeProblem), [`${path.join(BIB_FIXTURES, 'library.bib')}:143: entry damaged2020: expected “,” or “}” after field title`]);
    // The entry after the damaged one still loads.
    assert.equal(byKey(loaded.records, 'mayer2013bigdata').authors[0], 'Viktor Mayer-Schönberger');
  });

  it('formats each kind of work in the handbook’s style', () => {
    const cases: [string, string][] = [
      ['zhangxinbao2015yinsi', '张新宝：《从隐私到个人信息：利益再衡量的理论与制度安排》，载《中国法学》2015年第3期。'],
      ['CNKI:SUN:FXYJ.0.2019-05-003', '刘艳红：《人工智能法学研究中的反智化批判》，载《东方法学》2019年第5期。'],
      ['yangliming2021tongyi', '杨立新、赵鑫：《个人信息处理者侵害个人信息权益的民事责任》，载《国家检察官学院学报》2021年第5期。'],
      ['jiweidong2018sifa', '季卫东：《人工智能时代的司法权之变》，载《东方法学》2018年第1期。'],
      ['wangzejian2009minfa', '王泽鉴：《民法总则》，北京大学出版社2009年版。'],
      ['zhangmingkai2021xingfa', '张明楷：《刑法学》（第6版），法律出版社2021年版。'],
      ['lianghuixing2017minfa', '梁慧星：《民法总论》，法律出版社2017年版。'],
      ['dworkin1996falv', '[美]罗纳德·德沃金：《法律帝国》，李常青译，中国大百科全书出版社1996年版。'],
      ['lessig2009daima', '[美]劳伦斯·莱斯格：《代码2.0：网络空间中的法律》，李旭、沈伟伟译，清华大学出版社2009年版。'],
      ['medicus2000zonglun', '[德]迪特尔·梅迪库斯：《德国民法总论》，邵建东译，法律出版社2000年版。'],
      ['zhaojun2019jikan', '赵珺：《算法决策的程序正义之维》，载周立新主编：《数字法治评论》（第3辑），法律出版社2019年版。'],
      ['lining2018jikan', '李宁、周平：《智慧法院建设中的裁判辅助系统》，载郑明主编：《司法改革评论》（第25辑），厦门大学出版社2018年版。'],
      ['warren1890privacy', 'Samuel D. Warren, Louis D. Brandeis, The Right to Privacy, Harvard Law Review, Vol. 4, Issue 5 (1890).'],
      ['lessig1999code', 'Lawrence Lessig, Code and Other Laws of Cyberspace, Basic Books, 1999.'],
    ];
    for (const [key, expected] of cases) assert.equal(formatPaperReference(byKey(loaded.records, key), handbook), expected, key);
    // 《法学研究》 writes no 载, for a journal or a collection.
    assert.equal(formatPaperReference(byKey(loaded.records, 'zhaojun2019jikan'), HOUSE_STYLES['法学研究']), '赵珺：《算法决策的程序正义之维》，周立新主编：《数字法治评论》（第3辑），法律出版社2019年版。');
  });

  it('keeps the fields the checks and the hover read', () => {
    const record = byKey(loaded.records, 'dingxiaodong2018kunjing');
    assert.deepEqual([record.authors, record.journal, record.year, record.issue, record.work?.pages], [['丁晓东'], '法学研究', 2018, 6, '194-206']);
    assert.equal(byKey(loaded.records, 'http://zotero.org/users/local/Qm3xT9/items/8ZP4K2WD').title, '论数据用益权');
    assert.equal(byKey(loaded.records, 'citron2008technological').volume, 85);
  });

  it('splits authors the way Chinese exports separate them', () => {
    assert.deepEqual(splitNames('张三、李四'), ['张三', '李四']);
    assert.deepEqual(splitNames('张三；李四;王五'), ['张三', '李四', '王五']);
    assert.deepEqual(splitNames('张三 and 李四'), ['张三', '李四']);
    assert.deepEqual(splitNames('Hart, H. L. A. and Raz, Joseph'), ['H. L. A. Hart', 'Joseph Raz']);
  });

  it('reads BibTeX syntax: @string, #, quotes, parentheses, LaTeX accents; one bad entry does not cost the next', () => {
    const { entries, problems } = readBibtex([
      '@string{j = "中国" # "法学"}',
      '@article(a1, title = "甲" # {乙}, journal = j, year = 2020, note = {T\\"ubingen --- \\&})',
      '@book{b1, title = {未闭合',
      '@book{b2, title={丙}, year=jan}',
      '@misc{c1, title = {x}, month = undefinedmacro}',
    ].join('\n'));
    assert.deepEqual(entries.map((e) => [e.key, Object.fromEntries(e.fields)]), [
      ['a1', { title: '甲乙', journal: '中国法学', year: '2020', note: 'Tübingen — &' }],
      ['b2', { title: '丙', year: '1' }],
    ]);
    assert.deepEqual(problems, [
      { line: 3, message: 'the value of title has an unclosed “{”' },
      { line: 5, message: 'field month uses the undefined string undefinedmacro' },
    ]);
  });

  it('says what is wrong with a file, and loads the others', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-bib-'));
    fs.writeFileSync(path.join(dir, 'broken.json'), '[{"id": "a", "title": "甲"},');
    fs.writeFileSync(path.join(dir, 'object.json'), '{"id": "a"}');
    fs.writeFileSync(path.join(dir, 'ok.json'), '[{"id": "a", "title": "甲"}, {"id": "b"}, 7, {"id": "a", "title": "重复"}]');
    const result = loadBibliographies(['*.json', 'missing.bib'], dir);
    assert.deepEqual(result.records.map((r) => r.title), ['甲']);
    const messages = result.problems.map(describeProblem).map((m) => m.replace(dir + path.sep, ''));
    assert.equal(messages[0], 'missing.bib: no such file');
    assert.match(messages[1], /^broken\.json: not valid JSON/);
    assert.deepEqual(messages.slice(2), [
      'object.json: a CSL-JSON file holds an array of items',
      'ok.json: item 2 (b) has no title; left out',
      'ok.json: item 3 is not an object',
      'ok.json:1: the key a is already used in ' + path.join(dir, 'ok.json') + '; this entry is left out',
    ]);
  });

  it('a ** glob finds the files in subfolders once, skipping hidden folders, and ends at a link back up the tree', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-bib-'));
    fs.mkdirSync(path.join(dir, 'refs', 'deep'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.hidden'));
    fs.writeFileSync(path.join(dir, 'refs', 'deep', 'a.json'), '[{"id": "a", "title": "甲"}]');
    fs.writeFileSync(path.join(dir, '.hidden', 'b.json'), '[{"id": "b", "title": "乙"}]');
    fs.symlinkSync(dir, path.join(dir, 'refs', 'loop'));
    const result = loadBibliographies(['**/*.json'], dir);
    assert.deepEqual(result.files, [path.join(dir, 'refs', 'deep', 'a.json')]);
    assert.deepEqual(result.records.map((r) => r.title), ['甲']);
  });

  it('reads a file with a byte-order mark and a CSL-JSON without the .json extension', () => {
    const csl = readLiterature('\ufeff[{"id": "k", "type": "book", "title": "书", "publisher": "某出版社", "issued": {"raw": "2001-05"}}]', 'library.csljson');
    assert.equal(formatPaperReference(csl.records[0], handbook), '《书》，某出版社2001年版。');
  });
});
