/**
 * Versions of one statute: documents with the same title and different version dates. A citation picks one
 * with a tag — 《反垄断法》（2007年）, （2013年修正）, （2005年修订） — or, untagged, gets the version in force
 * on the paper's date (a later version has not taken effect; an earlier one has been superseded).
 */
import type { CorpusDocument } from './model';
import type { TextSpan } from './parser';

export interface VersionChoice {
  chosen: CorpusDocument;
  /** The other versions, oldest first. */
  others: CorpusDocument[];
  /** How it was chosen: by the written tag, by the paper's date, or the only one. */
  reason: 'tag' | 'date' | 'only';
  /** A tag that matched no version. */
  unmatchedTag?: string;
}

/** 2022年修正, or 2025年版 when the collection gives only a date. */
export function versionName(doc: CorpusDocument): string {
  if (doc.versionLabel) return doc.versionLabel;
  const year = (doc.versionDate ?? doc.date ?? '').slice(0, 4);
  return year ? `${year}年版` : '';
}

/** The date a version governs from: its effective date when known, else its promulgation or amendment date. */
function startOf(doc: CorpusDocument): string {
  return doc.effectiveDate ?? doc.versionDate ?? doc.date ?? '0000-00-00';
}

export function isVersionSet(documents: CorpusDocument[]): boolean {
  return documents.length > 1 && documents.every((d) => d.kind === 'statute') && new Set(documents.map((d) => d.versionDate ?? '')).size > 1;
}

/**
 * Chooses among versions. `paperDate` is ISO (YYYY-MM-DD). With several versions and no tag, the latest whose
 * start is on or before the paper's date; if none has started yet, the earliest.
 */
export function chooseVersion(documents: CorpusDocument[], tag: TextSpan | undefined, paperDate: string): VersionChoice {
  const sorted = [...documents].sort((a, b) => startOf(a).localeCompare(startOf(b)) || (a.versionDate ?? '').localeCompare(b.versionDate ?? ''));
  const pick = (chosen: CorpusDocument, reason: VersionChoice['reason'], unmatchedTag?: string): VersionChoice => ({
    chosen, others: sorted.filter((d) => d !== chosen), reason, ...(unmatchedTag ? { unmatchedTag } : {}),
  });
  if (sorted.length === 1) return pick(sorted[0], 'only');
  if (tag) {
    const matched = matchTag(sorted, tag.text);
    if (matched) return pick(matched, 'tag');
  }
  let inForce: CorpusDocument | undefined;
  for (const doc of sorted) if (startOf(doc) <= paperDate) inForce = doc;
  return pick(inForce ?? sorted[0], 'date', tag?.text);
}

/** 2007年 / 2013年修正 / 2005年修订 / 2007年版 → the version of that year (and kind, when written). */
function matchTag(versions: CorpusDocument[], tag: string): CorpusDocument | undefined {
  const match = /(\d{4})\s*年\s*(修正|修订)?/.exec(tag);
  if (!match) return undefined;
  const [, year, kind] = match;
  const ofYear = versions.filter((d) => (d.versionDate ?? d.date ?? '').startsWith(year) || (d.versionLabel ?? '').startsWith(year));
  if (ofYear.length === 0) return undefined;
  return (kind ? ofYear.find((d) => (d.versionLabel ?? '').includes(kind)) : undefined) ?? ofYear[ofYear.length - 1];
}

/** Today in ISO form; the paper's date when it does not say otherwise. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A date in the paper's YAML front matter (date: 2025-09-01), if any. */
export function frontMatterDate(text: string): string | undefined {
  const front = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!front) return undefined;
  const date = /^date:\s*["']?(\d{4})-(\d{1,2})-(\d{1,2})/m.exec(front[1]);
  return date ? `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}` : undefined;
}
