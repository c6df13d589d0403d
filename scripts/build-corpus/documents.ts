/**
 * Builds the bulletin's documents from their manifest boundaries: header fields (原载, 文号, addressees,
 * authors), the provision tree and the signature (issuers and date) are all read from the source lines.
 */
import type { Author, CorpusDocument, DocumentKind, FootnoteMarker, Provision } from '../../server/src/core/corpus/model';
import { parseDocNumber } from '../../server/src/core/text/docNumber';
import { collapseNumberSpaces, titleKey } from '../../server/src/core/text/normalize';
import {
  SourceFile, SourceLine, displayWidth, endsSentence, findDateInText, joinMetadata, joinWrapped, parsePrintedDate,
  textLines, SHORT_LINE_WIDTH,
} from './sourceText';
import { buildProvisions, splitBlocks } from './structure';

export interface BulletinEntry {
  id: string;
  lines: [number, number];
  titleLines: [number, number];
  kind: DocumentKind;
  mode: 'normative' | 'prose';
  bodyEnd?: number;
  attachments?: string[];
  issuedBy?: string;
}

const COLUMN_PREFIX = /^(地方动态|专家解读|讲座回顾|前沿)\s*[|｜]\s*/;
const SOURCE_LINE = /^原载[：:]\s*(.+)$/;
const DOC_NUMBER_LINE = /^\S{1,12}\s*〔\s*\d{4}\s*〕\s*\d+\s*号$/;
const ORGANISATION = /(局|厅|部|委|院|会|司|处|办|室|府|中心|秘书处|委员会|政府|办公厅)$/;

export function titleFromLines(lines: SourceLine[]): { title: string; column?: string } {
  let title = joinMetadata(lines);
  let column: string | undefined;
  const prefix = COLUMN_PREFIX.exec(title);
  if (prefix) {
    column = prefix[1];
    title = title.slice(prefix[0].length);
  }
  return { title, column };
}

interface Header {
  source?: string;
  docNumber?: string;
  addressees?: string;
  authors: Author[];
  reprintNote?: string;
  bodyStart: number;
}

/** Reads the lines between the title and the body: 原载, a repeated title, 文号, 文| or 作者 lines, 主送. */
function readHeader(file: SourceFile, entry: BulletinEntry, title: string): Header {
  const lines = textLines(file, entry.titleLines[1] + 1, entry.lines[1]);
  const header: Header = { authors: [], bodyStart: lines[0]?.n ?? entry.lines[1] };
  let i = 0;
  const key = titleKey(title);
  while (i < lines.length) {
    const text = lines[i].text;
    const source = SOURCE_LINE.exec(text);
    if (source) {
      header.source = source[1].trim();
      i++;
      continue;
    }
    // The official title repeated under the bulletin's heading (国发, 厦门 notice).
    let repeated = 0;
    for (let k = 1; k <= 3 && i + k <= lines.length; k++) {
      if (titleKey(joinMetadata(lines.slice(i, i + k))) === key) repeated = k;
    }
    if (repeated > 0) {
      i += repeated;
      continue;
    }
    if (DOC_NUMBER_LINE.test(text)) {
      header.docNumber = parseDocNumber(collapseNumberSpaces(text))?.canonical;
      i++;
      continue;
    }
    if (/^文\s*[|｜]/.test(text)) {
      const block = [lines[i]];
      while (displayWidth(block[block.length - 1].text) >= SHORT_LINE_WIDTH && i + block.length < lines.length) block.push(lines[i + block.length]);
      header.authors.push(parseByline(block.map((l) => l.text)));
      i += block.length;
      continue;
    }
    if (/^此处删除了原文脚注/.test(text)) {
      const block = [lines[i]];
      while (!endsSentence(block[block.length - 1].text) && i + block.length < lines.length) block.push(lines[i + block.length]);
      header.reprintNote = joinMetadata(block);
      i += block.length;
      continue;
    }
    const author = /^作者[：:]\s*(.+)$/.exec(text);
    if (author) {
      header.authors.push({ name: author[1].trim() });
      i++;
      continue;
    }
    if (/^各/.test(text)) {
      let end = i;
      while (end < lines.length && !/[：:]$/.test(lines[end].text) && end - i < 5) end++;
      if (end < lines.length && /[：:]$/.test(lines[end].text)) {
        header.addressees = joinMetadata(lines.slice(i, end + 1)).replace(/[：:]$/, '');
        i = end + 1;
        continue;
      }
    }
    break;
  }
  header.bodyStart = lines[i]?.n ?? entry.lines[1] + 1;
  return header;
}

/** “文|北京市人民政府副秘书长 北京市政务服务和数\n据管理局党组书记、局长 沈彬华” → name and affiliation. */
export function parseByline(texts: string[]): Author {
  const last = texts[texts.length - 1];
  const all = joinWrapped(texts).replace(/^文\s*[|｜]\s*/, '');
  let name: string;
  if (/\s/.test(last.trim())) name = last.trim().split(/\s+/).pop()!;
  else name = texts.length > 1 ? last.trim() : all.split(/\s+/).pop()!;
  const affiliation = all.slice(0, all.length - name.length).trim();
  return affiliation ? { name, affiliation } : { name };
}

interface Signature {
  issuers: string[];
  date?: string;
  /** First line of the signature; the body ends before it. */
  start: number;
}

/** The signature at the end of a notice or opinion: organisation lines followed by a date line. */
function readSignature(file: SourceFile, start: number, end: number): Signature | undefined {
  const lines = textLines(file, start, end);
  const last = lines[lines.length - 1];
  if (!last) return undefined;
  const date = parsePrintedDate(last.text);
  if (!date) return undefined;
  const issuers: string[] = [];
  let first = last.n;
  for (let i = lines.length - 2; i >= 0; i--) {
    const text = lines[i].text;
    if (endsSentence(text) || !ORGANISATION.test(text) || displayWidth(text) > 30) break;
    issuers.unshift(text);
    first = lines[i].n;
  }
  return { issuers, date, start: first };
}

/** Footnote markers [12] glued into paper text. */
export function findFootnoteMarkers(provisions: Provision[], file: SourceFile): FootnoteMarker[] {
  const markers: FootnoteMarker[] = [];
  provisions.forEach((provision, index) => {
    for (let n = provision.lines[0]; n <= provision.lines[1]; n++) {
      const line = file.lines[n - 1];
      if (line.artefact) continue;
      for (const match of line.text.matchAll(/\[(\d{1,3})\]/g)) markers.push({ n: Number(match[1]), provision: index, line: n });
    }
  });
  return markers;
}

export function buildBulletinDocument(file: SourceFile, entry: BulletinEntry): CorpusDocument {
  const { title, column } = titleFromLines(textLines(file, entry.titleLines[0], entry.titleLines[1]));
  const header = readHeader(file, entry, title);
  const signature = entry.mode === 'normative' ? readSignature(file, header.bodyStart, entry.lines[1]) : undefined;
  const bodyEnd = signature ? signature.start - 1 : entry.lines[1];
  const body = file.lines.slice(header.bodyStart - 1, bodyEnd);
  const options = {
    mode: entry.mode,
    bodyEnd: entry.bodyEnd,
    blankLinesSeparate: file.blankLinesSeparate,
    unnumberedHeadings: entry.kind === 'event-report' ? 'caption' as const : 'none' as const,
  };
  const provisions = buildProvisions(splitBlocks(body, options), options);
  const abstract = provisions.find((p) => p.kind === 'paragraph' && p.text.startsWith('内容提要'));
  if (abstract) {
    abstract.caption = '内容提要';
    abstract.text = abstract.text.replace(/^内容提要[：:]\s*/, '');
  }
  let date = signature?.date;
  if (!date && entry.kind === 'event-report') date = findDateInText(provisions[0]?.text ?? '');
  return {
    id: entry.id,
    title,
    kind: entry.kind,
    issuers: signature?.issuers ?? [],
    ...(header.docNumber ? { docNumber: header.docNumber } : {}),
    ...(date ? { date } : {}),
    ...(header.source ? { source: header.source } : {}),
    ...(column ? { column } : {}),
    ...(header.addressees ? { addressees: header.addressees } : {}),
    authors: header.authors,
    ...(entry.issuedBy ? { issuedBy: entry.issuedBy } : {}),
    attachments: entry.attachments ?? [],
    location: { file: file.name, lines: entry.lines },
    provisions,
    aliases: [],
    pinyin: { full: '', initials: '' },
    footnoteMarkers: entry.kind === 'paper' ? findFootnoteMarkers(provisions, file) : [],
    notes: [],
    ...(header.reprintNote ? { reprintNote: header.reprintNote } : {}),
  } as CorpusDocument;
}
