/**
 * A footnote in one step (features/footnoteInsert.ts): the paper's exact text after the edits are applied, for
 * papers with and without notes, and what the alternatives (同上注 / 同前注〔n〕) are. The resulting papers are
 * checked again: the new note must not bring a footnote or short-form diagnostic.
 */
import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import type { FootnotePlan } from '../../server/src/core/features/footnoteInsert';
import { nextFootnoteLabel } from '../../server/src/core/features/footnoteInsert';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { parsePaper } from '../../server/src/core/paper/parser';
import { atCursor, completionAt } from '../helpers/atCursor';
import { bulletinCorpus } from '../helpers/corpus';

const ZHANG = { type: 'record' as const, id: 'paper-record-zhang-jinping-2025' };
const HAN = { type: 'record' as const, id: 'summary-01' };

function plan(marked: string, entry: { type: 'record' | 'document' | 'instrument'; id: string }, locale?: 'en') {
  const { service, document, position, settings } = atCursor(marked, { locale });
  return { plan: service.footnote(document, position, entry, settings), text: document.getText(), service, settings };
}

/** The text with the edits applied (LSP semantics: every range is of the original text). */
function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function ok(result: FootnotePlan) {
  if (!result.ok) assert.fail(`no plan: ${result.problem}`);
  return result;
}

/** Footnote and short-form findings of a paper, as the editor would show them. */
function footnoteProblems(text: string): string[] {
  const { service, document, settings } = atCursor(`${text}‸`);
  return service.diagnostics(document, settings).map((d) => String(d.code)).filter((code) => code.startsWith('footnote.') || code.startsWith('shortform.'));
}

const PAPER = [
  '# 生成式人工智能与版权',
  '',
  '学界对此看法不一。[^1]有学者主张以构思决定论判断独创性。‸数字法学的独立性亦有争论。[^2]',
  '',
  '[^1]: 张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。',
  '[^2]: 罗有成：《数字法学的理论范式及独立性》，载《华东政法大学学报》2025年第4期。',
  '',
].join('\n');

describe('a footnote in one step', () => {
  it('between two notes: the next free label at the cursor, its definition after the note read before it', () => {
    const result = ok(plan(PAPER, HAN).plan);
    assert.equal(result.label, '3');
    assert.equal(result.number, 2);
    assert.deepEqual(result.choices.map((c) => c.form), ['full']);
    const { text } = plan(PAPER, HAN);
    assert.equal(apply(text, result.choices[0].edits), [
      '# 生成式人工智能与版权',
      '',
      '学界对此看法不一。[^1]有学者主张以构思决定论判断独创性。[^3]数字法学的独立性亦有争论。[^2]',
      '',
      '[^1]: 张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。',
      '[^3]: 韩旭至：《为数字法学辩护》，载《华东政法大学学报》2025年第4期。',
      '[^2]: 罗有成：《数字法学的理论范式及独立性》，载《华东政法大学学报》2025年第4期。',
      '',
    ].join('\n'));
    assert.deepEqual(footnoteProblems(apply(text, result.choices[0].edits)), []);
  });

  it('the same work as the note just before: 同上注 offered after the full citation', () => {
    const { plan: result, text } = plan(PAPER, ZHANG);
    const { choices } = ok(result);
    assert.deepEqual(choices.map((c) => [c.form, c.label, c.note]), [
      ['full', '完整引注', '张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。'],
      ['ibid', '同上注（第1注引的是同一文献）', '同上注。'],
    ]);
    const ibid = apply(text, choices[1].edits);
    assert.match(ibid, /独创性。\[\^3\]数字法学/);
    assert.match(ibid, /2025年第4期。\n\[\^3\]: 同上注。\n\[\^2\]: 罗有成/);
    assert.deepEqual(footnoteProblems(ibid), []);
  });

  it('a work cited earlier but not just before: 同前注〔n〕 naming its author, in the style the check accepts', () => {
    const paper = PAPER.replace('‸', '').replace('争论。[^2]', '争论。[^2]此外，‸');
    const { plan: result, text } = plan(paper, ZHANG);
    const { choices, label, number } = ok(result);
    assert.deepEqual([label, number], ['3', 3]);
    assert.deepEqual(choices.map((c) => [c.form, c.label, c.note]), [
      ['full', '完整引注', '张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。'],
      ['supra', '同前注〔1〕（第1注已引过此文献）', '同前注〔1〕，张金平文。'],
    ]);
    const supra = apply(text, choices[1].edits);
    assert.match(supra, /此外，\[\^3\]\n/);
    assert.ok(supra.endsWith('2025年第4期。\n[^3]: 同前注〔1〕，张金平文。\n'), supra);
    assert.deepEqual(footnoteProblems(supra), []);
  });

  it('a paper without notes: [^1], and the notes begin a blank line after the body', () => {
    const marked = '数据产业的地方立法‸日益增多。\n';
    const entry = bulletinCorpus().search.search('厦门数据', { limit: 1 })[0].entry;
    const { plan: result, text } = plan(marked, entry);
    const { choices } = ok(result);
    assert.equal(apply(text, choices[0].edits), '数据产业的地方立法[^1]日益增多。\n\n[^1]: 《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）\n');
    // No final line break, cursor at the very end: one edit, the reference then the note.
    const atEnd = plan('数据产业的地方立法日益增多。‸', entry);
    const end = ok(atEnd.plan).choices[0].edits;
    assert.equal(end.length, 1);
    assert.equal(apply(atEnd.text, end), '数据产业的地方立法日益增多。[^1]\n\n[^1]: 《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）\n');
  });

  it('a journal paper picked by its full text is cited as the paper, and 同上注 is offered after a note citing it', () => {
    const marked = '有学者指出算法管理是过劳的成因。[^1]另有学者亦持此说。‸\n\n[^1]: 参见田野：《数智时代的过劳问题及其法律因应》，载《中国法学》2025年第3期。\n';
    const fullText = bulletinCorpus().search.search('数智时代的过劳', { limit: 5 }).find((h) => h.entry.type === 'document')!.entry;
    const { choices } = ok(plan(marked, fullText).plan);
    assert.deepEqual(choices.map((c) => [c.form, c.note]), [
      ['full', '田野：《数智时代的过劳问题及其法律因应》，载《中国法学》2025年第3期。'],
      ['ibid', '同上注。'],
    ]);
  });

  it('a document cited before in the body: its 文号 is not repeated', () => {
    const entry = bulletinCorpus().search.search('厦门数据', { limit: 1 })[0].entry;
    const { plan: result } = plan('《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）规定了若干措施。‸\n', entry);
    assert.equal(ok(result).choices[0].note, '《厦门市促进数据产业高质量发展若干措施》');
  });

  it('notes separated by blank lines and placed before the first note read after the cursor', () => {
    const marked = '开头‸。正文[^a1]，再文[^a2]。\n\n[^a1]: 甲注。\n\n[^a2]: 乙注。\n';
    const { plan: result, text } = plan(marked, HAN);
    const { label, number, choices } = ok(result);
    assert.deepEqual([label, number], ['a3', 1]);
    assert.equal(apply(text, choices[0].edits), '开头[^a3]。正文[^a1]，再文[^a2]。\n\n[^a3]: 韩旭至：《为数字法学辩护》，载《华东政法大学学报》2025年第4期。\n\n[^a1]: 甲注。\n\n[^a2]: 乙注。\n');
  });

  it('keeps CRLF line ends', () => {
    const { plan: result, text } = plan('正文[^1]，‸续。\r\n\r\n[^1]: 甲注。\r\n', HAN);
    assert.equal(apply(text, ok(result).choices[0].edits), '正文[^1]，[^2]续。\r\n\r\n[^1]: 甲注。\r\n[^2]: 韩旭至：《为数字法学辩护》，载《华东政法大学学报》2025年第4期。\r\n');
  });

  it('refuses inside a note or in code, saying why, in the UI language', () => {
    const inNote = plan('正文[^1]。\n\n[^1]: 甲‸注。\n', HAN).plan;
    assert.deepEqual(inNote, { ok: false, problem: '光标在脚注内：请把光标放在正文中要加脚注的位置' });
    assert.equal(plan('正文[^1]。\n\n[^1]: 甲注。‸\n', HAN).plan.ok, false, 'at the end of a note');
    assert.equal(plan('正文[^1]。\n\n[^1]‸: 甲注。\n', HAN).plan.ok, false, 'in the label');
    const inCode = plan('正文。\n\n```\ncode‸\n```\n', HAN, 'en').plan;
    assert.deepEqual(inCode, { ok: false, problem: 'The cursor is in code or a comment: put it in the body where the note belongs' });
    assert.equal(plan('正文‸。', { type: 'record', id: 'no-such-record' }).plan.ok, false);
    // Past the size limit the notes after the cut are unknown, and a label could collide with one of them.
    const { service, document, position, settings } = atCursor(`正文‸。${'长'.repeat(50)}[^1]\n\n[^1]: 甲注。\n`, { settings: { maxPaperSize: 20 } });
    assert.deepEqual(service.footnote(document, position, HAN, settings), { ok: false, problem: '论文长度超过核对上限（设置项“Max Paper Size”），无法确定脚注编号，未插入脚注' });
  });

  it('labels: the paper’s own scheme, one past its highest number, never one in use', () => {
    const label = (text: string) => nextFootnoteLabel(parsePaper(text));
    assert.equal(label('没有脚注。'), '1');
    assert.equal(label('甲[^1]乙[^7]丙[^2]\n'), '8');
    assert.equal(label('甲[^fn1]乙[^fn2][^x9]\n'), 'fn3');
    assert.equal(label('甲[^09]\n'), '10');
    assert.equal(label('甲[^007]\n'), '008');
    assert.equal(label('甲[^zhang]乙[^li]\n'), '1');
    assert.equal(label('甲[^zhang]乙[^1]\n\n[^2]: 未引用的注。\n'), '3');
  });
});

describe('completion in a footnote: the short forms that are right there', () => {
  const paper = (note3: string) => [
    '正文一。[^1]正文二。[^2]正文三。[^3]',
    '',
    '[^1]: 参见张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。',
    '[^2]: 《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项。',
    `[^3]: ${note3}`,
  ].join('\n');

  it('at the start of a note: 同上注 for the work of the note before, 同前注〔1〕 with its author for the earlier one', () => {
    const items = completionAt(paper('‸'));
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [
      ['同上注', '同上注：第2个脚注所引《国务院关于深入实施“人工智能+”行动的意见》'],
      ['同前注〔1〕，张金平文', '同前注：第1个脚注首次引用的《构思决定论视野下生成式人工智能生成物的版权保护》'],
    ]);
    assert.equal(items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.newText : undefined, '同上注。');
  });

  it('after 同前: the same items replace what was typed; elsewhere in the note, the usual completion', () => {
    const marked = paper('同前‸');
    const items = completionAt(marked);
    const edit = items[1].textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
    const line = marked.split('\n')[4];
    assert.equal(edit.range.end.character - edit.range.start.character, 2);
    assert.equal(line.slice(0, edit.range.start.character), '[^3]: ');
    assert.equal(edit.newText, '同前注〔1〕，张金平文。');
    assert.ok(!completionAt(paper('参见《国务院关于深入实施‸')).some((i) => i.label.startsWith('同')));
  });

  it('the first note is offered nothing of the kind', () => {
    assert.deepEqual(completionAt('正文。[^1]\n\n[^1]: ‸'), []);
  });
});
