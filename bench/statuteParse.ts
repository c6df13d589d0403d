/**
 * Statute parsing must grow linearly with the file: parses generated statutes of 1× and 8× a base size and
 * fails when the larger takes more than 16 times as long (8 for linear work, twice that for noise and garbage
 * collection). Also prints the time per size.
 *
 *   npx tsc -p . && node out/bench/statuteParse.js [--mb N] [--sizes 2,8,50]
 *
 *   --mb N        the base size in MB (default 1): N and 8N are compared
 *   --sizes list  only print the times of these sizes in MB (no comparison)
 *
 * Exit codes: 0 linear, 1 superlinear, 2 the bench itself failed.
 */
import { parseStatuteMarkdown } from '../server/src/core';
import { largeStatuteMarkdown } from '../test/helpers/largeStatute';

const MAX_RATIO = 16;

function secondsToParse(mb: number): { seconds: number; provisions: number } {
  const text = largeStatuteMarkdown(mb * 1024 * 1024);
  const start = process.hrtime.bigint();
  const parsed = parseStatuteMarkdown(text, `/bench/超大测试法(${mb}MB).md`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!parsed.document) throw new Error(`the ${mb} MB statute was not parsed: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return { seconds, provisions: parsed.document.provisions.length };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): number {
  const sizes = argument('--sizes');
  if (sizes) {
    for (const mb of sizes.split(',').map(Number)) {
      const { seconds, provisions } = secondsToParse(mb);
      console.log(`${mb} MB: ${seconds.toFixed(2)} s (${provisions} provisions)`);
    }
    return 0;
  }
  const base = Number(argument('--mb') ?? 1);
  secondsToParse(base / 4); // warm up the JIT
  const small = secondsToParse(base);
  const large = secondsToParse(base * 8);
  const ratio = large.seconds / small.seconds;
  console.log(`${base} MB: ${small.seconds.toFixed(3)} s; ${base * 8} MB: ${large.seconds.toFixed(3)} s; ratio ${ratio.toFixed(1)} (linear: 8, bound ${MAX_RATIO})`);
  return ratio <= MAX_RATIO ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`bench failed: ${(error as Error).stack}`);
  process.exitCode = 2;
}
