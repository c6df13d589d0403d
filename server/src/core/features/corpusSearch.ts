/**
 * The corpus search behind the editor's search command and workspace symbols: titles (characters, pinyin,
 * abbreviations, typos; corpus/search.ts) and 文号 in any form papers write them (国发[2025]11号, or begun:
 * 国发〔2025〕), one row per work (a statute in its version in force at the date).
 *
 * Editors filter the answers again by what the user typed: VS Code keeps a workspace symbol only when the query's
 * characters occur in order in its name. A title found by pinyin or 文号 does not contain them, so each hit
 * carries the form it was found by, and `editorLabel` adds it to the title when the title alone would be dropped.
 */
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import type { SearchEntry, SearchHit } from '../corpus/search';
import type { Paper } from '../paper/paperCache';
import type { LexciteSettings } from '../settings';
import { parseDocNumber } from '../text/docNumber';
import { stripPrcPrefix } from '../text/normalize';
import { paperForms } from './paperForms';
import { workOf } from './works';

export interface CorpusHit extends SearchHit {
  /** What the query matched when it is not in the title: the 文号, or the pinyin initials of the matched key. */
  matchedForm?: { kind: 'docNumber' | 'pinyin'; text: string };
}

export interface CorpusSearchOptions {
  limit: number;
  /** Latin queries match pinyin (lexcite.pinyin); when off they match nothing. */
  pinyin: boolean;
  /** Of a statute with several versions, the one in force on this date (ISO) is listed. */
  date: string;
}

export function searchCorpus(corpus: Corpus, query: string, options: CorpusSearchOptions): CorpusHit[] {
  const trimmed = query.trim();
  const latin = /^[a-z]+$/i.test(trimmed);
  if (trimmed.length === 0 || (latin && !options.pinyin)) return [];
  const hits: CorpusHit[] = [];
  const works = new Set<string>();
  const add = (hit: CorpusHit) => {
    if (hit.entry.type === 'document') {
      const document = corpus.document(hit.entry.id);
      if (document) {
        const work = workOf(corpus, document, options.date);
        if (works.has(work.key)) return;
        works.add(work.key);
        if (work.version !== document) hit = { ...hit, entry: entryOf(corpus, 'document', work.version.id) ?? hit.entry };
      }
    }
    hits.push(hit);
  };
  for (const document of documentsByNumber(corpus, trimmed)) {
    const entry = entryOf(corpus, 'document', document.id);
    if (entry) add({ entry, score: 2, key: entry.keys[0], matchedForm: { kind: 'docNumber', text: document.docNumber! } });
  }
  // More than asked for: a statute's versions collapse into one row.
  for (const hit of corpus.search.search(trimmed, { limit: options.limit * 2 })) {
    if (hits.length >= options.limit) break;
    const k = hit.entry.keys.indexOf(hit.key);
    const initials = k >= 0 ? hit.entry.pinyinInitials[k] : undefined;
    add(latin && initials ? { ...hit, matchedForm: { kind: 'pinyin', text: initialsUpTo(initials, trimmed.toLowerCase()) } } : hit);
  }
  return hits.slice(0, options.limit);
}

/** xmscjsjcy… for xmscjsjcy in xmscjsjcygzlfzrgcs: the initials as far as the query reaches, when it occurs in them as typed. */
function initialsUpTo(initials: string, query: string): string {
  const at = initials.indexOf(query);
  return at >= 0 && at + query.length < initials.length ? `${initials.slice(0, at + query.length)}…` : initials;
}

/** How many documents a begun 文号 (国发〔2025〕) lists at most. */
const MAX_NUMBER_PREFIX_HITS = 20;

const BEGUN_NUMBER = /^([^\s〔\[［(（【〖]+?)\s*[〔\[［(（【〖]\s*([0-9０-９]{0,4})\s*(?:([〕\]］)）】〗])\s*第?\s*([0-9０-９]*)\s*)?$/;

/** The documents of a 文号 as written in any form papers use, or of the 文号 begun (国发〔2025〕, 国发[2025]1). */
function documentsByNumber(corpus: Corpus, query: string): CorpusDocument[] {
  const parsed = parseDocNumber(query);
  if (parsed) return corpus.lookupDocNumber(parsed.canonical);
  const begun = BEGUN_NUMBER.exec(query);
  if (!begun) return [];
  const digits = (text: string) => text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
  const [, code, year, closed, serial] = begun;
  if (closed && year.length !== 4) return [];
  const prefix = `${code}〔${digits(year)}` + (closed ? `〕${digits(serial)}` : '');
  const out: CorpusDocument[] = [];
  for (const document of corpus.documents) {
    if (document.docNumber?.startsWith(prefix)) out.push(document);
    if (out.length >= MAX_NUMBER_PREFIX_HITS) break;
  }
  return out;
}

const entriesByCorpus = new WeakMap<Corpus, Map<string, SearchEntry>>();

function entryOf(corpus: Corpus, type: SearchEntry['type'], id: string): SearchEntry | undefined {
  let entries = entriesByCorpus.get(corpus);
  if (!entries) {
    entries = new Map(corpus.search.entries.map((entry) => [`${entry.type}:${entry.id}`, entry]));
    entriesByCorpus.set(corpus, entries);
  }
  return entries.get(`${type}:${id}`);
}

/**
 * The hit's title as an editor that filters by the query will keep it: the title when the query's characters
 * occur in it in order (as VS Code's fuzzy filter asks), else the title with what it was found by — its 文号
 * （国发〔2025〕11号）, its pinyin initials, or failing those (a typo, a 文号 written with [ ]) the query itself.
 */
export function editorLabel(hit: CorpusHit, query: string): string {
  const title = hit.entry.title;
  if (keptByEditor(query, title)) return title;
  const form = hit.matchedForm;
  if (form) {
    const labelled = form.kind === 'docNumber' ? `${title}（${form.text}）` : `${title} · ${form.text}`;
    if (keptByEditor(query, labelled)) return labelled;
  }
  return `${title} ≈ ${query.trim()}`;
}

/** VS Code's filter: the query without spaces, quotes and wildcards, its characters in order in the label, case aside. */
export function keptByEditor(query: string, label: string): boolean {
  const wanted = query.replace(/[\s"*]/g, '').toLowerCase();
  const target = label.toLowerCase();
  let at = 0;
  for (const ch of wanted) {
    at = target.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

/**
 * The citation of a document to insert into a paper: its title as the paper writes its others (without
 * 中华人民共和国 unless the paper keeps it), the version tag when the paper's date leaves the version in doubt,
 * and the 文号 when the house style wants it on first mention.
 */
export function documentCitationFor(corpus: Corpus, document: CorpusDocument, paper: Paper | undefined, settings: LexciteSettings): string {
  const work = workOf(corpus, document, paper?.scope.date ?? settings.paperDate);
  const keepPrc = paper ? paperForms(corpus, paper.parsed).titlesWithPrc === true : false;
  const title = keepPrc ? work.version.title : stripPrcPrefix(work.version.title);
  const tag = work.tag ? `（${work.tag}）` : '';
  const number = work.version.docNumber && settings.style.docNumberOnFirstMention ? `（${work.version.docNumber}）` : '';
  return `《${title}》${tag}${number}`;
}
