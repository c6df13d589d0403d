/**
 * Plain-text rendering of lookup and search results for the terminal.
 */
import { formatPaperReference, houseStyle, kindLabel, Locale, t } from '../core';
import type { Corpus, LookupResult, SearchEntry } from '../core';

export function kindName(kind: string, locale: Locale = 'zh-cn'): string {
  return kindLabel(kind, locale);
}

export interface ItemSummary {
  title: string;
  id: string;
  type: string;
  kind: string;
  docNumber?: string;
  date?: string;
  authors?: string[];
}

export function describeItem(corpus: Corpus, entry: SearchEntry): ItemSummary {
  const item = corpus.item(entry);
  const base = { title: entry.title, id: entry.id, type: entry.type };
  if (!item) return { ...base, kind: entry.type };
  switch (item.type) {
    case 'document':
      return { ...base, kind: item.item.kind, ...(item.item.docNumber ? { docNumber: item.item.docNumber } : {}), ...(item.item.date ? { date: item.item.date } : {}), ...(item.item.authors.length ? { authors: item.item.authors.map((a) => a.name) } : {}) };
    case 'record':
      return { ...base, kind: 'record', date: String(item.item.year), authors: item.item.authors };
    default:
      return { ...base, kind: item.item.kind };
  }
}

export function formatLookupText(result: LookupResult, locale: Locale = 'zh-cn'): string {
  const list = locale === 'en' ? ', ' : '、';
  switch (result.status) {
    case 'not-a-citation':
      return t(locale, 'cli.not-a-citation', { query: result.query }) + '\n';
    case 'no-document': {
      const closest = result.closest.map((h) => `  《${h.entry.title}》`).join('\n');
      return `${t(locale, 'cli.not-found', { query: result.query })}\n${closest ? `${t(locale, 'cli.closest')}\n${closest}\n` : ''}`;
    }
    case 'no-provision':
      return t(locale, 'article.not-found', { title: result.document.title, reference: result.reference, available: result.available }) + '\n';
    case 'found': {
      const lines: string[] = [];
      const { item } = result;
      if (item.type === 'document') {
        const d = item.item;
        lines.push(`《${d.title}》${d.docNumber ? `（${d.docNumber}）` : ''}`);
        const facts = [
          t(locale, 'cli.fact.kind', { value: kindName(d.kind, locale) }),
          d.issuers.length ? t(locale, 'cli.fact.issuers', { value: d.issuers.join(list) }) : '',
          d.authors.length ? t(locale, 'cli.fact.authors', { value: d.authors.map((a) => a.name).join(list) }) : '',
          d.date ? t(locale, 'cli.fact.date', { value: d.date }) : '',
          d.source ? t(locale, 'cli.fact.source', { value: d.source }) : '',
        ].filter(Boolean);
        lines.push('  ' + facts.join('  '));
        if (result.provision) {
          const p = result.provision;
          lines.push('', `${p.address}${p.caption ? ' ' + p.caption : ''}`, ...p.text.split('\n').map((l) => '  ' + l));
        }
      } else if (item.type === 'record' && item.item.work) {
        // A work of the user's bibliography: its footnote in the default house style, and its key.
        lines.push(formatPaperReference(item.item, houseStyle(undefined)), `  @${item.item.work.key}`);
        if (item.item.summary) lines.push('', '  ' + item.item.summary);
      } else if (item.type === 'record') {
        const r = item.item;
        const issue = r.volume ? `Vol.${r.volume}, Issue ${r.issue} (${r.year})` : t(locale, 'cli.record-issue', { year: r.year, issue: String(r.issue) });
        lines.push(`${r.authors.join('、')}：《${r.title}》，《${r.journal}》${issue}`);
        if (r.summary) lines.push('', '  ' + r.summary);
      } else {
        const c = item.item;
        lines.push(`《${c.title}》（${kindName(c.kind, locale)}${c.jurisdictions.length ? '，' + c.jurisdictions.join('、') : ''}）`);
        lines.push('  ' + t(locale, 'cli.instrument-sites', { count: c.sites.length }));
        for (const site of c.sites.slice(0, 8)) lines.push(`    ${site.file}:${site.line}${site.in ? `（${site.in}）` : ''}`);
      }
      return lines.join('\n') + '\n';
    }
  }
}
