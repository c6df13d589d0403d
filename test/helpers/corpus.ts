/** The real bulletin corpus, loaded once for all tests. */
import * as path from 'path';
import { Corpus } from '../../server/src/core/corpus';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DATA_DIR = path.join(REPO_ROOT, 'data');
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

let corpus: Corpus | undefined;

export function bulletinCorpus(): Corpus {
  if (!corpus) corpus = new Corpus(loadCorpusFiles(DATA_DIR));
  return corpus;
}
