/**
 * Markdown cards describing corpus entries, shared by hover, completion documentation and workspace symbols:
 * a document (title, kind, issuer, 文号, date, 原载, opening), a provision (address and full text), a
 * bibliographic record (reference and summary), and a cited-only instrument (where the bulletin cites it).
 */
import { fullProvisionText } from '../corpus/addressing';
import type { Corpus, CorpusItem } from '../corpus/corpus';
import type { Locale } from '../text/messages';
import type { BibRecord, CitedInstrument, CorpusDocument } from '../corpus/model';
import { escapeMarkdown as escape } from '../text/escape';
import { literatureCard } from './literatureCard';
import { literatureVenue } from '../text/references';
import { HOUSE_STYLES } from '../text/styles';

const KIND_ZH: Record<string, string> = {
  'national-policy': '国务院文件', 'local-measure': '地方规范性文件', notice: '通知', news: '新闻', commentary: '专家解读',
  'event-report': '活动报道', paper: '论文', essay: '文章', report: '研究报告', statute: '法律法规', record: '期刊论文', law: '法律',
  regulation: '法规规章', policy: '政策文件', 'foreign-law': '域外法', journal: '期刊', standard: '标准', book: '著作', other: '其他',
};
const KIND_EN: Record<string, string> = {
  'national-policy': 'State Council document', 'local-measure': 'local measure', notice: 'notice', news: 'news', commentary: 'expert commentary',
  'event-report': 'event report', paper: 'paper', essay: 'essay', report: 'report', statute: 'statute', record: 'journal paper', law: 'law',
  regulation: 'regulation', policy: 'policy document', 'foreign-law': 'foreign law', journal: 'journal', standard: 'standard', book: 'book', other: 'other',
};

/** The name of a kind of entry (DocumentKind, 'record', an instrument's kind) in the locale; unknown kinds as they are. */
export function kindLabel(kind: string, locale: Locale): string {
  const labels = locale === 'en' ? KIND_EN : KIND_ZH;
  return Object.hasOwn(labels, kind) ? labels[kind] : kind;
}

const OPENING_LENGTH = 160;

/** Markdown facts joined by · ; every part is data, so each is escaped. */
function factsLine(parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.length > 0).map(escape).join(' · ');
}

/** Kind, issuers, authors, date, version and source as one Markdown line (escaped). */
export function documentFacts(doc: CorpusDocument, locale: Locale): string {
  const zh = locale !== 'en';
  return factsLine([
    kindLabel(doc.kind, locale),
    doc.issuers.length ? doc.issuers.join('、') : undefined,
    doc.authors.length ? doc.authors.map((a) => a.name).join('、') : undefined,
    doc.date,
    doc.versionLabel,
    doc.source ? (zh ? `原载：${doc.source}` : `source: ${doc.source}`) : undefined,
  ]);
}

/** The opening words of a document's text, for previews. */
export function openingOf(doc: CorpusDocument, length = OPENING_LENGTH): string {
  let text = '';
  for (const p of doc.provisions) {
    const piece = (p.caption && !p.text.startsWith(p.caption) ? p.caption + ' ' : '') + p.text;
    text += (text ? ' ' : '') + (p.label ? p.label : '') + piece;
    if (text.length >= length) break;
  }
  return text.length > length ? text.slice(0, length) + '……' : text;
}

export function documentCard(doc: CorpusDocument, locale: Locale): string {
  const number = doc.docNumber ? `（${escape(doc.docNumber)}）` : '';
  const lines = [`**《${escape(doc.title)}》**${number}`, '', documentFacts(doc, locale)];
  if (doc.issuedBy) lines.push('', locale === 'en' ? `Issued with its notice, whose 文号 it carries.` : '随通知印发，文号同该通知。');
  const opening = openingOf(doc);
  if (opening) lines.push('', `> ${escape(opening)}`);
  return lines.join('\n');
}

export function provisionCard(corpus: Corpus, doc: CorpusDocument, index: number, paragraph: number | undefined, locale: Locale): string {
  const addressing = corpus.addressing(doc);
  const provision = doc.provisions[index];
  const address = addressing.addressOf(index) + (paragraph ? (locale === 'en' ? ` ¶${paragraph}` : `第${paragraph}段`) : '');
  const text = paragraph ? provision.text.split('\n')[paragraph - 1] : fullProvisionText(addressing, index);
  const lines = [`**《${escape(doc.title)}》${escape(address)}**`, '', ...text.split('\n').map((l) => escape(l)).join('\n\n').split('\n')];
  lines.push('', factsLine([kindLabel(doc.kind, locale), doc.docNumber, doc.date, doc.versionLabel]));
  return lines.join('\n');
}

export function recordCard(record: BibRecord, locale: Locale): string {
  if (record.work) return literatureCard(record, record.work, locale);
  const venue = record.volume !== undefined
    ? `${record.journal}, Vol. ${String(record.volume)}, Issue ${String(record.issue)} (${String(record.year)})`
    : `《${record.journal}》${String(record.year)}年第${String(record.issue)}期`;
  const lines = [`**${escape(record.authors.join('、'))}：《${escape(record.title)}》**`, '', escape(venue)];
  if (record.category) lines.push('', `研究动态 · ${escape(record.category)}`);
  if (record.summary) lines.push('', `> ${escape(record.summary.length > 400 ? record.summary.slice(0, 400) + '……' : record.summary)}`);
  if (record.fullText) lines.push('', locale === 'en' ? 'The bulletin reprints the full text (数字法评).' : '月报“数字法评”栏目转载全文。');
  return lines.join('\n');
}

export function instrumentCard(corpus: Corpus, instrument: CitedInstrument, locale: Locale): string {
  const zh = locale !== 'en';
  const where = instrument.jurisdictions.length ? `，${escape(instrument.jurisdictions.join('、'))}` : '';
  const lines = [`**《${escape(instrument.title)}》**（${escape(kindLabel(instrument.kind, locale))}${where}）`, ''];
  lines.push(zh ? '索引未收录其正文，无法核对条文。' : 'Its text is not indexed, so provisions cannot be checked.');
  if (instrument.variants.length) lines.push('', (zh ? '其他写法：' : 'Also written: ') + instrument.variants.map((v) => `《${escape(v)}》`).join('、'));
  if (instrument.aliases.length) lines.push('', (zh ? '简称：' : 'Short names: ') + instrument.aliases.map((a) => `《${escape(a.text)}》`).join('、'));
  const citing = new Map<string, number>();
  for (const site of instrument.sites) citing.set(site.in ?? site.file, (citing.get(site.in ?? site.file) ?? 0) + 1);
  const sources = [...citing.entries()].slice(0, 6).map(([id, count]) => {
    const title = corpus.document(id)?.title ?? corpus.record(id)?.title ?? id;
    return `《${escape(title)}》${count > 1 ? ` ×${count}` : ''}`;
  });
  lines.push('', (zh ? `月报引用 ${instrument.sites.length} 处：` : `Cited ${instrument.sites.length} times in the bulletin: `) + sources.join('、'));
  return lines.join('\n');
}

/** One line of facts for a list of entries (completion, search): kind · 文号 · date, or authors · journal year. */
export function itemDetail(item: CorpusItem, locale: Locale): string {
  switch (item.type) {
    case 'document': return [kindLabel(item.item.kind, locale), item.item.docNumber, item.item.date].filter(Boolean).join(' · ');
    case 'record': return `${item.item.authors.join('、')} · ${item.item.work ? literatureVenue(item.item, item.item.work, HOUSE_STYLES['法学引注手册']) : `${item.item.journal} ${item.item.year}`}`;
    default: return kindLabel(item.item.kind, locale) + (item.item.jurisdictions.length ? ` · ${item.item.jurisdictions.join('、')}` : '');
  }
}

const PREVIEW_LINE_LENGTH = 120;

/** One line of plain text (not Markdown) previewing an entry: a document's opening words, a paper's summary. */
export function itemPreviewLine(item: CorpusItem, locale: Locale): string {
  let line: string;
  switch (item.type) {
    case 'document': line = openingOf(item.item) || documentFacts(item.item, locale); break;
    case 'record': line = item.item.summary || `${item.item.journal} ${item.item.year}`; break;
    default: line = locale === 'en' ? 'Its text is not indexed.' : '索引未收录其正文。';
  }
  const flat = line.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LINE_LENGTH ? flat.slice(0, PREVIEW_LINE_LENGTH) + '…' : flat;
}

export function itemCard(corpus: Corpus, item: CorpusItem, locale: Locale): string {
  switch (item.type) {
    case 'document': return documentCard(item.item, locale);
    case 'record': return recordCard(item.item, locale);
    default: return instrumentCard(corpus, item.item, locale);
  }
}
