/**
 * House styles: how a citation is written. 《法学引注手册》 is the default; 《法学研究》 forbids 载 before the
 * journal; 《中国法学》 requires it. Styles also decide the numerals of article references and whether a
 * policy document's 文号 follows its title on first mention.
 */
import type { BibRecord, CorpusDocument } from '../corpus/model';
import { toChineseNumeral } from './numerals';
import { formatLiteratureReference } from './references';

export type StyleName = '法学引注手册' | '法学研究' | '中国法学';

export interface HouseStyle {
  name: StyleName;
  /** 载 before the journal title: required, forbidden. */
  zai: 'required' | 'forbidden';
  /** Numerals in article references: 第17条 (arabic) or 第十七条 (chinese). */
  articleNumerals: 'arabic' | 'chinese';
  /** 《…意见》（国发〔2025〕11号） on the first mention of a document that has a 文号. */
  docNumberOnFirstMention: boolean;
}

export const HOUSE_STYLES: Record<StyleName, HouseStyle> = {
  法学引注手册: { name: '法学引注手册', zai: 'required', articleNumerals: 'arabic', docNumberOnFirstMention: true },
  法学研究: { name: '法学研究', zai: 'forbidden', articleNumerals: 'chinese', docNumberOnFirstMention: true },
  中国法学: { name: '中国法学', zai: 'required', articleNumerals: 'chinese', docNumberOnFirstMention: true },
};

/** The known styles by name: a setting or option is looked up here, never as a property (constructor, __proto__). */
const STYLES_BY_NAME = new Map<string, HouseStyle>(Object.values(HOUSE_STYLES).map((style) => [style.name, style]));

export const DEFAULT_STYLE_NAME: StyleName = '法学引注手册';

export function isStyleName(name: unknown): name is StyleName {
  return typeof name === 'string' && STYLES_BY_NAME.has(name);
}

/** The named style; the default one for a name that is not a known style. */
export function houseStyle(name: string | undefined): HouseStyle {
  return (name !== undefined ? STYLES_BY_NAME.get(name) : undefined) ?? HOUSE_STYLES[DEFAULT_STYLE_NAME];
}

/** 《title》, with （文号） when the style wants it on first mention. */
export function formatDocumentCitation(doc: CorpusDocument, style: HouseStyle, firstMention: boolean): string {
  const number = doc.docNumber && firstMention && style.docNumberOnFirstMention ? `（${doc.docNumber}）` : '';
  return `《${doc.title}》${number}`;
}

/** The full reference of a paper: 张金平：《…》，载《法学研究》2025年第4期。 */
export function formatPaperReference(record: BibRecord, style: HouseStyle): string {
  if (record.work) return formatLiteratureReference(record, record.work, style);
  if (record.volume !== undefined) {
    // English journals: author, title, journal, Vol./Issue (year).
    return `${record.authors.join(', ')}, ${record.title}, ${record.journal}, Vol. ${record.volume}, Issue ${record.issue} (${record.year}).`;
  }
  const zai = style.zai === 'required' ? '载' : '';
  return `${record.authors.join('、')}：《${record.title}》，${zai}《${record.journal}》${record.year}年第${record.issue}期。`;
}

/** 第十七条 or 第17条 as the style wants; parenthesised items keep Chinese numerals inside （）. */
export function formatArticleNumber(unit: string, n: number, style: HouseStyle, parenthesized = false): string {
  if (parenthesized) return `第（${toChineseNumeral(n)}）${unit}`;
  return style.articleNumerals === 'arabic' ? `第${n}${unit}` : `第${toChineseNumeral(n)}${unit}`;
}
