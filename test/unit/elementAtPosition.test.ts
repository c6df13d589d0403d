/**
 * What is under the cursor is looked for in the paragraph the cursor is in (corpus/citationAt.ts
 * elementAtInPaper), not in the whole paper's lists: the same element at every offset, and a hover in a long
 * paper reads a handful of its citations rather than all of them.
 */
import * as assert from 'node:assert/strict';
import { elementAt, elementAtInPaper } from '../../server/src/core/corpus/citationAt';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { bulletinCorpus, productCorpus } from '../helpers/corpus';

/** Citations of every kind, short names, a citation pointing back to an earlier paragraph, footnotes defined far below. */
const PARAGRAPHS = [
  '---\ndate: 2024-06-01\n---\n# 数据的治理',
  '《中华人民共和国个人信息保护法》（以下简称《个保法》）第十三条第一款第（二）项规定了合同所必需的情形。[^1]',
  '该法第十四条要求同意应当由个人在充分知情的前提下自愿、明确作出；《个保法》第十五条另有规定。',
  '依照《关于加强数据资产管理的指导意见》（财资〔2023〕141号）第三条，见（2023）京0491民初12345号判决。[^2]',
  '王某：《数据产权的结构》，载《法学研究》2023年第4期。同上注，第5页。',
  '```\n《不在此处》第一条\n```',
  '[^1]: 参见《民法典》第一千零三十四条。\n[^2]: 同前注[^1]。',
];

function describeElement(element: ReturnType<typeof elementAt>): string {
  if (!element) return 'none';
  const title = 'title' in element && element.title ? element.title.start : -1;
  const reference = element.kind === 'reference' ? `${element.reference.start}-${element.reference.end}` : '';
  return `${element.kind} ${element.start}-${element.end} ${title} ${reference}`;
}

describe('the element under the cursor, from its paragraph', () => {
  const corpus = bulletinCorpus();

  it('is the element the whole paper’s lists give, at every offset', () => {
    for (const separator of ['\n\n', '\n  \n\n']) {
      const text = PARAGRAPHS.join(separator);
      const paper = makePaper(corpus, 'file:///elements.md', 1, text);
      assert.ok(paper.blocks.length >= PARAGRAPHS.length - 1);
      let found = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        const whole = describeElement(elementAt(paper.parsed, offset, paper.scope));
        assert.equal(describeElement(elementAtInPaper(paper, offset)), whole, `at ${offset}: ${JSON.stringify(text.slice(offset - 5, offset + 5))}`);
        if (whole !== 'none') found++;
      }
      assert.ok(found > 150, `${found} offsets with an element`);
    }
  });

  it('a hover in the middle of a long paper reads a few of its citations, not every one', () => {
    const paragraph = '《中华人民共和国个人信息保护法》第十三条与《数据安全法》第二十一条、《网络安全法》第三十七条均有规定。[^n]';
    const count = 2000;
    const text = Array.from({ length: count }, (_, i) => paragraph.replace('[^n]', `[^${i + 1}]`)).join('\n\n')
      + '\n\n' + Array.from({ length: count }, (_, i) => `[^${i + 1}]: 参见《民法典》第一千零三十四条。`).join('\n');
    const service = new CitationService(productCorpus());
    const settings = resolveSettings({});
    const document = { uri: 'file:///long.md', version: 1, getText: () => text };
    service.diagnostics(document, settings);
    const parsed = service.paper(document, settings).parsed;
    // Every read of an item of the paper's lists is counted from here on.
    let reads = 0;
    const counted = <T extends object>(list: T[]): T[] => new Proxy(list, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    for (const key of ['titles', 'docNumbers', 'journals', 'footnoteRefs', 'footnoteDefs', 'shortForms', 'anaphora', 'caseNumbers', 'quotations'] as const) {
      (parsed as unknown as Record<string, object[]>)[key] = counted(parsed[key] as object[]);
    }
    const middle = text.indexOf('第十三条', text.length >> 2);
    const hover = service.hover(document, new LineIndex(text).positionAt(middle + 2), settings);
    assert.match(JSON.stringify(hover?.contents), /第十三条 符合下列情形之一的/);
    assert.ok(parsed.titles.length === 3 * count + count);
    assert.ok(reads < 100, `the hover read ${reads} of the paper's ${parsed.titles.length + parsed.footnoteRefs.length + parsed.footnoteDefs.length} citations`);
  });
});
