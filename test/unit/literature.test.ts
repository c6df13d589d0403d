/**
 * The user's bibliography at work: completion writes the footnote in the house style with the page as a tab
 * stop, hover shows the record, and the journal checks compare a citation with it.
 */
import * as assert from 'node:assert/strict';
import type { CompletionItem, Diagnostic } from 'vscode-languageserver-types';
import { checkPaper, DiagnosticData } from '../../server/src/core/checks/diagnostics';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { readLiterature } from '../../server/src/core/corpus/literature';
import { literatureSnippet } from '../../server/src/core/text/references';
import { HOUSE_STYLES } from '../../server/src/core/text/styles';
import { completionAt, hoverAt } from '../helpers/atCursor';
import { literatureCorpus } from '../helpers/literature';

function only(items: CompletionItem[], label: string): CompletionItem {
  const found = items.filter((i) => i.label === label);
  assert.equal(found.length, 1, `${label} among ${items.map((i) => i.label).join(' | ')}`);
  return found[0];
}

function insertion(item: CompletionItem): { newText: string; snippet: boolean; start: number; end: number } {
  const edit = item.textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } };
  return { newText: edit.newText, snippet: item.insertTextFormat === 2, start: edit.range.start.character, end: edit.range.end.character };
}

describe('literature: completion writes the footnote in the house style', () => {
  it('after an author’s name: a book, with the page as the one tab stop', () => {
    const items = completionAt('[^1]: 参见王泽鉴‸', { corpus: literatureCorpus() });
    const item = only(items, '王泽鉴：《民法总则》');
    assert.deepEqual(insertion(item), { newText: '王泽鉴：《民法总则》，北京大学出版社2009年版，第${1}页。', snippet: true, start: 8, end: 11 });
    assert.equal(item.detail, '北京大学出版社2009年版');
  });

  it('after an author’s name: a journal paper, 载 as the style wants', () => {
    const handbook = only(completionAt('[^1]: 丁晓东‸', { corpus: literatureCorpus() }), '丁晓东：《个人信息私法保护的困境与出路》');
    assert.equal(insertion(handbook).newText, '丁晓东：《个人信息私法保护的困境与出路》，载《法学研究》2018年第6期，第${1}页。');
    const faxueyanjiu = only(completionAt('[^1]: 丁晓东‸', { corpus: literatureCorpus(), settings: { style: '法学研究' } }), '丁晓东：《个人信息私法保护的困境与出路》');
    assert.equal(insertion(faxueyanjiu).newText, '丁晓东：《个人信息私法保护的困境与出路》，《法学研究》2018年第6期，第${1}页。');
  });

  it('after a translated author’s surname: [国籍], the translator and the publisher', () => {
    const item = only(completionAt('[^3]: 德沃金‸', { corpus: literatureCorpus() }), '罗纳德·德沃金：《法律帝国》');
    assert.equal(insertion(item).newText, '[美]罗纳德·德沃金：《法律帝国》，李常青译，中国大百科全书出版社1996年版，第${1}页。');
  });

  it('after an author’s name: a 集刊 chapter with its 主编 and 辑', () => {
    const item = only(completionAt('[^4]: 陈琳‸', { corpus: literatureCorpus() }), '陈琳：《数据可携权的制度逻辑》');
    assert.equal(insertion(item).newText, '陈琳：《数据可携权的制度逻辑》，载王博远主编：《网络法律评论》（第22辑），北京大学出版社2020年版，第${1}页。');
  });

  it('inside 《 with the author already written: the rest of the footnote, replacing a closing 》', () => {
    const items = completionAt('[^2]: 张新宝：《从隐私到个人‸》', { corpus: literatureCorpus() });
    const item = only(items, '从隐私到个人信息：利益再衡量的理论与制度安排');
    assert.deepEqual(insertion(item), { newText: '从隐私到个人信息：利益再衡量的理论与制度安排》，载《中国法学》2015年第3期，第${1}页。', snippet: true, start: 11, end: 18 });
  });

  it('inside 《 with no author before it: the whole footnote from 《 on', () => {
    const items = completionAt('[^2]: 参见《法律帝‸', { corpus: literatureCorpus() });
    const item = only(items, '法律帝国');
    assert.deepEqual(insertion(item), { newText: '[美]罗纳德·德沃金：《法律帝国》，李常青译，中国大百科全书出版社1996年版，第${1}页。', snippet: true, start: 8, end: 12 });
  });

  it('a Western work after the surname: Author, Title, Publisher, Year, p. page', () => {
    const item = only(completionAt('[^1]: Lessig‸', { corpus: literatureCorpus() }), 'Lawrence Lessig：《Code and Other Laws of Cyberspace》');
    assert.equal(insertion(item).newText, 'Lawrence Lessig, Code and Other Laws of Cyberspace, Basic Books, 1999, p. ${1}.');
  });

  it('escapes what a snippet would read as a tab stop or an escape', () => {
    const [record] = readLiterature('[{"id": "k", "type": "book", "title": "论${1}与\\\\和}", "author": [{"literal": "某甲"}], "publisher": "某出版社", "issued": {"date-parts": [[2001]]}}]', 'x.json').records;
    assert.equal(literatureSnippet(record, record.work!, HOUSE_STYLES['法学引注手册']), '某甲：《论\\${1\\}与\\\\和\\}》，某出版社2001年版，第${1}页。');
  });

  it('the bulletin’s papers are inserted as before (no snippet)', () => {
    const item = completionAt('[^1]: 张金平‸', { corpus: literatureCorpus() })[0];
    assert.equal(item.insertTextFormat, undefined);
    assert.match(insertion(item).newText, /^张金平：《.*》，载《法学研究》2025年第4期。$/);
  });
});

describe('literature: hover shows the record', () => {
  it('on a journal citation of a work of the bibliography', () => {
    const hover = hoverAt('[^1]: 丁晓东：《个人信息私法保护的困‸境与出路》，载《法学研究》2018年第6期，第195页。', { corpus: literatureCorpus() })!;
    assert.equal(hover, [
      '**丁晓东：《个人信息私法保护的困境与出路》，载《法学研究》2018年第6期。**',
      '',
      '期刊论文 · @dingxiaodong2018kunjing · 第194-206页',
      '',
      '参考文献库：zotero.json 第1行',
      '',
      '---',
      '',
      '**核查结论：已核实**',
    ].join('\n'));
  });

  it('on the title of a book, in English too', () => {
    const hover = hoverAt('参见《民法总‸则》。', { corpus: literatureCorpus(), locale: 'en' })!;
    assert.match(hover, /^\*\*王泽鉴：《民法总则》，北京大学出版社2009年版。\*\*\n\nbook · @wangzejian2009minfa\n\nbibliography: zotero\.json, line 1\n\n---\n\n\*\*Verdict: verified\*\*$/);
  });
});

describe('literature: the journal checks compare with the record', () => {
  function check(text: string): Diagnostic[] {
    return checkPaper(literatureCorpus(), makePaper(literatureCorpus(), 'file:///paper.md', 1, text), {});
  }

  it('a wrong year and a wrong journal are flagged where written, with the recorded value as the fix', () => {
    const text = [
      '正文。[^1][^2][^3]',
      '',
      '[^1]: 丁晓东：《个人信息私法保护的困境与出路》，载《法学研究》2019年第6期，第195页。',
      '[^2]: 季卫东：《人工智能时代的司法权之变》，载《中国法学》2018年第1期。',
      '[^3]: 刘艳红：《人工智能法学研究中的反智化批判》，载《东方法学》2019年第5期。',
    ].join('\n');
    const lines = text.split('\n');
    const found = check(text).map((d) => [d.code, d.range.start.line, lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), d.message, (d.data as DiagnosticData).fixes![0].newText]);
    assert.deepEqual(found, [
      ['paper.year-mismatch', 2, '2019', '《个人信息私法保护的困境与出路》发表于2018年，此处写作2019年', '2018'],
      ['paper.journal-mismatch', 3, '中国法学', '《人工智能时代的司法权之变》载于《东方法学》，此处写作《中国法学》', '东方法学'],
    ]);
  });

  it('a book cited as a book gets nothing; a correct journal citation gets nothing', () => {
    assert.deepEqual(check('[^1]\n\n[^1]: 王泽鉴：《民法总则》，北京大学出版社2009年版，第12页；张新宝：《从隐私到个人信息：利益再衡量的理论与制度安排》，载《中国法学》2015年第3期。').map((d) => d.code), []);
  });
});

describe('literature: book citations are compared with the bibliography', () => {
  function check(text: string): [string, string, string, string][] {
    const lines = text.split('\n');
    return checkPaper(literatureCorpus(), makePaper(literatureCorpus(), 'file:///paper.md', 1, text), {})
      .map((d) => [String(d.code), lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), d.message, (d.data as DiagnosticData).fixes![0].newText]);
  }

  it('a wrong publisher and a wrong year of the edition, translated works included', () => {
    const text = [
      '正文。[^1][^2]',
      '',
      '[^1]: 王泽鉴：《民法总则》，法律出版社2009年版，第12页。',
      '[^2]: [美]罗纳德·德沃金：《法律帝国》，李常青译，中国大百科全书出版社1998年版，第20页。',
    ].join('\n');
    assert.deepEqual(check(text), [
      ['paper.publisher-mismatch', '法律出版社', '《民法总则》由北京大学出版社出版，此处写作法律出版社', '北京大学出版社'],
      ['paper.year-mismatch', '1998', '《法律帝国》的版本出版于1996年，此处写作1998年', '1996'],
    ]);
  });

  it('a correct book citation, with its edition, gets nothing', () => {
    assert.deepEqual(check('[^1]\n\n[^1]: 张明楷：《刑法学》（第6版），法律出版社2021年版，第5页；[英]哈特：《法律的概念》，许家馨、李冠宜译，法律出版社2006年版。'), []);
  });
});
