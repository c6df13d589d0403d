/**
 * The checker on the 40 real published texts: every warning and error has a verdict reached against the statute
 * text (docs/realworld-verdicts.json), and false alarms stay at most one per hundred citations. A new finding
 * fails here until someone judges it — `npm run realworld` shows it in docs/realworld-findings.md.
 */
import * as assert from 'node:assert/strict';
import { runTrial } from '../../scripts/realworld/findings';
import { requireShared } from '../helpers/shared';

describe('real published texts (../shared/realworld-dev)', function () {
  this.timeout(120000);

  it('every warning and error is judged, and false alarms stay within one per hundred citations', function () {
    const dir = requireShared(this, 'realworld-dev');
    const trial = runTrial(dir);
    assert.equal(trial.files, 40);
    const unjudged = trial.findings.filter((f) => !f.verdict).map(({ finding: f }) => `${f.file}:${f.line} ${f.code} ${f.message}`);
    assert.deepEqual(unjudged, [], 'judge these against the statute text in docs/realworld-verdicts.json');
    assert.ok(trial.falseAlarms * 100 <= trial.citations, `${trial.falseAlarms} false alarms on ${trial.citations} citations`);
  });
});
