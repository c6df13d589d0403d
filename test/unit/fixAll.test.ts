/**
 * source.fixAll: every fix with one right answer (文号 form, title typos, 载, numerals, punctuation) applied in one
 * edit for the version checked; fixes that choose between readings left alone; never two edits over the same text.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { provideCodeActions } from '../../server/src/core/features/codeActions';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { productCorpus } from '../helpers/corpus';

const PAPER = `---
date: 2025-11-15
---
# 数据产业政策的引用

国务院印发《国务院关于深入实施“人工智能+”行动的意见》（国发[2025]11号），其第（八）项提出……

厦门出台《厦门市促进数据产业高质量发展若干举措》（厦府办规〔2025〕10号）。另有论者引作《厦门市促进数据产业高质量发展若干措施》（国发〔2025〕11号）。

依《个人信息保护法》第13条和第十七条，处理者须告知；《网络安全法》第三十七条另有规定。

张金平:《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。

张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，《法学研究》2025年第4期。
`;

// The 文号 that belongs to another document and the version the date leaves in doubt have more than one
// possible repair: they stay as written.
const FIXED = `---
date: 2025-11-15
---
# 数据产业政策的引用

国务院印发《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号），其第（八）项提出……

厦门出台《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）。另有论者引作《厦门市促进数据产业高质量发展若干措施》（国发〔2025〕11号）。

依《个人信息保护法》第13条和第17条，处理者须告知；《网络安全法》第37条另有规定。

张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。

张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。
`;

/** Applies an edit the way an editor does, refusing edits that overlap or touch. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start > spans[i - 1].end || (spans[i].start === spans[i - 1].end && spans[i].start < spans[i].end && spans[i - 1].start < spans[i - 1].end), 'edits overlap');
  let out = text;
  for (const span of [...spans].reverse()) out = out.slice(0, span.start) + span.text + out.slice(span.end);
  return out;
}

function editsOf(action: CodeAction, version: number): TextEdit[] {
  const change = action.edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
  assert.equal(change.textDocument.version, version);
  return change.edits;
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

describe('source.fixAll', function () {
  this.timeout(60000);
  const settings = resolveSettings({});
  let service: CitationService;
  before(() => (service = new CitationService(productCorpus())));

  it('fixes every finding with one right answer, in one edit, to exactly the expected text', () => {
    const document = { uri: 'file:///fix-all.md', version: 3, getText: () => PAPER };
    const actions = service.codeActions(document, WHOLE, [], settings, ['source.fixAll']);
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.kind, 'source.fixAll');
    assert.equal(action.title, '修正全文有唯一改法的6处问题');
    assert.equal(applyEdits(PAPER, editsOf(action, 3)), FIXED);
    // Fixed, the paper keeps only the findings that need the writer.
    const after = service.diagnostics({ uri: 'file:///fix-all.md', version: 4, getText: () => FIXED }, settings);
    assert.deepEqual(after.map((d) => d.code), ['docnumber.mismatch', 'statute.version-differs']);
    assert.deepEqual(service.codeActions({ uri: 'file:///fix-all.md', version: 4, getText: () => FIXED }, WHOLE, [], settings, ['source.fixAll']), []);
  });

  it('is what the Source Action menu (only: source) gets, and not offered in the light bulb', () => {
    const document = { uri: 'file:///fix-all-menu.md', version: 1, getText: () => PAPER };
    assert.deepEqual(service.codeActions(document, WHOLE, [], resolveSettings({}, 'en'), ['source']).map((a) => [a.kind, a.title]), [['source.fixAll', 'Fix the 6 problem(s) of the paper that have one right answer']]);
    assert.deepEqual(service.codeActions(document, WHOLE, [], settings), []);
    assert.deepEqual(service.codeActions(document, WHOLE, [], settings, ['quickfix']), []);
  });

  it('follows the levels: a check switched off is not fixed', () => {
    const document = { uri: 'file:///fix-all-levels.md', version: 1, getText: () => PAPER };
    const quiet = resolveSettings({ diagnostics: { 'style.article-numerals': 'ignore', 'style.zai': 'ignore' } });
    const [action] = service.codeActions(document, WHOLE, [], quiet, ['source.fixAll']);
    const fixed = applyEdits(PAPER, editsOf(action, 1));
    assert.match(fixed, /第十七条/);
    assert.match(fixed, /，《法学研究》/);
    assert.match(fixed, /国发〔2025〕11号），其第/);
  });

  it('never applies two fixes over the same text, and leaves uncertain findings alone', () => {
    const text = '国发[2025]11号与国发[2025]12号\n';
    const paper = makePaper(productCorpus(), 'file:///overlap.md', 1, text);
    const lines = new LineIndex(text);
    const finding = (code: string, start: number, end: number, newText: string, uncertain = false): Diagnostic => ({
      range: lines.range(start, end), code, source: 'lexcite', message: code, severity: 2,
      data: { fixes: [{ title: newText, range: lines.range(start, end), newText }], ...(uncertain ? { uncertain: true } : {}) },
    });
    const first = text.indexOf('[2025]11号');
    const second = text.indexOf('[2025]12号');
    const current = [
      finding('docnumber.format', first, first + 9, '〔2025〕11号'),
      // Inside the fix before it, and an insertion where it ends: left for the next run.
      finding('title.typo', first + 1, first + 5, '2026'),
      finding('style.punctuation', first + 9, first + 9, '，'),
      // The same edit twice is made once.
      finding('docnumber.format', second, second + 9, '〔2025〕12号'),
      finding('docnumber.format', second, second + 9, '〔2025〕12号'),
      finding('style.zai', 0, 1, '载', true),
      // Not a fix with one right answer.
      finding('docnumber.mismatch', 0, first + 9, '厦府办规〔2025〕10号'),
    ];
    const [action] = provideCodeActions(paper, WHOLE, [], current, resolveSettings({}), ['source.fixAll']);
    assert.equal(applyEdits(text, editsOf(action, 1)), '国发〔2025〕11号与国发〔2025〕12号\n');
    assert.equal(action.diagnostics!.length, 2);
  });
});
