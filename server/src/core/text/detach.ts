/**
 * A copy of `text` that keeps no larger string alive. V8 represents a substring (of 13 or more characters) as
 * a view into the string it was cut from, so a title sliced from a paper and kept as a cache key would keep that
 * whole version of the paper in memory for as long as the key lives: thousands of versions after a long editing
 * session. Strings that outlive the version they were cut from go through this first.
 */
export function detached(text: string): string {
  // Concatenating makes a rope; slicing a rope flattens it into a new string of its own.
  return (' ' + text).slice(1);
}
