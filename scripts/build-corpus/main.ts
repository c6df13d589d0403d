/**
 * `npm run build:corpus [-- --check]`: builds data/documents.json, data/bibliography.json and data/cited.json
 * from data/sources/ and data/sources/manifest.json. Output is deterministic (sorted, no timestamps);
 * --check rebuilds in memory and fails when a committed file differs.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SCHEMA_VERSION } from '../../server/src/core/corpus/model';
import type { Alias, BibRecord, CitedInstrument, CorpusDocument } from '../../server/src/core/corpus/model';
import { hasPrcPrefix, removeSpaces, stripPrcPrefix } from '../../server/src/core/text/normalize';
import { pinyinOf } from '../../server/src/core/text/pinyin';
import { collectCited, flatten } from './cited';
import { buildCompanion, CompanionEntry } from './companions';
import { BulletinEntry, buildBulletinDocument } from './documents';
import { parseResearch } from './research';
import { SourceFile, readSource } from './sourceText';
import { stableStringify } from './stableJson';

const ROOT = path.resolve(__dirname, '../../..');
const SOURCES = path.join(ROOT, 'data/sources');
const DATA = path.join(ROOT, 'data');

interface Manifest {
  files: { name: string; role: string; blankLinesSeparate: boolean; shortWidth?: number }[];
  bulletin: { file: string; researchLines: [number, number]; documents: BulletinEntry[] };
  companions: CompanionEntry[];
  nicknames: { document: string; text: string }[];
}

export interface BuildOutput {
  files: Record<string, string>;
  counts: Record<string, number>;
}

export function buildCorpus(): BuildOutput {
  const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(SOURCES, 'manifest.json'), 'utf8'));
  const sources = new Map<string, SourceFile>();
  const hashes: Record<string, string> = {};
  for (const entry of manifest.files) {
    const content = fs.readFileSync(path.join(SOURCES, entry.name), 'utf8');
    hashes[entry.name] = crypto.createHash('sha256').update(content).digest('hex');
    sources.set(entry.name, readSource(entry.name, content, entry.blankLinesSeparate));
  }
  const shortWidthOf = (name: string) => manifest.files.find((f) => f.name === name)?.shortWidth ?? 37;

  const bulletin = sources.get(manifest.bulletin.file)!;
  const documents: CorpusDocument[] = manifest.bulletin.documents.map((entry) => buildBulletinDocument(bulletin, entry));
  for (const entry of manifest.companions) documents.push(buildCompanion(sources.get(entry.file)!, entry, shortWidthOf(entry.file)));
  inheritFromIssuingNotice(documents);

  const records = parseResearch(bulletin, manifest.bulletin.researchLines[0], manifest.bulletin.researchLines[1]);
  linkFullPapers(documents, records);

  for (const doc of documents) addDerivedAliases(doc);
  addNicknames(documents, manifest.nicknames, sources);

  const instruments = collectCited({
    files: [...sources.values()].map((file) => ({
      file,
      joinLines: !file.blankLinesSeparate || file.name.startsWith('003'),
      tidy: file.name.startsWith('004') ? (s: string) => s.replace(/(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])/g, '') : (s: string) => s,
    })),
    documents,
    records,
  });

  addPinyin(documents, records, instruments);
  documents.sort((a, b) => a.id.localeCompare(b.id));
  records.sort((a, b) => a.id.localeCompare(b.id));

  const provenance = { sources: hashes, builder: 'scripts/build-corpus', manifest: 'data/sources/manifest.json' };
  const files: Record<string, string> = {
    'documents.json': stableStringify({ schemaVersion: SCHEMA_VERSION, provenance, documents }),
    'bibliography.json': stableStringify({ schemaVersion: SCHEMA_VERSION, provenance, records }),
    'cited.json': stableStringify({ schemaVersion: SCHEMA_VERSION, provenance, instruments }),
  };
  return {
    files,
    counts: {
      documents: documents.length,
      provisions: documents.reduce((n, d) => n + d.provisions.length, 0),
      records: records.length,
      instruments: instruments.length,
    },
  };
}

/** A document issued by a notice (若干措施) carries the notice's 文号, date, issuer and source. */
function inheritFromIssuingNotice(documents: CorpusDocument[]): void {
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const doc of documents) {
    for (const attachedId of doc.attachments) {
      const attached = byId.get(attachedId);
      if (!attached) throw new Error(`${doc.id} lists unknown attachment ${attachedId}`);
      if (!attached.source && doc.source) attached.source = doc.source;
    }
    if (!doc.issuedBy) continue;
    const notice = byId.get(doc.issuedBy);
    if (!notice) throw new Error(`${doc.id} is issued by unknown ${doc.issuedBy}`);
    if (!doc.docNumber && notice.docNumber) doc.docNumber = notice.docNumber;
    if (!doc.date && notice.date) doc.date = notice.date;
    if (doc.issuers.length === 0) doc.issuers = [...notice.issuers];
    if (!doc.source && notice.source) doc.source = notice.source;
  }
}

/** Full papers get a bibliographic record: the summary of the same title, or one made from the reprint note. */
function linkFullPapers(documents: CorpusDocument[], records: BibRecord[]): void {
  for (const doc of documents.filter((d) => d.kind === 'paper')) {
    const summary = records.find((r) => removeSpaces(r.title) === removeSpaces(doc.title));
    if (summary) {
      summary.fullText = doc.id;
      doc.bibliography = summary.id;
      continue;
    }
    const venue = /《([^》]+)》\s*(\d{4})\s*年\s*第\s*(\d+)\s*期/.exec(doc.reprintNote ?? '');
    if (!venue) throw new Error(`${doc.id}: no bibliographic record and no reprint note to make one`);
    const record: BibRecord = {
      id: `paper-record-${doc.id.replace(/^paper-/, '')}`,
      title: doc.title,
      authors: doc.authors.map((a) => a.name),
      journal: venue[1],
      year: Number(venue[2]),
      issue: Number(venue[3]),
      summary: doc.provisions.find((p) => p.caption === '内容提要')?.text ?? '',
      fullText: doc.id,
      location: doc.location,
      pinyin: { full: '', initials: '' },
    };
    records.push(record);
    doc.bibliography = record.id;
  }
}

/** Titles without 中华人民共和国, and without the issuer in front of 关于 (国务院关于… → 关于…). */
function addDerivedAliases(doc: CorpusDocument): void {
  if (hasPrcPrefix(doc.title)) doc.aliases.push({ text: stripPrcPrefix(doc.title), kind: 'without-prc' });
  for (const issuer of doc.issuers) {
    if (doc.title.startsWith(issuer + '关于')) doc.aliases.push({ text: doc.title.slice(issuer.length), kind: 'without-issuer' });
  }
}

/** Nicknames come from the manifest but must occur in the sources; their first occurrence is recorded. */
function addNicknames(documents: CorpusDocument[], nicknames: Manifest['nicknames'], sources: Map<string, SourceFile>): void {
  for (const { document, text } of nicknames) {
    const doc = documents.find((d) => d.id === document);
    if (!doc) throw new Error(`nickname for unknown document ${document}`);
    const found = findInSources(text, sources);
    if (!found) throw new Error(`nickname ${text} does not occur in the sources`);
    doc.aliases.push({ text, kind: 'nickname', definedAt: found });
  }
}

function findInSources(text: string, sources: Map<string, SourceFile>): Alias['definedAt'] {
  for (const file of sources.values()) {
    const flat = flatten(file, file.blankLinesSeparate ? '\n' : '', (s) => s);
    const at = flat.text.indexOf(text);
    if (at >= 0) return { file: file.name, lines: [flat.lineAt[at], flat.lineAt[at + text.length - 1]] };
  }
  return undefined;
}

function addPinyin(documents: CorpusDocument[], records: BibRecord[], instruments: CitedInstrument[]): void {
  const withPinyin = (alias: Alias): Alias => ({ ...alias, pinyin: pinyinOf(alias.text) });
  for (const doc of documents) {
    doc.pinyin = pinyinOf(doc.title);
    doc.aliases = doc.aliases.map(withPinyin);
  }
  for (const record of records) record.pinyin = pinyinOf(record.title);
  for (const instrument of instruments) {
    instrument.pinyin = pinyinOf(instrument.title);
    instrument.aliases = instrument.aliases.map(withPinyin);
  }
}

function main(): void {
  const check = process.argv.includes('--check');
  const output = buildCorpus();
  const stale: string[] = [];
  for (const [name, content] of Object.entries(output.files)) {
    const target = path.join(DATA, name);
    if (check) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
      if (current !== content) stale.push(name);
    } else {
      fs.writeFileSync(target, content);
    }
  }
  const summary = Object.entries(output.counts).map(([k, v]) => `${v} ${k}`).join(', ');
  if (check) {
    if (stale.length > 0) {
      console.error(`build:corpus --check: stale data/${stale.join(', data/')}; run npm run build:corpus and commit the result.`);
      process.exit(1);
    }
    console.log(`build:corpus --check: data/ is up to date (${summary}).`);
  } else {
    console.log(`build:corpus: wrote data/${Object.keys(output.files).join(', data/')} (${summary}).`);
  }
}

if (require.main === module) main();
