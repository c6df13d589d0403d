/**
 * A provision reproduced after its number without quotation marks — “《个保法》第四十七条　有下列情形之一的，个人信息
 * 处理者应当主动删除个人信息……” — is held to the provision's words like a quotation. Only a passage close to the
 * provision counts as a reproduction (a changed or missing word); prose after a number that resembles nothing in
 * the provision is the paper's own and is left alone.
 */
import { sourceOf, verifyQuotation } from './quotations';
import type { CheckContext, Finding } from './context';
import { inScope } from './context';
import { t } from '../text/messages';
import { normalizeForMatch } from '../text/normalize';

/** 第四十七条 then a full-width space, two spaces or a tab: how statute text is laid out when reproduced. */
const LAYOUT_GAP = /^(?:\u3000+|[ \t]{2,}|\t)(?=\S)/;
const MIN_REPRODUCTION = 15;
const MAX_REPRODUCTION = 400;

export function checkReproductions(context: CheckContext): Finding[] {
  const { paper, corpus, locale } = context;
  const { text } = paper.parsed;
  const findings: Finding[] = [];
  const titles = inScope(context, paper.parsed.titles);
  for (let i = 0; i < titles.length; i++) {
    const title = titles[i];
    if (title.journalRole || title.jurisdiction?.foreign || title.references.length !== 1) continue;
    const reference = title.references[0];
    // LAYOUT_GAP opens with a space or a tab: most references are followed by neither, and cut nothing out.
    const next = text.charCodeAt(reference.end);
    if (next !== 0x3000 && next !== 0x20 && next !== 0x09) continue;
    const gap = LAYOUT_GAP.exec(text.slice(reference.end, reference.end + 8));
    if (!gap) continue;
    const start = reference.end + gap[0].length;
    const lineEnd = text.indexOf('\n', start);
    const end = Math.min(lineEnd < 0 ? text.length : lineEnd, start + MAX_REPRODUCTION);
    const passage = text.slice(start, end).trimEnd();
    if (normalizeForMatch(passage).length < MIN_REPRODUCTION) continue;
    const source = sourceOf(corpus, paper.scope, title);
    if (!source || source.targets.length === 0) continue;
    const verdict = corpus.cached(`quote:${source.key}:${passage}`, () => verifyQuotation(passage, source.text));
    // Only a passage close to the provision is a reproduction with a word changed; anything else is prose.
    if (verdict.ok || !verdict.passage) continue;
    const where = `《${source.document.title}》${source.address}`;
    findings.push({
      code: 'quote.mismatch', start, end: start + passage.length,
      message: t(locale, 'quote.mismatch', { where, passage: verdict.passage }),
      fixes: [{ title: t(locale, 'fix.replace-quote', { passage: verdict.passage.length > 30 ? `${verdict.passage.slice(0, 30)}…` : verdict.passage }), start, end: start + passage.length, newText: verdict.passage }],
    });
  }
  return findings;
}
