/**
 * Latency samples → percentiles, and ratios to the no-op floor measured in the same run. Percentiles use the
 * nearest-rank method, so p99 of fewer than 100 samples is the maximum (the sample count is always reported).
 */

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** A latency measured against the floor: p50/floor p50 and p99/floor p99 (p99 is scheduling noise, so like with like). */
export interface FloorRatios {
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, mean };
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function ratiosToFloor(latency: LatencySummary, floor: LatencySummary): FloorRatios {
  return { p50: latency.p50 / floor.p50, p99: latency.p99 / floor.p99 };
}

export function now(): number {
  return performance.now();
}

/** Runs `work` and returns how long it took in ms. */
export async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = now();
  await work();
  return now() - start;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
