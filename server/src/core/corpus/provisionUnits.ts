/**
 * The units a quotation is looked for in: a statute's articles, or a policy document's top-level numbered units,
 * each with the text of its descendants, normalised for matching (normalizeForMatch: no spaces, punctuation or
 * labels), and the way back from a place in that text to the provision it falls in and its address
 * (第五十六条第二款第（三）项).
 */
import type { Provision, UnitKind } from './model';
import { normalizeForMatch } from '../text/normalize';
import { toChineseNumeral } from '../text/numerals';

/** Kinds that only group units (chapters, headings): never a unit, never part of one. */
const GROUPING = new Set<UnitKind>(['division', 'heading', 'caption']);

export interface UnitPart {
  /** Provision index. */
  index: number;
  /** Where its own text starts in the unit's text, and where its subtree's text ends. */
  start: number;
  end: number;
  /** 0 for the unit itself, 1 for its children, … */
  depth: number;
}

export interface ProvisionUnit {
  index: number;
  text: string;
  parts: UnitPart[];
}

/** Indices of the units of a document, in order: provisions grouped by nothing but divisions and headings. */
export function unitIndices(provisions: readonly Provision[]): number[] {
  const units: number[] = [];
  for (let i = 0; i < provisions.length; i++) {
    const p = provisions[i];
    if (GROUPING.has(p.kind)) continue;
    if (p.parent < 0 || GROUPING.has(provisions[p.parent].kind)) units.push(i);
  }
  return units;
}

/** The text a quotation of a provision holds: its caption when it is not the text's start, and its text. */
export function ownText(p: Provision): string {
  return p.caption && !p.text.startsWith(p.caption) ? p.caption + p.text : p.text;
}

/** The end (exclusive) of a provision's subtree: descendants follow their ancestor in document order. */
export function subtreeEnd(provisions: readonly Provision[], index: number): number {
  let j = index + 1;
  for (; j < provisions.length; j++) {
    let parent = provisions[j].parent;
    while (parent > index) parent = provisions[parent].parent;
    if (parent !== index) break;
  }
  return j;
}

/** One unit's normalised text with its parts; `normalize` is normalizeForMatch unless the caller has a faster one. */
export function provisionUnit(provisions: readonly Provision[], index: number, normalize: (text: string) => string = normalizeForMatch): ProvisionUnit {
  const end = subtreeEnd(provisions, index);
  const parts: UnitPart[] = [];
  const depthOf = new Map<number, number>([[index, 0]]);
  let text = '';
  for (let i = index; i < end; i++) {
    const depth = i === index ? 0 : (depthOf.get(provisions[i].parent) ?? 0) + 1;
    depthOf.set(i, depth);
    parts.push({ index: i, start: text.length, end: 0, depth });
    text += normalize(ownText(provisions[i]));
  }
  // A part's subtree ends where the next part at its depth or above starts.
  for (let k = 0; k < parts.length; k++) {
    let next = k + 1;
    while (next < parts.length && parts[next].depth > parts[k].depth) next++;
    parts[k].end = next < parts.length ? parts[next].start : text.length;
  }
  return { index, text, parts };
}

/** Where every segment occurs, in order, in the text: [start of the first, end of the last], or undefined. */
export function segmentsIn(text: string, segments: readonly string[]): [number, number] | undefined {
  let from = 0;
  let first = -1;
  for (const segment of segments) {
    const at = text.indexOf(segment, from);
    if (at < 0) return undefined;
    if (first < 0) first = at;
    from = at + segment.length;
  }
  return first < 0 ? undefined : [first, from];
}

/** The finest provision of the unit whose text holds [from, to): the unit, or a 款, 项 or 目 within which the passage lies. */
export function innermostPart(unit: ProvisionUnit, from: number, to: number): number {
  let chosen = unit.parts[0];
  for (const part of unit.parts) {
    if (part.depth <= chosen.depth || part.start > from || part.end < to || part.end === part.start) continue;
    chosen = part;
  }
  return chosen.index;
}

export type NumeralStyle = 'chinese' | 'arabic';

/**
 * How a paper cites the provision: 第五十六条第二款第（三）项, or 第56条第2款第（三）项 in a paper that writes numbers in
 * Arabic numerals; the 款 of an article of one paragraph is left out (第十三条第（一）项), as papers cite it.
 * Undefined for a provision a statute address cannot name (a policy document's unit).
 */
export function statuteAddress(provisions: readonly Provision[], index: number, style: NumeralStyle = 'chinese'): string | undefined {
  const chain: Provision[] = [];
  // Up to the article: what holds it (a 修正 text's preamble, a chapter) is not part of its address.
  for (let i = index; i >= 0 && !GROUPING.has(provisions[i].kind); i = provisions[i].parent) {
    const p = provisions[i];
    if (p.kind === 'clause' && !provisions.some((q) => q !== p && q.parent === p.parent && q.kind === 'clause')) continue;
    chain.unshift(p);
    if (p.kind === 'article') break;
  }
  if (chain.length === 0 || chain[0].kind !== 'article') return undefined;
  const numeral = (n: number | undefined) => (n === undefined ? '' : style === 'arabic' ? String(n) : toChineseNumeral(n));
  let address = '';
  for (const p of chain) {
    switch (p.kind) {
      case 'article':
        if (p.number === undefined) return undefined;
        address += `第${numeral(p.number)}条${p.sub ? `之${toChineseNumeral(p.sub)}` : ''}`;
        break;
      case 'clause': address += `第${numeral(p.number)}款`; break;
      case 'subitem': address += `第${p.label}项`; break;
      case 'target': address += `第${numeral(p.number)}目`; break;
      default: return undefined;
    }
  }
  return address;
}
