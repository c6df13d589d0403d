/**
 * Runs long work written as a generator (yielding between small steps) in time slices, letting the event loop
 * run between slices: the language server keeps answering requests while it loads or indexes a corpus.
 *
 * Between two slices the event loop turns GAP_TURNS times with nothing of this work to run: a request takes a few
 * turns to be read, parsed, answered and written (the JSON-RPC layer defers each to the next turn), and with one
 * turn per slice it waited a slice per turn — 30-40 ms for a ping behind 8 ms slices. The empty turns cost a few
 * microseconds each.
 */
const GAP_TURNS = 4;

export async function runInSlices<T>(steps: Generator<void, T>, sliceMs = 8): Promise<T> {
  let sliceStart = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      for (let turn = 0; turn < GAP_TURNS; turn++) await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
