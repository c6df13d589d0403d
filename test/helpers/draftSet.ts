/**
 * A generated set of drafts the way language models err, from real provisions of the shipped statute book: 200
 * articles picked by a seeded generator, each cited once correctly and once wrongly — the right words under a
 * wrong article number, an article past the end of the law, the neighbouring article's words, altered words, a
 * real law's name with an invented variant — and what LexCite says about each (recall per kind, false alarms on
 * the correct ones). Used by test/unit/draftSet.test.ts and `npm run eval:drafts`.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import type { CorpusDocument, Provision } from '../../server/src/core/corpus/model';
import { checkPaper, DiagnosticData } from '../../server/src/core/checks/diagnostics';
import { documentForTitle } from '../../server/src/core/corpus/citationAt';
import { placeInDocument, quotationSegments } from '../../server/src/core/corpus/reverseLookup';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { normalizeForMatch } from '../../server/src/core/text/normalize';
import { toChineseNumeral } from '../../server/src/core/text/numerals';
import { random } from '../../bench/stats';

/** The seeded generator the set is drawn with (the same on every machine), for the sets made beside it. */
export { random };

export const ERROR_KINDS = ['wrong-article', 'past-end', 'neighbour', 'altered', 'title-variant'] as const;
export type ErrorKind = typeof ERROR_KINDS[number];
export type DraftKind = ErrorKind | 'correct';

export interface Draft {
  kind: DraftKind;
  text: string;
  /** The citation as it should have been written, for the report. */
  truth: string;
  /** The quotation's words as the provision has them (normalised). */
  original: string;
}

export const PAPER_DATE = '2026-11-22';
const GROUPS = new Set(['法律', '行政法规', '司法解释']);
const MIN_QUOTE = 15;
const MAX_QUOTE = 60;

interface Picked {
  document: CorpusDocument;
  articles: Provision[];
  /** Index into articles. */
  at: number;
  quote: string;
}

/** The opening words of an article: its first paragraph up to a sentence or clause end, at most MAX_QUOTE characters. */
function openingWords(document: CorpusDocument, article: number): string | undefined {
  const provisions = document.provisions;
  const first = provisions[article].text || provisions.find((p, i) => i > article && p.parent === article)?.text || '';
  const sentence = first.split(/(?<=[。；])/)[0];
  const cut = sentence.length <= MAX_QUOTE ? sentence : sentence.slice(0, sentence.lastIndexOf('，', MAX_QUOTE) + 1 || MAX_QUOTE);
  const quote = cut.replace(/[，；。：]$/, '');
  return normalizeForMatch(quote).length >= MIN_QUOTE ? quote : undefined;
}

/**
 * `count` articles of laws, regulations and interpretations in force, each from a different document, whose
 * opening words are in no other article of their law (so a misnumbered quotation has one right article).
 */
export function pickProvisions(corpus: Corpus, count = 200, seed = 13): { picked: Picked[]; skippedAsRepeated: number } {
  const next = random(seed);
  const documents = corpus.documents.filter((d) => d.kind === 'statute' && GROUPS.has(d.group ?? '') && (d.status === '有效' || d.status === '现行有效'))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const picked: Picked[] = [];
  const used = new Set<string>();
  let skippedAsRepeated = 0;
  for (let attempts = 0; picked.length < count && attempts < count * 50; attempts++) {
    const document = documents[Math.floor(next() * documents.length)];
    if (used.has(document.id)) continue;
    const articles = document.provisions.filter((p) => p.kind === 'article' && p.number !== undefined && !p.sub);
    if (articles.length < 10 || new Set(articles.map((a) => a.number)).size !== articles.length) continue;
    // The version a paper of PAPER_DATE citing the title means must be this one.
    if (documentForTitle(corpus, { kind: 'title', start: 0, end: 0, title: document.title, references: [] }, undefined) !== document) continue;
    const at = Math.floor(next() * articles.length);
    const quote = openingWords(document, document.provisions.indexOf(articles[at]));
    if (!quote) continue;
    if (placeInDocument(corpus, document, quotationSegments(quote)).length !== 1) {
      skippedAsRepeated++;
      continue;
    }
    used.add(document.id);
    picked.push({ document, articles, at, quote });
  }
  return { picked, skippedAsRepeated };
}

/** Words a model changes while keeping the sentence plausible, in order of preference. */
const ALTERATIONS: [RegExp, string][] = [
  [/应当/, '必须'], [/不得/, '不能'], [/可以/, '应当'], [/或者/, '以及'], [/依法/, '依照规定'], [/国务院/, '国家'],
  [/人民法院/, '法院'], [/县级以上/, '省级以上'], [/([一二三四五六七八九十])(日|个月|年)/, '$1$1$2'], [/有关/, '相关'], [/以上/, '以下'], [/组织/, '机构'],
];

/** The quotation with words changed; never a part of the original (a quotation may start or stop mid-sentence). */
function alter(quote: string, next: () => number): string {
  const original = normalizeForMatch(quote);
  const changed = (text: string) => !original.includes(normalizeForMatch(text));
  const applicable = ALTERATIONS.filter(([pattern, replacement]) => pattern.test(quote) && changed(quote.replace(pattern, replacement)));
  if (applicable.length > 0) {
    const [pattern, replacement] = applicable[Math.floor(next() * applicable.length)];
    return quote.replace(pattern, replacement);
  }
  // Nothing typical to change: two characters in the middle dropped.
  const middle = Math.floor(quote.length / 2);
  return quote.slice(0, middle) + quote.slice(middle + 2);
}

/** Invented variants of a real title: 法 ↔ 条例, 管理 inserted, 规定 ↔ 办法, 若干问题的解释 → 的规定. */
function titleVariants(title: string): string[] {
  const bare = title.replace(/^中华人民共和国/, '');
  return [
    bare.replace(/法$/, '条例'),
    bare.replace(/条例$/, '法'),
    bare.replace(/([^管])理?法$/, '$1管理法'),
    bare.replace(/规定$/, '办法'),
    bare.replace(/办法$/, '规定'),
    bare.replace(/若干问题的解释$/, '的规定'),
    bare.replace(/解释(（[^）]*）)?$/, '规定'),
    `${bare.replace(/(法|条例|规定|办法|解释)$/, '')}实施细则`,
  ].filter((variant) => variant !== bare);
}

function cite(title: string, article: number): string {
  return `《${title}》第${toChineseNumeral(article)}条`;
}

/** One correct and one wrong draft per picked provision; the wrong kind cycles through ERROR_KINDS. */
export function makeDrafts(corpus: Corpus, picked: Picked[], seed = 13): Draft[] {
  const next = random(seed + 1);
  const drafts: Draft[] = [];
  picked.forEach(({ document, articles, at, quote }, i) => {
    const title = next() < 0.5 ? document.title : document.title.replace(/^中华人民共和国/, '');
    const number = articles[at].number!;
    const truth = cite(title, number);
    const original = normalizeForMatch(quote);
    const say = (citation: string, words = quote) => `${citation}规定：“${words}”。\n`;
    drafts.push({ kind: 'correct', text: say(truth), truth, original });
    const kind = ERROR_KINDS[i % ERROR_KINDS.length];
    const last = Math.max(...articles.map((a) => a.number!));
    let text: string;
    switch (kind) {
      case 'wrong-article': {
        const others = articles.filter((a) => Math.abs(a.number! - number) >= 2);
        text = say(cite(title, others[Math.floor(next() * others.length)].number!));
        break;
      }
      case 'past-end': text = say(cite(title, last + 1 + Math.floor(next() * 20))); break;
      case 'neighbour': {
        const neighbour = at + 1 < articles.length && (at === 0 || next() < 0.5) ? articles[at + 1] : articles[at - 1];
        text = say(cite(title, neighbour.number!));
        break;
      }
      case 'altered': text = say(truth, alter(quote, next)); break;
      case 'title-variant': {
        const variant = titleVariants(document.title).find((v) => corpus.lookupTitle(v).length === 0) ?? `${title}（试行）`;
        text = say(cite(variant, number));
        break;
      }
    }
    drafts.push({ kind, text, truth, original });
  });
  return drafts;
}

/** What LexCite says of one draft, and whether the first fix puts the citation right. */
export interface Outcome {
  draft: Draft;
  diagnostics: Diagnostic[];
  /** Any diagnostic (hints included). */
  flagged: boolean;
  /** A warning or an error. */
  warned: boolean;
  /** The first fix, applied, leaves the provision's words quoted and no warning or error (undefined: no fix offered). */
  fixedRight?: boolean;
}

/**
 * What a draft's citations are judged by: everything but the house-style hints (a 司法解释 cited without its 文号
 * is a style matter, not a wrong citation).
 */
function aboutTheCitation(d: Diagnostic): boolean {
  return !String(d.code).startsWith('style.');
}

function applyFirstFix(text: string, diagnostics: Diagnostic[]): string | undefined {
  const fix = diagnostics.map((d) => (d.data as DiagnosticData | undefined)?.fixes?.[0]).find((f) => f !== undefined);
  if (!fix) return undefined;
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(fix.range.start)) + fix.newText + text.slice(lines.offsetAt(fix.range.end));
}

function diagnose(corpus: Corpus, text: string): Diagnostic[] {
  return checkPaper(corpus, makePaper(corpus, 'file:///draft.md', 1, text, PAPER_DATE)).filter(aboutTheCitation);
}

/**
 * A fix is right only if the quotation then holds the provision's words: rewriting a misnumbered quotation into
 * the wrong article's words would silence the check and keep the error.
 */
function keepsTheWords(fixed: string, draft: Draft): boolean {
  const quoted = /“(.*)”/.exec(fixed)?.[1] ?? '';
  return normalizeForMatch(quoted).includes(draft.original);
}

export function evaluate(corpus: Corpus, drafts: Draft[]): Outcome[] {
  return drafts.map((draft) => {
    const diagnostics = diagnose(corpus, draft.text);
    const fixed = applyFirstFix(draft.text, diagnostics);
    return {
      draft,
      diagnostics,
      flagged: diagnostics.length > 0,
      warned: diagnostics.some((d) => d.severity! <= 2),
      fixedRight: fixed === undefined ? undefined : keepsTheWords(fixed, draft) && !diagnose(corpus, fixed).some((d) => d.severity! <= 2),
    };
  });
}

export interface Row {
  kind: DraftKind;
  drafts: number;
  flagged: number;
  warned: number;
  withFix: number;
  fixedRight: number;
}

export function tabulate(outcomes: Outcome[]): Row[] {
  return (['correct', ...ERROR_KINDS] as DraftKind[]).map((kind) => {
    const of = outcomes.filter((o) => o.draft.kind === kind);
    return {
      kind,
      drafts: of.length,
      flagged: of.filter((o) => o.flagged).length,
      warned: of.filter((o) => o.warned).length,
      withFix: of.filter((o) => o.fixedRight !== undefined).length,
      fixedRight: of.filter((o) => o.fixedRight).length,
    };
  });
}

export function formatTable(rows: Row[]): string {
  const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}%`);
  const lines = ['| drafts | n | flagged (any level) | warning or error | fix offered | fix puts it right |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const label = r.kind === 'correct' ? 'correct citations (false alarms)' : r.kind;
    lines.push(`| ${label} | ${r.drafts} | ${r.flagged} (${pct(r.flagged, r.drafts)}) | ${r.warned} (${pct(r.warned, r.drafts)}) | ${r.withFix} | ${r.fixedRight} (${pct(r.fixedRight, r.withFix)}) |`);
  }
  return lines.join('\n');
}
