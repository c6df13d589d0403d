/**
 * Pandoc citations against the user's bibliographies:
 *   pandoc.unknown-key   [@zhang2025] when no bibliography has the key (pandoc --citeproc would print ???)
 * Said only when a bibliography is loaded: without one, LexCite cannot know the paper's keys. A key one edit or
 * two away from a single known key gets that key as the fix.
 */
import type { Corpus } from '../corpus/corpus';
import { t } from '../text/messages';
import { CheckContext, Finding, inScope } from './context';

const CLOSEST = 3;
const MAX_DISTANCE = 2;

export function checkPandocCitations(context: CheckContext): Finding[] {
  const { corpus, locale } = context;
  const citations = context.paper.parsed.pandocCitations;
  if (!citations || !corpus.hasLiterature) return [];
  const findings: Finding[] = [];
  for (const citation of inScope(context, citations)) {
    if (corpus.recordForKey(citation.key)) continue;
    const closest = closestKeys(corpus, citation.key);
    const near = closest.filter((key) => distance(key, citation.key, MAX_DISTANCE) <= MAX_DISTANCE);
    findings.push({
      code: 'pandoc.unknown-key', start: citation.start, end: citation.end,
      message: t(locale, 'pandoc.unknown-key', { key: citation.key }) + (closest.length ? t(locale, 'pandoc.unknown-key.closest', { keys: closest.map((k) => `@${k}`).join(', ') }) : ''),
      ...(near.length === 1 ? { fixes: [{ title: t(locale, 'fix.replace-with', { value: `@${near[0]}` }), start: citation.start, end: citation.end, newText: `@${near[0]}` }] } : {}),
    });
  }
  return findings;
}

/** Up to three keys of the bibliographies closest to `key` (edit distance, at most a third of its length). */
export function closestKeys(corpus: Corpus, key: string): string[] {
  return corpus.cached(`pandoc-closest:${key}`, () => {
    const bound = Math.max(1, Math.floor(key.length / 3));
    const scored: { key: string; d: number }[] = [];
    for (const record of corpus.records) {
      const candidate = record.work?.key;
      if (candidate === undefined || Math.abs(candidate.length - key.length) > bound) continue;
      const d = distance(candidate.toLowerCase(), key.toLowerCase(), bound);
      if (d <= bound) scored.push({ key: candidate, d });
    }
    return scored.sort((a, b) => a.d - b.d || a.key.localeCompare(b.key)).slice(0, CLOSEST).map((s) => s.key);
  });
}

/** Levenshtein distance, stopping early once every path exceeds `bound` (then some value above it). */
function distance(a: string, b: string, bound: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]);
    }
    if (best > bound) return bound + 1;
    previous = current;
  }
  return previous[b.length];
}
