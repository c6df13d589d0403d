/**
 * The statute book from the source archives: every file parsed with the product's own importer
 * (parseStatuteFile), the collections assembled together (split codes joined, a rule present in two collections
 * kept once), each document encoded for the pack. Locations are `<collection>/<path in it>`, so the pack does not
 * depend on where the sources were read.
 */
import type { CorpusDocument } from '../../server/src/core/corpus/model';
import type { ImportProblem, ParsedStatute } from '../../server/src/core/statutes/importTypes';
import type { DocumentMetadata } from '../../server/src/core/statutes/provisionSource';
import { assembleCollection, isFault, parseStatuteFile } from '../../server/src/node/statuteFolder';
import { EncodedDocument, PackCollection, encodeDocument } from '../../server/src/node/statutePack';
import type { SourceFile, SourcesManifest } from './sources';

export interface BuiltBook {
  date: string;
  collections: PackCollection[];
  documents: EncodedDocument[];
  counts: { files: number; documents: number; provisions: number; articles: number; inForce: number; problems: number };
  summary: string[];
}

/** Status values that mean a text is in force (national-laws: 有效; the rule collections: 现行有效, in_force). */
const IN_FORCE = new Set(['有效', '现行有效', 'in_force']);

function metadataOf(doc: CorpusDocument): DocumentMetadata {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'provisions' && key !== 'provisionCount')) as DocumentMetadata;
}

export function buildBook(manifest: SourcesManifest, sources: Map<string, SourceFile[]>): BuiltBook {
  const parsed: ParsedStatute[] = [];
  const problems: ImportProblem[] = [];
  let files = 0;
  for (const collection of manifest.collections) {
    for (const file of sources.get(collection.name) ?? []) {
      files++;
      const location = `${collection.name}/${file.path}`;
      parsed.push(parseStatuteFile(location, file.text.replace(/^\ufeff/, '')));
    }
  }
  const assembled = assembleCollection(parsed, problems);
  const documents = assembled.documents.map((doc) => encodeDocument(metadataOf(doc), doc.provisions));
  const collections = manifest.collections.map((c) => ({
    name: c.name,
    files: c.files,
    documents: assembled.documents.filter((d) => d.location.file.startsWith(`${c.name}/`)).length,
  }));
  const counts = {
    files,
    documents: documents.length,
    provisions: assembled.documents.reduce((n, d) => n + d.provisions.length, 0),
    articles: assembled.documents.reduce((n, d) => n + d.provisions.filter((p) => p.kind === 'article').length, 0),
    inForce: assembled.documents.filter((d) => d.status !== undefined && IN_FORCE.has(d.status)).length,
    problems: assembled.problems.length,
  };
  const faults = assembled.problems.filter(isFault).length;
  const date = manifest.collections.map((c) => c.date).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().pop() ?? '';
  const summary = [
    `statute book of ${date}: ${counts.files} files, ${counts.documents} documents, ${counts.provisions} provisions (${counts.articles} articles), ${counts.inForce} in force`,
    ...collections.map((c) => `  ${c.name}: ${c.files} files, ${c.documents} documents`),
    `  import notes: ${counts.problems} (${faults} faults)`,
  ];
  return { date, collections, documents, counts, summary };
}
