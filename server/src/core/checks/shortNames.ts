/**
 * Short names a paper defines (以下简称《X》) must be defined before they are used, once, and mean one thing.
 *   shortname.before-definition   《九民纪要》 used before （以下简称《九民纪要》）
 *   shortname.redefined           the same short name defined again for the same work
 *   shortname.ambiguous           the same short name defined for two different works
 * Citations through a short name (《X》第N项) are resolved and range-checked by checks/citations.ts.
 */
import { t } from '../text/messages';
import type { CheckContext, Finding } from './context';
import { PaperWideMemo } from './paperWideMemo';

/**
 * Kept, with the offset of the last name's first definition, while an edit lies after every name's first
 * definition: what is used before a definition, or defined twice, is then as it was.
 */
const kept = new PaperWideMemo<number>((change, lastFirst) => change.from > lastFirst);

/**
 * The short-name findings. After an edit that kept the paper's definitions (the same objects), added or removed
 * no line and lies after every name's first definition, they are the last version's, moved past the edit.
 */
export function checkShortNames(context: CheckContext): Finding[] {
  const { paper, corpus, locale } = context;
  const definitions = paper.scope.definitions;
  return kept.findings(paper, [definitions, corpus, locale, paper.lines.lineCount], () => {
    let lastFirst = -1;
    for (const definition of definitions) lastFirst = Math.max(lastFirst, paper.scope.definitionsOf(definition.name)[0].offset);
    return { findings: shortNameFindings(context), extra: lastFirst };
  });
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
