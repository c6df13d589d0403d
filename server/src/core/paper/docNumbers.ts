/** 文号 written in a paper (国发〔2025〕11号, 人社部发〔2021〕56 号), with the issuer code walked back from the bracket. */
import type { DocNumberCitation } from './citationTypes';
import { BlockOrigin, LocatedDocNumber, NOTHING_FOUND } from './located';
import type { Exclusions } from './markdown';
import { parseDocNumber } from '../text/docNumber';
import { skipInlineSpaceBack } from './characters';

/** Characters that cannot be part of an issuer code, so the walk back stops before them. */
const ISSUER_STOP = new Set([...'的是在见据照即如和及与或以由对将把了等号之于为经按向从被给让其该此文第条款项年月日期《》（）()〔〕[]［］，。、；：！？“”‘’「」 \t\n\r\u3000'].map((c) => c.charCodeAt(0)));
const INTRODUCING_VERBS = /印发|发布|下发|出台|公布|参见|依据|根据|按照|依照|详见|转发/;
const INTRODUCING_VERBS_GLOBAL = new RegExp(INTRODUCING_VERBS.source, 'g');
const MAX_ISSUER = 10;

/**
 * The bracketed year and serial number of a 文号 are what
 * /[〔\[［(（【〖][ \t\u3000]*(?:[0-9０-９]{4}|[0-9０-９]{2})[ \t\u3000]*[〕\]］)）】〗][ \t\u3000]*第?[ \t\u3000]*[0-9０-９]{1,5}[ \t\u3000]*号/
 * matches. It ends with 号 and its parts are of character classes that do not overlap, so each 号 ends at most one,
 * found by reading back from it (yearBracketStart): jumping from 号 to 号 with indexOf replaces a scan of the
 * whole text by the pattern, which irregexp runs at every character.
 */
export function findDocNumbers(text: string, excluded: Exclusions, origin: BlockOrigin): DocNumberCitation[] {
  let hao = text.indexOf('号');
  if (hao < 0) return NOTHING_FOUND;
  let out: DocNumberCitation[] | undefined;
  for (; hao >= 0; hao = text.indexOf('号', hao + 1)) {
    const bracket = yearBracketStart(text, hao);
    if (bracket < 0) continue;
    if (excluded.contains(bracket)) continue;
    let start = bracket;
    while (start > 0 && bracket - start < MAX_ISSUER && !ISSUER_STOP.has(text.charCodeAt(start - 1)) && isIssuerChar(text.charCodeAt(start - 1))) start--;
    let issuer = text.slice(start, bracket);
    // The code begins after the last verb in front of it: 人力资源社会保障部印发人社部发〔2021〕56号.
    let cut = -1;
    for (const verb of INTRODUCING_VERBS.exec(issuer) ? issuer.matchAll(INTRODUCING_VERBS_GLOBAL) : []) cut = verb.index! + verb[0].length;
    if (cut > 0 && cut < issuer.length) {
      issuer = issuer.slice(cut);
      start += cut;
    }
    if (issuer.length === 0) continue;
    const end = hao + 1;
    const written = text.slice(start, end);
    const parsed = parseDocNumber(written);
    if (!parsed) continue;
    (out ??= []).push(new LocatedDocNumber(origin, start, end, written, bracket, parsed));
  }
  return out ?? NOTHING_FOUND;
}

/**
 * Where the 文号 ending with the 号 at `hao` starts (its year's opening bracket), read backwards along YEAR_BRACKET:
 * spaces, 1–5 digits, spaces, 第?, spaces, the closing bracket, spaces, 4 or 2 digits, spaces, the opening
 * bracket; -1 when the text before the 号 is not one.
 */
function yearBracketStart(text: string, hao: number): number {
  let p = skipInlineSpaceBack(text, hao);
  const serialEnd = p;
  while (isDigit(text.charCodeAt(p - 1))) p--;
  if (p === serialEnd || serialEnd - p > 5) return -1;
  p = skipInlineSpaceBack(text, p);
  if (text.charCodeAt(p - 1) === 0x7b2c /* 第 */) p = skipInlineSpaceBack(text, p - 1);
  if (!YEAR_CLOSERS.has(text.charCodeAt(p - 1))) return -1;
  p = skipInlineSpaceBack(text, p - 1);
  const yearEnd = p;
  while (isDigit(text.charCodeAt(p - 1))) p--;
  if (yearEnd - p !== 4 && yearEnd - p !== 2) return -1;
  p = skipInlineSpaceBack(text, p);
  return YEAR_OPENERS.has(text.charCodeAt(p - 1)) ? p - 1 : -1;
}
const YEAR_OPENERS = new Set([...'〔[［(（【〖'].map((c) => c.charCodeAt(0)));
const YEAR_CLOSERS = new Set([...'〕]］)）】〗'].map((c) => c.charCodeAt(0)));

/** [0-9０-９] */
function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

function isIssuerChar(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}
