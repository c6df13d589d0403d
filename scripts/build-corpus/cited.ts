/**
 * Cited-only instruments: every title in 《》 that the texts cite but do not contain (laws, foreign acts,
 * journals, reports, standards), with the forms it is written in, where it is cited, the jurisdiction word in
 * front of it, and the short names the texts define for it (以下简称《报告》).
 */
import type { Alias, BibRecord, CitationSite, CitedInstrument, CitedKind, CorpusDocument } from '../../server/src/core/corpus/model';
import { FOREIGN_JURISDICTIONS } from '../../server/src/core/corpus/jurisdictions';
import { collapseNumberSpaces, titleKeyWithoutPrc } from '../../server/src/core/text/normalize';
import { SourceFile } from './sourceText';
import { stableId } from '../../server/src/core/text/stableId';

/** A file's text lines joined the way they read, with the line each character came from. */
export interface FlatText {
  text: string;
  lineAt: number[];
}

export function flatten(file: SourceFile, separator: string, tidy: (s: string) => string): FlatText {
  let text = '';
  const lineAt: number[] = [];
  for (const line of file.lines) {
    if (line.artefact) continue;
    const part = tidy(line.text) + separator;
    text += part;
    for (let i = 0; i < part.length; i++) lineAt.push(line.n);
  }
  return { text, lineAt };
}


/** The jurisdiction named in the clause before a title: 欧盟《改善平台工作条件指令》, 日本 1999 年颁布的《…》. */
export function jurisdictionBefore(text: string, at: number): string | undefined {
  let start = at;
  // A list of titles (欧盟《A》、《B》) shares the jurisdiction named before the first.
  while (start > 0 && at - start < 60 && !/[，。；：,;:\n]/.test(text[start - 1])) start--;
  const clause = text.slice(start, at);
  let best: { word: string; index: number } | undefined;
  for (const word of FOREIGN_JURISDICTIONS) {
    const index = clause.lastIndexOf(word);
    if (index >= 0 && (!best || index > best.index || (index === best.index && word.length > best.word.length))) best = { word, index };
  }
  return best?.word;
}

const PERIODICAL_CONTEXT_AFTER = /^(编辑部|杂志|期刊|采访|报道|刊发|发表)/;
const PERIODICAL_CONTEXT_BEFORE = /(载于?|发表于|刊登于|刊于|参见)$/;

export function classify(title: string, jurisdiction: string | undefined, journals: Set<string>, before: string, after: string): CitedKind {
  if (journals.has(title) || PERIODICAL_CONTEXT_AFTER.test(after) || PERIODICAL_CONTEXT_BEFORE.test(before)
    || /(学报|杂志|法学|评论|日报|周末|晚报)$/.test(title)) return 'journal';
  if (/(报告|白皮书|蓝皮书)(（.*）|\(.*\))?$/.test(title)) return 'report';
  if (/(技术要求|保护要求|管理体系|标准|技术规范)(（征求意见稿）)?$/.test(title) || /^信息技术/.test(title)) return 'standard';
  const foreign = jurisdiction !== undefined;
  if (/(条例|规定|办法|细则|规则|解释)(（试行）|\(试行\))?$/.test(title)) return foreign ? 'foreign-law' : 'regulation';
  if (/(法案|指令|法规|条约|公约|法令|法令草案)$/.test(title) || (foreign && /法$/.test(title))) return 'foreign-law';
  if (/(法|法典)$/.test(title)) return 'law';
  if (/(意见|通知|方案|计划|规划|指引|纲要|措施|倡议|宣言|决定|备忘录|行政令|行政命令|框架|战略|原则|指南|建议书|立场文件|声明|路线图|蓝图|守则|准则|规范|决议|文本|契约)\s*[\d.]*(（.*）|\(.*\))?$/.test(title)) return 'policy';
  if (/^(资本论)$/.test(title)) return 'book';
  return 'other';
}

/** Draft suffixes that do not make a different instrument. */
function groupKey(title: string): string {
  return titleKeyWithoutPrc(title).replace(/（征求意见稿）$/, '');
}

const SHORT_NAME_AFTER = /^\s*[（(]\s*(?:[^（）()《》]*?[，,]\s*)?以下简称\s*《([^《》]+)》\s*[）)]/;

export interface CitedInputs {
  files: { file: SourceFile; joinLines: boolean; tidy: (s: string) => string }[];
  documents: CorpusDocument[];
  records: BibRecord[];
}

export function collectCited(inputs: CitedInputs): CitedInstrument[] {
  const contained = new Set<string>();
  for (const doc of inputs.documents) {
    contained.add(groupKey(doc.title));
    for (const alias of doc.aliases) contained.add(groupKey(alias.text));
  }
  for (const record of inputs.records) contained.add(groupKey(record.title));
  const journals = new Set(inputs.records.map((r) => r.journal));

  const groups = new Map<string, Group>();
  const shortNames: { alias: Alias; targetKey: string }[] = [];

  for (const { file, joinLines, tidy } of inputs.files) {
    const flat = flatten(file, joinLines ? '' : '\n', tidy);
    for (const match of flat.text.matchAll(/《([^《》\n]{1,100})》/g)) {
      const at = match.index!;
      const written = collapseNumberSpaces(match[1].trim());
      const key = groupKey(written);
      const line = flat.lineAt[at];
      const after = flat.text.slice(at + match[0].length, at + match[0].length + 80);
      const shortName = SHORT_NAME_AFTER.exec(after);
      if (shortName) {
        shortNames.push({ alias: { text: shortName[1], kind: 'short-name', definedAt: { file: file.name, lines: [line, flat.lineAt[at + match[0].length + shortName[0].length - 1]] } }, targetKey: key });
      }
      if (contained.has(key)) continue;
      const jurisdiction = jurisdictionBefore(flat.text, at);
      const site: CitationSite = { file: file.name, line, written, ...(jurisdiction ? { jurisdiction } : {}) };
      const container = findContainer(inputs, file.name, line);
      if (container) site.in = container;
      let group = groups.get(key);
      if (!group) {
        group = { titles: new Map(), sites: [], kinds: new Map(), aliases: [] };
        groups.set(key, group);
      }
      group.titles.set(written, (group.titles.get(written) ?? 0) + 1);
      group.sites.push(site);
      const kind = classify(written, jurisdiction, journals, flat.text.slice(Math.max(0, at - 6), at), after);
      group.kinds.set(kind, (group.kinds.get(kind) ?? 0) + 1);
    }
  }

  // A short name's uses are sites of the instrument it abbreviates, not instruments of their own.
  for (const { alias, targetKey } of shortNames) {
    const target = groups.get(targetKey);
    const own = groups.get(groupKey(alias.text));
    if (!target) continue;
    target.aliases.push(alias);
    if (own && own !== target) {
      target.sites.push(...own.sites);
      groups.delete(groupKey(alias.text));
    }
  }

  foldMisprints(groups);

  const instruments: CitedInstrument[] = [];
  for (const [key, group] of groups) {
    const title = mostFrequent(group.titles);
    const jurisdictions = [...new Set(group.sites.map((s) => s.jurisdiction).filter((j): j is string => j !== undefined))].sort();
    instruments.push({
      id: stableId('cited', key),
      title,
      kind: mostFrequent(group.kinds),
      jurisdictions,
      variants: [...group.titles.keys()].filter((t) => t !== title).sort(),
      aliases: dedupeAliases(group.aliases),
      sites: group.sites.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
      pinyin: { full: '', initials: '' },
    });
  }
  return instruments.sort((a, b) => a.id.localeCompare(b.id));
}

interface Group {
  titles: Map<string, number>;
  sites: CitationSite[];
  kinds: Map<CitedKind, number>;
  aliases: Alias[];
}

/**
 * A title printed with two neighbouring words swapped (004's 《生成式人工智能服务暂行管理办法》 for
 * 生成式人工智能服务管理暂行办法) is a misprint of the title cited as often or more, not an instrument of its own:
 * its sites join that title's, and it is kept only as a variant. Long titles only, where such a swap cannot be
 * another instrument.
 */
function foldMisprints(groups: Map<string, Group>): void {
  const byLetters = new Map<string, string[]>();
  for (const key of groups.keys()) {
    if (key.length < 10) continue;
    const letters = [...key].sort().join('');
    byLetters.set(letters, [...(byLetters.get(letters) ?? []), key]);
  }
  for (const keys of byLetters.values()) {
    if (keys.length < 2) continue;
    const ranked = keys.map((key) => ({ key, group: groups.get(key)! })).sort((a, b) => b.group.sites.length - a.group.sites.length || a.key.localeCompare(b.key));
    const right = ranked[0].group;
    for (const { key, group } of ranked.slice(1)) {
      if (!swapsNeighbours(ranked[0].key, key)) continue;
      for (const [title, count] of group.titles) right.titles.set(title, (right.titles.get(title) ?? 0) + count);
      right.sites.push(...group.sites);
      right.aliases.push(...group.aliases);
      groups.delete(key);
    }
  }
}

/** True when b is a with two adjacent runs of characters swapped: 服务管理暂行办法 / 服务暂行管理办法. */
export function swapsNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let start = 0;
  while (a[start] === b[start]) start++;
  let end = a.length;
  while (a[end - 1] === b[end - 1]) end--;
  const middleA = a.slice(start, end);
  const middleB = b.slice(start, end);
  for (let cut = 1; cut < middleA.length; cut++) if (middleA.slice(cut) + middleA.slice(0, cut) === middleB) return true;
  return false;
}

function mostFrequent<T>(counts: Map<T, number>): T {
  let best: T | undefined;
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && String(value) < String(best))) {
      best = value;
      bestCount = count;
    }
  }
  return best!;
}

function dedupeAliases(aliases: Alias[]): Alias[] {
  const seen = new Map<string, Alias>();
  for (const alias of aliases) if (!seen.has(alias.text)) seen.set(alias.text, alias);
  return [...seen.values()];
}

function findContainer(inputs: CitedInputs, file: string, line: number): string | undefined {
  for (const doc of inputs.documents) {
    if (doc.location.file === file && line >= doc.location.lines[0] && line <= doc.location.lines[1]) return doc.id;
  }
  for (const record of inputs.records) {
    if (record.location.file === file && line >= record.location.lines[0] && line <= record.location.lines[1]) return record.id;
  }
  return undefined;
}
