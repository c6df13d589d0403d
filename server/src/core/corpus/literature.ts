/**
 * The user's bibliographies as literature records: CSL-JSON (Zotero's and Better BibTeX's exports) and
 * BibTeX/BibLaTeX (with the Chinese field names of 知网 and Jasminum exports: 作者, 题名, 期刊, 年, 期, 页码, 出版社).
 * Pure: the caller reads the files. A damaged entry is reported and left out; the rest loads.
 */
import type { BibRecord, LiteratureWork } from './model';
import { readBibtex } from './bibtex';
import { pinyinOf } from '../text/pinyin';

export interface LiteratureProblem {
  file: string;
  /** 1-based line, when the problem has one. */
  line?: number;
  message: string;
}

export interface Literature {
  records: BibRecord[];
  problems: LiteratureProblem[];
}

/** Reads a bibliography file's text: CSL-JSON for .json (or text opening with [ or {), BibTeX otherwise. */
export function readLiterature(text: string, file: string): Literature {
  const body = text.replace(/^\ufeff/, '');
  if (/\.json$/i.test(file) || /^\s*[[{]/.test(body)) return fromCslJson(body, file);
  return fromBibtex(body, file);
}

/** Several files' records as one list; a key already taken by an earlier file is reported, and the first kept. */
export function joinLiterature(parts: Literature[]): Literature {
  const records: BibRecord[] = [];
  const problems: LiteratureProblem[] = [];
  const keys = new Map<string, string>();
  for (const part of parts) {
    problems.push(...part.problems);
    for (const record of part.records) {
      const key = record.work!.key;
      const first = keys.get(key);
      if (first !== undefined) {
        problems.push({ file: record.location.file, line: record.location.lines[0], message: `the key ${key} is already used in ${first}; this entry is left out` });
        continue;
      }
      keys.set(key, record.location.file);
      records.push(record);
    }
  }
  return { records, problems };
}

// CSL-JSON -----------------------------------------------------------------------------------------------------

interface CslName {
  family?: unknown;
  given?: unknown;
  literal?: unknown;
}

function fromCslJson(text: string, file: string): Literature {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { records: [], problems: [{ file, message: `not valid JSON (${(error as Error).message})` }] };
  }
  // Better BibTeX can export { "items": [...] }; Zotero exports an array.
  const items = Array.isArray(value) ? value : value !== null && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items) ? (value as { items: unknown[] }).items : undefined;
  if (!items) return { records: [], problems: [{ file, message: 'a CSL-JSON file holds an array of items' }] };
  const records: BibRecord[] = [];
  const problems: LiteratureProblem[] = [];
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ file, message: `item ${i + 1} is not an object` });
      return;
    }
    const get = (name: string) => text1(Object.hasOwn(item, name) ? (item as Record<string, unknown>)[name] : undefined);
    const key = get('citation-key') ?? get('id');
    const title = get('title');
    if (!key || !title) {
      problems.push({ file, message: `item ${i + 1}${key ? ` (${key})` : ''} has no ${key ? 'title' : 'id'}; left out` });
      return;
    }
    const names = (field: string) => cslNames(Object.hasOwn(item, field) ? (item as Record<string, unknown>)[field] : undefined);
    const type = get('type') ?? '';
    records.push(makeRecord({
      file, line: undefined, key, title,
      type: CSL_TYPES.get(type) ?? (get('container-title') ? 'chapter' : 'other'),
      authors: names('author'), editors: names('editor'), translators: names('translator'),
      journal: get('container-title'), year: cslYear((item as Record<string, unknown>).issued) ?? yearOf(get('issued')),
      issue: get('issue'), volume: get('volume'), pages: get('page'), publisher: get('publisher'),
      containerVolume: get('collection-number') ?? get('volume'), summary: get('abstract'), edition: get('edition'),
    }));
  });
  return { records, problems };
}

const CSL_TYPES = new Map<string, LiteratureWork['type']>([
  ['article-journal', 'article'], ['article-magazine', 'article'], ['article-newspaper', 'article'], ['article', 'article'],
  ['book', 'book'], ['chapter', 'chapter'], ['paper-conference', 'chapter'], ['entry-encyclopedia', 'chapter'], ['thesis', 'thesis'],
]);

function cslNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((name: CslName | null) => {
    if (name === null || typeof name !== 'object') return [];
    const literal = text1(name.literal);
    if (literal) return splitNames(literal);
    const family = text1(name.family) ?? '';
    const given = text1(name.given) ?? '';
    if (!family && !given) return [];
    return [CJK.test(family + given) ? `${family}${given}` : [given, family].filter(Boolean).join(' ')];
  });
}

function cslYear(issued: unknown): number | undefined {
  if (issued === null || typeof issued !== 'object') return undefined;
  const parts = (issued as { 'date-parts'?: unknown })['date-parts'];
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? Number(parts[0][0]) : NaN;
  if (Number.isInteger(first) && first > 0) return first;
  return yearOf(text1((issued as { raw?: unknown }).raw) ?? text1((issued as { literal?: unknown }).literal));
}

// BibTeX -------------------------------------------------------------------------------------------------------

const BIBTEX_TYPES = new Map<string, LiteratureWork['type']>([
  ['article', 'article'], ['periodical', 'article'], ['book', 'book'], ['mvbook', 'book'], ['collection', 'book'], ['proceedings', 'book'],
  ['incollection', 'chapter'], ['inbook', 'chapter'], ['inproceedings', 'chapter'], ['conference', 'chapter'],
  ['phdthesis', 'thesis'], ['mastersthesis', 'thesis'], ['thesis', 'thesis'],
]);

function fromBibtex(text: string, file: string): Literature {
  const { entries, problems: syntax } = readBibtex(text);
  const problems: LiteratureProblem[] = syntax.map((p) => ({ file, line: p.line, message: p.message }));
  const records: BibRecord[] = [];
  for (const entry of entries) {
    const get = (...names: string[]) => {
      for (const name of names) {
        const value = entry.fields.get(name);
        if (value) return value;
      }
      return undefined;
    };
    const title = get('title', '题名', '标题', '篇名');
    if (!title) {
      problems.push({ file, line: entry.line, message: `entry ${entry.key} has no title; left out` });
      continue;
    }
    const type = BIBTEX_TYPES.get(entry.type) ?? (get('booktitle') ? 'chapter' : 'other');
    records.push(makeRecord({
      file, line: entry.line, key: entry.key, title, type,
      authors: splitNames(get('author', '作者') ?? ''), editors: splitNames(get('editor', '主编', '编者') ?? ''), translators: splitNames(get('translator', '译者') ?? ''),
      journal: type === 'chapter' ? get('booktitle', '集刊', '文集', '所在文集', 'journal', 'journaltitle', '期刊') : get('journal', 'journaltitle', '期刊', '刊名', 'booktitle'),
      year: yearOf(get('year', '年', '年份', 'date', '出版年')), issue: get('number', 'issue', '期'), volume: get('volume', '卷'),
      pages: get('pages', '页码', '页'), publisher: get('publisher', '出版社', 'school', 'institution'),
      containerVolume: get('volume', '辑', '卷'), summary: get('abstract', '摘要'), edition: get('edition', '版次'),
    }));
  }
  return { records, problems };
}

// Both ---------------------------------------------------------------------------------------------------------

const CJK = /[\u3400-\u9fff]/;
/** [美], ［美］, （美）, 〔美〕 before a translated work's author. */
const NATIONALITY = /^\s*[[［(（〔【]\s*([\u4e00-\u9fff]{1,4})\s*[\]］)）〕】]\s*/;

/** 张三、李四 / 张三；李四 / 张三 and 李四 / Dworkin, Ronald and Hart, H. L. A. */
export function splitNames(value: string): string[] {
  return value.split(/\s+and\s+/i).flatMap((part) => {
    const name = part.trim();
    if (!name) return [];
    if (CJK.test(name)) return name.split(/[、；;，,\s]+/).map((n) => n.trim()).filter(Boolean);
    const comma = name.indexOf(',');
    return [comma > 0 ? `${name.slice(comma + 1).trim()} ${name.slice(0, comma).trim()}`.trim() : name];
  }).filter((n) => n.length > 0);
}

function yearOf(value: string | undefined): number | undefined {
  const match = value ? /(?:^|\D)(\d{4})(?:\D|$)/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

function text1(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

interface RecordFields {
  file: string;
  line: number | undefined;
  key: string;
  title: string;
  type: LiteratureWork['type'];
  authors: string[];
  editors: string[];
  translators: string[];
  journal?: string;
  year?: number;
  issue?: string;
  volume?: string;
  pages?: string;
  publisher?: string;
  containerVolume?: string;
  summary?: string;
  edition?: string;
}

function makeRecord(fields: RecordFields): BibRecord {
  // A translated work's nationality is written before its first author's name: [美]罗纳德·德沃金.
  let nationality: string | undefined;
  const authors = fields.authors.map((name, i) => {
    const match = NATIONALITY.exec(name);
    if (!match) return name;
    if (i === 0) nationality = match[1];
    return name.slice(match[0].length).trim();
  });
  const chinese = CJK.test(fields.title);
  const issue = fields.issue && /^\s*0*(\d{1,3})\s*$/.exec(fields.issue);
  const volume = fields.volume && /^\s*(\d{1,4})\s*$/.exec(fields.volume);
  const title = fields.title.replace(/^《(.*)》$/, '$1');
  const work: LiteratureWork = {
    type: fields.type, key: fields.key, translators: fields.translators, editors: fields.editors,
    ...(nationality ? { nationality } : {}),
    ...(fields.type === 'chapter' && fields.journal ? { container: fields.journal.replace(/^《(.*)》$/, '$1') } : {}),
    ...(fields.type === 'chapter' && fields.containerVolume ? { containerVolume: fields.containerVolume } : {}),
    ...(fields.publisher ? { publisher: fields.publisher } : {}),
    // 1 is no edition worth writing: only a later one is named.
    ...(fields.edition && !/^\s*(1|1st|first|第一版|第1版)\s*$/i.test(fields.edition) ? { edition: fields.edition } : {}),
    ...(fields.pages ? { pages: fields.pages.replace(/[–—~～]+/g, '-') } : {}),
  };
  return {
    id: `bib:${fields.key}`,
    title,
    authors,
    journal: fields.type === 'article' && fields.journal ? fields.journal.replace(/^《(.*)》$/, '$1') : '',
    year: fields.year ?? 0,
    ...(issue ? { issue: Number(issue[1]) } : {}),
    // Only papers in a Western journal carry a volume: the checks and formats read it as “written the English way”.
    ...(!chinese && volume && fields.type === 'article' ? { volume: Number(volume[1]) } : {}),
    summary: fields.summary ?? '',
    location: { file: fields.file, lines: [fields.line ?? 1, fields.line ?? 1] },
    pinyin: pinyinOf(title),
    work,
  };
}
