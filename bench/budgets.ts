/**
 * The budgets of issue 6, checked against one run's results. Latency budgets are ratios to the no-op floor
 * measured in the same server (p50 with p50, p99 with p99), because these machines are noisy; the rest are absolute.
 */
import type { BenchResults, BudgetResult, CorpusResult } from './results';

const FLOOR_P50_FACTOR = 5;
const FLOOR_P99_FACTOR = 3;
const EDIT_200KB_P95_MS = 20;
const EXTRACTION_MBPS = 200;
const CHECK_MBPS = 20;
const COLD_START_RATIO = 2;
const CACHED_LOAD_MS = 1000;
const RSS_MB = 200;

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;

function missing(name: string, limit: string): BudgetResult {
  return { name, limit, measured: 'not measured', pass: false };
}

/** Completion and hover at the largest corpus, against the floor. */
function interactiveBudgets(largest: CorpusResult): BudgetResult[] {
  const floor = largest.floor;
  return largest.requests.filter((r) => r.name.startsWith('completion') || r.name.startsWith('hover')).map((request) => {
    const { latency, vsFloor } = request;
    return {
      name: `${request.name} (${largest.label})`,
      limit: `p50 ≤ ${FLOOR_P50_FACTOR}× floor (${ms(FLOOR_P50_FACTOR * floor.p50)}), p99 ≤ ${FLOOR_P99_FACTOR}× floor (${ms(FLOOR_P99_FACTOR * floor.p99)})`,
      measured: `p50 ${ms(latency.p50)} (${vsFloor.p50.toFixed(1)}×), p99 ${ms(latency.p99)} (${vsFloor.p99.toFixed(1)}×)`,
      pass: vsFloor.p50 <= FLOOR_P50_FACTOR && vsFloor.p99 <= FLOOR_P99_FACTOR,
    };
  });
}

export function evaluateBudgets(results: Omit<BenchResults, 'budgets'>): BudgetResult[] {
  const budgets: BudgetResult[] = [];
  const largest = results.corpora[results.corpora.length - 1];
  budgets.push(...interactiveBudgets(largest));

  const editName = 'diagnostics · 200 KB paper, one-character edit';
  const edit = largest.requests.find((r) => r.name === editName);
  const editLimit = `p95 ≤ ${EDIT_200KB_P95_MS} ms`;
  budgets.push(edit
    ? { name: `${editName} (${largest.label})`, limit: editLimit, measured: `p95 ${ms(edit.latency.p95)}`, pass: edit.latency.p95 <= EDIT_200KB_P95_MS }
    : missing(editName, editLimit));

  budgets.push({
    name: `citation extraction, ${(results.extraction.paperBytes / 1e6).toFixed(0)} MB paper`, limit: `≥ ${EXTRACTION_MBPS} MB/s`,
    measured: `${results.extraction.medianMBps.toFixed(0)} MB/s (median of ${results.extraction.runs})`, pass: results.extraction.medianMBps >= EXTRACTION_MBPS,
  });
  for (const check of results.check.filter((c) => c.corpus === 'bulletin')) {
    budgets.push({
      name: `whole check, ${(check.paperBytes / 1e6).toFixed(0)} MB paper (bulletin)`, limit: `≥ ${CHECK_MBPS} MB/s`,
      measured: `${check.medianMBps.toFixed(1)} MB/s (median of ${check.runs})`, pass: check.medianMBps >= CHECK_MBPS,
    });
  }

  const cold = results.coldStart;
  budgets.push({
    name: 'cold start: spawn → first hover vs spawn → initialize (bulletin)', limit: `≤ ${COLD_START_RATIO}×`,
    measured: `${ms(cold.firstHover.p50)} vs ${ms(cold.initialize.p50)} (${cold.ratio.toFixed(2)}×, medians of ${cold.spawns})`, pass: cold.ratio <= COLD_START_RATIO,
  });

  const loadName = `statute load from the cache (${largest.label})`;
  const loadLimit = `≤ ${CACHED_LOAD_MS} ms`;
  budgets.push(largest.load
    ? { name: loadName, limit: loadLimit, measured: ms(largest.load.cached.milliseconds), pass: largest.load.cached.milliseconds <= CACHED_LOAD_MS }
    : missing(loadName, loadLimit));

  const rssName = `server RSS after load, ${largest.provisions.toLocaleString('en')} provisions (${largest.label})`;
  const rss = largest.memory.afterLoad;
  budgets.push(rss ? { name: rssName, limit: `≤ ${RSS_MB} MB`, measured: `${rss.rssMb.toFixed(0)} MB`, pass: rss.rssMb <= RSS_MB } : missing(rssName, `≤ ${RSS_MB} MB`));
  return budgets;
}
