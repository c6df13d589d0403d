/**
 * ../shared (whole statute collections, real published texts) sits beside the repository in CI and on the
 * maintainers' machines, not in a fresh clone. A test that truly needs it asks for it here: when it is missing the
 * test is skipped with the reason (listed under the summary line), unless LEXCITE_REQUIRE_SHARED=1 — .ci/run sets
 * it — which makes the missing data a failure, so that no such test passes in CI without doing its work.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SHARED_DIR } from './corpus';

/** Reasons for skips, read by test/reporter.js after the run. */
const SKIP_REASONS: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('lexcite.skipReasons')] ??= new Set<string>()) as Set<string>;

/** `../shared/<relative>`, or the test (or the suite, from a hook) skipped — a failure under LEXCITE_REQUIRE_SHARED=1. */
export function requireShared(context: Mocha.Context, relative: string): string {
  const file = path.join(SHARED_DIR, relative);
  if (fs.existsSync(file)) return file;
  const what = `../shared/${relative} is missing`;
  if (process.env.LEXCITE_REQUIRE_SHARED === '1') throw new Error(`${what} (${file}); LEXCITE_REQUIRE_SHARED=1 requires it`);
  // From a test, its title; from a before/after hook, the suite's (all of whose tests are skipped).
  const runnable = context.test;
  const title = context.currentTest?.fullTitle() ?? ((runnable as { type?: string } | undefined)?.type === 'hook' ? runnable?.parent?.fullTitle() : runnable?.fullTitle()) ?? '';
  SKIP_REASONS.add(`${title}: ${what}`);
  return context.skip();
}
