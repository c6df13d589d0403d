/**
 * House style (hints, with fixes):
 *   style.zai                      载 missing where the style requires it, present where it forbids it
 *   style.article-numerals         第十七条 where the style writes 第17条, or the reverse
 *   style.docnumber-first-mention  a document with a 文号 first cited without （文号） after its title
 *   style.punctuation              “,” or “。” instead of “，” between title and journal; “:” instead of “：”
 * A paper written consistently in another recognised style (all its 载 and numerals agree with 《法学研究》,
 * say) is judged by that style, so it gets no 载 or numeral findings.
 */
import { t } from '../text/messages';
import { toChineseNumeral } from '../text/numerals';
import { BlockState, Inputs, PlacedFindings, keptFor, placed } from './blockMemo';
import { documentForTitle } from '../corpus/citationAt';
import { HOUSE_STYLES, HouseStyle } from '../text/styles';
import type { CheckContext, Finding } from './context';
import { StyleObservations, observe } from './styleObservations';

const NO_INPUTS: Inputs = [];

function consistentWith(style: HouseStyle, seen: readonly StyleObservations[]): boolean {
  return seen.every((block) => block.fits.has(style.name));
}

/** The configured style, unless the paper consistently follows another recognised one. */
function effectiveStyle(configured: HouseStyle, seen: readonly StyleObservations[]): HouseStyle {
  if (consistentWith(configured, seen)) return configured;
  return Object.values(HOUSE_STYLES).find((style) => style.name !== configured.name && consistentWith(style, seen)) ?? configured;
}

/**
 * The paper's style is decided on the whole paper; the findings are then made block by block and kept per block
 * (blockMemo.ts), placed where the block started, with `inputs[i]` what block i's citations resolve by (the
 * corpus, the short names before it…). Whether a document is cited for the first time is decided on the whole paper.
 */
export function checkStyle(context: CheckContext, states: readonly BlockState[], inputs: readonly Inputs[]): { perBlock: PlacedFindings[]; paperWide: Finding[] } {
  const { paper } = context;
  const seen = paper.blockParses.map((parse, i) => keptFor(states[i].styleSeen, NO_INPUTS) ?? (states[i].styleSeen = { inputs: NO_INPUTS, value: observe(parse) }).value);
  const style = effectiveStyle(context.style, seen);
  const styleInputs = [context.locale, style.name];
  const perBlock = paper.blocks.map((block, i) => {
    return keptFor(states[i].style, styleInputs) ?? (states[i].style = { inputs: styleInputs, value: placed(block.start, blockStyleFindings(context, style, seen[i])) }).value;
  });
  const findings: Finding[] = [];
  if (!style.docNumberOnFirstMention) return { perBlock, paperWide: findings };
  const { locale } = context;
  const text = paper.parsed.text;
  const mentioned = new Set<string>();
  paper.blocks.forEach((_, i) => {
    const candidates = keptFor(states[i].firstMentions, inputs[i]) ?? (states[i].firstMentions = { inputs: inputs[i], value: paper.blockParses[i].titles.flatMap((title) => {
      const document = title.journalRole ? undefined : documentForTitle(context.corpus, title, paper.scope);
      return document?.docNumber ? [{ title, document }] : [];
    }) }).value;
    for (const { title, document } of candidates) {
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
  });
  return { perBlock, paperWide: findings };
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
