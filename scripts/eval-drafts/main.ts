/**
 * `npm run eval:drafts`: the generated set of model-style drafts (test/helpers/draftSet.ts) checked against the
 * product's data; prints recall per error kind, false alarms on correct citations, and the misses.
 */
import { evaluate, formatTable, makeDrafts, pickProvisions, tabulate } from '../../test/helpers/draftSet';
import { evaluateCases, formatCaseTable, makeCaseDrafts } from '../../test/helpers/caseDrafts';
import { productCorpus } from '../../test/helpers/corpus';

const started = performance.now();
const corpus = productCorpus();
const { picked, skippedAsRepeated } = pickProvisions(corpus);
const drafts = makeDrafts(corpus, picked);
const outcomes = evaluate(corpus, drafts);
console.log(`${picked.length} provisions from ${new Set(picked.map((p) => p.document.id)).size} documents (${skippedAsRepeated} skipped: opening words in several articles); ${drafts.length} drafts; ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
console.log(formatTable(tabulate(outcomes)));
console.log(`\n${formatCaseTable(evaluateCases(corpus, makeCaseDrafts()))}`);
const verbose = process.argv.includes('--verbose');
const misses = outcomes.filter((o) => (o.draft.kind === 'correct' ? o.warned : !o.flagged) || o.fixedRight === false);
if (misses.length > 0) console.log(`\n${misses.length} drafts missed, falsely flagged or wrongly fixed${verbose ? ':' : ' (--verbose lists them)'}`);
if (verbose) {
  for (const o of misses) console.log(`- [${o.draft.kind}] ${o.draft.text.trim()}\n  → ${o.diagnostics.map((d) => `${d.code}: ${d.message}`).join(' | ') || 'nothing'}`);
}
