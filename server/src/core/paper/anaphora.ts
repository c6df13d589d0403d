/**
 * Citations that name their work by pointing back: 该法第二十三条, 本法第二十七条 (in a quoted provision), 同法第五条,
 * 该条例第十条, 该办法第三条, and 该条第二款 (a 款 of the article cited last). Which work they mean is decided
 * for the whole paper (paperScope.ts); here they are only found.
 */
import type { AnaphoricCitation, TitleCitation } from './citationTypes';
import { BlockOrigin, LocatedAnaphor, NOTHING_FOUND } from './located';
import type { Exclusions } from './markdown';
import { parseReferences } from './references';
import { firstEndingAfter } from '../util/binarySearch';

/** The word and what it points back to; 本条/同条 are left out: inside a quoted provision they mean that provision. */
const ANAPHOR = /(?:该|本|同)(?:法|条例|办法|规定|决定|解释|意见|通知|细则|规则)|该条/g;

export function findAnaphora(text: string, excluded: Exclusions, titles: readonly TitleCitation[], origin: BlockOrigin): AnaphoricCitation[] {
  if (!text.includes('该') && !text.includes('本法') && !text.includes('同法')) return NOTHING_FOUND;
  const out: AnaphoricCitation[] = [];
  ANAPHOR.lastIndex = 0;
  for (let match = ANAPHOR.exec(text); match; match = ANAPHOR.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    // 应该法律…, 《…该法…》: only a word standing on its own, outside titles, code and links.
    if (excluded.contains(start) || insideTitle(titles, start)) continue;
    let p = end;
    while (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x3000) p++;
    if (text.charCodeAt(p) !== 0x7b2c /* 第 */) continue;
    const references = parseReferences(text, p, origin);
    if (references.length === 0) continue;
    const word = match[0];
    // 该条 points at an article: what follows names its 款/项, not another article.
    if (word === '该条' && references[0].steps[0].unit !== '款' && references[0].steps[0].unit !== '项') continue;
    out.push(new LocatedAnaphor(origin, start, end, word, references));
  }
  return out;
}

function insideTitle(titles: readonly TitleCitation[], offset: number): boolean {
  const next = firstEndingAfter(titles, offset);
  return next < titles.length && titles[next].start <= offset;
}
