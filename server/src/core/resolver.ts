/**
 * What a citation refers to: a title to corpus entries (exact, without 中华人民共和国, alias, variant), or to a
 * suggestion when it is a near miss of a known title; a 文号 to its documents; an article reference to a
 * provision (see addressing.ts).
 */
import type { AddressResult } from './addressing';
import type { Corpus, CorpusItem, TitleEntry } from './corpus';
import type { CorpusDocument } from './model';
import { titleKeyWithoutPrc } from './normalize';
import type { ArticleReference, TitleCitation } from './parser';
import type { PaperScope, ShortNameDefinition } from './paperScope';
import type { SearchHit } from './search';

export type TitleResolution =
  | { status: 'resolved'; entries: TitleEntry[]; shortName?: ShortNameDefinition }
  | { status: 'typo'; suggestion: SearchHit; distance: number }
  | { status: 'unknown' };

const TYPE_ORDER = { document: 0, record: 1, instrument: 2 } as const;

/**
 * Resolves a title; with the paper's scope and the citation, a short name the paper defines wins over the
 * corpus (its entries may be empty when the defining title is not indexed).
 */
export function resolveTitle(corpus: Corpus, title: string, scope?: PaperScope, citation?: TitleCitation): TitleResolution {
  const definition = scope && citation ? scope.definitionFor(citation) : undefined;
  if (definition) return { status: 'resolved', entries: definition.entries, shortName: definition };
  return corpus.cached(`title:${title}`, () => {
    const entries = corpus.lookupTitle(title);
    if (entries.length > 0) {
      return { status: 'resolved', entries: [...entries].sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type]) };
    }
    return findTypo(corpus, title) ?? { status: 'unknown' };
  });
}

/**
 * A near miss: the written title is within a few edits of a known title (one edit for short titles, more for
 * long ones), so a typo is likelier than a different instrument. Short titles never count: 《数据法》 and
 * 《数据安全法》 are different laws.
 */
function findTypo(corpus: Corpus, title: string): TitleResolution | undefined {
  const key = titleKeyWithoutPrc(title);
  const allowed = allowedEdits(key.length);
  if (allowed === 0) return undefined;
  let best: { hit: SearchHit; distance: number } | undefined;
  for (const hit of corpus.search.search(key, { limit: 8 })) {
    for (const candidate of hit.entry.keys) {
      if (Math.abs(candidate.length - key.length) > allowed) continue;
      const distance = editDistance(key, candidate, allowed);
      if (distance > 0 && distance <= allowed && (!best || distance < best.distance || (distance === best.distance && hit.entry.authority > best.hit.entry.authority))) {
        best = { hit: { ...hit, key: candidate }, distance };
      }
    }
  }
  return best && { status: 'typo', suggestion: best.hit, distance: best.distance };
}

export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  if (length < 16) return 2;
  return 3;
}

/** Optimal-string-alignment distance (a swap of two neighbours counts once), capped at limit + 1. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[m];
}

/** The documents among the resolved entries (several for statute versions). */
export function documentsOf(corpus: Corpus, entries: TitleEntry[]): CorpusDocument[] {
  return entries.filter((e) => e.type === 'document').map((e) => corpus.document(e.id)).filter((d): d is CorpusDocument => d !== undefined);
}

export function firstItem(corpus: Corpus, entries: TitleEntry[]): CorpusItem | undefined {
  for (const entry of entries) {
    const item = corpus.item(entry);
    if (item) return item;
  }
  return undefined;
}

export function resolveReference(corpus: Corpus, doc: CorpusDocument, reference: ArticleReference): AddressResult {
  return corpus.cached(`ref:${doc.id}:${stepsKey(reference.steps)}`, () => corpus.addressing(doc).resolve(reference.steps));
}

/** A reference's steps as a key: 条13.0款1项2 (the failing step a result names keeps the first call's offsets). */
export function stepsKey(steps: ArticleReference['steps']): string {
  return steps.map((s) => `${s.unit}${s.number}.${s.sub ?? 0}${s.parenthesized ? 'p' : ''}`).join('');
}
