/**
 * The three companion texts: the web essay (002, Markdown with a YAML header), the newspaper page (003: an
 * article and two untitled pieces) and the CAICT report (004: Markdown from PDF, one paragraph a line,
 * footnotes in several broken encodings).
 */
import type { CorpusDocument, DocumentKind, FootnoteMarker, Provision } from '../../server/src/core/corpus/model';
import { SourceFile, SourceLine, endsSentence, joinMetadata, joinWrapped, textLines } from './sourceText';
import { buildProvisions, captionOf, matchMarker, splitBlocks } from './structure';
import { titleFromLines } from './documents';

export interface CompanionEntry {
  id: string;
  file: string;
  lines: [number, number];
  titleLines?: [number, number];
  authorLines?: [number, number];
  bodyLines: [number, number];
  sourceLines?: [number, number];
  issuerLines?: [number, number];
  tocLines?: [number, number];
  kind: DocumentKind;
  untitled?: boolean;
  /** Overrides the file's line width for narrow newspaper columns. */
  shortWidth?: number;
  unnumberedHeadings?: 'heading' | 'caption';
}

function emptyDocument(entry: CompanionEntry, file: SourceFile, title: string): CorpusDocument {
  return {
    id: entry.id, title, kind: entry.kind, issuers: [], authors: [], attachments: [],
    location: { file: file.name, lines: entry.lines }, provisions: [], aliases: [], pinyin: { full: '', initials: '' },
    footnoteMarkers: [], notes: [],
  };
}

function yamlField(file: SourceFile, key: string): string | undefined {
  if (file.lines[0]?.text !== '---') return undefined;
  for (let i = 1; i < file.lines.length && file.lines[i].text !== '---'; i++) {
    const match = new RegExp(`^${key}:\\s*(.+)$`).exec(file.lines[i].text);
    if (match) return match[1].trim();
  }
  return undefined;
}

const MARKDOWN_HEADING = /^#{1,6}\s*/;

/** The web essay: one paragraph a line, bold lead sentences as captions, provenance in the YAML header. */
function buildEssay(file: SourceFile, entry: CompanionEntry): CorpusDocument {
  const { title, column } = titleFromLines(textLines(file, entry.titleLines![0], entry.titleLines![1]).map((l) => ({ ...l, text: l.text.replace(MARKDOWN_HEADING, '') })));
  const doc = emptyDocument(entry, file, title);
  if (column) doc.column = column;
  doc.authors = [{ name: joinMetadata(textLines(file, entry.authorLines![0], entry.authorLines![1])) }];
  const date = yamlField(file, 'date');
  if (date) doc.date = date;
  const publisher = yamlField(file, 'source');
  const original = entry.sourceLines ? joinMetadata(textLines(file, entry.sourceLines[0], entry.sourceLines[1])).replace(/^[（(]|[）)]$/g, '') : undefined;
  doc.source = [publisher, original].filter(Boolean).join('；');
  for (const line of textLines(file, entry.bodyLines[0], entry.bodyLines[1])) {
    const bold = /^\*\*(.+?)\*\*/.exec(line.text);
    const text = line.text.replace(/\*\*/g, '');
    doc.provisions.push({ kind: 'paragraph', label: '', ...(bold ? { caption: bold[1].replace(/[。.]$/, '') } : {}), text, parent: -1, lines: [line.n, line.n] });
  }
  return doc;
}

/** A newspaper piece: blank lines separate paragraphs, short unpunctuated lines are section headings. */
function buildNewspaperPiece(file: SourceFile, entry: CompanionEntry, shortWidth: number): CorpusDocument {
  const options = { mode: 'prose' as const, blankLinesSeparate: true, shortWidth: entry.shortWidth ?? shortWidth, unnumberedHeadings: entry.unnumberedHeadings ?? 'heading' };
  const provisions = buildProvisions(splitBlocks(file.lines.slice(entry.bodyLines[0] - 1, entry.bodyLines[1]), options), options);
  let title: string;
  if (entry.untitled) {
    // The source prints no title: name the piece by its opening clause.
    title = /^[^，。；：]+/.exec(provisions[0].text)![0];
  } else {
    title = titleFromLines(textLines(file, entry.titleLines![0], entry.titleLines![1])).title;
  }
  const doc = emptyDocument(entry, file, title);
  if (entry.untitled) doc.untitled = true;
  if (entry.authorLines) doc.authors = [{ name: joinMetadata(textLines(file, entry.authorLines[0], entry.authorLines[1])).replace(/^[●•·]\s*/, '') }];
  doc.provisions = provisions;
  return doc;
}

const FOOTNOTE_LINE = /^\s*\$?\s*<sup>/;
const INLINE_FOOTNOTE = /<sup>(\d{1,3})<\/sup>/g;

/**
 * Reads a footnote definition line in any of the report's encodings:
 *   $<sup>^2</sup> text$   <sup>&</sup>lt;sup>3</sup> text   <sup>6</sup> text   $<sup>^{\</sup>rm l}$ text (= 1)
 */
export function parseReportFootnote(raw: string): { n: number; text: string } | undefined {
  if (!FOOTNOTE_LINE.test(raw)) return undefined;
  const match = /^[\s$]*(?:<sup>|<\/sup>|&|lt;sup>|\^|\{|\\|rm\s*)*([0-9]{1,3}|l)\s*(?:\\?<\/sup>|\}|\\|\$|\s)*([\s\S]*?)\s*\$?\s*$/.exec(raw);
  if (!match) return undefined;
  const n = match[1] === 'l' ? 1 : Number(match[1]);
  return { n, text: match[2].trim() };
}

/** Spaces that PDF extraction left between two Chinese characters ("受到全球 关注"). */
function removeWrapSpaces(text: string): string {
  return text.replace(/(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])/g, '');
}

/** The CAICT report: headings by their numbering (the # levels are unreliable), one paragraph a line. */
function buildReportDocument(file: SourceFile, entry: CompanionEntry): CorpusDocument {
  const titleLines = textLines(file, entry.titleLines![0], entry.titleLines![1]).map((l) => ({ ...l, text: l.text.replace(MARKDOWN_HEADING, '') }));
  const doc = emptyDocument(entry, file, joinMetadata(titleLines));
  if (entry.issuerLines) doc.issuers = [joinMetadata(textLines(file, entry.issuerLines[0], entry.issuerLines[1]))];
  const provisions: Provision[] = [];
  const markers: FootnoteMarker[] = [];
  const open: { rank: number; index: number }[] = [];
  const rankOf = { part: 0, item: 1, point: 2 } as const;
  let continuing: Provision | undefined;
  for (const line of textLines(file, entry.bodyLines[0], entry.bodyLines[1])) {
    if (entry.tocLines && line.n >= entry.tocLines[0] && line.n <= entry.tocLines[1]) continue;
    const footnote = parseReportFootnote(line.raw);
    if (footnote) {
      doc.notes.push(footnote);
      continue;
    }
    const bareMarker = matchMarker(line.text);
    // Most headings are # lines; a few lost their #s but keep their numbering and no final punctuation.
    const unmarkedHeading = bareMarker !== undefined && !endsSentence(line.text) && line.text.length < 60;
    if (MARKDOWN_HEADING.test(line.text) || unmarkedHeading) {
      const heading = removeWrapSpaces(line.text.replace(MARKDOWN_HEADING, '').replace(/<[^>]+>/g, '').replace(/\*\*/g, '')).trim();
      const marker = matchMarker(heading);
      const rank = marker ? rankOf[marker.kind] : -1;
      while (open.length > 0 && open[open.length - 1].rank >= rank) open.pop();
      const parent = open.length > 0 ? open[open.length - 1].index : -1;
      const text = marker ? marker.rest.trim() : heading;
      provisions.push(marker
        ? { kind: marker.kind, number: marker.number, label: marker.label, caption: text, text, parent, lines: [line.n, line.n] }
        : { kind: 'heading', label: '', caption: text, text, parent, lines: [line.n, line.n] });
      open.push({ rank, index: provisions.length - 1 });
      continuing = undefined;
      continue;
    }
    let text = line.text.replace(/^-\s+/, '');
    for (const match of text.matchAll(INLINE_FOOTNOTE)) markers.push({ n: Number(match[1]), provision: continuing ? provisions.indexOf(continuing) : provisions.length, line: line.n });
    text = removeWrapSpaces(text.replace(INLINE_FOOTNOTE, '[$1]').replace(/<[^>]+>/g, '').replace(/\*\*/g, ''));
    if (continuing) {
      // A paragraph cut by a page break (and the footnotes printed there) continues on the next text line.
      continuing.text = joinWrapped([continuing.text, text]);
      continuing.lines = [continuing.lines[0], line.n];
    } else {
      const parent = open.length > 0 ? open[open.length - 1].index : -1;
      provisions.push({ kind: 'paragraph', label: '', text, parent, lines: [line.n, line.n] });
    }
    const last = provisions[provisions.length - 1];
    continuing = endsSentence(last.text.replace(/\[\d+\]$/, '')) ? undefined : last;
  }
  for (const p of provisions) if (!p.caption && p.kind !== 'paragraph') p.caption = captionOf(p.text);
  doc.provisions = provisions;
  doc.footnoteMarkers = markers;
  doc.notes.sort((a, b) => a.n - b.n);
  return doc;
}

export function buildCompanion(file: SourceFile, entry: CompanionEntry, shortWidth: number): CorpusDocument {
  if (entry.kind === 'report') return buildReportDocument(file, entry);
  if (file.lines[0]?.text === '---') return buildEssay(file, entry);
  return buildNewspaperPiece(file, entry, shortWidth);
}

export type { SourceLine };
