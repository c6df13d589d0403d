/**
 * The citation parser on realistic paper snippets. Ranges are marked inline with {[ … ]}; offsets are UTF-16.
 */
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { parseChineseNumeral, parseNumeral, toChineseNumeral } from '../../server/src/core/text/numerals';
import { parseDocNumber } from '../../server/src/core/text/docNumber';
import { parsePaper } from '../../server/src/core/paper/parser';
import { BlockParseCache } from '../../server/src/core/paper/incremental';
import { parseMarkers } from '../helpers/markers';

function titlesIn(fixture: string) {
  const { text, ranges } = parseMarkers(fixture);
  const paper = parsePaper(text);
  return { text, ranges, paper };
}

describe('parser: titles', () => {
  it('finds 《》 titles with exact UTF-16 ranges in Chinese text', () => {
    const { ranges, paper } = titlesIn('如{[《数据安全法》]}所示，{[《国务院关于深入实施“人工智能+”行动的意见》]}提出……');
    assert.deepEqual(paper.titles.map((t) => ({ start: t.start, end: t.end })), ranges);
    assert.deepEqual(paper.titles.map((t) => t.title), ['数据安全法', '国务院关于深入实施“人工智能+”行动的意见']);
  });

  it('counts surrogate pairs as two UTF-16 units (CJK Extension B before the title)', () => {
    const { text, ranges, paper } = titlesIn('𠀀𠀁引用{[《数据安全法》]}第21条');
    assert.equal(paper.titles[0].start, ranges[0].start);
    assert.equal(paper.titles[0].start, 6);
    assert.deepEqual(new LineIndex(text).positionAt(paper.titles[0].start), { line: 0, character: 6 });
    assert.equal(paper.titles[0].references[0].text, '第21条');
  });

  it('joins a title split by a soft line break, but never across a blank line', () => {
    const { paper } = titlesIn('参见《国务院关于深入实施“人工智能+”\n行动的意见》第（八）项。\n\n《未闭合的标题\n\n下一段》');
    assert.equal(paper.titles.length, 1);
    assert.equal(paper.titles[0].title, '国务院关于深入实施“人工智能+”行动的意见');
    assert.equal(paper.titles[0].references[0].steps[0].number, 8);
  });

  it('survives unbalanced and nested brackets', () => {
    const { paper } = titlesIn('《《数据安全法》与《《》》and 《 》 and 《最高人民法院关于适用《中华人民共和国行政诉讼法》的解释》');
    const titles = paper.titles.map((t) => t.title);
    assert.ok(titles.includes('数据安全法'));
    assert.ok(titles.includes('最高人民法院关于适用《中华人民共和国行政诉讼法》的解释'));
  });

  it('skips code blocks, inline code, URLs, HTML comments and front matter', () => {
    const text = [
      '---', 'title: 《不是引用》', '---',
      '正文{[《数据安全法》]}。',
      '```', '《代码里的标题》 国发〔2025〕11号', '```',
      '`《行内代码》` 与 [链接](https://example.com/《网址里》) 以及 https://example.com/a 和 <!-- 《注释里》 -->',
    ].join('\n');
    const { ranges, paper } = titlesIn(text);
    assert.deepEqual(paper.titles.map((t) => ({ start: t.start, end: t.end })), ranges);
    assert.equal(paper.docNumbers.length, 0);
  });
});

describe('parser: article references', () => {
  const refs = (fixture: string) => {
    const { text, ranges, paper } = titlesIn(fixture);
    return { text, ranges, references: paper.titles[0].references };
  };

  it('第十三条第一款第二项 as three steps with the range of the whole reference', () => {
    const { ranges, references } = refs('《个人信息保护法》{[第十三条第一款第二项]}规定');
    assert.deepEqual({ start: references[0].start, end: references[0].end }, ranges[0]);
    assert.deepEqual(references[0].steps.map((s) => [s.unit, s.number]), [['条', 13], ['款', 1], ['项', 2]]);
  });

  it('Arabic numerals, stray spaces, 条之一 and 第（N）项', () => {
    assert.deepEqual(refs('《民法典》第 1034 条第 2 款').references[0].steps.map((s) => [s.unit, s.number, s.numerals]), [['条', 1034, 'arabic'], ['款', 2, 'arabic']]);
    const sub = refs('《刑法》第二百五十三条之一').references[0].steps[0];
    assert.deepEqual([sub.number, sub.sub], [253, 1]);
    const item = refs('《国务院关于深入实施“人工智能+”行动的意见》第（七）项').references[0].steps[0];
    assert.deepEqual([item.unit, item.number, item.parenthesized], ['项', 7, true]);
    assert.deepEqual(refs('《某意见》第六部分第（二）项第3点').references[0].steps.map((s) => [s.unit, s.number]), [['部分', 6], ['项', 2], ['点', 3]]);
  });

  it('lists and ranges: 第十三条、第十四条; 第二十一条至第二十五条; 第一款、第二款 inherits its 条', () => {
    const list = refs('《个人信息保护法》第十三条、第十四条').references;
    assert.deepEqual(list.map((r) => r.text), ['第十三条', '第十四条']);
    const range = refs('《个人信息保护法》第二十一条至第二十五条').references;
    assert.equal(range[1].rangeEnd, true);
    const clauses = refs('《个人信息保护法》第十三条第一款、第二款').references;
    assert.deepEqual(clauses[1].steps.map((s) => [s.unit, s.number]), [['条', 13], ['款', 2]]);
    assert.equal(clauses[1].steps[0].start, undefined);
  });

  it('a 文号 and a version tag between title and reference; 附件N', () => {
    const { paper } = titlesIn('《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项；《反垄断法》（2007年）第九条；《关于征求全国一体化算力网2项技术文件意见的通知》附件2');
    const [first, second, third] = paper.titles;
    assert.equal(first.docNumber?.parsed.canonical, '国发〔2025〕11号');
    assert.equal(first.references[0].steps[0].number, 8);
    assert.equal(second.versionTag?.text, '2007年');
    assert.equal(second.references[0].steps[0].number, 9);
    assert.deepEqual(third.references[0].steps.map((s) => [s.unit, s.number]), [['附件', 2]]);
  });

  it('records the short name a title defines', () => {
    const { paper } = titlesIn('《全国法院民商事审判工作会议纪要》（法〔2019〕254号，以下简称《九民纪要》）');
    assert.equal(paper.titles[0].shortName?.text, '九民纪要');
    assert.equal(paper.titles[0].docNumber?.parsed.canonical, '法〔2019〕254号');
  });
});

describe('parser: 文号 in any bracket variant', () => {
  const variants: [string, string[]][] = [
    ['国发〔2025〕11号', []],
    ['国发[2025]11号', ['brackets']],
    ['国发［2025］11号', ['brackets']],
    ['国发(2025)11号', ['brackets']],
    ['国发（2025）11号', ['brackets']],
    ['国发〔25〕11号', ['two-digit-year']],
    ['国发〔2025〕第11号', ['di']],
    ['国发〔2025〕011号', ['leading-zero']],
    ['国发〔2025〕11 号', ['spaces']],
  ];
  for (const [written, problems] of variants) {
    it(`${written} → 国发〔2025〕11号 ${problems.join(',') || '(correct)'}`, () => {
      const paper = parsePaper(`依据${written}的要求`);
      assert.equal(paper.docNumbers.length, 1);
      const number = paper.docNumbers[0];
      assert.equal(number.text, written);
      assert.equal(number.parsed.canonical, '国发〔2025〕11号');
      assert.deepEqual(number.parsed.problems, problems);
    });
  }

  it('anchors on the bracketed year: 参见 and 印发 are not part of the issuer code', () => {
    const paper = parsePaper('参见国发〔2019〕49号；人力资源社会保障部印发人社部发〔2021〕56 号文件');
    assert.deepEqual(paper.docNumbers.map((d) => d.parsed.canonical), ['国发〔2019〕49号', '人社部发〔2021〕56号']);
    assert.equal(paper.docNumbers[0].text, '国发〔2019〕49号');
  });

  it('a case number （2018）京行终445号 is not a 文号', () => {
    assert.equal(parsePaper('北京市高级人民法院（2018）京行终445号行政判决书').docNumbers.length, 0);
  });
});

describe('parser: journal citations and footnotes', () => {
  it('作者：《题名》，载《期刊》YYYY年第N期', () => {
    const { text, ranges, paper } = titlesIn('[^6]: 参见{[张金平]}：《构思决定论视野下生成式人工智能生成物的版权保护》，{[载]}《法学研究》{[2025]}年第{[4]}期，第15页。');
    const [journal] = paper.journals;
    assert.ok(journal);
    assert.deepEqual(journal.authors.map((a) => ({ start: a.start, end: a.end })), [ranges[0]]);
    assert.deepEqual({ start: journal.zai!.start, end: journal.zai!.end }, ranges[1]);
    assert.equal(journal.title.title, '构思决定论视野下生成式人工智能生成物的版权保护');
    assert.equal(journal.journal.title, '法学研究');
    assert.deepEqual([journal.year.value, journal.issue.value], [2025, 4]);
    assert.deepEqual({ start: journal.issue.start, end: journal.issue.end }, ranges[3]);
    assert.ok(text.slice(journal.start, journal.end).endsWith('第15页'));
  });

  it('several authors, and the 《法学研究》 style without 载', () => {
    const paper = parsePaper('王静、张红：《人工智能在数字政府建设中的应用及其法治化路径》，《中外法学》2025年第3期。');
    assert.deepEqual(paper.journals[0].authors.map((a) => a.text), ['王静', '张红']);
    assert.equal(paper.journals[0].zai, undefined);
  });

  it('footnote references and definitions', () => {
    const text = '正文[^1]，又见[^note-2]。\n\n[^1]: 第一个脚注。\n[^note-2]: 第二个\n  续行。\n';
    const paper = parsePaper(text);
    assert.deepEqual(paper.footnoteRefs.map((r) => r.label), ['1', 'note-2']);
    assert.deepEqual(paper.footnoteDefs.map((d) => d.label), ['1', 'note-2']);
    const second = paper.footnoteDefs[1];
    assert.equal(text.slice(second.contentStart, second.contentEnd).trim(), '第二个\n  续行。');
  });
});

describe('numerals and 文号 helpers', () => {
  const pairs: [number, string][] = [[1, '一'], [10, '十'], [11, '十一'], [20, '二十'], [100, '一百'], [101, '一百零一'], [110, '一百一十'], [111, '一百一十一'], [1000, '一千'], [1001, '一千零一'], [1010, '一千零一十'], [1034, '一千零三十四'], [1260, '一千二百六十']];
  for (const [n, text] of pairs) {
    it(`${n} ↔ ${text}`, () => {
      assert.equal(toChineseNumeral(n), text);
      assert.equal(parseChineseNumeral(text), n);
    });
  }
  it('parses lenient forms: 两, 〇, 一十一, full-width and Arabic digits', () => {
    assert.equal(parseChineseNumeral('两百'), 200);
    assert.equal(parseChineseNumeral('一十一'), 11);
    assert.equal(parseChineseNumeral('二〇二五'), 2025);
    assert.equal(parseNumeral('１３'), 13);
    assert.equal(parseNumeral('十三'), 13);
    assert.equal(parseNumeral('x'), undefined);
  });
  it('parseDocNumber rejects what is not a 文号', () => {
    assert.equal(parseDocNumber('国发〔2025〕0号'), undefined);
    assert.equal(parseDocNumber('国发〔2025)11号'), undefined);
    assert.equal(parseDocNumber('〔2025〕11号'), undefined);
  });
});

describe('parser: an edited paper reuses its unchanged paragraphs', () => {
  const second = '根据《个人信息保护法》第十三条第一款第（二）项，参见国发〔2025〕11号。[^1]\n\n[^1]: 同上注，第5页；“个人信息”见前。';

  it('the citations of an unchanged paragraph are the same objects, read at the paragraph’s new place', () => {
    const cache = new BlockParseCache();
    const before = cache.parse(`第一段。\n\n${second}`).parsed;
    const after = cache.parse(`第一段，加了几个字。\n\n${second}`).parsed;
    assert.equal(after.titles[0], before.titles[0], 'not copied');
    const text = `第一段，加了几个字。\n\n${second}`;
    const title = after.titles[0];
    assert.equal(text.slice(title.start, title.end), '《个人信息保护法》');
    const reference = title.references[0];
    assert.equal(text.slice(reference.start, reference.end), '第十三条第一款第（二）项');
    assert.deepEqual(reference.steps.map((s) => text.slice(s.numberStart, s.numberEnd)), ['十三', '一', '二']);
    const number = after.docNumbers[0];
    assert.equal(text.slice(number.bracketStart, number.end), '〔2025〕11号');
    assert.equal(text.slice(after.footnoteDefs[0].contentStart, after.footnoteDefs[0].contentEnd), ' 同上注，第5页；“个人信息”见前。');
    assert.equal(text.slice(after.shortForms[0].start, after.shortForms[0].end), '同上注');
    assert.deepEqual(after.quotations.map((q) => text.slice(q.innerStart, q.innerEnd)), ['个人信息']);
  });

  it('two paragraphs with the same text each keep their own place', () => {
    const text = `${second}\n\n${second}`;
    const parsed = new BlockParseCache().parse(text).parsed;
    assert.deepEqual(parsed.titles.map((t) => t.start), [2, 2 + second.length + 2]);
  });
});
