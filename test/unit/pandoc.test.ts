/**
 * Pandoc citations: found as pandoc reads them, checked against the bibliographies, hovered, completed and
 * found as references of the work they cite.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkPaper, DiagnosticData } from '../../server/src/core/checks/diagnostics';
import { findExcludedRegions } from '../../server/src/core/paper/markdown';
import { findPandocCitations } from '../../server/src/core/paper/pandocCitations';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { parsePaper } from '../../server/src/core/paper/parser';
import { BlockParseCache } from '../../server/src/core/paper/incremental';
import { CitationService } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { completionAt, hoverAt } from '../helpers/atCursor';
import { bulletinCorpus } from '../helpers/corpus';
import { literatureCorpus } from '../helpers/literature';

function found(text: string): [string, string, string | undefined][] {
  return findPandocCitations(text, findExcludedRegions(text)).map((c) => [c.key, text.slice(c.start, c.end), c.locator?.text]);
}

describe('pandoc citations: what counts as one', () => {
  it('bracketed, with locators, several in a group, author suppressed, in-text, braced keys', () => {
    assert.deepEqual(found('正文[@zhang2015, 第12页]。又见[参见 @a; -@b:c, 第3—5页]，以及 @wang2009 [第7页] 与 @{http://x.org/1}。'), [
      ['zhang2015', '@zhang2015', '第12页'],
      ['a', '@a', undefined],
      ['b:c', '@b:c', '第3—5页'],
      ['wang2009', '@wang2009', '第7页'],
      ['http://x.org/1', '@{http://x.org/1}', undefined],
    ]);
  });

  it('not an e-mail address, a footnote, a link target, code or an @ after a Chinese character', () => {
    assert.deepEqual(found('写信至 li@example.com，[^1]，[链接](https://example.com/@x)，`[@code]`，张三@wang，\\@esc。\n\n```\n[@fenced]\n```\n'), []);
  });

  it('offsets are UTF-16 and survive the incremental parse (blocks shifted into the paper)', () => {
    const text = '第一段𠀀。\n\n第二段[@k1, 第2页]。\n\n[^1]: 见 @k2。';
    const whole = parsePaper(text).pandocCitations!;
    const assembled = new BlockParseCache().parse(text).parsed.pandocCitations!;
    // Every field, read in paper offsets (the parse keeps them relative to each block).
    assert.deepEqual(JSON.parse(JSON.stringify(assembled)), JSON.parse(JSON.stringify(whole)));
    assert.deepEqual(whole.map((c) => text.slice(c.start, c.end)), ['@k1', '@k2']);
    assert.equal(text.slice(whole[0].locator!.start, whole[0].locator!.end), '第2页');
  });

  it('a long run of brackets stays linear', () => {
    const text = '['.repeat(200000) + '@k' + ']'.repeat(10);
    const started = Date.now();
    findPandocCitations(text, findExcludedRegions(''));
    assert.ok(Date.now() - started < 1000);
  });
});

describe('pandoc citations against the bibliography', () => {
  function check(text: string): Diagnostic[] {
    return checkPaper(literatureCorpus(), makePaper(literatureCorpus(), 'file:///pandoc.md', 1, text), {});
  }

  it('an unknown key is flagged on @key, with the one close key as the fix; known keys pass', () => {
    const text = '个人信息的界定[@zhangxinbao2015yinsi, 第45页; @wangliming2013geren]，另见[@dingxiaodong2081kunjing]和[@nosuchkey2020]。';
    const diagnostics = check(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, text.slice(d.range.start.character, d.range.end.character), d.message]), [
      ['pandoc.unknown-key', '@dingxiaodong2081kunjing', '参考文献库中没有引用键 @dingxiaodong2081kunjing；相近的键：@dingxiaodong2018kunjing'],
      ['pandoc.unknown-key', '@nosuchkey2020', '参考文献库中没有引用键 @nosuchkey2020'],
    ]);
    assert.equal((diagnostics[0].data as DiagnosticData).fixes![0].newText, '@dingxiaodong2018kunjing');
    assert.equal(diagnostics[1].data, undefined);
  });

  it('without any bibliography nothing is said: the keys cannot be known', () => {
    const diagnostics = checkPaper(bulletinCorpus(), makePaper(bulletinCorpus(), 'file:///pandoc.md', 1, '见[@anything2020]。'), {});
    assert.deepEqual(diagnostics, []);
  });

  it('hover shows the formatted reference and the record; an unknown key says so', () => {
    assert.match(hoverAt('见[@dworkin‸1996falv, 第12页]。', { corpus: literatureCorpus() })!, /^\*\*\\\[美\\\]罗纳德·德沃金：《法律帝国》，李常青译，中国大百科全书出版社1996年版。\*\*\n\n著作 · @dworkin1996falv\n/);
    assert.equal(hoverAt('见[@nosuch‸key]。', { corpus: literatureCorpus() }), '参考文献库中没有引用键 @nosuchkey');
    // In the paper's house style: 《法学研究》 writes no 载.
    assert.match(hoverAt('见[@ding‸xiaodong2018kunjing]。', { corpus: literatureCorpus(), settings: { style: '法学研究' } })!, /^\*\*丁晓东：《个人信息私法保护的困境与出路》，《法学研究》2018年第6期。\*\*/);
  });

  it('completes keys after @ with the footnote as detail', () => {
    const items = completionAt('见[@wangz‸', { corpus: literatureCorpus() });
    assert.deepEqual(items.map((i) => [i.label, i.detail, (i.textEdit as { newText: string }).newText]), [['wangzejian2009minfa', '王泽鉴：《民法总则》，北京大学出版社2009年版。', 'wangzejian2009minfa']]);
    // By title or author too.
    assert.ok(completionAt('见[@德沃金‸', { corpus: literatureCorpus() }).some((i) => i.label === 'dworkin1996falv'));
    // A key pandoc cannot read bare goes in braces.
    const zotero = completionAt('见[@论数据用益权‸', { corpus: literatureCorpus() });
    assert.equal((zotero[0].textEdit as { newText: string }).newText, '{http://zotero.org/users/local/Qm3xT9/items/8ZP4K2WD}');
  });

  it('find references: a pandoc citation and a hand-written footnote of the same work', () => {
    const service = new CitationService(literatureCorpus());
    const a = { uri: 'file:///a.md', version: 1, getText: () => '见[@dingxiaodong2018kunjing, 第200页]。' };
    const b = { uri: 'file:///b.md', version: 1, getText: () => '[^1]\n\n[^1]: 丁晓东：《个人信息私法保护的困境与出路》，载《法学研究》2018年第6期。' };
    const locations = service.references(a, new LineIndex(a.getText()).positionAt(5), [a, b]);
    assert.deepEqual(locations.map((l) => [l.uri, l.range.start.line, l.range.start.character]), [['file:///a.md', 0, 2], ['file:///b.md', 2, 6]]);
  });
});
