/**
 * Read-only renderings of corpus entries under `lexcite:` URIs, for go-to-definition and peek:
 * lexcite:/documents/<id>/<title>.md, lexcite:/records/<id>/<title>.md, lexcite:/cited/<id>/<title>.md. The
 * title is last so an editor names the tab by the work, not by its id; the id alone identifies the entry
 * (lexcite:/documents/<id>.md is read too). Each provision starts on its own line, whose number is kept so a
 * definition can point at it.
 */
import type { Corpus, CorpusItem } from '../corpus/corpus';
import { documentFacts, instrumentCard, recordCard } from './cards';
import { escapeMarkdown as escape } from '../text/escape';
import type { Locale } from '../text/messages';
import type { CorpusDocument } from '../corpus/model';

export const VIRTUAL_SCHEME = 'lexcite';

export interface RenderedDocument {
  uri: string;
  text: string;
  /** Line (0-based) where each provision begins, by provision index. */
  provisionLines: number[];
}

export function virtualUri(item: { type: 'document' | 'record' | 'instrument'; id: string; title?: string }): string {
  const folder = item.type === 'document' ? 'documents' : item.type === 'record' ? 'records' : 'cited';
  const name = item.title === undefined ? '' : fileNameOf(item.title);
  return `${VIRTUAL_SCHEME}:/${folder}/${encodeURIComponent(item.id)}${name ? `/${encodeURIComponent(name)}` : ''}.md`;
}

/** A title as a file name: no path separators or control characters, at most 60 characters. */
function fileNameOf(title: string): string {
  return [...title.replace(/[/\\?#%*:|"<>\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim()].slice(0, 60).join('').trim();
}

export function parseVirtualUri(uri: string): { type: 'document' | 'record' | 'instrument'; id: string } | undefined {
  const match = /^lexcite:\/+(documents|records|cited)\/([^/]+?)(?:\/[^/]*)?\.md$/.exec(uri);
  if (!match) return undefined;
  const type = match[1] === 'documents' ? 'document' : match[1] === 'records' ? 'record' : 'instrument';
  try {
    return { type, id: decodeURIComponent(match[2]) };
  } catch {
    return undefined;
  }
}

/** A document as Markdown; everything from the statute file is data and escaped (one source line stays one line). */
export function renderDocument(doc: CorpusDocument, locale: Locale): RenderedDocument {
  const lines: string[] = [`# ${escape(doc.title)}`, ''];
  if (doc.docNumber) lines.push(escape(doc.docNumber), '');
  lines.push(documentFacts(doc, locale), '');
  if (doc.addressees) lines.push(`${escape(doc.addressees)}：`, '');
  const provisionLines: number[] = [];
  doc.provisions.forEach((p, index) => {
    provisionLines[index] = lines.length;
    const head = p.caption && !p.text.startsWith(p.caption) ? p.caption : '';
    const heading = p.kind === 'division' || p.kind === 'part' || p.kind === 'heading' || (head && !p.text);
    if (heading) {
      lines.push(`${p.kind === 'division' || p.kind === 'part' ? '## ' : '### '}${escape(p.label + (head || p.text))}`);
      if (head && p.text) lines.push('', ...p.text.split('\n').map(escape));
    } else {
      const label = p.kind === 'clause' || p.kind === 'paragraph' || p.kind === 'caption' ? '' : p.label;
      const paragraphs = p.text.split('\n');
      lines.push(escape(`${label}${head ? head + (p.text ? '　' : '') : ''}${paragraphs[0]}`), ...paragraphs.slice(1).map(escape));
    }
    lines.push('');
  });
  if (doc.notes.length) {
    lines.push('---', '');
    for (const note of doc.notes) lines.push(`\\[${escape(String(note.n))}\\] ${escape(note.text)}`, '');
  }
  lines.push('---', '', escape(`${doc.location.file}:${doc.location.lines[0]}–${doc.location.lines[1]}`));
  return { uri: virtualUri({ type: 'document', id: doc.id, title: doc.title }), text: lines.join('\n') + '\n', provisionLines };
}

export function renderItem(corpus: Corpus, item: CorpusItem, locale: Locale): RenderedDocument {
  switch (item.type) {
    case 'document': return renderDocument(item.item, locale);
    case 'record': return { uri: virtualUri({ type: 'record', id: item.item.id, title: item.item.title }), text: recordCard(item.item, locale) + '\n', provisionLines: [] };
    default: return { uri: virtualUri({ type: 'instrument', id: item.item.id, title: item.item.title }), text: instrumentCard(corpus, item.item, locale) + '\n', provisionLines: [] };
  }
}

/** Renders are stable for a corpus, so they are cached by URI. */
export class VirtualDocuments {
  private readonly cache = new Map<string, RenderedDocument>();

  constructor(private readonly corpus: Corpus, private readonly locale: Locale) {}

  get(uri: string): RenderedDocument | undefined {
    const ref = parseVirtualUri(uri);
    if (!ref) return undefined;
    // By entry, not by URI: the title part of a URI is only a name.
    const key = `${ref.type}:${ref.id}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const item = this.corpus.item(ref);
    if (!item) return undefined;
    const rendered = renderItem(this.corpus, item, this.locale);
    this.cache.set(key, rendered);
    return rendered;
  }
}
