/**
 * Plain-text rendering of lookup and search results for the terminal.
 */
import { kindLabel } from '../core/cards';
import type { Corpus } from '../core/corpus';
import type { LookupResult } from '../core/lookup';
import type { SearchEntry } from '../core/search';

/** The lookup text is Chinese throughout: so are its kind labels (the core's, shared with hover and completion). */
function kindName(kind: string): string {
  return kindLabel(kind, 'zh-cn');
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

export function formatLookupText(result: LookupResult): string {
  switch (result.status) {
    case 'not-a-citation':
      return `not a citation: ${result.query}\n`;
    case 'no-document': {
      const closest = result.closest.map((h) => `  《${h.entry.title}》`).join('\n');
      return `未找到：${result.query}\n${closest ? `最接近的是：\n${closest}\n` : ''}`;
    }
    case 'no-provision':
      return `《${result.document.title}》中没有${result.reference}；该文件的条目为${result.available}\n`;
    case 'found': {
      const lines: string[] = [];
      const { item } = result;
      if (item.type === 'document') {
        const d = item.item;
        lines.push(`《${d.title}》${d.docNumber ? `（${d.docNumber}）` : ''}`);
        const facts = [
          `类型：${kindName(d.kind)}`,
          d.issuers.length ? `发文机关：${d.issuers.join('、')}` : '',
          d.authors.length ? `作者：${d.authors.map((a) => a.name).join('、')}` : '',
          d.date ? `日期：${d.date}` : '',
          d.source ? `原载：${d.source}` : '',
        ].filter(Boolean);
        lines.push('  ' + facts.join('  '));
        if (result.provision) {
          const p = result.provision;
          lines.push('', `${p.address}${p.caption ? ' ' + p.caption : ''}`, ...p.text.split('\n').map((l) => '  ' + l));
        }
      } else if (item.type === 'record') {
        const r = item.item;
        const issue = r.volume ? `Vol.${r.volume}, Issue ${r.issue} (${r.year})` : `${r.year}年第${r.issue}期`;
        lines.push(`${r.authors.join('、')}：《${r.title}》，《${r.journal}》${issue}`);
        if (r.summary) lines.push('', '  ' + r.summary);
      } else {
        const c = item.item;
        lines.push(`《${c.title}》（${kindName(c.kind)}${c.jurisdictions.length ? '，' + c.jurisdictions.join('、') : ''}）`);
        lines.push(`  索引未收录其正文；月报在 ${c.sites.length} 处引用：`);
        for (const site of c.sites.slice(0, 8)) lines.push(`    ${site.file}:${site.line}${site.in ? `（${site.in}）` : ''}`);
      }
      return lines.join('\n') + '\n';
    }
  }
}
