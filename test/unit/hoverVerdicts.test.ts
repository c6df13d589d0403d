/**
 * The hover's verdict line on a freshly opened paper (the hover the first request, so it comes before any check
 * of the paper) says what the report and the diagnostics say, for every citation of the example papers and the
 * test papers: the line is computed from the citation's own checks (checks/citationChecks.ts), the report from the
 * whole paper's diagnostics.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Hover } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { CitationService, PaperVerdict } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { verdictName } from '../../server/src/core/checks/verdicts';
import { productCorpus, REPO_ROOT } from '../helpers/corpus';

const PAPERS = [
  path.join(REPO_ROOT, 'examples', 'sample-paper.md'),
  path.join(REPO_ROOT, 'examples', 'faulty-paper.md'),
  ...fs.readdirSync(path.join(REPO_ROOT, 'test', 'fixtures', 'papers')).filter((f) => f.endsWith('.md')).map((f) => path.join(REPO_ROOT, 'test', 'fixtures', 'papers', f)),
];

/** Quotations held to a statute through a footnote in another paragraph, one of them misquoted. */
const QUOTED_THROUGH_FOOTNOTES = `---
date: 2024-06-01
---
# 个人信息的保护

学者认为，“自然人的个人信息受国家严格保护”。[^1]

另有论者写道：“任何组织或者个人需要获取他人个人信息的，应当依法取得并确保信息安全”。[^2]

《中华人民共和国个人信息保护法》第十三条规定了处理个人信息的合法性基础。

[^1]: 参见《民法典》第一千零三十四条。
[^2]: 参见《中华人民共和国民法典》第一百一十一条。
`;

let uris = 0;

function openDocument(text: string) {
  return { uri: `file:///hover-verdicts-${++uris}.md`, version: 1, getText: () => text };
}

function markdown(hover: Hover | undefined): string {
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

/** Where to point at a verdict's citation: inside the provision for a provision's verdict, else inside the citation. */
function pointAt(verdict: PaperVerdict, lines: LineIndex) {
  return verdict.kind === 'provision' ? lines.positionAt(lines.offsetAt(verdict.range.end) - 1) : lines.positionAt(lines.offsetAt(verdict.range.start) + 1);
}

function checkPaper(name: string, text: string): number {
  const corpus = productCorpus();
  const settings = resolveSettings(undefined);
  const reporting = new CitationService(corpus);
  const reported = openDocument(text);
  const verdicts = reporting.verdicts(reported, settings);
  const lines = new LineIndex(text);
  let compared = 0;
  for (const verdict of verdicts) {
    const position = pointAt(verdict, lines);
    // A new service and document for each hover: nothing of the paper has been checked before it.
    const first = markdown(new CitationService(corpus).hover(openDocument(text), position, settings));
    // The same hover once the paper's diagnostics are there (the report computed them).
    const afterCheck = markdown(reporting.hover(reported, position, settings));
    const where = `${name}:${verdict.line} ${verdict.written}`;
    assert.strictEqual(first, afterCheck, `${where}: the first hover differs from the hover after the check`);
    // A provision of a work the index does not hold has no card to hover.
    if (first === '' && verdict.verdict === 'unverifiable') continue;
    const line = /\*\*(?:核查结论：|Verdict: )(\S+?)(?:（|\*\*| \()/.exec(first);
    // A citation that points back (该法第二十三条) shows the card of the work it points to, with no line of its own.
    if (!line) {
      assert.ok(verdict.written.startsWith('该') || verdict.written.startsWith('本') || verdict.written.startsWith('同'), `${where}: no verdict line in ${first}`);
      continue;
    }
    assert.strictEqual(line[1], verdictName(verdict.verdict, settings.locale), `${where}: the hover says ${line[1]}, the report ${verdict.verdict}`);
    compared++;
  }
  return compared;
}

describe('hover verdicts before the paper is checked', () => {
  for (const file of PAPERS) {
    it(`agree with the report for every citation of ${path.relative(REPO_ROOT, file)}`, () => {
      const compared = checkPaper(path.basename(file), fs.readFileSync(file, 'utf8'));
      assert.ok(compared > 0, 'no citation compared');
    });
  }

  it('count a misquotation held to a statute through a footnote in another paragraph', () => {
    const corpus = productCorpus();
    const settings = resolveSettings(undefined);
    const text = QUOTED_THROUGH_FOOTNOTES;
    const lines = new LineIndex(text);
    const hoverOn = (written: string) => markdown(new CitationService(corpus).hover(openDocument(text), lines.positionAt(text.indexOf(written) + 2), settings));
    // 第一千零三十四条 says 自然人的个人信息受法律保护: the body's words are not the article's.
    assert.match(hoverOn('第一千零三十四条'), /\*\*核查结论：不符\*\* — 引文与《中华人民共和国民法典》第一千零三十四条不符/);
    assert.match(hoverOn('第一百一十一条'), /\*\*核查结论：已核实\*\*$/);
    assert.ok(checkPaper('footnotes', text) >= 3);
  });

  it('follow the settings of each hover on the same version of a paper', () => {
    const service = new CitationService(productCorpus());
    const document = openDocument(QUOTED_THROUGH_FOOTNOTES);
    const position = new LineIndex(QUOTED_THROUGH_FOOTNOTES).positionAt(QUOTED_THROUGH_FOOTNOTES.indexOf('第一千零三十四条') + 2);
    assert.match(markdown(service.hover(document, position, resolveSettings(undefined))), /\*\*核查结论：不符\*\*/);
    const quotesIgnored = resolveSettings({ diagnostics: { 'quote.mismatch': 'ignore' } });
    assert.match(markdown(service.hover(document, position, quotesIgnored)), /\*\*核查结论：已核实\*\*$/);
    assert.match(markdown(service.hover(document, position, resolveSettings(undefined, 'en'))), /\*\*Verdict: mismatch\*\* — The quotation does not match 《中华人民共和国民法典》第一千零三十四条/);
  });
});
