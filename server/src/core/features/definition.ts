/**
 * Go to definition / peek: the cited document opened read-only under a lexcite: URI, positioned at the
 * provision; a footnote reference jumps to its definition. Empty when nothing is cited under the cursor.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import { elementAtInPaper, targetOf } from '../corpus/citationAt';
import { resolveShortForm } from '../checks/footnotes';
import type { Corpus } from '../corpus/corpus';
import type { Paper } from '../paper/paperCache';
import { VirtualDocuments, virtualUri } from './virtualDocuments';

export function provideDefinition(corpus: Corpus, virtual: VirtualDocuments, paper: Paper, position: Position): Location[] {
  const offset = paper.lines.offsetAt(position);
  const element = elementAtInPaper(paper, offset);
  if (!element) return [];
  const here = (start: number, end: number): Location => ({ uri: paper.uri, range: paper.lines.range(start, end) });
  if (element.kind === 'footnoteRef') {
    return paper.parsed.footnoteDefs.filter((d) => d.label === element.ref.label).map((d) => here(d.start, d.end));
  }
  if (element.kind === 'shortForm') {
    const { target } = resolveShortForm(paper.parsed, element.form);
    return target ? [here(target.start, target.end)] : [];
  }
  const target = targetOf(corpus, element, paper.scope);
  if (!target) {
    // A short name of a work the index does not hold: go to where the paper defines it.
    const definition = element.kind === 'title' ? paper.scope.definitionFor(element.title) : undefined;
    return definition ? [here(definition.title.start, definition.title.end)] : [];
  }
  const rendered = virtual.get(virtualUri(target));
  // The rendering's URI carries the work's title, which names the editor's tab.
  const uri = rendered?.uri ?? virtualUri(target);
  const line = target.provision !== undefined && rendered ? rendered.provisionLines[target.provision] ?? 0 : 0;
  return [{ uri, range: { start: { line, character: 0 }, end: { line, character: 0 } } }];
}
