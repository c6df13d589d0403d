/** 文号 written in a paper (国发〔2025〕11号, 人社部发〔2021〕56 号), with the issuer code walked back from the bracket. */
import type { DocNumberCitation } from './citationTypes';
import { BlockOrigin, LocatedDocNumber, NOTHING_FOUND } from './located';
import type { Exclusions } from './markdown';
import { parseDocNumber } from '../text/docNumber';

const YEAR_BRACKET = /[〔\[［(（【〖][ \t\u3000]*(?:[0-9０-９]{4}|[0-9０-９]{2})[ \t\u3000]*[〕\]］)）】〗][ \t\u3000]*第?[ \t\u3000]*[0-9０-９]{1,5}[ \t\u3000]*号/g;
/** Characters that cannot be part of an issuer code, so the walk back stops before them. */
const ISSUER_STOP = new Set([...'的是在见据照即如和及与或以由对将把了等号之于为经按向从被给让其该此文第条款项年月日期《》（）()〔〕[]［］，。、；：！？“”‘’「」 \t\n\r\u3000'].map((c) => c.charCodeAt(0)));
const INTRODUCING_VERBS = /印发|发布|下发|出台|公布|参见|依据|根据|按照|依照|详见|转发/;
const INTRODUCING_VERBS_GLOBAL = new RegExp(INTRODUCING_VERBS.source, 'g');
const MAX_ISSUER = 10;
/** What YEAR_BRACKET opens with (a constant: a pattern literal in the function would be a new object per paragraph). */
const YEAR_BRACKET_OPENER = /[〔\[［(（【〖]/;

export function findDocNumbers(text: string, excluded: Exclusions, origin: BlockOrigin): DocNumberCitation[] {
  if (!YEAR_BRACKET_OPENER.test(text)) return NOTHING_FOUND;
  const out: DocNumberCitation[] = [];
  YEAR_BRACKET.lastIndex = 0;
  for (let match = YEAR_BRACKET.exec(text); match; match = YEAR_BRACKET.exec(text)) {
    const bracket = match.index;
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
    const end = bracket + match[0].length;
    const written = text.slice(start, end);
    const parsed = parseDocNumber(written);
    if (!parsed) continue;
    out.push(new LocatedDocNumber(origin, start, end, written, bracket, parsed));
  }
  return out;
}

function isIssuerChar(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}
