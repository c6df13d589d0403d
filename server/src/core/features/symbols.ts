/**
 * Document symbols: the paper's citations grouped by the work they cite, for the outline. Workspace symbols:
 * corpus works matching a query (characters, pinyin, abbreviations, 文号), located in their lexcite: renderings.
 */
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-types';
import { citedTargets } from '../corpus/citationAt';
import { kindLabel } from './cards';
import type { Corpus } from '../corpus/corpus';
import { editorLabel, searchCorpus } from './corpusSearch';
import { cutForCitations } from '../paper/limits';
import type { Paper } from '../paper/paperCache';
import type { ParsedPaper } from '../paper/parser';
import type { LexciteSettings } from '../settings';
import { virtualUri } from './virtualDocuments';

const SYMBOL_FILE = 1;
const SYMBOL_FIELD = 8;
const SYMBOL_KEY = 20;

/** The outline covers the citations the diagnostics check (lexcite.maxCitations), no more. */
export function provideDocumentSymbols(corpus: Corpus, paper: Paper, settings: LexciteSettings): DocumentSymbol[] {
  const groups = new Map<string, DocumentSymbol>();
  for (const { element, target } of citedTargets(corpus, withinCitationLimit(paper.parsed, settings.maxCitations), paper.scope)) {
    const key = `${target.type}:${target.id}`;
    const item = corpus.item(target);
    if (!item) continue;
    const range = paper.lines.range(element.start, element.end);
    let group = groups.get(key);
    if (!group) {
      const kind = item.type === 'record' ? 'record' : item.item.kind;
      group = { name: `《${item.item.title}》`, detail: kindLabel(kind, settings.locale), kind: SYMBOL_FILE, range, selectionRange: range, children: [] };
      groups.set(key, group);
    }
    group.range = { start: group.range.start, end: range.end };
    const name = element.kind === 'reference' ? element.reference.text : element.kind === 'docNumber' ? element.number.parsed.canonical : paper.parsed.text.slice(element.start, element.end);
    group.children!.push({ name, kind: element.kind === 'reference' ? SYMBOL_FIELD : SYMBOL_KEY, range, selectionRange: range, detail: `${range.start.line + 1}` });
  }
  return [...groups.values()];
}

/** The parse without the citations past the citation limit (limits.ts), so their targets are never looked up. */
function withinCitationLimit(parsed: ParsedPaper, maxCitations: number): ParsedPaper {
  const cut = cutForCitations(parsed, maxCitations);
  if (!cut) return parsed;
  const before = <T extends { start: number }>(items: T[]) => items.filter((item) => item.start < cut.offset);
  return { ...parsed, titles: before(parsed.titles), docNumbers: before(parsed.docNumbers), journals: before(parsed.journals) };
}

/**
 * Corpus works matching a query (characters, pinyin, abbreviations, 文号), each named so that the editor's own
 * filter keeps it (corpusSearch.ts editorLabel): 厦门市促进数据产业高质量发展若干措施 · xmscjsjcygzlfzrgcs for xmscjsjcy.
 */
export function provideWorkspaceSymbols(corpus: Corpus, query: string, settings: LexciteSettings, limit = 50): SymbolInformation[] {
  return searchCorpus(corpus, query, { limit, pinyin: settings.pinyin, date: settings.paperDate }).map((hit) => ({
    name: editorLabel(hit, query),
    kind: SYMBOL_FILE,
    location: { uri: virtualUri(hit.entry), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    containerName: hit.entry.type === 'document' ? kindLabel(corpus.document(hit.entry.id)?.kind ?? 'document', settings.locale) : kindLabel(hit.entry.type === 'record' ? 'paper' : corpus.instrument(hit.entry.id)?.kind ?? 'other', settings.locale),
  }));
}
