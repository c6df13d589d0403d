/**
 * Hover and completion through CitationService, with no process: a test writes the paper with a ‸ where the
 * cursor is (`《个人信息保护法》第十三条‸`) and reads what the editor would show. ‸ (U+2038) does not occur in
 * legal papers; a fixture without exactly one fails loudly.
 */
import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { CitationService } from '../../server/src/core/service';
import { RawSettings, resolveSettings } from '../../server/src/core/settings';
import { bulletinCorpus } from './corpus';

export const CURSOR = '‸';

export interface CursorOptions {
  /** The corpus to answer from; the bulletin's by default. */
  corpus?: Corpus;
  settings?: RawSettings;
  locale?: 'zh-cn' | 'en';
}

const services = new WeakMap<Corpus, CitationService>();
let papers = 0;

/** The paper without its ‸, where ‸ was (line and UTF-16 character), and the service and settings to ask. */
export function atCursor(marked: string, options: CursorOptions = {}) {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error(`fixture needs exactly one ${CURSOR}: ${marked}`);
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  const corpus = options.corpus ?? bulletinCorpus();
  let service = services.get(corpus);
  if (!service) services.set(corpus, (service = new CitationService(corpus)));
  // A new URI per fixture: the service caches papers by URI and version.
  const document = { uri: `file:///cursor-${++papers}.md`, version: 1, getText: () => text };
  const position: Position = new LineIndex(text).positionAt(offset);
  return { service, document, position, settings: resolveSettings(options.settings, options.locale) };
}

/** The hover's Markdown at ‸; undefined when there is no hover. */
export function hoverAt(marked: string, options?: CursorOptions): string | undefined {
  const { service, document, position, settings } = atCursor(marked, options);
  return markdownOf(service.hover(document, position, settings));
}

/** The completion items offered at ‸, in their order. */
export function completionAt(marked: string, options?: CursorOptions): CompletionItem[] {
  const { service, document, position, settings } = atCursor(marked, options);
  return service.completion(document, position, settings).items;
}

/** The labels of completionAt. */
export function completionLabelsAt(marked: string, options?: CursorOptions): string[] {
  return completionAt(marked, options).map((item) => item.label);
}

function markdownOf(hover: Hover | null | undefined): string | undefined {
  if (!hover) return undefined;
  const contents = hover.contents;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n');
  return contents.value;
}
