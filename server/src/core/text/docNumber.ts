/**
 * 文号 (document numbers) in the GB/T 9704 form: 机关代字 + 〔four-digit year〕 + serial number + 号,
 * e.g. 国发〔2025〕11号. This module parses the variants papers write and renders the canonical form.
 */
import { detached } from './detach';
import { parseArabic } from './numerals';

export interface DocNumberParts {
  issuerCode: string;
  /** The year as written, before expansion: 25 for 〔25〕. */
  writtenYear: number;
  year: number;
  serial: number;
}

export type DocNumberProblem =
  | 'brackets'      // [ ] ［ ］ ( ) （ ） instead of 〔 〕
  | 'two-digit-year'
  | 'di'            // 第 before the serial number
  | 'leading-zero'
  | 'spaces';

export interface ParsedDocNumber extends DocNumberParts {
  problems: DocNumberProblem[];
  canonical: string;
}

/** Opening brackets accepted around the year, with the matching closing bracket. */
export const YEAR_BRACKETS: Record<string, string> = {
  '〔': '〕', '[': ']', '［': '］', '(': ')', '（': '）', '【': '】', '〖': '〗',
};

export function formatDocNumber(parts: { issuerCode: string; year: number; serial: number }): string {
  return `${parts.issuerCode}〔${parts.year}〕${parts.serial}号`;
}

/** Expands a two-digit year the way a reader would: 25 → 2025, 98 → 1998. */
export function expandYear(year: number, referenceYear = 2030): number {
  if (year >= 100) return year;
  const century = year + 2000 <= referenceYear ? 2000 : 1900;
  return century + year;
}

const DOC_NUMBER = /^([^\s〔\[［(（【〖]+?)\s*([〔\[［(（【〖])\s*([0-9０-９]{4}|[0-9０-９]{2})\s*([〕\]］)）】〗])\s*(第)?\s*([0-9０-９]+)\s*号$/u;

const parsedDocNumbers = new Map<string, ParsedDocNumber | undefined>();

/** Parses a complete 文号 string such as 国发[2025]11号; undefined when it is not one. Memoized: papers repeat them. */
export function parseDocNumber(text: string): ParsedDocNumber | undefined {
  if (parsedDocNumbers.has(text)) return parsedDocNumbers.get(text);
  if (parsedDocNumbers.size >= 10_000) parsedDocNumbers.clear();
  const parsed = parseDocNumberUncached(text);
  parsedDocNumbers.set(detached(text), parsed);
  return parsed;
}

function parseDocNumberUncached(text: string): ParsedDocNumber | undefined {
  const match = DOC_NUMBER.exec(text.trim());
  if (!match) return undefined;
  const [, issuerCode, open, yearText, close, di, serialText] = match;
  if (YEAR_BRACKETS[open] !== close) return undefined;
  const writtenYear = parseArabic(yearText)!;
  const serial = parseArabic(serialText)!;
  if (serial === 0) return undefined;
  const year = expandYear(writtenYear);
  const problems: DocNumberProblem[] = [];
  if (open !== '〔') problems.push('brackets');
  if (yearText.length !== 4) problems.push('two-digit-year');
  if (di) problems.push('di');
  if (/^[0０]/.test(serialText)) problems.push('leading-zero');
  if (/\s/.test(text.trim())) problems.push('spaces');
  const parts = { issuerCode, writtenYear, year, serial };
  return { ...parts, problems, canonical: formatDocNumber(parts) };
}

/** The lookup key of a 文号: its canonical form. */
export function docNumberKey(text: string): string | undefined {
  return parseDocNumber(text)?.canonical;
}
