/**
 * A statute with several versions is one work: completion, search and workspace symbols show it once, in the
 * version in force at the paper's date (versions.ts).
 */
import type { Corpus } from '../corpus/corpus';
import type { CorpusDocument } from '../corpus/model';
import { chooseVersion, isVersionSet, versionName, versionsInDoubt } from '../corpus/versions';

export interface Work {
  /** The same for every version of one statute. */
  key: string;
  /** The version to show and insert. */
  version: CorpusDocument;
  /** Its version tag (2025年修正), when the date leaves the version in doubt. */
  tag?: string;
}

export function workOf(corpus: Corpus, doc: CorpusDocument, date: string): Work {
  if (doc.kind !== 'statute') return { key: doc.id, version: doc };
  const versions = corpus.lookupTitle(doc.title)
    .filter((e) => e.type === 'document' && e.via === 'title')
    .map((e) => corpus.document(e.id))
    .filter((d): d is CorpusDocument => d !== undefined && d.title === doc.title);
  if (!isVersionSet(versions)) return { key: doc.id, version: doc };
  const choice = chooseVersion(versions, undefined, date);
  const tag = versionsInDoubt(choice, date).length > 0 ? versionName(choice.chosen) : '';
  return { key: `work:${doc.title}`, version: choice.chosen, ...(tag ? { tag } : {}) };
}
