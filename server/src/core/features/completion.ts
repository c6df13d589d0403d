/**
 * Completion as an ordered chain: the first completer that applies at the cursor answers.
 *   0. after @ (pandoc)         the keys of the user's bibliographies
 *   1. inside a 文号 after 〔     known 文号 with that issuer code
 *   2. after 《title》…第         the provisions whose number begins with what is typed (provisionCompletion.ts)
 *   3. inside an unclosed 《      titles by fuzzy, pinyin (xmscjsjcy) and abbreviation search
 *   4. after an author's name     that author's papers as full references in the house style
 * Items show kind, 文号, date and a preview; accepting one inserts the complete citation, written the way the
 * paper writes its others (paperForms.ts). Lists are marked incomplete so the editor asks again as the user
 * types (ranking happens here, not in the editor).
 */
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import { documentCard, itemCard, itemDetail } from './cards';
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import type { Paper } from '../paper/paperCache';
import type { SearchHit } from '../corpus/search';
import type { LexciteSettings } from '../settings';
import { formatPaperReference } from '../text/styles';
import { stripPrcPrefix, titleKeyWithoutPrc } from '../text/normalize';
import { workOf } from './works';
import { CompletionContext as Context, KIND_REFERENCE, KIND_TEXT, KIND_VALUE, rangeBack, sortText } from './completionContext';
import { paperForms } from './paperForms';
import { completeProvision } from './provisionCompletion';

export { resolveCompletionItem } from './provisionCompletion';
import { literatureSnippet, literatureVenue } from '../text/references';
import { completePandocKey } from './pandocFeatures';
import { completeShortForm } from './shortFormCompletion';

const LIMIT = 20;

type Completer = (context: Context) => CompletionList | undefined;

const COMPLETERS: Completer[] = [completeShortForm, (c) => completePandocKey(c.corpus, c.before, c.settings, (n) => rangeBack(c, n)), completeDocNumber, completeProvision, completeTitle, completeAuthor];

export function provideCompletion(corpus: Corpus, paper: Paper, position: Position, settings: LexciteSettings): CompletionList {
  const offset = paper.lines.offsetAt(position);
  const text = paper.parsed.text;
  const lineStart = paper.lines.lineStart(position.line);
  // The two lines before the cursor are enough context: titles wrap at most once.
  const beforeStart = position.line > 0 ? paper.lines.lineStart(position.line - 1) : lineStart;
  const context: Context = { corpus, paper, offset, beforeStart, before: text.slice(beforeStart, offset), after: text.slice(offset, paper.lines.lineEnd(position.line)), settings };
  if (paper.parsed.excluded.contains(offset)) return { isIncomplete: false, items: [] };
  for (const completer of COMPLETERS) {
    const list = completer(context);
    if (list) return list;
  }
  return { isIncomplete: false, items: [] };
}

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
  // More than shown: a statute's versions collapse into one item.
  else hits = context.corpus.search.search(typed, { limit: LIMIT * 2 });
  const earlier = context.paper.parsed.text.slice(0, context.offset - query.length - 1);
  const keepPrc = paperForms(context.corpus, context.paper.parsed).titlesWithPrc === true;
  const works = new Set<string>();
  const items: CompletionItem[] = [];
  for (const hit of hits) {
    let item = context.corpus.item(hit.entry)!;
    let label = hit.entry.title;
    let newText = `${label}》`;
    if (item.type === 'document') {
      // One item per work: of a statute's versions, the one in force at the paper's date.
      // Tagged （2025年修正） only when the paper's date leaves the version in doubt.
      const work = workOf(context.corpus, item.item, context.paper.scope.date);
      if (works.has(work.key)) continue;
      works.add(work.key);
      const doc = work.version;
      item = { type: 'document', item: doc };
      // Most journals drop 中华人民共和国; a paper that keeps it gets it kept.
      label = keepPrc ? doc.title : stripPrcPrefix(doc.title);
      newText = `${label}》${work.tag ? `（${work.tag}）` : ''}`;
      if (doc.docNumber && !mentionedBefore(earlier, doc) && context.settings.style.docNumberOnFirstMention) newText += `（${doc.docNumber}）`;
    } else if (item.type === 'record' && item.item.work) {
      // A work of the user's bibliography: the whole footnote, its page a tab stop; from the title on when the
      // author is already written before 《.
      const snippet = literatureSnippet(item.item, item.item.work, context.settings.style);
      const authorWritten = /[：:]\s*$/.test(earlier) || item.item.authors.length === 0;
      items.push({
        label: hit.entry.title,
        kind: KIND_REFERENCE,
        detail: itemDetail(item, context.settings.locale),
        documentation: { kind: 'markdown', value: itemCard(context.corpus, item, context.settings.locale) },
        textEdit: authorWritten
          ? { range: rangeBack(context, query.length, forward), newText: snippet.slice(snippet.indexOf('《') + 1) }
          : { range: rangeBack(context, query.length + 1, forward), newText: snippet },
        insertTextFormat: 2,
        filterText: `${authorWritten ? '' : '《'}${typed}${hit.entry.title}`,
        sortText: sortText(items.length),
      });
      if (items.length >= LIMIT) break;
      continue;
    } else if (item.type === 'record') {
      newText = formatPaperReference(item.item, context.settings.style).replace(/^[^《]*《/, '').replace(/。$/, '');
    }
    items.push({
      label,
      kind: KIND_REFERENCE,
      detail: itemDetail(item, context.settings.locale),
      documentation: { kind: 'markdown', value: itemCard(context.corpus, item, context.settings.locale) },
      textEdit: { range: rangeBack(context, query.length, forward), newText },
      filterText: `${typed}${hit.entry.title}`,
      sortText: sortText(items.length),
    });
    if (items.length >= LIMIT) break;
  }
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
  return earlier.includes(`《${doc.title}》`) || earlier.includes(`《${stripPrcPrefix(doc.title)}》`) || doc.aliases.some((a) => earlier.includes(`《${a.text}》`));
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
