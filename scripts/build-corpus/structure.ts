/**
 * Turns the body lines of one document into its provision tree.
 *
 * Blocks are found first: a block starts at a numbering marker (一、 （一） 1.) whose number is one the sequence
 * expects, or where the previous paragraph ended. Normative documents fold unnumbered paragraphs into the unit
 * they follow; prose (news, commentary, papers) keeps them as paragraph units under the current heading.
 */
import type { Provision, UnitKind } from '../../server/src/core/corpus/model';
import { parseChineseNumeral } from '../../server/src/core/text/numerals';
import { PARAGRAPH_END_WIDTH, SourceLine, SHORT_LINE_WIDTH, displayWidth, endsSentence, joinWrapped } from './sourceText';

export type MarkerKind = 'part' | 'item' | 'point';

export interface Marker {
  kind: MarkerKind;
  number: number;
  label: string;
  rest: string;
}

const PART = /^([一二三四五六七八九十]+)、\s*(.*)$/;
const ITEM = /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$/;
const POINT = /^(\d{1,2})\s*[.．]\s*(?!\d)(.*)$/;

export function matchMarker(text: string): Marker | undefined {
  let m = PART.exec(text);
  if (m) return { kind: 'part', number: parseChineseNumeral(m[1])!, label: `${m[1]}、`, rest: m[2] };
  m = ITEM.exec(text);
  if (m) return { kind: 'item', number: parseChineseNumeral(m[1])!, label: `（${m[1]}）`, rest: m[2] };
  m = POINT.exec(text);
  if (m) return { kind: 'point', number: Number(m[1]), label: `${m[1]}.`, rest: m[2] };
  return undefined;
}

interface Block {
  marker?: Marker;
  lines: SourceLine[];
  /** A heading: a short unpunctuated line (or a wrapped pair) that names what follows. */
  heading: boolean;
  /** For unnumbered headings: a caption rather than body text. */
  caption: boolean;
}

export interface StructureOptions {
  mode: 'normative' | 'prose';
  /** Lines after this one are closing paragraphs of the document, not part of the last numbered unit. */
  bodyEnd?: number;
  /** Blank lines in this file separate paragraphs. */
  blankLinesSeparate: boolean;
  /** Width below which a line did not reach the margin. */
  shortWidth?: number;
  /** Marker kinds to recognise (all by default). */
  markers?: MarkerKind[];
  /** What a short unnumbered line between paragraphs is: a section heading (newspaper) or a photo caption. */
  unnumberedHeadings?: 'heading' | 'caption' | 'none';
}

const HEADING_PUNCTUATION = /[。！？；]/;
const ANNEX_HEADING = /^附件[：:]$/;
/** A photo caption ends with a person's name after a space: “北京大学法学院教授 王锡锌”. */
const NAME_AT_END = /[\u4e00-\u9fff]\s+[\u4e00-\u9fff·]{2,4}$/;

export function splitBlocks(allLines: SourceLine[], options: StructureOptions): Block[] {
  const short = options.shortWidth ?? SHORT_LINE_WIDTH;
  const paragraphEnd = short + (PARAGRAPH_END_WIDTH - SHORT_LINE_WIDTH);
  const allowed = new Set(options.markers ?? ['part', 'item', 'point']);
  const blocks: Block[] = [];
  let current: Block | undefined;
  const last = { part: 0, item: 0, point: 0 };
  let previous: SourceLine | undefined;
  let blankBefore = false;

  const isShort = (line: SourceLine) => displayWidth(line.text) < short;
  const close = () => {
    if (current) blocks.push(current);
    current = undefined;
  };
  const blockEnded = (block: Block): boolean => {
    const tail = block.lines[block.lines.length - 1];
    if (block.heading || block.caption) return true;
    // A block's first line is indented, so only later lines may end a paragraph short of the full width.
    return endsSentence(tail.text) && displayWidth(tail.text) < (block.lines.length > 1 ? paragraphEnd : short);
  };

  for (const line of allLines) {
    if (line.artefact) {
      if (line.artefact === 'blank') blankBefore = true;
      continue;
    }
    if (options.bodyEnd !== undefined && previous && previous.n <= options.bodyEnd && line.n > options.bodyEnd) close();
    const headingSoFar = current?.marker !== undefined && !HEADING_PUNCTUATION.test(current.lines.map((l) => l.text).join(''));
    const startAllowed = !previous || endsSentence(previous.text) || isShort(previous) || (current?.heading ?? false)
      || headingSoFar || (options.blankLinesSeparate && blankBefore);
    const marker = startAllowed ? matchMarker(line.text) : undefined;
    const expected = marker && allowed.has(marker.kind) && isExpected(marker, last);
    // In prose a numbered heading fills at most one full line plus a short tail: a second full line is body text.
    if (!(marker && expected) && options.mode === 'prose' && headingSoFar && current!.lines.length === 1 && !isShort(line)
      && !/^.{0,8}[。；]/.test(line.text)) {
      current!.heading = true;
    }
    if (ANNEX_HEADING.test(line.text)) {
      // “附件：” introduces the list of attachments: always a block of its own.
      close();
      current = { lines: [line], heading: false, caption: true };
    } else if (marker && expected) {
      close();
      last[marker.kind] = marker.number;
      if (marker.kind === 'part') last.point = 0;
      if (marker.kind === 'item') last.point = 0;
      current = { marker, lines: [line], heading: false, caption: false };
    } else if (current && !blockEnded(current) && !(options.blankLinesSeparate && blankBefore && previous && endsSentence(previous.text))) {
      current.lines.push(line);
    } else {
      close();
      current = { lines: [line], heading: false, caption: false };
    }
    // A block whose text so far has no sentence punctuation and stops short of the margin is a heading.
    const text = current.lines.map((l) => l.text).join('');
    if (!HEADING_PUNCTUATION.test(text) && !endsSentence(line.text) && (isShort(line) || (!current.marker && NAME_AT_END.test(line.text)))) {
      if (current.marker) current.heading = true;
      else if (current.lines.length <= 2 && !/[，。；：0-9]/.test(text) && options.unnumberedHeadings !== 'none') current.caption = true;
    }
    previous = line;
    blankBefore = false;
  }
  close();
  return mergeCaptions(blocks);
}

function isExpected(marker: Marker, last: { part: number; item: number; point: number }): boolean {
  const previous = last[marker.kind];
  return marker.number === previous + 1 || (marker.number === 1 && marker.kind !== 'part');
}

/** Consecutive caption lines (a photo caption of three lines) become one caption block. */
function mergeCaptions(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const prev = out[out.length - 1];
    if (prev && prev.caption && block.caption) prev.lines.push(...block.lines);
    else out.push(block);
  }
  return out;
}

const RANK: Record<MarkerKind, number> = { part: 0, item: 1, point: 2 };
const CAPTION_MAX = 40;

function blockText(block: Block): string {
  const texts = block.lines.map((l) => l.text);
  if (block.marker) texts[0] = block.marker.rest;
  return joinWrapped(texts);
}

/** The first sentence of a unit names it when short: “分类核查认证账号资质。网站平台…” → 分类核查认证账号资质. */
export function captionOf(text: string): string | undefined {
  const stop = text.search(/[。；]/);
  if (stop > 0 && stop <= CAPTION_MAX) return text.slice(0, stop);
  if (stop < 0 && text.length <= CAPTION_MAX) return text.replace(/[：:]$/, '');
  return undefined;
}

export interface AnnexState {
  /** Set once a paragraph reading 附件： is seen: the points after it are annex entries. */
  inAnnex: boolean;
}

/**
 * Builds the provision list (parents before children) from blocks.
 * Normative: paragraphs after a unit extend its text; before the first unit or after `bodyEnd` they stand alone.
 * Prose: every paragraph is its own unit under the innermost open numbered unit.
 */
export function buildProvisions(blocks: Block[], options: StructureOptions): Provision[] {
  const provisions: Provision[] = [];
  const open: { rank: number; index: number }[] = [];
  let inAnnex = false;

  const parentFor = (rank: number): number => {
    while (open.length > 0 && open[open.length - 1].rank >= rank) open.pop();
    return open.length > 0 ? open[open.length - 1].index : -1;
  };
  const lineRange = (block: Block): [number, number] => [block.lines[0].n, block.lines[block.lines.length - 1].n];

  for (const block of blocks) {
    const text = blockText(block);
    const afterBody = options.bodyEnd !== undefined && block.lines[0].n > options.bodyEnd;
    if (block.marker && !afterBody) {
      const { marker } = block;
      if (inAnnex && marker.kind === 'point') {
        provisions.push({ kind: 'annex', number: marker.number, label: `附件${marker.number}`, caption: captionOf(text), text, parent: -1, lines: lineRange(block) });
        continue;
      }
      const rank = RANK[marker.kind];
      const parent = parentFor(rank);
      // A heading names the unit; its text is the body that follows (empty until a paragraph is folded in).
      const caption = block.heading ? text : captionOf(text);
      provisions.push({ kind: marker.kind, number: marker.number, label: marker.label, caption, text: block.heading ? '' : text, parent, lines: lineRange(block) });
      open.push({ rank, index: provisions.length - 1 });
      continue;
    }
    if (ANNEX_HEADING.test(text)) {
      inAnnex = true;
      open.length = 0;
      continue;
    }
    if (block.caption && options.unnumberedHeadings === 'heading') {
      open.length = 0;
      provisions.push({ kind: 'heading', label: '', caption: text, text, parent: -1, lines: lineRange(block) });
      open.push({ rank: -1, index: provisions.length - 1 });
      continue;
    }
    const kind: UnitKind = block.caption ? 'caption' : 'paragraph';
    if (options.mode === 'normative' && open.length > 0 && !afterBody && !inAnnex) {
      const unit = provisions[open[open.length - 1].index];
      unit.text = unit.text ? `${unit.text}\n${text}` : text;
      unit.lines = [unit.lines[0], block.lines[block.lines.length - 1].n];
      continue;
    }
    const parent = options.mode === 'prose' ? (open.length > 0 ? open[open.length - 1].index : -1) : -1;
    provisions.push({ kind, label: '', text, parent: afterBody ? -1 : parent, lines: lineRange(block) });
  }
  return provisions;
}
