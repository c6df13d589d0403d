/**
 * Short names a paper defines (以下简称《X》) must be defined before they are used, once, and mean one thing.
 *   shortname.before-definition   《九民纪要》 used before （以下简称《九民纪要》）
 *   shortname.redefined           the same short name defined again for the same work
 *   shortname.ambiguous           the same short name defined for two different works
 * Citations through a short name (《X》第N项) are resolved and range-checked by checks/citations.ts.
 */
import { t } from '../text/messages';
import { CheckContext, Finding, movedPast } from './context';
import type { Corpus } from '../corpus/corpus';
import type { ParsedPaper } from '../paper/parser';
import type { ShortNameDefinition } from '../paper/paperScope';

/** The short-name findings of the last version checked of each open paper, with what they were found for. */
const lastFound = new WeakMap<object, { definitions: readonly ShortNameDefinition[]; parsed: ParsedPaper; corpus: Corpus; locale: string; lineCount: number; lastFirst: number; findings: Finding[] }>();

/**
 * The short-name findings. After an edit that kept the paper's definitions (the same objects), added or removed
 * no line and lies after every name's first definition, they are the last version's, moved past the edit.
 */
export function checkShortNames(context: CheckContext): Finding[] {
  const { paper, corpus, locale } = context;
  const definitions = paper.scope.definitions;
  const last = lastFound.get(paper.lifetime);
  let findings: Finding[] | undefined;
  if (last && last.definitions === definitions && last.corpus === corpus && last.locale === locale && last.lineCount === paper.lines.lineCount) {
    if (last.parsed === paper.parsed) findings = last.findings;
    else if (paper.change?.previous === last.parsed && paper.change.from > last.lastFirst) findings = movedPast(last.findings, paper.change);
  }
  let lastFirst = last?.lastFirst ?? -1;
  if (!findings) {
    findings = shortNameFindings(context);
    lastFirst = -1;
    for (const definition of definitions) lastFirst = Math.max(lastFirst, paper.scope.definitionsOf(definition.name)[0].offset);
  }
  lastFound.set(paper.lifetime, { definitions, parsed: paper.parsed, corpus, locale, lineCount: paper.lines.lineCount, lastFirst, findings });
  return findings;
}

function shortNameFindings(context: CheckContext): Finding[] {
  const { paper, corpus, locale } = context;
  const findings: Finding[] = [];
  const definitions = paper.scope.definitions;
  if (definitions.length === 0) return findings;
  const lineOf = (offset: number) => paper.lines.positionAt(offset).line + 1;
  const reported = new Set<string>();
  for (const definition of definitions) {
    const all = paper.scope.definitionsOf(definition.name);
    const first = all[0];
    if (definition !== first) {
      const same = sameTarget(first.entries, definition.entries) && (first.entries.length > 0 || first.title.title === definition.title.title);
      findings.push({
        code: same ? 'shortname.redefined' : 'shortname.ambiguous',
        start: definition.offset, end: definition.offset + definition.name.length,
        message: t(locale, same ? 'shortname.redefined' : 'shortname.ambiguous', { name: definition.name, line: lineOf(first.offset), first: first.title.title, second: definition.title.title }),
      });
    }
    if (reported.has(definition.name)) continue;
    reported.add(definition.name);
    // Uses before the first definition; a name that is itself the title of an indexed document (《民法典》)
    // cites that document, so using it early is no fault.
    if (corpus.lookupTitle(definition.name).some((e) => e.type === 'document')) continue;
    for (const title of paper.parsed.titles) {
      if (title.start >= first.offset) break;
      if (title.title !== definition.name || title === first.title) continue;
      findings.push({
        code: 'shortname.before-definition', start: title.start, end: title.end,
        message: t(locale, 'shortname.before-definition', { name: definition.name, line: lineOf(first.offset), full: first.title.title }),
      });
    }
  }
  return findings;
}

function sameTarget(a: { type: string; id: string }[], b: { type: string; id: string }[]): boolean {
  return a.length === b.length && a.every((e, i) => e.type === b[i].type && e.id === b[i].id);
}
