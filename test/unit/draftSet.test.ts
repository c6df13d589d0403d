/**
 * The generated set of model-style drafts (test/helpers/draftSet.ts: 200 real provisions of the shipped statute
 * book, each cited once correctly and once wrongly). Thresholds are the product's targets: at least 95% of each
 * kind of fabricated or misattributed citation caught, at most 1% of correct ones flagged. A title the index does
 * not hold is never more than a hint (a rule of that name may exist outside the corpus), so for invented title
 * variants being flagged at all is what counts.
 */
import * as assert from 'node:assert/strict';
import { ERROR_KINDS, evaluate, formatTable, makeDrafts, Outcome, pickProvisions, Row, tabulate } from '../helpers/draftSet';
import { CaseOutcome, evaluateCases, formatCaseTable, makeCaseDrafts } from '../helpers/caseDrafts';
import { productCorpus } from '../helpers/corpus';

const RECALL = 0.95;
const FALSE_ALARMS = 0.01;
/** Of the fixes offered, the share that must leave the citation with no warning (a wrong fix is worse than none). */
const FIXES_RIGHT = 0.95;

describe('generated drafts: model-style errors caught, correct citations left alone', function () {
  this.timeout(180000);
  let outcomes: Outcome[];
  let rows: Row[];

  before(() => {
    const corpus = productCorpus();
    const { picked } = pickProvisions(corpus);
    assert.equal(picked.length, 200);
    outcomes = evaluate(corpus, makeDrafts(corpus, picked));
    rows = tabulate(outcomes);
  });

  const row = (kind: string) => rows.find((r) => r.kind === kind)!;
  const misses = (kind: string, missed: (o: Outcome) => boolean) => outcomes.filter((o) => o.draft.kind === kind && missed(o)).slice(0, 3).map((o) => `${o.draft.text.trim()} → ${o.diagnostics.map((d) => d.code).join(', ') || 'nothing'}`).join('\n');

  it('200 correct citations and 40 of each error kind, the same set on every run', () => {
    assert.deepEqual(rows.map((r) => [r.kind, r.drafts]), [['correct', 200], ...ERROR_KINDS.map((kind) => [kind, 40])]);
    const again = makeDrafts(productCorpus(), pickProvisions(productCorpus()).picked);
    assert.deepEqual(again.map((d) => d.text), outcomes.map((o) => o.draft.text));
  });

  it(`at most ${FALSE_ALARMS * 100}% of correct citations get a warning or an error`, () => {
    const { warned, drafts } = row('correct');
    assert.ok(warned <= FALSE_ALARMS * drafts, `${warned} of ${drafts}:\n${misses('correct', (o) => o.warned)}\n${formatTable(rows)}`);
  });

  for (const kind of ERROR_KINDS) {
    it(`${kind}: at least ${RECALL * 100}% flagged${kind === 'title-variant' ? '' : ' with a warning or an error'}`, () => {
      const r = row(kind);
      const caught = kind === 'title-variant' ? r.flagged : r.warned;
      assert.ok(caught >= RECALL * r.drafts, `${caught} of ${r.drafts}:\n${misses(kind, (o) => (kind === 'title-variant' ? !o.flagged : !o.warned))}\n${formatTable(rows)}`);
    });
  }

  it(`the fixes offered put the citation right (${FIXES_RIGHT * 100}%), and every misnumbered quotation gets one`, () => {
    for (const r of rows.filter((x) => x.kind !== 'correct')) {
      assert.ok(r.fixedRight >= FIXES_RIGHT * r.withFix, `${r.kind}: ${r.fixedRight} of ${r.withFix}:\n${misses(r.kind, (o) => o.fixedRight === false)}`);
    }
    for (const kind of ['wrong-article', 'neighbour', 'past-end', 'altered']) assert.ok(row(kind).withFix >= RECALL * row(kind).drafts, `${kind}: ${row(kind).withFix} fixes`);
  });
});

describe('generated drafts: invented case numbers (案号)', function () {
  this.timeout(60000);
  let outcomes: CaseOutcome[];
  before(() => {
    outcomes = evaluateCases(productCorpus(), makeCaseDrafts());
  });
  const of = (kind: string) => outcomes.filter((o) => o.draft.kind === kind);

  it('every one is read as a 案号, and none is ever verified (there is no case database to verify it against)', () => {
    assert.equal(outcomes.length, 40);
    assert.deepEqual(outcomes.filter((o) => o.verdict !== 'unverifiable').map((o) => `${o.draft.text.trim()} → ${o.verdict}`), [], formatCaseTable(outcomes));
  });

  it(`placeholders (12345, 0001, XXX, 20XX, 某): at least ${RECALL * 100}% get a warning`, () => {
    const warned = of('case-placeholder').filter((o) => o.warned).length;
    assert.ok(warned >= RECALL * of('case-placeholder').length, formatCaseTable(outcomes));
  });

  it('a well-formed invented number gets no warning: it cannot be told from a real one, only left unverified', () => {
    assert.deepEqual(of('case-invented').filter((o) => o.warned).map((o) => o.draft.text.trim()), []);
  });
});
