/**
 * Codes published as several files (民法典: 总则, 物权编 … 附则, each with the code's H1 and a `# 合同编`
 * subtitle) are joined into one document whose top-level divisions are the parts, with each part's
 * 分编/章/节 beneath. Articles are numbered continuously across the parts, so the parts are ordered by their
 * first article. Detection is generic: two or more files with the same title and version, each with a subtitle.
 *
 * Pure. Provision line ranges stay relative to each part's own file (see the report on model.ts).
 */
import type { CorpusDocument, Provision } from '../corpus/model';
import { ParsedStatute } from './importTypes';
import { assembleStatute, titleAliases } from './statuteFacts';

export interface SplitCodeGroups {
  /** Parts of one code each, in no particular order. */
  codes: ParsedStatute[][];
  /** Everything else, unchanged (including a lone file with a subtitle). */
  others: ParsedStatute[];
}

/** Groups parsed files into split codes and ordinary statutes. */
export function findSplitCodes(parsed: ParsedStatute[]): SplitCodeGroups {
  const groups = new Map<string, ParsedStatute[]>();
  const others: ParsedStatute[] = [];
  for (const p of parsed) {
    if (!p.document || p.codePart === undefined) {
      others.push(p);
      continue;
    }
    const key = `${p.document.title}@${p.document.versionDate ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const codes: ParsedStatute[][] = [];
  for (const group of groups.values()) {
    if (group.length >= 2) codes.push(group);
    else others.push(...group);
  }
  return { codes, others };
}

function firstArticleKey(p: ParsedStatute): number {
  const article = p.document?.provisions.find((q) => q.kind === 'article');
  return article ? (article.number ?? 0) * 1000 + (article.sub ?? 0) : Number.MAX_SAFE_INTEGER;
}

function mostFrequent(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}

/** Joins the parts of one split code into a single document. */
export function mergeSplitCode(parts: ParsedStatute[]): CorpusDocument {
  const ordered = parts.filter((p) => p.document !== undefined).sort((a, b) => firstArticleKey(a) - firstArticleKey(b));
  if (ordered.length === 0) throw new RangeError('mergeSplitCode needs at least one parsed part');
  const documents = ordered.map((p) => p.document!);
  const first = documents[0];

  const provisions: Provision[] = [];
  const notes: { n: number; text: string }[] = [];
  ordered.forEach((part, k) => {
    const doc = documents[k];
    const label = part.codePart ?? doc.title;
    const partIndex = provisions.length;
    provisions.push({ kind: 'division', label, text: '', parent: -1, lines: [doc.location.lines[0], doc.location.lines[1]] });
    const offset = partIndex + 1;
    for (const p of doc.provisions) {
      provisions.push({ ...p, lines: [p.lines[0], p.lines[1]], parent: p.parent < 0 ? partIndex : p.parent + offset });
    }
    notes.push(...doc.notes);
  });

  const versionDate = mostFrequent(documents.map((d) => d.versionDate));
  const effectiveDate = mostFrequent(documents.map((d) => d.effectiveDate));
  const status = mostFrequent(documents.map((d) => d.status));
  const versionLabel = mostFrequent(documents.map((d) => d.versionLabel));
  const issuers = [...new Set(documents.flatMap((d) => d.issuers))];
  return assembleStatute({
    title: first.title,
    file: first.location.file,
    lastLine: first.location.lines[1],
    provisions,
    issuers,
    aliases: titleAliases(first.title, undefined),
    notes,
    ...(versionDate ? { versionDate } : {}),
    ...(effectiveDate ? { effectiveDate } : {}),
    ...(status ? { status } : {}),
    ...(versionLabel ? { versionLabel } : {}),
  });
}
