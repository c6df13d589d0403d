/**
 * The reverse index's measurements (reverseBench.ts measureReverseLookup) run in a process of their own, started by
 * measureReverseLookupApart: arguments the corpus size (JSON) and the number of quotations; the costs, as JSON, on
 * stdout.
 */
import { cacheDirFor, corpusFor } from './inProcess';
import type { CorpusSize } from './workloads';
import { measureReverseLookup } from './reverseBench';

const [sizeArgument, countArgument] = process.argv.slice(2);
const size = JSON.parse(sizeArgument) as CorpusSize;
process.stdout.write(JSON.stringify(measureReverseLookup(corpusFor(size, cacheDirFor(size)), Number(countArgument))));
