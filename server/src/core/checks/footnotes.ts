/**
 * Markdown footnotes and the short forms of repeated citations.
 *   footnote.undefined         [^3] with no [^3]: definition
 *   footnote.unused            a definition nothing refers to
 *   footnote.duplicate         two definitions with one label
 *   shortform.ibid-first       同上注 in the first footnote
 *   shortform.ibid-ambiguous   同上注 after a footnote that cites several works
 *   shortform.missing-target   同前注〔9〕 when there is no footnote 9, or it is this footnote or a later one
 *   shortform.target-mismatch  同前注〔3〕，张金平文 when footnote 3 does not cite 张金平
 */
import { t } from '../text/messages';
import type { FootnoteDefinition, ParsedPaper } from '../paper/parser';
import { footnoteDefinition, footnoteNumber, itemsStartingIn } from '../paper/paperIndex';
import type { ShortForm } from '../paper/shortForms';
import type { CheckContext, Finding } from './context';
import { PaperWideMemo } from './paperWideMemo';

/** Kept while the footnotes are as they were (paper/incremental.ts PaperChange). */
const kept = new PaperWideMemo<undefined>((change) => change.footnotesKept);

/**
 * The footnote findings. After an edit that left the footnotes as they were and added or removed no line, they
 * are the last version's moved, unless one of them touches the edit.
 */
export function checkFootnotes(context: CheckContext): Finding[] {
  const { paper, locale } = context;
  return kept.findings(paper, [locale, paper.lines.lineCount], () => ({ findings: footnoteFindings(context), extra: undefined }));
}

function footnoteFindings(context: CheckContext): Finding[] {
  const { parsed } = context.paper;
  const { locale } = context;
  const findings: Finding[] = [];
  if (parsed.footnoteRefs.length === 0 && parsed.footnoteDefs.length === 0) return findings;
  const defined = new Set(parsed.footnoteDefs.map((d) => d.label));
  const referenced = new Set(parsed.footnoteRefs.map((r) => r.label));
  // By index: a list may be the shared frozen empty one, which sends a for-of through the iterator.
  for (let i = 0; i < parsed.footnoteRefs.length; i++) {
    const ref = parsed.footnoteRefs[i];
    if (!defined.has(ref.label)) findings.push({ code: 'footnote.undefined', start: ref.start, end: ref.end, message: t(locale, 'footnote.undefined', { label: ref.label }) });
  }
  const seen = new Map<string, FootnoteDefinition>();
  for (let i = 0; i < parsed.footnoteDefs.length; i++) {
    const def = parsed.footnoteDefs[i];
    const first = seen.get(def.label);
    if (first) {
      findings.push({ code: 'footnote.duplicate', start: def.start, end: def.end, message: t(locale, 'footnote.duplicate', { label: def.label, line: lineOf(context, first.start) }) });
      continue;
    }
    seen.set(def.label, def);
    if (!referenced.has(def.label)) findings.push({ code: 'footnote.unused', start: def.start, end: def.end, message: t(locale, 'footnote.unused', { label: def.label }) });
  }
  for (let i = 0; i < parsed.shortForms.length; i++) findings.push(...checkShortForm(context, parsed.shortForms[i]));
  return findings;
}

function lineOf(context: CheckContext, offset: number): number {
  return context.paper.lines.positionAt(offset).line + 1;
}

/** The footnote a short form points to, following 同上注 chains; undefined when it points nowhere. */
export function resolveShortForm(parsed: ParsedPaper, form: ShortForm): { target?: FootnoteDefinition; number?: number; problem?: 'first' | 'missing' | 'forward' } {
  const own = footnoteNumber(parsed, form.footnote);
  if (own === undefined) return { problem: 'missing' };
  let number: number;
  if (form.kind === 'ibid') {
    if (own <= 1) return { problem: 'first' };
    number = own - 1;
  } else {
    number = form.target!;
    if (number > parsed.footnoteOrder.length || number < 1) return { problem: 'missing', number };
    if (number >= own) return { problem: 'forward', number };
  }
  const label = parsed.footnoteOrder[number - 1];
  const target = label === undefined ? undefined : footnoteDefinition(parsed, label);
  return target ? { target, number } : { problem: 'missing', number };
}

/** Distinct works a footnote cites, following a footnote that is itself only a short form. */
export function worksCitedBy(parsed: ParsedPaper, def: FootnoteDefinition, depth = 0): string[] {
  const works = new Set<string>();
  for (const journal of itemsStartingIn(parsed.journals, def.contentStart, def.contentEnd)) works.add(`paper:${journal.title.title}`);
  for (const title of itemsStartingIn(parsed.titles, def.contentStart, def.contentEnd)) if (!title.journalRole) works.add(`title:${title.title}`);
  if (works.size === 0 && depth < 20) {
    const form = itemsStartingIn(parsed.shortForms, def.contentStart, def.contentEnd)[0];
    if (form) {
      const { target } = resolveShortForm(parsed, form);
      if (target) return worksCitedBy(parsed, target, depth + 1);
    }
  }
  return [...works];
}

function checkShortForm(context: CheckContext, form: ShortForm): Finding[] {
  const { parsed } = context.paper;
  const { locale } = context;
  const written = parsed.text.slice(form.start, form.end);
  const resolved = resolveShortForm(parsed, form);
  if (resolved.problem === 'first') return [{ code: 'shortform.ibid-first', start: form.start, end: form.end, message: t(locale, 'shortform.ibid-first', { written }) }];
  if (resolved.problem === 'missing' || resolved.problem === 'forward') {
    const key = resolved.problem === 'forward' ? 'shortform.forward' : 'shortform.missing-target';
    return [{ code: 'shortform.missing-target', start: form.start, end: form.end, message: t(locale, key, { written, n: resolved.number ?? '?', count: parsed.footnoteOrder.length }) }];
  }
  const target = resolved.target!;
  const targetText = parsed.text.slice(target.contentStart, target.contentEnd);
  if (form.kind === 'ibid') {
    const works = worksCitedBy(parsed, target);
    if (works.length > 1) return [{ code: 'shortform.ibid-ambiguous', start: form.start, end: form.end, message: t(locale, 'shortform.ibid-ambiguous', { written, n: resolved.number!, count: works.length }) }];
    return [];
  }
  // 同前注〔3〕，张金平文 / 同前注〔3〕，张金平书 / 同前注〔3〕，张金平：《…》: the name must be in footnote 3.
  const named = /^([\u4e00-\u9fff·]{2,4})(?=文|书|著|主编|等|：|:)/.exec(form.note)?.[1] ?? /《([^》]+)》/.exec(form.note)?.[1];
  if (named && !targetText.includes(named)) {
    return [{ code: 'shortform.target-mismatch', start: form.start, end: form.end + (parsed.text.slice(form.end).indexOf(named) + named.length), message: t(locale, 'shortform.target-mismatch', { written, named, n: resolved.number!, target: abbreviate(targetText.trim()) }) }];
  }
  return [];
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}……` : text;
}
