/**
 * Footnotes for the works of the user's bibliography, in the house style (《法学引注手册》 and the journals'):
 *   journal paper   张金平：《题名》，载《法学研究》2025年第4期，第N页。
 *   book            王泽鉴：《民法总则》，北京大学出版社2009年版，第N页。
 *   集刊 chapter     作者：《题名》，载张三主编：《集刊》（第5辑），法律出版社2020年版，第N页。
 *   translated work [美]罗纳德·德沃金：《法律帝国》，李常青译，中国大百科全书出版社1996年版，第N页。
 * and Western works the way Chinese law journals print them (Author, Title, Journal, Vol. 1, Issue 2 (2020), p. N.).
 */
import type { BibRecord, LiteratureWork } from '../corpus/model';

const CJK = /[\u3400-\u9fff]/;

/** What of the house style a reference needs (styles.ts's HouseStyle has it). */
export interface ReferenceStyle {
  zai: 'required' | 'forbidden';
}

/**
 * The footnote of a record with a work, ending in 。 (or .). With `page`, the cited page goes where the style
 * puts it (第{page}页 / p. {page}); without, the footnote names no page.
 */
export function formatLiteratureReference(record: BibRecord, work: LiteratureWork, style: ReferenceStyle, page?: string): string {
  return CJK.test(record.title) ? chinese(record, work, style, page) : western(record, work, page);
}

function chinese(record: BibRecord, work: LiteratureWork, style: ReferenceStyle, page: string | undefined): string {
  const zai = style.zai === 'required' ? '载' : '';
  const names = (list: string[]) => list.join('、');
  const creators = record.authors.length > 0
    ? `${work.nationality ? `[${work.nationality}]` : ''}${names(record.authors)}`
    : work.editors.length > 0 && work.type !== 'chapter' ? `${names(work.editors)}主编` : '';
  const edition = work.edition ? `（${/^\d+$/.test(work.edition) ? `第${work.edition}版` : work.edition}）` : '';
  const parts = [`${creators ? `${creators}：` : ''}《${record.title}》${edition}`];
  if (work.translators.length > 0) parts.push(`${names(work.translators)}译`);
  const year = record.year > 0 ? `${record.year}年` : '';
  const imprint = `${work.publisher ?? ''}${year}${year ? '版' : ''}`;
  switch (work.type) {
    case 'article':
      parts.push(`${zai}《${record.journal}》${year}${record.issue !== undefined ? `第${record.issue}期` : ''}`);
      break;
    case 'chapter': {
      const editors = work.editors.length > 0 ? `${names(work.editors)}主编：` : '';
      const volume = work.containerVolume ? `（${/^\d+$/.test(work.containerVolume) ? `第${work.containerVolume}辑` : work.containerVolume}）` : '';
      parts.push(`${zai}${editors}《${work.container ?? ''}》${volume}`);
      if (imprint) parts.push(imprint);
      break;
    }
    case 'thesis':
      parts.push(`${work.publisher ?? ''}${year}学位论文`);
      break;
    default:
      if (imprint) parts.push(imprint);
  }
  if (page !== undefined) parts.push(`第${page}页`);
  return `${parts.join('，')}。`;
}

function western(record: BibRecord, work: LiteratureWork, page: string | undefined): string {
  const parts = [record.authors.join(', '), record.title].filter(Boolean);
  if (work.translators.length > 0) parts.push(`translated by ${work.translators.join(', ')}`);
  const year = record.year > 0 ? String(record.year) : '';
  switch (work.type) {
    case 'article': {
      const volume = record.volume !== undefined ? `Vol. ${record.volume}` : '';
      const issue = record.issue !== undefined ? `Issue ${record.issue}` : '';
      parts.push([record.journal, volume, issue].filter(Boolean).join(', ') + (year ? ` (${year})` : ''));
      break;
    }
    case 'chapter':
      parts.push(`in ${work.editors.length > 0 ? `${work.editors.join(', ')} (ed.), ` : ''}${work.container ?? ''}`);
      parts.push(...[work.publisher, year].filter((p): p is string => !!p));
      break;
    default:
      parts.push(...[work.publisher, year].filter((p): p is string => !!p));
  }
  if (page !== undefined) parts.push(`p. ${page}`);
  return `${parts.join(', ')}.`;
}

/** Where a record appeared, in one line: 《法学研究》2025年第4期 / 北京大学出版社2009年版 / Harvard Law Review, Vol. 4 (1890). */
export function literatureVenue(record: BibRecord, work: LiteratureWork, style: ReferenceStyle): string {
  const full = formatLiteratureReference(record, work, style);
  const afterTitle = full.indexOf(CJK.test(record.title) ? `《${record.title}》` : record.title) + record.title.length + (CJK.test(record.title) ? 2 : 0);
  return full.slice(afterTitle).replace(/^[，,]\s*/, '').replace(/[。.]$/, '');
}

/** Text for a snippet (LSP insertTextFormat 2): $, } and \ are literal. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** The footnote as a completion snippet whose page number is the one tab stop. */
export function literatureSnippet(record: BibRecord, work: LiteratureWork, style: ReferenceStyle): string {
  const marker = '\u0000PAGE\u0000';
  return escapeSnippet(formatLiteratureReference(record, work, style, marker)).replace(marker, '${1}');
}
