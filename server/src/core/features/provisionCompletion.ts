/**
 * Completion after 《title》…第: the provisions whose number begins with what is typed, of the version in force
 * at the paper's date (or the one its version tag names).
 *   《个人信息保护法》第十          第十条, then 第十一条 to 第十九条
 *   《民法典》第一千零三十          第1030条 to 第1039条 (第103 offers the same)
 *   《个人信息保护法》第十三条第    that article's 款, then the 项 of its 款
 *   …第十三条第一款第              that 款's 项; after a 项, its 目
 *   …第十三条第一款、第            the next member of a list: another 款 of that article, or another article
 * Article and 款 numbers are written in the numerals the paper uses (paperForms.ts), unless the settings force
 * them. The provision's text comes with completionItem/resolve, for the item the editor shows.
 */
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import type { ProvisionAddressing } from '../corpus/addressing';
import { fullProvisionText } from '../corpus/addressing';
import { documentForTitle } from '../corpus/citationAt';
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument, Provision } from '../corpus/model';
import { resolveTitle } from '../corpus/resolver';
import { parseReferences } from '../paper/parser';
import type { ReferenceStep } from '../paper/parser';
import { escapeMarkdown } from '../text/escape';
import { parseNumeral, toChineseNumeral } from '../text/numerals';
import { CompletionContext, KIND_FIELD, rangeBack, sortText } from './completionContext';
import { paperForms } from './paperForms';

const AFTER_TITLE = /《([^《》]{1,120})》[ \t\u3000]*(?:[（(][^（）()\n]{0,40}[）)][ \t\u3000]*)*((?:第[^《》\s，。；、]{0,12}?(?:条|款|项|点|部分)(?:之[一二三四五六七八九十]+)?(?:[、，,和及与或至到—－~～-][ \t\u3000]*)?)*)第([0-9０-９〇零一二两三四五六七八九十百千（()）]*)$/;

/** Between the members of a list or range: 第十三条、第十四条, 第十三条至第十五条. */
const LIST_SEPARATOR = /[、，,和及与或至到—－~～-][ \t\u3000]*$/;

/** Enough for any statute's articles beginning with one digit; the list is narrowed as the user types on. */
const MAX_ITEMS = 200;

interface Candidate {
  index: number;
  /** As inserted: 第十三条 / 第13条, 第一款, 第（二）项. */
  label: string;
  /** The number the label begins with, which what is typed must begin; undefined for 附件N. */
  leading?: number;
  detail: string;
}

export function completeProvision(context: CompletionContext): CompletionList | undefined {
  const match = AFTER_TITLE.exec(context.before);
  if (!match) return undefined;
  const [, title, written, partial] = match;
  const document = citedDocument(context, title, context.beforeStart + match.index);
  if (!document) return undefined;
  const addressing = context.corpus.addressing(document);
  const numerals = articleNumerals(context);
  const articles = () => addressing.citableUnits().map((unit): Candidate => {
    const label = restyle(unit.citeAs, unit.provision.kind, numerals);
    return { index: unit.index, label, leading: leadingNumber(label), detail: unit.provision.caption ? `${unit.address} ${unit.provision.caption}` : unit.address };
  });
  const under = (steps: ReferenceStep[]): Candidate[] | undefined => {
    const resolved = addressing.resolve(steps);
    return resolved.ok ? subunits(addressing, resolved.target.index, numerals) : undefined;
  };
  let candidates: Candidate[] | undefined;
  if (!written) candidates = articles();
  else {
    const separator = LIST_SEPARATOR.exec(written);
    const references = parseReferences(written, 0);
    const last = references[references.length - 1];
    // Only a prefix read whole tells what the cursor continues.
    if (!last || last.end !== written.length - (separator ? separator[0].length : 0)) return { isIncomplete: false, items: [] };
    // 第十三条第: what lies under the provision written so far, not the document's articles.
    if (!separator) candidates = under(last.steps);
    // 第十三条第一款、第: the next member of a list is a sibling of the last (第二款) or another article.
    else candidates = [...(last.steps.length > 1 ? under(last.steps.slice(0, -1)) ?? [] : []), ...articles()];
  }
  if (!candidates) return { isIncomplete: false, items: [] };
  const typed = typedNumber(partial);
  const matching = candidates.filter((c) => startsWithTyped(c.leading, typed));
  // The number exactly as typed first (第十 → 第十条), then the document's order.
  const ordered = [...matching.filter((c) => c.leading === typed.value), ...matching.filter((c) => c.leading !== typed.value)];
  const items = ordered.slice(0, MAX_ITEMS).map((candidate, i): CompletionItem => {
    const provision = document.provisions[candidate.index];
    const data: ProvisionItemData = { document: document.id, unit: candidate.index, address: addressing.addressOf(candidate.index) };
    return {
      label: candidate.label,
      kind: KIND_FIELD,
      detail: candidate.detail,
      // The provision's text comes with completionItem/resolve, for the item the editor shows: a law's
      // article list would otherwise carry every article's text (tens of KB) on each keystroke.
      data,
      textEdit: { range: rangeBack(context, partial.length + 1), newText: candidate.label },
      filterText: `第${partial}${candidate.label}${provision.caption ?? ''}`,
      sortText: sortText(i),
    };
  });
  // Incomplete: the editor asks again as the user types, so 第十 → 第十三 is matched here, by the number's prefix,
  // and not by the editor's fuzzy filter (which would keep 第113条 for 第十三 and drop 第13条 for want of 十).
  return { isIncomplete: true, items };
}

/** The document the title before the cursor cites: through the paper's parse (version tag, paper date, short names) when it has the title. */
function citedDocument(context: CompletionContext, title: string, start: number): CorpusDocument | undefined {
  const citation = context.paper.parsed.titles.find((t) => t.start === start);
  if (citation) return documentForTitle(context.corpus, citation, context.paper.scope);
  const ownName = context.paper.scope.definitionsOf(title)[0];
  const resolution = resolveTitle(context.corpus, title);
  const entries = ownName ? ownName.entries : resolution.status === 'resolved' ? resolution.entries : [];
  const entry = entries.find((e) => e.type === 'document');
  return entry && context.corpus.document(entry.id);
}

/** The settings' numerals when they force some; else the paper's; else the house style's. */
function articleNumerals(context: CompletionContext): 'arabic' | 'chinese' {
  const { settings } = context;
  if (settings.articleNumerals !== 'style') return settings.articleNumerals;
  return paperForms(context.corpus, context.paper.parsed).articleNumerals ?? settings.style.articleNumerals;
}

/** The units one level below a provision: an article's 款 and the 项 of its 款, a 款's 项, a 项's 目, a policy unit's items. */
function subunits(addressing: ProvisionAddressing, index: number, numerals: 'arabic' | 'chinese'): Candidate[] {
  const provisions = addressing.doc.provisions;
  const number = (n: number) => (numerals === 'arabic' ? String(n) : toChineseNumeral(n));
  const out: Candidate[] = [];
  const children = addressing.childrenOf(index);
  const clauses = children.filter((i) => provisions[i].kind === 'clause');
  clauses.forEach((clause, k) => {
    // An article of one 款 is cited without it.
    if (clauses.length > 1) out.push({ index: clause, label: `第${number(k + 1)}款`, leading: k + 1, detail: opening(provisions[clause]) });
  });
  const withItems = clauses.length > 0 ? clauses : [index];
  for (const parent of withItems) {
    for (const child of addressing.childrenOf(parent)) {
      const p = provisions[child];
      if (p.number === undefined) continue;
      const label = p.kind === 'subitem' || p.kind === 'item' ? `第（${toChineseNumeral(p.number)}）项` : p.kind === 'target' ? `第${p.number}目` : p.kind === 'point' ? `第${p.number}点` : undefined;
      if (label) out.push({ index: child, label, leading: p.number, detail: `${addressing.addressOf(child)} ${opening(p)}` });
    }
  }
  return out;
}

function opening(p: Provision): string {
  const text = p.text.replace(/\s+/g, '');
  return text.length > 30 ? `${text.slice(0, 30)}……` : text;
}

interface TypedNumber {
  /** Digits as typed, full-width folded; or a Chinese numeral with 两/〇/一十 read as 二/零/十; '' when nothing is typed. */
  text: string;
  arabic: boolean;
  /** What is typed is a whole number (第十, not 第二百六). */
  value?: number;
}

function typedNumber(partial: string): TypedNumber {
  const text = partial
    .replace(/[（()）]/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/两/g, '二')
    .replace(/〇/g, '零')
    .replace(/^一十/, '十');
  const arabic = /^[0-9]+$/.test(text);
  const value = parseNumeral(text);
  // 二百六 is not 206 (二百零六) but the start of 二百六十…: only a number written out in full is one.
  const complete = value !== undefined && (arabic || toChineseNumeral(value) === text);
  return { text, arabic, ...(complete ? { value } : {}) };
}

/** Whether a number, written out, begins with what is typed: 十 begins 十 to 十九, 103 begins 103 and 1030–1039. */
function startsWithTyped(leading: number | undefined, typed: TypedNumber): boolean {
  if (typed.text.length === 0) return true;
  if (leading === undefined) return false;
  return typed.arabic ? String(leading).startsWith(typed.text) : toChineseNumeral(leading).startsWith(typed.text);
}

function leadingNumber(label: string): number | undefined {
  const match = /^第[（(]?([0-9〇零一二两三四五六七八九十百千]+)/.exec(label);
  return match ? parseNumeral(match[1]) : undefined;
}

/** 第十三条 ↔ 第13条 for statutes; policy units keep their printed form. */
function restyle(citeAs: string, kind: string, numerals: 'arabic' | 'chinese'): string {
  if (kind !== 'article') return citeAs;
  return citeAs.replace(/^第([〇零一二两三四五六七八九十百千]+|[0-9]+)条/, (whole, n: string) => {
    const value = parseNumeral(n);
    if (value === undefined) return whole;
    return numerals === 'arabic' ? `第${value}条` : `第${toChineseNumeral(value)}条`;
  });
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
  if (!Number.isInteger(item.data.unit) || item.data.unit < 0 || item.data.unit >= document.provisions.length) return item;
  const preview = fullProvisionText(addressing, item.data.unit);
  const text = preview.length > 600 ? `${preview.slice(0, 600)}……` : preview;
  const body = text.split('\n').map(escapeMarkdown).join('\n\n');
  return { ...item, documentation: { kind: 'markdown', value: `**《${escapeMarkdown(document.title)}》${escapeMarkdown(item.data.address)}**\n\n${body}` } };
}
