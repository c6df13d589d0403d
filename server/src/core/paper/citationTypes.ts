/**
 * What the parser finds in a paper. Offsets are UTF-16 string indices into the paper (LSP character offsets);
 * the parser's objects keep them relative to their block and read them through `start`/`end` (located.ts).
 */
import type { ParsedDocNumber } from '../text/docNumber';
import type { Exclusions } from './markdown';

/** The lists of a parse that hold citations (and the like), each in the order of their start. */
export const CITATION_LISTS = ['titles', 'docNumbers', 'journals', 'footnoteRefs', 'footnoteDefs', 'quotations', 'shortForms', 'anaphora', 'caseNumbers', 'pandocCitations'] as const;
export type CitationListName = (typeof CITATION_LISTS)[number];

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export const REF_UNITS = ['条', '款', '项', '目', '点', '部分', '段', '章', '节', '编', '附件'] as const;
export type RefUnit = typeof REF_UNITS[number];
/** Each unit's place in REF_UNITS: a small number that stands for it where steps are packed into numbers. */
export const REF_UNIT_CODES: ReadonlyMap<string, number> = new Map(REF_UNITS.map((unit, i) => [unit, i]));

export interface ReferenceStep {
  unit: RefUnit;
  number: number;
  /** 之一 → 1. */
  sub?: number;
  /** Written with brackets: 第（三）项, （三）. */
  parenthesized: boolean;
  numerals: 'arabic' | 'chinese';
  /** Offsets of the step in the text; absent for steps inherited from the previous reference. */
  start?: number;
  end?: number;
  /** Offsets of the number itself, for numeral-style fixes. */
  numberStart?: number;
  numberEnd?: number;
}

export interface ArticleReference {
  start: number;
  end: number;
  text: string;
  steps: ReferenceStep[];
  /** The second end of a range: 第二十一条至第二十五条. */
  rangeEnd?: boolean;
}

export interface DocNumberCitation {
  kind: 'docNumber';
  start: number;
  end: number;
  text: string;
  /** Offset where the bracketed year begins: a fix rewrites from here to the end, never the issuer code. */
  bracketStart: number;
  parsed: ParsedDocNumber;
}

export interface TitleCitation {
  kind: 'title';
  /** Offsets of 《…》 including the brackets. */
  start: number;
  end: number;
  /** The title as written, without 《》; line breaks and spaces removed. */
  title: string;
  versionTag?: TextSpan;
  docNumber?: DocNumberCitation;
  /** （以下简称《X》）: the short name defined here. */
  shortName?: TextSpan;
  references: ArticleReference[];
  /** Set when the title is the article or journal part of a journal citation. */
  journalRole?: 'article' | 'journal';
  /**
   * The jurisdiction written in front (韩国《…》, 日本的《…》, 欧盟《A》、《B》 for both): a foreign one means a
   * foreign act, never the PRC law of the same name; 我国/中国 mean the PRC law.
   */
  jurisdiction?: TextSpan & { foreign: boolean };
  /** A national standard: a GB/GB/T/GB/Z number beside it, or a title opening with a 技术 domain and a space. */
  standard?: boolean;
}

/** 该法第二十三条, 本法第二十七条, 该条第二款: a citation whose work is the one cited before it (paperScope.ts). */
export interface AnaphoricCitation {
  kind: 'anaphor';
  /** Offsets of the word: 该法, 本法, 同法, 该条例, 该条… */
  start: number;
  end: number;
  word: string;
  references: ArticleReference[];
}

export interface JournalCitation {
  kind: 'journal';
  start: number;
  end: number;
  authors: TextSpan[];
  title: TitleCitation;
  journal: TitleCitation;
  /** The 载 between title and journal, when written. */
  zai?: TextSpan;
  year: TextSpan & { value: number };
  issue: TextSpan & { value: number };
  /** Text between the article title and the journal: "，载", "，", "。载". */
  separator: TextSpan;
}

export interface FootnoteReference {
  kind: 'footnoteRef';
  start: number;
  end: number;
  label: string;
}

export interface FootnoteDefinition {
  kind: 'footnoteDef';
  start: number;
  end: number;
  label: string;
  /** The definition's content: from after "]:" to the end of its paragraph. */
  contentStart: number;
  contentEnd: number;
}

export interface ParsedPaper {
  text: string;
  titles: TitleCitation[];
  docNumbers: DocNumberCitation[];
  journals: JournalCitation[];
  footnoteRefs: FootnoteReference[];
  footnoteDefs: FootnoteDefinition[];
  /** Footnote labels in the order readers see their numbers: by first reference, then unreferenced ones. */
  footnoteOrder: string[];
  quotations: Quotation[];
  shortForms: ShortForm[];
  /** 该法第N条 and the like, in order. */
  anaphora: AnaphoricCitation[];
  caseNumbers: CaseNumber[];
  /** Pandoc citations ([@key], [@key, 第12页], @key); absent when the paper has none. */
  pandocCitations?: PandocCitation[];
  excluded: Exclusions;
}

export interface Quotation {
  /** Offsets including the quotation marks. */
  start: number;
  end: number;
  /** Offsets of the quoted text. */
  innerStart: number;
  innerEnd: number;
  depth: number;
}

export interface ShortForm {
  kind: 'ibid' | 'supra';
  start: number;
  end: number;
  /** Footnote number for 同前注〔n〕. */
  target?: number;
  /** The footnote definition the short form sits in. */
  footnote: string;
  /** Text after the short form up to the end of its sentence: the author or work it names, pages. */
  note: string;
}

export interface CaseNumber {
  kind: 'caseNumber';
  start: number;
  end: number;
  text: string;
  /** The year as written (four characters; may be a placeholder such as 20XX). */
  year: string;
  /** 沪01, 最高法, 京0101; in the pre-2016 form the court's short name (一中). */
  court: string;
  /** 民终, 知民终, 执; in the pre-2016 form what stands before 字第 after the court (民初). */
  caseType: string;
  /** The sequence number as written. */
  sequence: string;
  /** Pre-2016 numbers carry 字第 and a free-form court abbreviation. */
  form: 'current' | 'pre-2016';
  /** What is wrong with it, most certain first. */
  problems: CaseNumberProblem[];
}

export type CaseNumberProblem =
  /** A part is a placeholder: XXX, ××, 某, 12345, 0001. */
  | { kind: 'placeholder'; part: 'year' | 'court' | 'sequence' }
  /** The sequence number has leading zeros: case numbers never do. */
  | { kind: 'leading-zero' }
  /** The court code's digits are neither none, two nor four. */
  | { kind: 'court-digits' }
  /** The court code does not begin with 最高法 or a province's abbreviation (may be a court this table lacks). */
  | { kind: 'court-unknown' }
  /** A case-type code not in the standard (the table may lack a rare one). */
  | { kind: 'type-unknown' }
  /** The year is before the People's courts existed. */
  | { kind: 'year-implausible' };

export interface PandocCitation {
  /** Offsets of `@key` (or `@{key}`), the @ included. */
  start: number;
  end: number;
  key: string;
  /** The bracketed group the citation is in: [see @a; @b]. Absent for in-text citations. */
  group?: { start: number; end: number };
  /** What follows the key up to ; or ]: the locator (第12页, p. 33), trimmed, with its offsets. */
  locator?: { start: number; end: number; text: string };
}
