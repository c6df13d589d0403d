/**
 * Loading the committed corpus (data/*.json) from disk, with clear errors for missing, corrupt or
 * wrong-version files. Node-only: the core receives the parsed data.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SCHEMA_VERSION } from '../core/corpus/model';
import type { CorpusFiles } from '../core/corpus/model';

export class CorpusLoadError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'CorpusLoadError';
  }
}

const FILES = ['documents.json', 'bibliography.json', 'cited.json'] as const;

/**
 * The data directory: $LEXCITE_DATA when set (as it is, so that a wrong setting is reported rather than
 * silently replaced by the bundled data), else data/ next to the bundle (dist/) or the compiled tree (out/).
 */
export function defaultDataDirectory(): string {
  if (process.env.LEXCITE_DATA) return path.resolve(process.env.LEXCITE_DATA);
  const candidates = [
    path.resolve(__dirname, '..', 'data'),
    path.resolve(__dirname, '..', '..', '..', '..', 'data'),
    path.resolve(__dirname, '..', '..', '..', 'data'),
  ].filter((c): c is string => c !== undefined && c !== '');
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'documents.json'))) ?? candidates[0];
}

function readJson(dir: string, name: string): { schemaVersion?: number } & Record<string, unknown> {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CorpusLoadError(`cannot read corpus file ${file}: ${(error as Error).message}`, file);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CorpusLoadError(`corpus file ${file} is not valid JSON (${(error as Error).message}); rebuild it with npm run build:corpus`, file);
  }
  if (value === null || typeof value !== 'object') throw new CorpusLoadError(`corpus file ${file} does not hold an object`, file);
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new CorpusLoadError(`corpus file ${file} has schema version ${String(version)}, this LexCite reads version ${SCHEMA_VERSION}; rebuild it with npm run build:corpus`, file);
  }
  return value as { schemaVersion?: number } & Record<string, unknown>;
}

export function loadCorpusFiles(dir = defaultDataDirectory()): CorpusFiles {
  const [documents, bibliography, cited] = FILES.map((name) => readJson(dir, name));
  if (!Array.isArray(documents.documents)) throw new CorpusLoadError(`${path.join(dir, 'documents.json')} lacks a documents array`);
  if (!Array.isArray(bibliography.records)) throw new CorpusLoadError(`${path.join(dir, 'bibliography.json')} lacks a records array`);
  if (!Array.isArray(cited.instruments)) throw new CorpusLoadError(`${path.join(dir, 'cited.json')} lacks an instruments array`);
  checkEntries(path.join(dir, 'documents.json'), 'documents', documents.documents, DOCUMENT_FIELDS);
  checkEntries(path.join(dir, 'bibliography.json'), 'records', bibliography.records, RECORD_FIELDS);
  checkEntries(path.join(dir, 'cited.json'), 'instruments', cited.instruments, INSTRUMENT_FIELDS);
  return { documents, bibliography, cited } as unknown as CorpusFiles;
}

type FieldType = 'string' | 'number' | 'array' | 'object';
const DOCUMENT_FIELDS: Record<string, FieldType> = { id: 'string', title: 'string', kind: 'string', issuers: 'array', authors: 'array', provisions: 'array', aliases: 'array', pinyin: 'object' };
const RECORD_FIELDS: Record<string, FieldType> = { id: 'string', title: 'string', journal: 'string', authors: 'array', year: 'number', pinyin: 'object' };
const INSTRUMENT_FIELDS: Record<string, FieldType> = { id: 'string', title: 'string', kind: 'string', aliases: 'array', variants: 'array', sites: 'array', jurisdictions: 'array', pinyin: 'object' };

/**
 * The fields the index is built from, checked on every entry: a file with the right schema version whose
 * entries are damaged is reported like a corrupt file, not met later as a crash.
 */
function checkEntries(file: string, list: string, entries: unknown[], fields: Record<string, FieldType>): void {
  entries.forEach((entry, i) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new CorpusLoadError(`corpus file ${file} is damaged: ${list}[${i}] is not an object; rebuild it with npm run build:corpus`, file);
    for (const [field, type] of Object.entries(fields)) {
      const value = (entry as Record<string, unknown>)[field];
      const ok = type === 'array' ? Array.isArray(value) : type === 'object' ? value !== null && typeof value === 'object' : typeof value === type;
      if (!ok) throw new CorpusLoadError(`corpus file ${file} is damaged: ${list}[${i}] has no ${field} (${type}); rebuild it with npm run build:corpus`, file);
    }
  });
}
