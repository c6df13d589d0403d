'use strict';
// Mocha's spec output, then the one summary line CI reads ("N passed, N failed"). When LEXCITE_RESULTS_DIR is
// set, the counts are also written there so .ci/run can total every suite it ran.
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

class LexciteReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? ` (${pending} pending)` : ''}\n`);
      // Skips for missing ../shared data, with their reason (test/helpers/shared.ts).
      const reasons = globalThis[Symbol.for('lexcite.skipReasons')];
      if (reasons && reasons.size) process.stdout.write(`skipped:\n${[...reasons].map((r) => `  ${r}`).join('\n')}\n`);
      const dir = process.env.LEXCITE_RESULTS_DIR;
      if (dir) {
        fs.mkdirSync(dir, { recursive: true });
        const suite = process.env.LEXCITE_SUITE || 'mocha';
        fs.writeFileSync(path.join(dir, `${suite}.json`), JSON.stringify({ suite, passed: passes, failed: failures }) + '\n');
      }
    });
  }
}

module.exports = LexciteReporter;
