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
import type { JournalCitation, ReferenceStep } from '../paper/parser';
import { documentForTitle } from '../corpus/citationAt';
import { HOUSE_STYLES, HouseStyle } from '../text/styles';
import type { CheckContext, Finding } from './context';

interface Observations {
  journals: JournalCitation[];
  steps: ReferenceStep[];
}

function observe(context: CheckContext): Observations {
  const { parsed } = context.paper;
  const journals = parsed.journals.filter((j) => /[\u4e00-\u9fff]/.test(j.journal.title));
  const steps = parsed.titles
    .filter((title) => !title.journalRole)
    .flatMap((title) => title.references.flatMap((r) => r.steps))
    .filter((s) => s.unit === '条' && !s.parenthesized && s.numberStart !== undefined);
  return { journals, steps };
}

function consistentWith(style: HouseStyle, seen: Observations): boolean {
  return seen.journals.every((j) => (j.zai !== undefined) === (style.zai === 'required'))
    && seen.steps.every((s) => s.numerals === style.articleNumerals);
}

/** The configured style, unless the paper consistently follows another recognised one. */
export function effectiveStyle(configured: HouseStyle, seen: Observations): HouseStyle {
  if (consistentWith(configured, seen)) return configured;
  return Object.values(HOUSE_STYLES).find((style) => style.name !== configured.name && consistentWith(style, seen)) ?? configured;
}

export function checkStyle(context: CheckContext): Finding[] {
  const seen = observe(context);
  const style = effectiveStyle(context.style, seen);
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

  if (style.docNumberOnFirstMention) {
    const mentioned = new Set<string>();
    for (const title of context.paper.parsed.titles) {
      if (title.journalRole) continue;
      const document = documentForTitle(context.corpus, title, context.paper.scope);
      if (!document?.docNumber || mentioned.has(document.id)) continue;
      mentioned.add(document.id);
      // A 文号 written right after the title, or anywhere just before it (国发〔2025〕11号《…》), counts.
      const nearby = text.slice(Math.max(0, title.start - 20), title.start);
      if (title.docNumber || nearby.includes(document.docNumber)) continue;
      const insertAt = title.versionTag ? title.versionTag.end + 1 : title.end;
      findings.push({
        code: 'style.docnumber-first-mention', start: title.start, end: title.end,
        message: t(locale, 'style.docnumber-first-mention', { title: document.title, docNumber: document.docNumber }),
        fixes: [{ title: t(locale, 'fix.insert-docnumber', { docNumber: document.docNumber }), start: insertAt, end: insertAt, newText: `（${document.docNumber}）` }],
      });
    }
  }
  return findings;
}
