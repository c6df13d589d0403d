/** The real bulletin corpus and the bundled statute book, loaded once for all tests. */
import * as path from 'path';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { assembleCorpus, loadBundledStatutes } from '../../server/src/node/corpusAssembly';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DATA_DIR = path.join(REPO_ROOT, 'data');
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

/** Statute files in LawRefBook's Markdown shape, copied unchanged (see the folder's README). */
export const LAWREFBOOK_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'statutes-names');
/** 个人信息保护法 (2021) in LawRefBook Markdown, 74 articles. */
export const LAWREFBOOK_PIPL = path.join(LAWREFBOOK_FIXTURES, '行政法', '个人信息保护法(2021-08-20).md');
/** 数据安全法 (2021) in LawRefBook Markdown. */
export const LAWREFBOOK_DSL = path.join(LAWREFBOOK_FIXTURES, '行政法', '数据安全法(2021-06-10).md');
/** 生成式人工智能服务管理暂行办法 in Ansvar JSON (see test/fixtures/ansvar-json/README.md). */
export const ANSVAR_GENAI = path.join(REPO_ROOT, 'test', 'fixtures', 'ansvar-json', 'cac-genai-2023.json');

let corpus: Corpus | undefined;
let product: Corpus | undefined;

export function bulletinCorpus(): Corpus {
  if (!corpus) corpus = new Corpus(loadCorpusFiles(DATA_DIR));
  return corpus;
}

/** The corpus the CLI and the server serve with no settings: the bulletin and the bundled statute book. */
export function productCorpus(): Corpus {
  if (!product) {
    const fail = (message: string) => {
      throw new Error(message);
    };
    product = assembleCorpus({ bulletin: loadCorpusFiles(DATA_DIR), book: loadBundledStatutes(fail), folders: [] }, fail);
  }
  return product;
}
