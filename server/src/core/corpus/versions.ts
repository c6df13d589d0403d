/**
 * Versions of one statute: documents with the same title and different version dates. A citation picks one
 * with a tag — 《反垄断法》（2007年）, （2013年修正）, （2005年修订） — or, untagged, gets the version in force
 * on the paper's date (a later version has not taken effect; an earlier one has been superseded).
 */
import type { Corpus } from './corpus';
import type { CorpusDocument } from './model';
import { titleKeyWithoutPrc } from '../text/normalize';
import type { TextSpan } from '../paper/parser';

export interface VersionChoice {
  chosen: CorpusDocument;
  /** The other versions, oldest first. */
  others: CorpusDocument[];
  /** How it was chosen: by the written tag, by the paper's date, or the only one. */
  reason: 'tag' | 'date' | 'only';
  /** A tag that matched no version. */
  unmatchedTag?: string;
  /** Chosen by date although no version had taken effect by then: the earliest is shown. */
  notYetInForce?: boolean;
}

/** 2022年修正, or 2025年版 when the collection gives only a date. */
export function versionName(doc: CorpusDocument): string {
  if (doc.versionLabel) return doc.versionLabel;
  const year = (doc.versionDate ?? doc.date ?? '').slice(0, 4);
  return year ? `${year}年版` : '';
}

/** The date a version governs from: its effective date when known, else its promulgation or amendment date. */
export function startOf(doc: CorpusDocument): string {
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
  const choice = pick(inForce ?? sorted[0], 'date', tag?.text);
  return inForce ? choice : { ...choice, notYetInForce: true };
}

/** How long after a new version takes effect a paper may still have been written against the old text. */
const TRANSITION_DAYS = 183;

/**
 * The versions other than the chosen one that a paper of this date could reasonably mean: one already adopted
 * but not yet in force (a paper written between adoption and effect), and the one the chosen version replaced
 * when that happened less than half a year before the paper's date. A version adopted after the paper's date
 * is never among them: the paper could not have meant it.
 */
export function versionsInDoubt(choice: VersionChoice, paperDate: string): CorpusDocument[] {
  const { chosen, others } = choice;
  const chosenStart = startOf(chosen);
  const predecessor = others.filter((d) => startOf(d) < chosenStart).pop();
  return others.filter((other) => {
    const adopted = other.versionDate ?? other.date ?? startOf(other);
    if (adopted <= paperDate && startOf(other) > paperDate) return true;
    return other === predecessor && chosenStart <= paperDate && daysBetween(chosenStart, paperDate) < TRANSITION_DAYS;
  });
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86400000;
}

/** Marked by its collection as no longer law (repealed, invalid); an earlier version superseded by an amendment is not. */
export function isRepealed(doc: CorpusDocument): boolean {
  return doc.kind === 'statute' && doc.status !== undefined && /废止|失效/.test(doc.status);
}

const repealersByCorpus = new WeakMap<Corpus, Map<string, CorpusDocument>>();

/**
 * The statute that repealed a title, from the texts' own words (民法典 第一千二百六十条: 《中华人民共和国合同法》…
 * 同时废止): the earliest in force of those that name it.
 */
export function repealerOf(corpus: Corpus, title: string): CorpusDocument | undefined {
  let repealers = repealersByCorpus.get(corpus);
  if (!repealers) {
    repealers = new Map();
    for (const doc of corpus.documents) {
      for (const repealed of doc.repeals ?? []) {
        const key = titleKeyWithoutPrc(repealed);
        const known = repealers.get(key);
        if (!known || startOf(doc) < startOf(known)) repealers.set(key, doc);
      }
    }
    repealersByCorpus.set(corpus, repealers);
  }
  return repealers.get(titleKeyWithoutPrc(title));
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

/** Whether the chosen version was law at the paper's date: repealed by then, or not yet in force. */
export type LegalStatus =
  | { kind: 'repealed'; since: string; by: CorpusDocument }
  /** The collection marks it repealed, but no text says when: it may have been law at the paper's date. */
  | { kind: 'marked-repealed'; status: string }
  | { kind: 'not-yet-in-force'; start: string };

export function legalStatusAt(corpus: Corpus, choice: VersionChoice, paperDate: string): LegalStatus | undefined {
  const { chosen } = choice;
  if (chosen.kind !== 'statute') return undefined;
  if (isRepealed(chosen)) {
    const repealer = repealerOf(corpus, chosen.title);
    if (!repealer) return { kind: 'marked-repealed', status: chosen.status! };
    return startOf(repealer) <= paperDate ? { kind: 'repealed', since: startOf(repealer), by: repealer } : undefined;
  }
  return choice.notYetInForce || startOf(chosen) > paperDate ? { kind: 'not-yet-in-force', start: startOf(chosen) } : undefined;
}

/** 2021-01-01 → 2021年1月1日 */
export function chineseDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
