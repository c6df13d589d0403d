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
import type {
  AnaphoricCitation, ArticleReference, CaseNumber, CaseNumberProblem, PandocCitation, DocNumberCitation, FootnoteDefinition, FootnoteReference, JournalCitation, Quotation, RefUnit, ReferenceStep, ShortForm, TextSpan, TitleCitation,
} from './citationTypes';

/** Where a block starts in the paper. Zero while the block is parsed, so the parser works in block offsets. */
export class BlockOrigin {
  constructor(public start = 0) {}
}

/** Something with a start and an end in a block. */
export class Located {
  constructor(readonly origin: BlockOrigin, protected relativeStart: number, protected relativeEnd: number) {}

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
    for (const [key, value] of Object.entries(this)) if (key !== 'origin' && !key.startsWith('relative')) out[key] = value;
    out.start = this.start;
    out.end = this.end;
    return out;
  }
}

export class LocatedText extends Located implements TextSpan {
  constructor(origin: BlockOrigin, start: number, end: number, readonly text: string) {
    super(origin, start, end);
  }
}

export class LocatedValue extends LocatedText {
  constructor(origin: BlockOrigin, start: number, end: number, text: string, readonly value: number) {
    super(origin, start, end, text);
  }
}

export class LocatedJurisdiction extends LocatedText {
  constructor(origin: BlockOrigin, start: number, end: number, text: string, readonly foreign: boolean) {
    super(origin, start, end, text);
  }
}

export class LocatedStep extends Located implements ReferenceStep {
  sub?: number;
  private relativeNumberStart: number;
  private relativeNumberEnd: number;

  constructor(
    origin: BlockOrigin, start: number, end: number, readonly unit: RefUnit, readonly number: number, readonly parenthesized: boolean,
    readonly numerals: 'arabic' | 'chinese', numberStart: number, numberEnd: number,
  ) {
    super(origin, start, end);
    this.relativeNumberStart = numberStart;
    this.relativeNumberEnd = numberEnd;
  }

  get numberStart(): number {
    return this.origin.start + this.relativeNumberStart;
  }

  get numberEnd(): number {
    return this.origin.start + this.relativeNumberEnd;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), numberStart: this.numberStart, numberEnd: this.numberEnd };
  }
}

export class LocatedReference extends Located implements ArticleReference {
  rangeEnd?: boolean;

  constructor(origin: BlockOrigin, start: number, end: number, readonly text: string, public steps: ReferenceStep[]) {
    super(origin, start, end);
  }
}

export class LocatedDocNumber extends Located implements DocNumberCitation {
  readonly kind = 'docNumber';
  private relativeBracketStart: number;

  constructor(origin: BlockOrigin, start: number, end: number, readonly text: string, bracketStart: number, readonly parsed: ParsedDocNumber) {
    super(origin, start, end);
    this.relativeBracketStart = bracketStart;
  }

  get bracketStart(): number {
    return this.origin.start + this.relativeBracketStart;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), bracketStart: this.bracketStart };
  }
}

export class LocatedTitle extends Located implements TitleCitation {
  readonly kind = 'title';
  versionTag?: TextSpan;
  docNumber?: DocNumberCitation;
  shortName?: TextSpan;
  journalRole?: 'article' | 'journal';
  jurisdiction?: TextSpan & { foreign: boolean };
  standard?: boolean;

  constructor(origin: BlockOrigin, start: number, end: number, readonly title: string, public references: ArticleReference[]) {
    super(origin, start, end);
  }
}

export class LocatedJournal extends Located implements JournalCitation {
  readonly kind = 'journal';
  authors: TextSpan[] = [];
  zai?: TextSpan;

  constructor(
    origin: BlockOrigin, start: number, end: number, readonly title: TitleCitation, readonly journal: TitleCitation,
    readonly year: TextSpan & { value: number }, readonly issue: TextSpan & { value: number }, readonly separator: TextSpan,
  ) {
    super(origin, start, end);
  }
}

export class LocatedFootnoteRef extends Located implements FootnoteReference {
  readonly kind = 'footnoteRef';

  constructor(origin: BlockOrigin, start: number, end: number, readonly label: string) {
    super(origin, start, end);
  }
}

export class LocatedFootnoteDef extends Located implements FootnoteDefinition {
  readonly kind = 'footnoteDef';
  private relativeContentStart: number;
  private relativeContentEnd: number;

  constructor(origin: BlockOrigin, start: number, end: number, readonly label: string, contentStart: number, contentEnd: number) {
    super(origin, start, end);
    this.relativeContentStart = contentStart;
    this.relativeContentEnd = contentEnd;
  }

  get contentStart(): number {
    return this.origin.start + this.relativeContentStart;
  }

  get contentEnd(): number {
    return this.origin.start + this.relativeContentEnd;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), contentStart: this.contentStart, contentEnd: this.contentEnd };
  }
}

export class LocatedQuotation extends Located implements Quotation {
  constructor(origin: BlockOrigin, start: number, end: number, readonly depth: number) {
    super(origin, start, end);
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
  target?: number;

  constructor(origin: BlockOrigin, start: number, end: number, readonly kind: 'ibid' | 'supra', readonly footnote: string, readonly note: string) {
    super(origin, start, end);
  }
}

export class LocatedAnaphor extends Located implements AnaphoricCitation {
  readonly kind = 'anaphor';

  constructor(origin: BlockOrigin, start: number, end: number, readonly word: string, readonly references: ArticleReference[]) {
    super(origin, start, end);
  }
}

export class LocatedCaseNumber extends Located implements CaseNumber {
  readonly kind = 'caseNumber';
  readonly year: string;
  readonly court: string;
  readonly caseType: string;
  readonly sequence: string;
  readonly form: 'current' | 'pre-2016';
  readonly problems: CaseNumberProblem[];

  constructor(origin: BlockOrigin, start: number, end: number, readonly text: string, parts: Omit<CaseNumber, 'kind' | 'start' | 'end' | 'text'>) {
    super(origin, start, end);
    this.year = parts.year;
    this.court = parts.court;
    this.caseType = parts.caseType;
    this.sequence = parts.sequence;
    this.form = parts.form;
    this.problems = parts.problems;
  }
}

export class LocatedSpan extends Located {}

export class LocatedPandocCitation extends Located implements PandocCitation {
  readonly key: string;
  readonly group?: LocatedSpan;
  readonly locator?: LocatedText;

  /** From the finder's plain citation, in block offsets. */
  constructor(origin: BlockOrigin, found: PandocCitation) {
    super(origin, found.start, found.end);
    this.key = found.key;
    if (found.group) this.group = new LocatedSpan(origin, found.group.start, found.group.end);
    if (found.locator) this.locator = new LocatedText(origin, found.locator.start, found.locator.end, found.locator.text);
  }
}
