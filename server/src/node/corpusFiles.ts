/**
 * Loading the committed corpus (data/*.json) from disk, with clear errors for missing, corrupt or
 * wrong-version files. Node-only: the core receives the parsed data.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SCHEMA_VERSION } from '../core/model';
import type { CorpusFiles } from '../core/model';

export class CorpusLoadError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'CorpusLoadError';
  }
}

const FILES = ['documents.json', 'bibliography.json', 'cited.json'] as const;

/** The data directory: $LEXCITE_DATA, or data/ next to the bundle (dist/) or the compiled tree (out/). */
export function defaultDataDirectory(): string {
  const candidates = [
    process.env.LEXCITE_DATA,
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
  return { documents, bibliography, cited } as unknown as CorpusFiles;
}
