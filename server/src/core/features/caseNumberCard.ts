/**
 * The hover card of a case number (案号): its parts and what they mean, and that LexCite cannot verify it.
 */
import type { CaseNumber } from '../paper/caseNumbers';
import { PROVINCE_CODES, caseTypeMeaning } from '../paper/caseNumbers';
import { markdownMessage as t } from '../text/escape';
import { Locale, t as plain } from '../text/messages';

export function caseNumberCard(number: CaseNumber, locale: Locale): string {
  const court = courtMeaning(number, locale);
  const type = number.form === 'current' ? caseTypeMeaning(number.caseType) : undefined;
  const parts = t(locale, 'hover.casenumber.parts', {
    year: number.year, court: number.court || '—', courtMeaning: court ? `（${court}）` : '', type: number.caseType, typeMeaning: type ? `（${type}）` : '',
    sequence: number.sequence,
  });
  const form = number.form === 'pre-2016' ? `\n\n${t(locale, 'hover.casenumber.old-form')}` : '';
  return `${t(locale, 'hover.casenumber', { written: number.text })}\n\n${parts}${form}`;
}

/** 沪01: an intermediate or special court of 上海; 最高法: the Supreme People's Court. */
function courtMeaning(number: CaseNumber, locale: Locale): string | undefined {
  if (number.form !== 'current') return undefined;
  if (number.court === '最高法') return plain(locale, 'casenumber.court.supreme');
  const province = PROVINCE_CODES.get(number.court.slice(0, 1));
  if (!province) return undefined;
  const digits = number.court.slice(1);
  if (digits.length === 0) return plain(locale, 'casenumber.court.high', { province });
  if (digits.length === 2) return plain(locale, 'casenumber.court.intermediate', { province });
  if (digits.length === 4) return plain(locale, 'casenumber.court.basic', { province });
  return undefined;
}
