/**
 * The parser's objects keep their offsets relative to the block (paragraph) they were parsed from, together
 * with the block's origin. `start`, `end` and the other offsets read as positions in the paper: this file is
 * the one place where a block offset becomes a paper offset. When an edit moves a block, the assembly moves its
 * origin; nothing copies or shifts the objects, so an unchanged paragraph costs nothing after an edit.
 *
 * An origin belongs to one block of the newest version of a paper: parsed objects of an older version read the
 * newer positions once the paper has been assembled again (every feature asks for the current version).
 */
import type { ParsedDocNumber } from '../text/docNumber';
import { REF_UNITS, REF_UNIT_CODES } from './citationTypes';
import type {
  AnaphoricCitation, ArticleReference, CaseNumber, CaseNumberProblem, PandocCitation, DocNumberCitation, FootnoteDefinition, FootnoteReference, JournalCitation, Quotation, RefUnit, ReferenceStep, ShortForm, TextSpan, TitleCitation,
} from './citationTypes';

/**
 * The list a finder returns when it finds nothing (most paragraphs have none of most kinds): one shared list,
 * never written to, instead of a new empty list per finder and paragraph.
 */
export const NOTHING_FOUND = Object.freeze([]) as unknown as never[];

/** Where a block starts in the paper. Zero while the block is parsed, so the parser works in block offsets. */
export class BlockOrigin {
  constructor(public start = 0) {}
}

/** Something with a start and an end in a block. */
export class Located {
  declare readonly origin: BlockOrigin;
  declare protected relativeStart: number;
  declare protected relativeEnd: number;
  constructor(origin: BlockOrigin, relativeStart: number, relativeEnd: number) {
    this.origin = origin;
    this.relativeStart = relativeStart;
    this.relativeEnd = relativeEnd;
  }

  get start(): number {
    return this.origin.start + this.relativeStart;
  }

  set start(offset: number) {
    this.relativeStart = offset - this.origin.start;
  }

  get end(): number {
    return this.origin.start + this.relativeEnd;
  }

  set end(offset: number) {
    this.relativeEnd = offset - this.origin.start;
  }

  /** Plain data with paper offsets, for JSON and for tests comparing parses. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    // A kind shared by every object of a class is kept on its prototype (ofKind), and written first, as it was set first.
    const kind = (this as { kind?: unknown }).kind;
    if (kind !== undefined && !Object.prototype.hasOwnProperty.call(this, 'kind')) out.kind = kind;
    // A field a class sets to undefined up front (for its objects' shape) is written as if never set.
    for (const [key, value] of Object.entries(this)) if (value !== undefined && key !== 'origin' && !key.startsWith('relative')) out[key] = value;
    out.start = this.start;
    out.end = this.end;
    return out;
  }
}

/**
 * Sets the kind every object of a class has on its prototype: one field fewer in each of the tens of thousands of
 * objects a paper's parse keeps. Located.toJSON writes it.
 */
function ofKind(type: { prototype: object }, kind: string): void {
  Object.defineProperty(type.prototype, 'kind', { value: kind });
}

export class LocatedText extends Located implements TextSpan {
  declare readonly text: string;
  constructor(origin: BlockOrigin, start: number, end: number, text: string) {
    super(origin, start, end);
    this.text = text;
  }
}

export class LocatedValue extends LocatedText {
  declare readonly value: number;
  constructor(origin: BlockOrigin, start: number, end: number, text: string, value: number) {
    super(origin, start, end, text);
    this.value = value;
  }
}

export class LocatedJurisdiction extends LocatedText {
  declare readonly foreign: boolean;
  constructor(origin: BlockOrigin, start: number, end: number, text: string, foreign: boolean) {
    super(origin, start, end, text);
    this.foreign = foreign;
  }
}

/**
 * A step of an article reference. Its unit, brackets and numerals, and where its number lies (from the step's
 * start), are kept as one number (`form`), read through getters: a paper has a step for each of its tens of
 * thousands of references. Made by locatedStep, which makes a WideStep for a number too far or too long for that.
 */
export class LocatedStep extends Located implements ReferenceStep {
  declare readonly number: number;
  declare sub?: number;
  declare protected readonly form: number;

  constructor(origin: BlockOrigin, start: number, end: number, number: number, form: number) {
    super(origin, start, end);
    this.form = form;
    this.number = number;
  }

  get unit(): RefUnit {
    return REF_UNITS[this.form & UNIT_MASK];
  }

  get parenthesized(): boolean {
    return (this.form & PARENTHESIZED) !== 0;
  }

  get numerals(): 'arabic' | 'chinese' {
    return (this.form & ARABIC) !== 0 ? 'arabic' : 'chinese';
  }

  get numberStart(): number {
    return this.start + ((this.form >> NUMBER_OFFSET_SHIFT) & MAX_NUMBER_OFFSET);
  }

  get numberEnd(): number {
    return this.numberStart + (this.form >> NUMBER_LENGTH_SHIFT);
  }

  /** As when every part was a field: unit, number, parenthesized, numerals, sub, start, end, numberStart, numberEnd. */
  override toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { unit: this.unit, number: this.number, parenthesized: this.parenthesized, numerals: this.numerals };
    if (Object.prototype.hasOwnProperty.call(this, 'sub')) out.sub = this.sub;
    out.start = this.start;
    out.end = this.end;
    out.numberStart = this.numberStart;
    out.numberEnd = this.numberEnd;
    return out;
  }
}

/** A step whose number starts too far from it, or is too long, to be packed: its offsets kept as fields. */
class WideStep extends LocatedStep {
  declare private readonly relativeNumberStart: number;
  declare private readonly relativeNumberEnd: number;

  constructor(origin: BlockOrigin, start: number, end: number, number: number, form: number, numberStart: number, numberEnd: number) {
    super(origin, start, end, number, form);
    this.relativeNumberStart = numberStart;
    this.relativeNumberEnd = numberEnd;
  }

  override get numberStart(): number {
    return this.origin.start + this.relativeNumberStart;
  }

  override get numberEnd(): number {
    return this.origin.start + this.relativeNumberEnd;
  }
}

/** A step of a reference at [start, end), its number at [numberStart, numberEnd), all in block offsets. */
export function locatedStep(origin: BlockOrigin, start: number, end: number, unit: RefUnit, number: number, parenthesized: boolean, numerals: 'arabic' | 'chinese', numberStart: number, numberEnd: number): LocatedStep {
  const form = REF_UNIT_CODES.get(unit)! | (parenthesized ? PARENTHESIZED : 0) | (numerals === 'arabic' ? ARABIC : 0);
  const offset = numberStart - start;
  const length = numberEnd - numberStart;
  if (offset >= 0 && offset <= MAX_NUMBER_OFFSET && length >= 0 && length <= MAX_NUMBER_LENGTH) {
    return new LocatedStep(origin, start, end, number, form | (offset << NUMBER_OFFSET_SHIFT) | (length << NUMBER_LENGTH_SHIFT));
  }
  return new WideStep(origin, start, end, number, form, numberStart, numberEnd);
}
// form: bits 0–3 the unit, 4 brackets, 5 Arabic numerals, 6–15 the number's offset from the step, 16–29 its length.
const UNIT_MASK = 15;
const PARENTHESIZED = 16;
const ARABIC = 32;
const NUMBER_OFFSET_SHIFT = 6;
const MAX_NUMBER_OFFSET = 1023;
const NUMBER_LENGTH_SHIFT = 16;
const MAX_NUMBER_LENGTH = 0x3fff;

/**
 * An article reference: 第十三条第一款. Its text is cut from the text parsed when read (messages and reports read
 * it; the checks mostly do not), so that a paper's references hold no string each.
 */
export class LocatedReference extends Located implements ArticleReference {
  declare steps: ReferenceStep[];
  declare rangeEnd?: boolean;
  declare private readonly source: string;

  /** `source`: the text parsed, which holds the reference at [start, end). */
  constructor(origin: BlockOrigin, start: number, end: number, source: string, steps: ReferenceStep[]) {
    super(origin, start, end);
    this.source = source;
    this.steps = steps;
  }

  get text(): string {
    return this.source.slice(this.relativeStart, this.relativeEnd);
  }

  /** As when the text was a field: text, steps, rangeEnd, start, end. */
  override toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { text: this.text, steps: this.steps };
    if (Object.prototype.hasOwnProperty.call(this, 'rangeEnd')) out.rangeEnd = this.rangeEnd;
    out.start = this.start;
    out.end = this.end;
    return out;
  }
}

/** A member of a list sharing one 第 and unit (第十三、十四条): its text, 第十四条, is not written as such. */
export class LocatedListMember extends LocatedReference {
  declare private readonly written: string;

  constructor(origin: BlockOrigin, start: number, end: number, written: string, steps: ReferenceStep[]) {
    super(origin, start, end, '', steps);
    this.written = written;
  }

  override get text(): string {
    return this.written;
  }
}

export class LocatedDocNumber extends Located implements DocNumberCitation {
  declare readonly text: string;
  declare readonly parsed: ParsedDocNumber;
  declare readonly kind: 'docNumber';
  declare private relativeBracketStart: number;

  constructor(origin: BlockOrigin, start: number, end: number, text: string, bracketStart: number, parsed: ParsedDocNumber) {
    super(origin, start, end);
    this.text = text;
    this.parsed = parsed;
    this.relativeBracketStart = bracketStart;
  }

  get bracketStart(): number {
    return this.origin.start + this.relativeBracketStart;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), bracketStart: this.bracketStart };
  }
}
ofKind(LocatedDocNumber, 'docNumber');

export class LocatedTitle extends Located implements TitleCitation {
  declare readonly title: string;
  declare references: ArticleReference[];
  declare readonly kind: 'title';
  declare versionTag?: TextSpan;
  declare docNumber?: DocNumberCitation;
  declare shortName?: TextSpan;
  declare journalRole?: 'article' | 'journal';
  declare jurisdiction?: TextSpan & { foreign: boolean };
  declare standard?: boolean;

  constructor(origin: BlockOrigin, start: number, end: number, title: string, references: ArticleReference[]) {
    super(origin, start, end);
    this.title = title;
    this.references = references;
    // Every field a title may get later, set now: titles then all have one shape, and the checks' reads of them stay
    // monomorphic, where titles with a tag, a 文号, a short name or a jurisdiction would each have had their own.
    this.versionTag = undefined;
    this.docNumber = undefined;
    this.shortName = undefined;
    this.journalRole = undefined;
    this.jurisdiction = undefined;
    this.standard = undefined;
  }
}
ofKind(LocatedTitle, 'title');

/**
 * Where a journal citation's parts lie in the text parsed, in block offsets (zaiStart -1: no 载). The separator
 * needs none: it runs from the article's title to the journal's.
 */
export interface JournalParts {
  yearStart: number;
  issueStart: number;
  issueEnd: number;
  zaiStart: number;
  zaiLength: number;
}

/**
 * A journal citation. Its year, issue, separator and 载 are made when first read, from the text parsed and
 * their offsets: a paper keeps thousands of journal citations, and each part is an object and a string that
 * extraction alone never reads.
 */
export abstract class LocatedJournal extends Located implements JournalCitation {
  declare readonly title: TitleCitation;
  declare readonly journal: TitleCitation;
  declare readonly kind: 'journal';
  declare protected readonly source: string;
  declare private readonly yearStart: number;
  declare private readonly issueStart: number;
  declare private readonly issueEnd: number;
  declare private readonly zaiStart: number;
  declare private readonly zaiLength: number;
  declare private made?: { year: LocatedValue; issue: LocatedValue; separator: LocatedText; zai?: LocatedText };

  constructor(origin: BlockOrigin, start: number, end: number, title: TitleCitation, journal: TitleCitation, source: string, at: JournalParts) {
    super(origin, start, end);
    this.title = title;
    this.journal = journal;
    this.source = source;
    // The parts' offsets as fields of their own (one object fewer per citation); the separator runs from the
    // article's title to the journal's, so it needs none.
    this.yearStart = at.yearStart;
    this.issueStart = at.issueStart;
    this.issueEnd = at.issueEnd;
    this.zaiStart = at.zaiStart;
    this.zaiLength = at.zaiLength;
  }

  /**
   * The authors written before the article's title (张金平：《…》), found in the text parsed each time they are
   * read (journals.ts): the citation starts at the first when there are some.
   */
  abstract get authors(): TextSpan[];

  get year(): LocatedValue {
    return this.parts().year;
  }

  get issue(): LocatedValue {
    return this.parts().issue;
  }

  get separator(): LocatedText {
    return this.parts().separator;
  }

  get zai(): LocatedText | undefined {
    return this.parts().zai;
  }

  private parts(): NonNullable<LocatedJournal['made']> {
    if (this.made) return this.made;
    const { source, origin, yearStart, issueStart, issueEnd, zaiStart, zaiLength } = this;
    const year = source.slice(yearStart, yearStart + 4);
    const issue = source.slice(issueStart, issueEnd);
    const separatorStart = this.title.end - origin.start;
    const separatorEnd = this.journal.start - origin.start;
    this.made = {
      year: new LocatedValue(origin, yearStart, yearStart + 4, year, Number(year)),
      issue: new LocatedValue(origin, issueStart, issueEnd, issue, Number(issue)),
      separator: new LocatedText(origin, separatorStart, separatorEnd, source.slice(separatorStart, separatorEnd)),
    };
    if (zaiStart >= 0) this.made.zai = new LocatedText(origin, zaiStart, zaiStart + zaiLength, zaiLength === 2 ? '载于' : '载');
    return this.made;
  }

  /** As when the parts were fields: kind, title, journal, year, issue, separator, authors, zai, start, end. */
  override toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { kind: this.kind, title: this.title, journal: this.journal, year: this.year, issue: this.issue, separator: this.separator, authors: this.authors };
    if (this.zai) out.zai = this.zai;
    out.start = this.start;
    out.end = this.end;
    return out;
  }
}
ofKind(LocatedJournal, 'journal');

/** The authors of a journal citation that names none: shared, never written to (a citation with authors gets its own list). */
export const NO_AUTHORS = Object.freeze([]) as unknown as TextSpan[];

/**
 * A footnote mark, [^label]: it ends three characters past its label's length ([^ and ]), so only its start is
 * kept (a paper has a reference and a definition per footnote, thousands of them).
 */
abstract class LocatedFootnoteMark {
  declare readonly origin: BlockOrigin;
  declare private readonly relativeStart: number;
  declare readonly label: string;

  constructor(origin: BlockOrigin, start: number, label: string) {
    this.origin = origin;
    this.relativeStart = start;
    this.label = label;
  }

  get start(): number {
    return this.origin.start + this.relativeStart;
  }

  get end(): number {
    return this.origin.start + this.relativeStart + this.label.length + 3;
  }

  /** As Located writes it: kind, label, start, end. */
  toJSON(): Record<string, unknown> {
    return { kind: (this as { kind?: unknown }).kind, label: this.label, start: this.start, end: this.end };
  }
}

export class LocatedFootnoteRef extends LocatedFootnoteMark implements FootnoteReference {
  declare readonly kind: 'footnoteRef';
}
ofKind(LocatedFootnoteRef, 'footnoteRef');

/** A definition, [^label]: content: its content starts right after the colon. */
export class LocatedFootnoteDef extends LocatedFootnoteMark implements FootnoteDefinition {
  declare readonly kind: 'footnoteDef';
  declare private relativeContentEnd: number;

  constructor(origin: BlockOrigin, start: number, label: string, contentEnd: number) {
    super(origin, start, label);
    this.relativeContentEnd = contentEnd;
  }

  get contentStart(): number {
    return this.end + 1;
  }

  get contentEnd(): number {
    return this.origin.start + this.relativeContentEnd;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), contentStart: this.contentStart, contentEnd: this.contentEnd };
  }
}
ofKind(LocatedFootnoteDef, 'footnoteDef');

export class LocatedQuotation extends Located implements Quotation {
  declare readonly depth: number;
  constructor(origin: BlockOrigin, start: number, end: number, depth: number) {
    super(origin, start, end);
    this.depth = depth;
  }

  /** The quoted text lies just inside the marks, which are one UTF-16 unit each. */
  get innerStart(): number {
    return this.start + 1;
  }

  get innerEnd(): number {
    return this.end - 1;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), innerStart: this.innerStart, innerEnd: this.innerEnd };
  }
}

export class LocatedShortForm extends Located implements ShortForm {
  declare readonly kind: 'ibid' | 'supra';
  declare readonly footnote: string;
  declare readonly note: string;
  declare target?: number;

  constructor(origin: BlockOrigin, start: number, end: number, kind: 'ibid' | 'supra', footnote: string, note: string) {
    super(origin, start, end);
    this.kind = kind;
    this.footnote = footnote;
    this.note = note;
  }
}

export class LocatedAnaphor extends Located implements AnaphoricCitation {
  declare readonly word: string;
  declare readonly references: ArticleReference[];
  declare readonly kind: 'anaphor';

  constructor(origin: BlockOrigin, start: number, end: number, word: string, references: ArticleReference[]) {
    super(origin, start, end);
    this.word = word;
    this.references = references;
  }
}
ofKind(LocatedAnaphor, 'anaphor');

export class LocatedCaseNumber extends Located implements CaseNumber {
  declare readonly text: string;
  declare readonly kind: 'caseNumber';
  declare readonly year: string;
  declare readonly court: string;
  declare readonly caseType: string;
  declare readonly sequence: string;
  declare readonly form: 'current' | 'pre-2016';
  declare readonly problems: CaseNumberProblem[];

  constructor(origin: BlockOrigin, start: number, end: number, text: string, parts: Omit<CaseNumber, 'kind' | 'start' | 'end' | 'text'>) {
    super(origin, start, end);
    this.text = text;
    this.year = parts.year;
    this.court = parts.court;
    this.caseType = parts.caseType;
    this.sequence = parts.sequence;
    this.form = parts.form;
    this.problems = parts.problems;
  }
}
ofKind(LocatedCaseNumber, 'caseNumber');

export class LocatedSpan extends Located {}

export class LocatedPandocCitation extends Located implements PandocCitation {
  declare readonly key: string;
  declare readonly group?: LocatedSpan;
  declare readonly locator?: LocatedText;

  /** From the finder's plain citation, in block offsets. */
  constructor(origin: BlockOrigin, found: PandocCitation) {
    super(origin, found.start, found.end);
    this.key = found.key;
    if (found.group) this.group = new LocatedSpan(origin, found.group.start, found.group.end);
    if (found.locator) this.locator = new LocatedText(origin, found.locator.start, found.locator.end, found.locator.text);
  }
}
