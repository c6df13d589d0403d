/**
 * Find references and document highlights: every citation of the same document — or, from an article
 * reference, the same provision — across the workspace's Markdown papers.
 */
import type { DocumentHighlight, Location, Position } from 'vscode-languageserver-types';
import { CitedTarget, citedTargets, elementAtInPaper, sameTarget, targetOf } from '../corpus/citationAt';
import type { Corpus } from '../corpus/corpus';
import type { Paper } from '../paper/paperCache';

export function targetAtPosition(corpus: Corpus, paper: Paper, position: Position): { target: CitedTarget; exact: boolean } | undefined {
  const element = elementAtInPaper(paper, paper.lines.offsetAt(position));
  if (!element) return undefined;
  const target = targetOf(corpus, element, paper.scope);
  if (!target) return undefined;
  // From an article reference, only citations of that provision; from a title, every citation of the work.
  return { target, exact: element.kind === 'reference' && target.provision !== undefined };
}

export function provideReferences(corpus: Corpus, paper: Paper, position: Position, workspace: Iterable<Paper>): Location[] {
  const found = targetAtPosition(corpus, paper, position);
  if (!found) return [];
  const locations: Location[] = [];
  for (const other of workspace) {
    for (const { element, target } of citedTargets(corpus, other.parsed, other.scope)) {
      // From a title: the work's titles and 文号, not each article reference after them.
      if (!sameTarget(found.target, target, found.exact) || (!found.exact && element.kind === 'reference')) continue;
      locations.push({ uri: other.uri, range: other.lines.range(element.start, element.end) });
    }
  }
  return locations;
}

export function provideDocumentHighlights(corpus: Corpus, paper: Paper, position: Position): DocumentHighlight[] {
  const found = targetAtPosition(corpus, paper, position);
  if (!found) return [];
  return citedTargets(corpus, paper.parsed, paper.scope)
    .filter(({ element, target }) => sameTarget(found.target, target, found.exact) && (found.exact || element.kind !== 'reference'))
    .map(({ element }) => ({ range: paper.lines.range(element.start, element.end), kind: 1 }));
}
