/**
 * The 研究动态 section: 51 summaries of journal papers under five research-area headings. Each entry is
 * “N. 题名（作者）”, a 来源 line (Chinese journal with year and issue, or an English journal with Vol./Issue),
 * then the summary.
 */
import type { BibRecord } from '../../server/src/core/corpus/model';
import { SourceFile, SourceLine, joinMetadata, joinWrapped, textLines } from './sourceText';

const ENTRY = /^(\d{1,2})\.\s*(.*)$/;
const SOURCE = /^来源[：:]/;
const CHINESE_VENUE = /^来源[：:]\s*《([^》]+)》\s*(\d{4})\s*年\s*第\s*(\d+)\s*期$/;
const ENGLISH_VENUE = /^来源[：:]\s*(.+?),\s*Vol\.\s*(\d+),\s*Issue\s*(\d+)\s*\((\d{4})\)$/;

export interface ResearchEntry {
  record: BibRecord;
}

export function parseResearch(file: SourceFile, start: number, end: number): BibRecord[] {
  const lines = textLines(file, start, end);
  const records: BibRecord[] = [];
  let category: string | undefined;
  let expected = 1;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const entry = ENTRY.exec(line.text);
    if (entry && Number(entry[1]) === expected) {
      const header: SourceLine[] = [line];
      let j = i + 1;
      while (j < lines.length && !SOURCE.test(lines[j].text)) header.push(lines[j++]);
      const sourceLines: SourceLine[] = [];
      // The English 来源 line wraps: "Vol.16," then "Issue 2 (2025)".
      while (j < lines.length && (sourceLines.length === 0 || /^(Issue|\(\d{4}\))/.test(lines[j].text))) sourceLines.push(lines[j++]);
      const summary: SourceLine[] = [];
      while (j < lines.length && !isEntryStart(lines, j, expected + 1) && !isCategory(lines, j)) summary.push(lines[j++]);
      records.push(makeRecord(file, header, sourceLines, summary, category, records.length));
      expected++;
      i = j;
      continue;
    }
    if (isCategory(lines, i)) {
      category = line.text;
      expected = 1;
    }
    i++;
  }
  return records;
}

function isEntryStart(lines: SourceLine[], index: number, expected: number): boolean {
  const entry = ENTRY.exec(lines[index].text);
  return entry !== null && Number(entry[1]) === expected && lines.slice(index, index + 5).some((l) => SOURCE.test(l.text));
}

/** A research-area heading: a short line directly followed by entry 1. */
function isCategory(lines: SourceLine[], index: number): boolean {
  const next = lines[index + 1];
  return next !== undefined && /^1\.\s*/.test(next.text) && lines[index].text.length <= 12 && !/[。，：]/.test(lines[index].text);
}

function makeRecord(file: SourceFile, header: SourceLine[], source: SourceLine[], summary: SourceLine[], category: string | undefined, index: number): BibRecord {
  const headerText = joinWrapped(header.map((l) => l.text)).replace(/^\d{1,2}\.\s*/, '');
  const author = /[（(]([^（）()]+)[）)]\s*$/.exec(headerText);
  const title = (author ? headerText.slice(0, author.index) : headerText).trim();
  const authors = author ? author[1].split(/[、,，]/).map((a) => a.trim()).filter(Boolean) : [];
  const sourceText = joinMetadata(source);
  const chinese = CHINESE_VENUE.exec(sourceText);
  const english = ENGLISH_VENUE.exec(sourceText);
  if (!chinese && !english) throw new Error(`${file.name}:${source[0]?.n}: unrecognised 来源 line: ${sourceText}`);
  const venue = chinese
    ? { journal: chinese[1], year: Number(chinese[2]), issue: Number(chinese[3]) }
    : { journal: english![1].trim(), volume: Number(english![2]), issue: Number(english![3]), year: Number(english![4]) };
  const last = summary.length > 0 ? summary[summary.length - 1].n : source[source.length - 1].n;
  return {
    id: `summary-${String(index + 1).padStart(2, '0')}`,
    title,
    authors,
    ...venue,
    ...(category ? { category } : {}),
    summary: joinWrapped(summary.map((l) => l.text)),
    location: { file: file.name, lines: [header[0].n, last] },
    pinyin: { full: '', initials: '' },
  };
}
