/**
 * Completion as an ordered chain: the first completer that applies at the cursor answers.
 *   0. after @ (pandoc)         the keys of the user's bibliographies
 *   1. inside a 文号 after 〔     known 文号 with that issuer code
 *   2. after 《title》…第         the document's provisions with their captions
 *   3. inside an unclosed 《      titles by fuzzy, pinyin (xmscjsjcy) and abbreviation search
 *   4. after an author's name     that author's papers as full references in the house style
 * Items show kind, 文号, date and a preview; accepting one inserts the complete citation. Lists are marked
 * incomplete so the editor asks again as the user types (ranking happens here, not in the editor).
 */
import type { CompletionItem, CompletionList, Position, Range } from 'vscode-languageserver-types';
import { documentCard, itemCard, itemDetail } from './cards';
import { escapeMarkdown } from '../text/escape';
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import { parseNumeral, toChineseNumeral } from '../text/numerals';
import type { Paper } from '../paper/paperCache';
import { resolveTitle } from '../corpus/resolver';
import type { SearchHit } from '../corpus/search';
import { effectiveNumerals, LexciteSettings } from '../settings';
import { formatPaperReference } from '../text/styles';
import { literatureSnippet, literatureVenue } from '../text/references';
import { completePandocKey } from './pandocFeatures';
import { titleKeyWithoutPrc } from '../text/normalize';
import { fullProvisionText } from '../corpus/addressing';

const LIMIT = 20;
const KIND_REFERENCE = 18;
const KIND_FIELD = 5;
const KIND_VALUE = 12;
const KIND_TEXT = 1;

interface Context {
  corpus: Corpus;
  paper: Paper;
  offset: number;
  before: string;
  after: string;
  settings: LexciteSettings;
}

type Completer = (context: Context) => CompletionList | undefined;

const COMPLETERS: Completer[] = [(c) => completePandocKey(c.corpus, c.before, c.settings, (n) => rangeBack(c, n)), completeDocNumber, completeProvision, completeTitle, completeAuthor];

export function provideCompletion(corpus: Corpus, paper: Paper, position: Position, settings: LexciteSettings): CompletionList {
  const offset = paper.lines.offsetAt(position);
  const text = paper.parsed.text;
  const lineStart = paper.lines.lineStart(position.line);
  // The two lines before the cursor are enough context: titles wrap at most once.
  const contextStart = position.line > 0 ? paper.lines.lineStart(position.line - 1) : lineStart;
  const context: Context = { corpus, paper, offset, before: text.slice(contextStart, offset), after: text.slice(offset, paper.lines.lineEnd(position.line)), settings };
  if (paper.parsed.excluded.contains(offset)) return { isIncomplete: false, items: [] };
  for (const completer of COMPLETERS) {
    const list = completer(context);
    if (list) return list;
  }
  return { isIncomplete: false, items: [] };
}

function rangeBack(context: Context, length: number, forward = 0): Range {
  return context.paper.lines.range(context.offset - length, context.offset + forward);
}

const sortText = (i: number) => String(i).padStart(4, '0');

// 1. 文号 ---------------------------------------------------------------------------------------------------

const IN_DOC_NUMBER = /([\u4e00-\u9fff]{1,10})〔([0-9]{0,4})(〕[0-9]*)?$/;

function completeDocNumber(context: Context): CompletionList | undefined {
  const match = IN_DOC_NUMBER.exec(context.before);
  if (!match) return undefined;
  const [typed, code] = match;
  const candidates = context.corpus.documents.filter((d) => d.docNumber && d.docNumber.endsWith('号'));
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  // Exact issuer code first, then codes ending with what was typed (the walk back may include a verb).
  const ranked = candidates
    .map((d) => ({ d, code: d.docNumber!.slice(0, d.docNumber!.indexOf('〔')) }))
    .filter(({ code: c }) => code.endsWith(c) || c.endsWith(code))
    .filter(({ d }) => d.docNumber!.slice(d.docNumber!.indexOf('〔')).startsWith(typed.slice(typed.indexOf('〔'))));
  for (const { d, code: c } of ranked) {
    if (seen.has(d.docNumber!) || d.issuedBy) continue;
    seen.add(d.docNumber!);
    const suffix = d.docNumber!.slice(c.length);
    items.push({
      label: d.docNumber!,
      kind: KIND_VALUE,
      detail: `《${d.title}》`,
      documentation: { kind: 'markdown', value: documentCard(d, context.settings.locale) },
      textEdit: { range: rangeBack(context, typed.length - code.length), newText: suffix },
      filterText: typed.slice(typed.indexOf('〔')) + suffix,
      sortText: sortText(items.length),
    });
  }
  return items.length > 0 ? { isIncomplete: false, items } : undefined;
}

// 2. Provisions after 《title》第 -----------------------------------------------------------------------------

const AFTER_TITLE = /《([^《》]{1,120})》[ \t\u3000]*(?:[（(][^（）()\n]{0,40}[）)][ \t\u3000]*)*((?:第[^《》\s，。；、]{0,12}?(?:条|款|项|点|部分)(?:之[一二三四五六七八九十]+)?)*)第([0-9０-９〇零一二两三四五六七八九十百千（()）]*)$/;

function completeProvision(context: Context): CompletionList | undefined {
  const match = AFTER_TITLE.exec(context.before);
  if (!match) return undefined;
  const [, title, , partial] = match;
  // A short name the paper defines (以下简称《九民纪要》) completes the provisions of what it stands for.
  const ownName = context.paper.scope.definitionsOf(title)[0];
  const resolution = resolveTitle(context.corpus, title);
  const entries = ownName ? ownName.entries : resolution.status === 'resolved' ? resolution.entries : [];
  const entry = entries.find((e) => e.type === 'document');
  const document = entry && context.corpus.document(entry.id);
  if (!document) return undefined;
  const addressing = context.corpus.addressing(document);
  const numerals = effectiveNumerals(context.settings);
  const wanted = parseNumeral(partial.replace(/[（()）]/g, ''));
  const units = addressing.citableUnits();
  const items: CompletionItem[] = [];
  for (const unit of units) {
    if (wanted !== undefined && !String(unit.provision.number ?? '').startsWith(String(wanted)) && unit.provision.number !== wanted) continue;
    const citeAs = restyle(unit.citeAs, unit.provision.kind, numerals);
    const data: ProvisionItemData = { document: document.id, unit: unit.index, address: unit.address };
    items.push({
      label: citeAs,
      kind: KIND_FIELD,
      detail: unit.provision.caption ? `${unit.address} ${unit.provision.caption}` : unit.address,
      // The provision's text comes with completionItem/resolve, for the item the editor shows: a law's
      // article list would otherwise carry every article's text (tens of KB) on each keystroke.
      data,
      textEdit: { range: rangeBack(context, partial.length + 1), newText: citeAs },
      filterText: `第${partial}${citeAs}${unit.provision.caption ?? ''}`,
      sortText: sortText(items.length),
    });
    if (items.length >= 200) break;
  }
  return { isIncomplete: false, items };
}

interface ProvisionItemData {
  document: string;
  unit: number;
  address: string;
}

function isProvisionItemData(data: unknown): data is ProvisionItemData {
  const candidate = data as Partial<ProvisionItemData> | null;
  return typeof candidate?.document === 'string' && typeof candidate.unit === 'number' && typeof candidate.address === 'string';
}

/** Fills in a provision item's documentation: the provision's text, up to 600 characters. */
export function resolveCompletionItem(corpus: Corpus, item: CompletionItem): CompletionItem {
  if (!isProvisionItemData(item.data)) return item;
  const document = corpus.document(item.data.document);
  if (!document) return item;
  const addressing = corpus.addressing(document);
  if (item.data.unit < 0 || item.data.unit >= document.provisions.length) return item;
  const preview = fullProvisionText(addressing, item.data.unit);
  const text = preview.length > 600 ? `${preview.slice(0, 600)}……` : preview;
  const body = text.split('\n').map(escapeMarkdown).join('\n\n');
  return { ...item, documentation: { kind: 'markdown', value: `**《${escapeMarkdown(document.title)}》${escapeMarkdown(item.data.address)}**\n\n${body}` } };
}

/** 第十三条 ↔ 第13条 for statutes per the numeral setting; policy units keep their printed form. */
function restyle(citeAs: string, kind: string, numerals: 'arabic' | 'chinese'): string {
  if (kind !== 'article') return citeAs;
  return citeAs.replace(/^第([〇零一二两三四五六七八九十百千]+)条/, (whole, n: string) => {
    const value = parseNumeral(n);
    if (value === undefined) return whole;
    return numerals === 'arabic' ? `第${value}条` : `第${toChineseNumeral(value)}条`;
  });
}

// 3. Titles inside 《 ----------------------------------------------------------------------------------------

function completeTitle(context: Context): CompletionList | undefined {
  const open = context.before.lastIndexOf('《');
  if (open < 0 || context.before.indexOf('》', open) >= 0) return undefined;
  const query = context.before.slice(open + 1);
  if (/[\n\r]{2}/.test(query) || query.length > 60) return undefined;
  const typed = query.replace(/[\r\n]/g, '');
  // Replace an existing closing 》 on the same line, so editing inside a title does not double it.
  const closing = /^[^《》]*》/.exec(context.after);
  const forward = closing ? closing[0].length : 0;
  const latin = /^[a-z]+$/i.test(typed.trim());
  let hits: SearchHit[];
  if (typed.trim().length === 0) hits = defaultTitles(context.corpus);
  else if (latin && !context.settings.pinyin) hits = [];
  else hits = context.corpus.search.search(typed, { limit: LIMIT });
  const earlier = context.paper.parsed.text.slice(0, context.offset - query.length - 1);
  const items = hits.map((hit, i): CompletionItem => {
    const item = context.corpus.item(hit.entry)!;
    let newText = `${hit.entry.title}》`;
    if (item.type === 'document') {
      const doc = item.item;
      const firstMention = !mentionedBefore(earlier, doc);
      if (doc.docNumber && firstMention && context.settings.style.docNumberOnFirstMention) newText += `（${doc.docNumber}）`;
    } else if (item.type === 'record' && item.item.work) {
      // A work of the user's bibliography: the whole footnote, its page a tab stop; from the title on when the
      // author is already written before 《.
      const snippet = literatureSnippet(item.item, item.item.work, context.settings.style);
      const authorWritten = /[：:]\s*$/.test(earlier) || item.item.authors.length === 0;
      return {
        label: hit.entry.title,
        kind: KIND_REFERENCE,
        detail: itemDetail(item, context.settings.locale),
        documentation: { kind: 'markdown', value: itemCard(context.corpus, item, context.settings.locale) },
        textEdit: authorWritten
          ? { range: rangeBack(context, query.length, forward), newText: snippet.slice(snippet.indexOf('《') + 1) }
          : { range: rangeBack(context, query.length + 1, forward), newText: snippet },
        insertTextFormat: 2,
        filterText: `${authorWritten ? '' : '《'}${typed}${hit.entry.title}`,
        sortText: sortText(i),
      };
    } else if (item.type === 'record') {
      newText = formatPaperReference(item.item, context.settings.style).replace(/^[^《]*《/, '').replace(/。$/, '');
    }
    return {
      label: hit.entry.title,
      kind: KIND_REFERENCE,
      detail: itemDetail(item, context.settings.locale),
      documentation: { kind: 'markdown', value: itemCard(context.corpus, item, context.settings.locale) },
      textEdit: { range: rangeBack(context, query.length, forward), newText },
      filterText: `${typed}${hit.entry.title}`,
      sortText: sortText(i),
    };
  });
  return { isIncomplete: true, items };
}

function defaultTitles(corpus: Corpus): SearchHit[] {
  return corpus.documents
    .filter((d) => d.kind === 'national-policy' || d.kind === 'local-measure' || d.kind === 'notice')
    .slice(0, LIMIT)
    .map((d) => ({ entry: corpus.search.entries.find((e) => e.id === d.id)!, score: 1, key: titleKeyWithoutPrc(d.title) }))
    .filter((h) => h.entry !== undefined);
}

function mentionedBefore(earlier: string, doc: CorpusDocument): boolean {
  return earlier.includes(`《${doc.title}》`) || doc.aliases.some((a) => earlier.includes(`《${a.text}》`));
}

// 4. Authors -------------------------------------------------------------------------------------------------

const NAME_BEFORE = /(?:^|[\s：:，,。；（(\]])([\u4e00-\u9fff·]{2,6}|[A-Z][a-zA-Z.\- ]{2,40})$/;

function completeAuthor(context: Context): CompletionList | undefined {
  const match = NAME_BEFORE.exec(context.before);
  if (!match) return undefined;
  // The run of characters before the cursor may start with other words (参见田野): take the longest tail
  // that begins an author's name.
  let typed = '';
  let records: ReturnType<typeof authorsRecords> = [];
  for (let k = match[1].length; k >= 2 && records.length === 0; k--) {
    typed = match[1].slice(match[1].length - k).trim();
    records = authorsRecords(context.corpus, typed);
  }
  if (records.length === 0) return undefined;
  const items = records.slice(0, LIMIT).map((record, i): CompletionItem => ({
    label: `${record.authors.join('、')}：《${record.title}》`,
    kind: KIND_TEXT,
    detail: record.work ? literatureVenue(record, record.work, context.settings.style) : `${record.journal} ${record.year}${record.volume === undefined ? `年第${record.issue}期` : ''}`,
    documentation: { kind: 'markdown', value: itemCard(context.corpus, { type: 'record', item: record }, context.settings.locale) },
    // A work of the user's bibliography is inserted as a snippet whose page number is a tab stop.
    ...(record.work
      ? { textEdit: { range: rangeBack(context, typed.length), newText: literatureSnippet(record, record.work, context.settings.style) }, insertTextFormat: 2 as const }
      : { textEdit: { range: rangeBack(context, typed.length), newText: formatPaperReference(record, context.settings.style) } }),
    filterText: `${typed}${record.title}`,
    sortText: sortText(i),
  }));
  return { isIncomplete: true, items };
}

function authorsRecords(corpus: Corpus, typed: string) {
  // In the user's bibliography an author also goes by a surname: 德沃金 for 罗纳德·德沃金, Lessig for Lawrence Lessig.
  return corpus.records.filter((r) => r.authors.some((a) => a.startsWith(typed) || (r.work !== undefined && a.split(/[·\s]+/).some((part) => part.startsWith(typed)))));
}
