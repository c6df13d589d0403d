/**
 * House style (hints, with fixes):
 *   style.zai                      载 missing where the style requires it, present where it forbids it
 *   style.article-numerals         第十七条 where the style writes 第17条, or the reverse
 *   style.docnumber-first-mention  a document with a 文号 first cited without （文号） after its title
 *   style.punctuation              “,” or “。” instead of “，” between title and journal; “:” instead of “：”
 * A paper written consistently in another recognised style (all its 载 and numerals agree with 《法学研究》,
 * say) is judged by that style, so it gets no 载 or numeral findings. What a block shows of the style, its
 * findings and its citations of documents with a 文号 are kept with the block (blockMemo.ts); the style and
 * the first citations are decided on the whole paper (groupChecks.ts).
 */
import { t } from '../text/messages';
import { toChineseNumeral } from '../text/numerals';
import { BlockState, Inputs, PlacedFindings, keptFor, placed } from './blockMemo';
import { documentForTitle } from '../corpus/citationAt';
import { HOUSE_STYLES, HouseStyle } from '../text/styles';
import type { CheckContext, Finding } from './context';
import { FirstMention, StyleObservations, observe } from './styleObservations';
import type { Block } from '../paper/incremental';
import type { ParsedPaper } from '../paper/parser';

const NO_INPUTS: Inputs = [];

/** What a block shows of the paper's style, kept with the block. */
export function observed(state: BlockState, parse: ParsedPaper): StyleObservations {
  return keptFor(state.styleSeen, NO_INPUTS) ?? (state.styleSeen = { inputs: NO_INPUTS, value: observe(parse) }).value;
}

/**
 * The configured style, unless the paper consistently follows another recognised one; `fits` are the styles
 * each part of the paper (a block, or a run of blocks) agrees with throughout.
 */
export function effectiveStyle(configured: HouseStyle, fits: readonly ReadonlySet<string>[]): HouseStyle {
  const consistentWith = (style: HouseStyle) => fits.every((part) => part.has(style.name));
  if (consistentWith(configured)) return configured;
  return Object.values(HOUSE_STYLES).find((style) => style.name !== configured.name && consistentWith(style)) ?? configured;
}

/**
 * A block's style findings under the paper's style, kept with the block and placed where it started;
 * `styleInputs` is [locale, style name], one list for the whole check.
 */
export function blockStyle(context: CheckContext, style: HouseStyle, styleInputs: Inputs, state: BlockState, block: Block, seen: StyleObservations): PlacedFindings {
  return keptFor(state.style, styleInputs) ?? (state.style = { inputs: styleInputs, value: placed(block.start, blockStyleFindings(context, style, seen)) }).value;
}

/** The block's citations of documents with a 文号, kept with the block and `inputs`, what its titles resolve by. */
export function documentsWithNumbers(context: CheckContext, state: BlockState, parse: ParsedPaper, inputs: Inputs): FirstMention[] {
  return keptFor(state.firstMentions, inputs) ?? (state.firstMentions = { inputs, value: withNumbers(context, parse) }).value;
}

function withNumbers(context: CheckContext, parse: ParsedPaper): FirstMention[] {
  let mentions: FirstMention[] | undefined;
  for (let i = 0; i < parse.titles.length; i++) {
    const title = parse.titles[i];
    const document = title.journalRole ? undefined : documentForTitle(context.corpus, title, context.paper.scope);
    if (document?.docNumber) (mentions ??= []).push({ title, document });
  }
  // Most blocks cite no document with a 文号: one shared empty list for them.
  return mentions ?? NO_MENTIONS;
}
const NO_MENTIONS: FirstMention[] = [];

/**
 * style.docnumber-first-mention: the first citation of each document with a 文号 must give it. `candidates` are
 * the paper's citations of such documents in order (each list may leave out a document's later citations).
 */
export function firstMentionFindings(context: CheckContext, candidates: readonly (readonly FirstMention[])[]): Finding[] {
  const { locale } = context;
  const text = context.paper.parsed.text;
  const mentioned = new Set<string>();
  const findings: Finding[] = [];
  for (const list of candidates) {
    for (const { title, document } of list) {
      if (mentioned.has(document.id)) continue;
      mentioned.add(document.id);
      // A 文号 written right after the title, or anywhere just before it (国发〔2025〕11号《…》), counts.
      const nearby = text.slice(Math.max(0, title.start - 20), title.start);
      if (title.docNumber || nearby.includes(document.docNumber!)) continue;
      const insertAt = title.versionTag ? title.versionTag.end + 1 : title.end;
      findings.push({
        code: 'style.docnumber-first-mention', start: title.start, end: title.end,
        message: t(locale, 'style.docnumber-first-mention', { title: document.title, docNumber: document.docNumber! }),
        fixes: [{ title: t(locale, 'fix.insert-docnumber', { docNumber: document.docNumber! }), start: insertAt, end: insertAt, newText: `（${document.docNumber}）` }],
      });
    }
  }
  return findings;
}

/** 载, the separator and colon of journal citations, and article numerals, in one block. */
function blockStyleFindings(context: CheckContext, style: HouseStyle, seen: StyleObservations): Finding[] {
  const { locale } = context;
  const text = context.paper.parsed.text;
  const findings: Finding[] = [];
  for (const journal of seen.journals) {
    if (style.zai === 'required' && !journal.zai) {
      findings.push({
        code: 'style.zai', start: journal.separator.start, end: journal.separator.end,
        message: t(locale, 'style.zai-required', { style: style.name }),
        fixes: [{ title: t(locale, 'fix.insert-zai'), start: journal.separator.start, end: journal.separator.end, newText: '，载' }],
      });
    } else if (style.zai === 'forbidden' && journal.zai) {
      findings.push({
        code: 'style.zai', start: journal.zai.start, end: journal.zai.end,
        message: t(locale, 'style.zai-forbidden', { style: style.name }),
        fixes: [{ title: t(locale, 'fix.remove-zai'), start: journal.separator.start, end: journal.separator.end, newText: '，' }],
      });
    } else if (!/^[ \t]*，/.test(journal.separator.text)) {
      const replacement = journal.zai ? '，载' : '，';
      findings.push({
        code: 'style.punctuation', start: journal.separator.start, end: journal.separator.end,
        message: t(locale, 'style.punctuation-separator', { written: journal.separator.text || '∅' }),
        fixes: [{ title: t(locale, 'fix.replace-with', { value: replacement }), start: journal.separator.start, end: journal.separator.end, newText: replacement }],
      });
    }
    const colon = journal.authors.length > 0 ? journal.title.start - 1 : -1;
    if (colon >= 0 && text[colon] === ':') {
      findings.push({
        code: 'style.punctuation', start: colon, end: colon + 1,
        message: t(locale, 'style.punctuation-colon'),
        fixes: [{ title: t(locale, 'fix.replace-with', { value: '：' }), start: colon, end: colon + 1, newText: '：' }],
      });
    }
  }

  for (const step of seen.steps) {
    if (step.numerals === style.articleNumerals) continue;
    const written = text.slice(step.numberStart!, step.numberEnd!);
    const value = style.articleNumerals === 'arabic' ? String(step.number) : toChineseNumeral(step.number);
    findings.push({
      code: 'style.article-numerals', start: step.start!, end: step.end!,
      message: t(locale, 'style.article-numerals', { style: style.name, written: `第${written}条`, preferred: `第${value}条` }),
      fixes: [{ title: t(locale, 'fix.replace-with', { value: `第${value}条` }), start: step.numberStart!, end: step.numberEnd!, newText: value }],
    });
  }

  return findings;
}
