/**
 * The one binary search of the core. Callers state what they look for as a predicate that is false for a prefix
 * of the indices and true for the rest (sorted data makes it so); the search returns where it turns true. The
 * three searches by offset below run per citation or diagnostic on the parse and check paths, so they are written
 * out without the predicate's closure (an allocation per call).
 */

/** The first index in [0, length) where `reached` holds, for a predicate false-then-true along the indices; length when none. */
export function firstIndexWhere(length: number, reached: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (reached(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Index of the first item (sorted by start) starting at or after `offset`; items.length when none does. */
export function firstStartingAtOrAfter(items: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].start >= offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Index of the first item (with sorted ends) ending after `offset`; items.length when none does. */
export function firstEndingAfter(items: readonly { end: number }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].end > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Index of the first number in ascending `sorted` greater than `value`; sorted.length when none is. */
export function firstGreaterThan(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] > value) high = mid;
    else low = mid + 1;
  }
  return low;
}
