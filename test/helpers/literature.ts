/** The bulletin with the fixture bibliographies (test/fixtures/bibliography), loaded once for all tests. */
import * as path from 'path';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { loadBibliographies } from '../../server/src/node/bibliography';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';
import { DATA_DIR, REPO_ROOT } from './corpus';

export const BIB_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'bibliography');

let corpus: Corpus | undefined;

export function literatureCorpus(): Corpus {
  corpus ??= new Corpus(loadCorpusFiles(DATA_DIR), [], { literature: loadBibliographies(['zotero.json', 'library.bib'], BIB_FIXTURES).records });
  return corpus;
}
