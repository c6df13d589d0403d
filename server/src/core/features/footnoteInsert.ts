/**
 * A footnote in one step: `[^n]` at the cursor and `[^n]: <citation>` among the notes, where a reader meets it.
 * Pure: it reads the parsed paper and returns the edits; the client applies them to the version it saw.
 *
 * Nothing already written is renumbered. The label is the next free one in the paper's own scheme ([^7] after
 * [^6], [^fn7] after [^fn6]); Markdown numbers notes by first reference, so the reader sees the new note in its
 * place whatever its label. The definition goes after the note a reader sees just before it (or before the one
 * after it), so the list of definitions stays in reading order.
 */
import type { Position, TextEdit } from 'vscode-languageserver-types';
import type { Corpus, CorpusItem } from '../corpus/corpus';
import { citedTargets } from '../corpus/citationAt';
import { resolveTitle } from '../corpus/resolver';
import type { EntryType } from '../corpus/search';
import { resolveShortForm } from '../checks/footnotes';
import type { Paper } from '../paper/paperCache';
import type { FootnoteDefinition, ParsedPaper } from '../paper/parser';
import { footnoteContaining, footnoteDefinition, itemsStartingIn } from '../paper/paperIndex';
import type { LexciteSettings } from '../settings';
import { t } from '../text/messages';
import { formatDocumentCitation, formatPaperReference, type HouseStyle } from '../text/styles';

export type FootnoteForm = 'full' | 'ibid' | 'supra';

export interface FootnoteChoice {
  form: FootnoteForm;
  /** What the choice is, for a menu (in the settings' language). */
  label: string;
  /** The note's text after `[^n]: `. */
  note: string;
  edits: TextEdit[];
}

export type FootnotePlan =
  | { ok: true; label: string; number: number; choices: FootnoteChoice[] }
  | { ok: false; problem: string };

/** The citation of a corpus item as a footnote writes it in the house style. */
export function noteCitation(item: CorpusItem, style: HouseStyle, firstMention: boolean): string {
  if (item.type === 'document') return formatDocumentCitation(item.item, style, firstMention);
  if (item.type === 'record') return formatPaperReference(item.item, style);
  return `《${item.item.title}》`;
}

export function planFootnote(corpus: Corpus, paper: Paper, offset: number, entry: { type: EntryType; id: string }, settings: LexciteSettings): FootnotePlan {
  const { parsed } = paper;
  const { locale } = settings;
  const item = citableItem(corpus, corpus.item(entry));
  if (!item) return { ok: false, problem: t(locale, 'footnote.insert-unknown-work') };
  // Up to and including the end of a note's text: a reference typed there would be part of the note.
  if (parsed.footnoteDefs.some((d) => offset >= d.start && offset <= d.contentEnd)) {
    return { ok: false, problem: t(locale, 'footnote.insert-in-note') };
  }
  if (parsed.excluded.contains(offset)) return { ok: false, problem: t(locale, 'footnote.insert-in-code') };

  const label = nextFootnoteLabel(parsed);
  const earlierLabels = labelsReferencedBefore(parsed, offset);
  const number = earlierLabels.length + 1;
  const key = `${item.type}:${item.item.id}`;
  const works = new WorksByNote(corpus, paper);
  const mentionedEarlier = earlierLabels.some((l) => works.direct(l).has(key)) || works.inBodyBefore(offset).has(key);

  const forms: { form: FootnoteForm; note: string; label: string }[] = [
    { form: 'full', note: noteCitation(item, settings.style, !mentionedEarlier), label: t(locale, 'footnote.insert-full') },
  ];
  const previous = earlierLabels[earlierLabels.length - 1];
  if (previous !== undefined) {
    const cited = works.following(previous);
    if (cited.size === 1 && cited.has(key)) forms.push({ form: 'ibid', note: '同上注。', label: t(locale, 'footnote.insert-ibid', { n: number - 1 }) });
  }
  const first = earlierLabels.findIndex((l) => works.direct(l).has(key));
  if (first >= 0 && !(first === number - 2 && forms.length > 1)) {
    const n = first + 1;
    forms.push({ form: 'supra', note: `同前注〔${n}〕${supraNaming(item)}。`, label: t(locale, 'footnote.insert-supra', { n }) });
  }

  const placement = definitionPlacement(parsed, earlierLabels);
  const choices = forms.map(({ form, note, label: description }): FootnoteChoice => ({
    form, label: description, note, edits: footnoteEdits(paper, offset, label, note, placement),
  }));
  return { ok: true, label, number, choices };
}

/**
 * What a footnote cites for an entry: a journal paper whose full text the corpus also holds is cited as the paper
 * (author, title, journal, issue), the record its own citations resolve to, not as a bare 《title》.
 */
function citableItem(corpus: Corpus, item: CorpusItem | undefined): CorpusItem | undefined {
  if (item?.type !== 'document') return item;
  const resolution = resolveTitle(corpus, item.item.title);
  if (resolution.status !== 'resolved') return item;
  for (const entry of resolution.entries) {
    const record = entry.type === 'record' ? corpus.record(entry.id) : undefined;
    if (record?.fullText === item.item.id) return { type: 'record', item: record };
  }
  return item;
}

/** “，张金平文” after 同前注〔n〕 for a Chinese journal paper, as the handbook writes it; nothing otherwise. */
export function supraNaming(item: CorpusItem): string {
  if (item.type !== 'record' || item.item.volume !== undefined || item.item.authors.length === 0) return '';
  return `，${item.item.authors.join('、')}文`;
}

/**
 * The next label in the paper's numbering: the most used prefix before a number ([^fn3] → fn), one past its
 * highest number, never a label already written. [^1] in a paper without notes.
 */
export function nextFootnoteLabel(parsed: Pick<ParsedPaper, 'footnoteRefs' | 'footnoteDefs'>): string {
  const used = new Set<string>();
  for (const { label } of parsed.footnoteRefs) used.add(label);
  for (const { label } of parsed.footnoteDefs) used.add(label);
  const byPrefix = new Map<string, { count: number; max: number; width: number }>();
  for (const label of used) {
    const match = /^(.*?)(\d{1,9})$/.exec(label);
    if (!match) continue;
    const entry = byPrefix.get(match[1]) ?? { count: 0, max: 0, width: 0 };
    entry.count++;
    const value = Number(match[2]);
    if (value >= entry.max) {
      entry.max = value;
      // Zero-padded labels ([^07]) keep their width.
      entry.width = match[2].startsWith('0') ? match[2].length : 0;
    }
    byPrefix.set(match[1], entry);
  }
  let prefix = '';
  let scheme = { count: 0, max: 0, width: 0 };
  for (const [candidate, entry] of byPrefix) {
    if (entry.count > scheme.count) {
      prefix = candidate;
      scheme = entry;
    }
  }
  for (let n = scheme.max + 1; ; n++) {
    const label = `${prefix}${String(n).padStart(scheme.width, '0')}`;
    if (!used.has(label)) return label;
  }
}

/** Distinct labels whose first reference comes before `offset`, in reading order. */
function labelsReferencedBefore(parsed: ParsedPaper, offset: number): string[] {
  const seen = new Set<string>();
  for (const ref of parsed.footnoteRefs) {
    if (ref.start >= offset) break;
    seen.add(ref.label);
  }
  return [...seen];
}

/** The works each footnote cites (`type:id`), computed once per plan. */
export class WorksByNote {
  private readonly targets: { start: number; key: string }[];
  private readonly cache = new Map<string, Set<string>>();

  constructor(corpus: Corpus, private readonly paper: Paper) {
    this.targets = citedTargets(corpus, paper.parsed, paper.scope).map(({ element, target }) => ({ start: element.start, key: `${target.type}:${target.id}` }));
  }

  /** Works the note cites in its own words. */
  direct(label: string): Set<string> {
    let works = this.cache.get(label);
    if (!works) {
      const def = footnoteDefinition(this.paper.parsed, label);
      works = new Set(def ? itemsStartingIn(this.targets, def.contentStart, def.contentEnd).map((t) => t.key) : []);
      this.cache.set(label, works);
    }
    return works;
  }

  /** Works the note cites, following it when it is only a 同上注 / 同前注. */
  following(label: string): Set<string> {
    let def: FootnoteDefinition | undefined = footnoteDefinition(this.paper.parsed, label);
    for (let depth = 0; def && depth < 20; depth++) {
      const works = this.direct(def.label);
      if (works.size > 0) return works;
      const form = itemsStartingIn(this.paper.parsed.shortForms, def.contentStart, def.contentEnd)[0];
      if (!form) break;
      def = resolveShortForm(this.paper.parsed, form).target;
    }
    return new Set();
  }

  /** Works cited in the body (outside notes) before `offset`. */
  inBodyBefore(offset: number): Set<string> {
    const parsed = this.paper.parsed;
    return new Set(this.targets.filter((t) => t.start < offset && !footnoteContaining(parsed, t.start)).map((t) => t.key));
  }
}

interface Placement {
  /** Where the definition is inserted. */
  at: number;
  /** Inserted after a definition (the text goes on a new line) or before one (it ends with a line break). */
  side: 'after' | 'before' | 'end';
  /** The paper separates its definitions with blank lines. */
  blankLines: boolean;
}

/**
 * After the last definition of a note read before the new one, else before the first definition of a note read
 * after it, else at the end of the paper.
 */
function definitionPlacement(parsed: ParsedPaper, earlierLabels: string[]): Placement {
  const blankLines = separatesWithBlankLines(parsed);
  for (let i = earlierLabels.length - 1; i >= 0; i--) {
    const def = footnoteDefinition(parsed, earlierLabels[i]);
    if (def) return { at: contentEndTrimmed(parsed.text, def), side: 'after', blankLines };
  }
  const earlier = new Set(earlierLabels);
  let before: FootnoteDefinition | undefined;
  for (const label of parsed.footnoteOrder) {
    if (earlier.has(label)) continue;
    const def = footnoteDefinition(parsed, label);
    if (def) {
      before = def;
      break;
    }
  }
  if (before) return { at: before.start, side: 'before', blankLines };
  return { at: parsed.text.length, side: 'end', blankLines };
}

/** True when two neighbouring definitions stand apart with a blank line between them and nothing else. */
function separatesWithBlankLines(parsed: ParsedPaper): boolean {
  const defs = parsed.footnoteDefs;
  for (let i = 1; i < defs.length; i++) {
    const gap = parsed.text.slice(defs[i - 1].contentEnd, defs[i].start);
    if (gap.trim() === '') return /\n[ \t]*\r?\n/.test(gap);
  }
  return false;
}

function contentEndTrimmed(text: string, def: FootnoteDefinition): number {
  let end = def.contentEnd;
  while (end > def.contentStart && /\s/.test(text[end - 1])) end--;
  return end;
}

function footnoteEdits(paper: Paper, offset: number, label: string, note: string, placement: Placement): TextEdit[] {
  const text = paper.parsed.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const definition = `[^${label}]: ${note}`;
  const gap = placement.blankLines ? eol + eol : eol;
  let insert: string;
  if (placement.side === 'after') insert = gap + definition;
  else if (placement.side === 'before') insert = definition + gap;
  else {
    // A new list of notes at the end, a blank line after the body.
    const trailing = /(?:\r?\n)*$/.exec(text)![0];
    const lineBreaks = (trailing.match(/\n/g) ?? []).length;
    insert = (text.length === 0 ? '' : eol.repeat(Math.max(0, 2 - lineBreaks))) + definition + eol;
  }
  const reference = `[^${label}]`;
  const at = (o: number): Position => paper.lines.positionAt(o);
  if (placement.at === offset) {
    return [{ range: { start: at(offset), end: at(offset) }, newText: placement.side === 'before' ? insert + reference : reference + insert }];
  }
  return [
    { range: { start: at(offset), end: at(offset) }, newText: reference },
    { range: { start: at(placement.at), end: at(placement.at) }, newText: insert },
  ];
}
