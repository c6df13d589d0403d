/**
 * Hover: what the citation under the cursor refers to. A title shows its document card (or, for a near miss,
 * the suggestion); an article reference shows the provision's full text; a 文号 its document; a journal
 * citation the bibliographic record; a cited-only title what the bulletin knows; a footnote reference the
 * footnote's text. Undefined when nothing citable is under the cursor.
 */
import type { Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { documentForNumber, elementAtInPaper, itemForTitle, recordForJournal, versionsForTitle } from '../corpus/citationAt';
import { documentCard, itemCard, provisionCard, recordCard } from './cards';
import type { Corpus } from '../corpus/corpus';
import { escapeMarkdown, markdownMessage as t } from '../text/escape';
import type { Paper } from '../paper/paperCache';
import { resolveTitle } from '../corpus/resolver';
import { resolveShortForm } from '../checks/footnotes';
import { Locale, t as plainText } from '../text/messages';
import { VersionChoice, isVersionSet, legalStatusAt, versionName } from '../corpus/versions';
import { legalStatusMessage } from '../checks/versions';
import type { LexciteSettings } from '../settings';
import { provisionsUnavailable } from '../statutes/provisionSource';
import { CitationVerdict, VerdictContext, caseNumberVerdict, docNumberVerdict, journalVerdict, titleReach, titleVerdicts, verdictName, worstVerdict } from '../checks/verdicts';
import type { VerdictSpan } from '../checks/citationChecks';
import type { TitleCitation } from '../paper/parser';
import { caseNumberCard } from './caseNumberCard';
import { pandocHover } from './pandocFeatures';

/**
 * The diagnostics a verdict is computed from: the paper's for this version, or those of the part of the paper a
 * verdict over `span` reads (checks/citationChecks.ts), for a hover that comes before the paper's check.
 */
export type HoverDiagnostics = readonly Diagnostic[] | ((span: VerdictSpan) => readonly Diagnostic[]);

/**
 * With diagnostics for this version, a citation's card ends with its verdict (verdicts.ts); without them (a
 * window of a paper past the size limit) it has none rather than one computed from partial findings.
 */
export function provideHover(corpus: Corpus, paper: Paper, position: Position, settings: LexciteSettings, diagnostics?: HoverDiagnostics): Hover | undefined {
  const offset = paper.lines.offsetAt(position);
  const element = elementAtInPaper(paper, offset);
  if (!element) return undefined;
  const locale = settings.locale;
  const range = paper.lines.range(element.start, element.end);
  const verdicts = (span: VerdictSpan): VerdictContext | undefined => diagnostics && new VerdictContext(corpus, paper, typeof diagnostics === 'function' ? diagnostics(span) : diagnostics, locale);
  const ofTitle = (title: TitleCitation): CitationVerdict[] => {
    const context = verdicts(titleReach(paper, title));
    return context ? titleVerdicts(context, title) : [];
  };
  const ofSpan = (span: VerdictSpan, verdict: (context: VerdictContext) => CitationVerdict): CitationVerdict[] => {
    const context = verdicts(span);
    return context ? [verdict(context)] : [];
  };
  const verdictOf = (): string => {
    switch (element.kind) {
      case 'title': return verdictLine(ofTitle(element.title), locale);
      // The card already says which provision is missing.
      case 'reference': return verdictLine(ofTitle(element.title).filter((v) => v.end === element.reference.end), locale, 'article.not-found');
      case 'docNumber': return element.title ? verdictLine(ofTitle(element.title), locale) : verdictLine(ofSpan(element.number, (c) => docNumberVerdict(c, element.number)), locale);
      case 'journal': return verdictLine(ofSpan(element.journal, (c) => journalVerdict(c, element.journal)), locale);
      case 'caseNumber': return verdictLine(ofSpan(element.number, (c) => caseNumberVerdict(c, element.number)), locale);
      default: return '';
    }
  };
  const markdown = (value: string): Hover => ({ contents: { kind: 'markdown', value: value + verdictOf() }, range });

  const scope = paper.scope;
  switch (element.kind) {
    case 'title': {
      const item = itemForTitle(corpus, element.title, scope);
      const definition = scope.definitionFor(element.title);
      const note = definition ? `\n\n${t(locale, 'hover.short-name', { name: definition.name, full: definition.title.title, line: paper.lines.positionAt(definition.offset).line + 1 })}` : '';
      const choice = item?.type === 'document' ? versionsForTitle(corpus, element.title, scope) : undefined;
      if (item) return markdown(itemCard(corpus, item, locale) + note + (choice ? versionNote(corpus, choice, scope.date, locale) : ''));
      if (definition) return markdown(note.trim());
      const resolution = resolveTitle(corpus, element.title.title, scope, element.title);
      const text = resolution.status === 'typo'
        ? t(locale, 'title.typo', { written: element.title.title, suggestion: resolution.suggestion.entry.title })
        : resolution.status === 'unknown' && resolution.jurisdiction
          ? t(locale, 'title.foreign', { written: element.title.title, jurisdiction: resolution.jurisdiction })
          : `${t(locale, 'title.unknown', { written: element.title.title })}\n\n${notInIndexHelp(corpus, locale)}`;
      return markdown(text);
    }
    case 'reference': {
      const choice = versionsForTitle(corpus, element.title, scope);
      if (!choice) return undefined;
      const document = choice.chosen;
      const result = corpus.addressing(document).resolve(element.reference.steps);
      if (!result.ok && provisionsUnavailable(document)) {
        return markdown(t(locale, 'provisions.unavailable', { title: document.title }) + versionNote(corpus, choice, scope.date, locale));
      }
      if (!result.ok) {
        return markdown(t(locale, 'article.not-found', { title: document.title, reference: element.reference.text, available: result.failure.available }) + versionNote(corpus, choice, scope.date, locale));
      }
      return markdown(provisionCard(corpus, document, result.target.index, result.target.paragraph, locale) + versionNote(corpus, choice, scope.date, locale));
    }
    case 'docNumber': {
      const document = documentForNumber(corpus, element.number);
      return document ? markdown(documentCard(document, locale)) : undefined;
    }
    case 'caseNumber':
      return markdown(caseNumberCard(element.number, locale));
    case 'journal': {
      const record = recordForJournal(corpus, element.journal);
      return record ? markdown(recordCard(record, locale)) : undefined;
    }
    case 'footnoteRef': {
      const definition = paper.parsed.footnoteDefs.find((d) => d.label === element.ref.label);
      if (!definition) return undefined;
      const text = paper.parsed.text.slice(definition.contentStart, definition.contentEnd).trim();
      return markdown(`**[^${escapeMarkdown(element.ref.label)}]** ${escapeMarkdown(text)}`);
    }
    case 'shortForm': {
      const resolved = resolveShortForm(paper.parsed, element.form);
      if (!resolved.target) return undefined;
      const text = paper.parsed.text.slice(resolved.target.contentStart, resolved.target.contentEnd).trim();
      return markdown(`${t(locale, 'hover.short-form', { n: resolved.number! })}\n\n**[^${escapeMarkdown(resolved.target.label)}]** ${escapeMarkdown(text)}`);
    }
    case 'pandoc':
      return markdown(pandocHover(corpus, element.citation, locale, settings.style));
    default:
      return undefined;
  }
}

/**
 * The verdict of what is under the pointer, on one line: 核查结论：不符 — and why. A title cited with several
 * provisions gets the worst of their verdicts.
 */
function verdictLine(verdicts: CitationVerdict[], locale: Locale, shownAbove?: string): string {
  if (verdicts.length === 0) return '';
  const verdict = worstVerdict(verdicts.map((v) => v.verdict));
  const decisive = verdicts.filter((v) => v.verdict === verdict);
  const version = decisive[0].version;
  const head = version ? t(locale, 'verdict.line.version', { verdict: verdictName(verdict, locale), version }) : t(locale, 'verdict.line', { verdict: verdictName(verdict, locale) });
  const reasons = [...new Set(decisive.flatMap((v) => v.reasons.filter((r) => r.code !== shownAbove).map((r) => r.message)))];
  return `\n\n---\n\n**${head}**${reasons.length ? ` — ${reasons.map(escapeMarkdown).join(locale === 'en' ? '; ' : '；')}` : ''}`;
}

/** Which version a statute citation means and which others exist, for hovers. */
function versionNote(corpus: Corpus, choice: VersionChoice, date: string, locale: Locale): string {
  const status = legalStatusNote(corpus, choice, date, locale);
  if (!isVersionSet([choice.chosen, ...choice.others])) return status;
  // Plain text here: it is escaped once, as a parameter of the message below.
  const reason = choice.reason === 'tag' ? plainText(locale, 'hover.version-by-tag') : plainText(locale, 'hover.version-by-date', { date });
  return `\n\n${t(locale, 'hover.version', { version: versionName(choice.chosen), reason, others: choice.others.map(versionName).join('、') })}${status}`;
}

/** What the index holds and how to add what it lacks, for a title it does not know. */
function notInIndexHelp(corpus: Corpus, locale: Locale): string {
  return corpus.statuteBookDate ? t(locale, 'hover.not-in-index', { date: corpus.statuteBookDate }) : t(locale, 'hover.not-in-index.no-book');
}

/** Whether the law was in force at the paper's date, when it was not (or the collection says it no longer is). */
function legalStatusNote(corpus: Corpus, choice: VersionChoice, date: string, locale: Locale): string {
  const status = legalStatusAt(corpus, choice, date);
  if (!status) return '';
  const { key, params } = legalStatusMessage(status, choice.chosen, date);
  return `\n\n${t(locale, key, params)}`;
}
