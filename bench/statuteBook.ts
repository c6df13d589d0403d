/**
 * The bundled statute book's cost: time to read the pack, time to build the corpus's title index over it, and
 * the process's RSS with the whole book loaded (every document's provisions decompressed) against the server's
 * 250 MB budget. `node out/bench/statuteBook.js [PACK]` after `npx tsc -p .`; exit 1 when over budget.
 */
import * as path from 'path';
import { Corpus } from '../server/src/core';
import { loadCorpusFiles } from '../server/src/node/corpusFiles';
import { defaultStatuteBookPath, loadStatuteBook } from '../server/src/node/statuteBook';
import { REPO_ROOT } from './lsp';

const RSS_BUDGET_MB = 250;
const mb = (bytes: number) => Math.round(bytes / 1e6);

function main(): number {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : defaultStatuteBookPath();
  const bulletin = loadCorpusFiles(path.join(REPO_ROOT, 'data'));
  const book = loadStatuteBook(file);
  let started = performance.now();
  const corpus = new Corpus(bulletin, book.documents);
  const indexMs = performance.now() - started;
  const loadedRss = process.memoryUsage().rss;
  started = performance.now();
  const provisions = corpus.documents.reduce((n, d) => n + d.provisions.length, 0);
  const allMs = performance.now() - started;
  const fullRss = process.memoryUsage().rss;
  console.log(`statute book ${file} (${book.date}): ${book.documents.length} documents, ${provisions} provisions`);
  console.log(`  read the pack ${book.milliseconds.toFixed(0)} ms; title index ${indexMs.toFixed(0)} ms; RSS ${mb(loadedRss)} MB`);
  console.log(`  every document's provisions decompressed in ${allMs.toFixed(0)} ms; RSS ${mb(fullRss)} MB (budget ${RSS_BUDGET_MB} MB)`);
  return mb(fullRss) <= RSS_BUDGET_MB ? 0 : 1;
}

process.exitCode = main();
