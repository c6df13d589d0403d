/**
 * What an importer derives from a statute's header: version events and dates, issuers, aliases, the id, and the
 * assembled CorpusDocument.
 */
import type { Alias, CorpusDocument, Provision } from '../corpus/model';
import { hasPrcPrefix, stripPrcPrefix } from '../text/normalize';
import { pinyinOf } from '../text/pinyin';
import { stableId } from '../text/stableId';
import type { ImportProblem } from './importTypes';
import { baseName } from './statuteText';

export interface HeaderEvent {
  /** ISO date. */
  date: string;
  /** The line after the date, with wrapped continuation lines appended. */
  text: string;
  line: number;
}

/** “2022年3月1日 施行”: an effective date, not a version event. */
export function isCommencement(event: HeaderEvent): boolean {
  return /^施行/.test(event.text);
}

/** The amendment kind of an event: …第一次修正, …修订, …通过的《…修正案（十二）》, 《关于修改…的决定》. */
export function amendmentKind(text: string): '修正' | '修订' | undefined {
  const stripped = text.replace(/(?:\s|）|\)|。|根据)+$/u, '');
  if (/修订$/.test(stripped)) return '修订';
  if (/修正$/.test(stripped)) return '修正';
  if (/修正案|修改/.test(stripped)) return '修正';
  return undefined;
}

export interface VersionFacts {
  versionDate?: string;
  versionLabel?: string;
  effectiveDate?: string;
}

/**
 * versionDate from the file name or the latest event; versionLabel from the latest event when it amends
 * (2020年修正), otherwise the year of the first promulgation. A header whose history stops years before the
 * file's date has lost lines (出版管理条例(2020) ends in 2016): no label is better than a wrong one.
 */
export function versionFacts(events: HeaderEvent[], fileDate: string | undefined, file: string, problems: ImportProblem[]): VersionFacts {
  const commencement = events.find(isCommencement);
  const history = events.filter((e) => !isCommencement(e));
  const latest = history.reduce<HeaderEvent | undefined>((best, e) => (best === undefined || e.date >= best.date ? e : best), undefined);
  const versionDate = fileDate ?? latest?.date;
  let versionLabel: string | undefined;
  if (latest) {
    if (versionDate && daysBetween(latest.date, versionDate) > 366) {
      problems.push({ file, line: latest.line, kind: 'warning', message: `the header's history ends ${latest.date} but the version is dated ${versionDate}: header lines are missing, no version label derived` });
    } else {
      const kind = amendmentKind(latest.text);
      const bare = (e: HeaderEvent) => e.text.replace(/[\s）)]+$/u, '');
      // Adopted again in a later year (司法解释 revised in 2020): amended, but the header does not say how.
      const readopted = new Set(history.filter((e) => /通过$/.test(bare(e))).map((e) => e.date.slice(0, 4))).size > 1;
      if (kind) versionLabel = `${latest.date.slice(0, 4)}年${kind}`;
      else if (!readopted) {
        // The file-name date is the publish date of the version (FORMAT.md §4.1); 通过 may precede it.
        const promulgated = history.find((e) => /(?:公布|发布)$/.test(bare(e)))?.date ?? fileDate ?? history[0].date;
        versionLabel = `${promulgated.slice(0, 4)}年`;
      }
    }
  }
  return {
    ...(versionDate ? { versionDate } : {}),
    ...(versionLabel ? { versionLabel } : {}),
    ...(commencement ? { effectiveDate: commencement.date } : {}),
  };
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

const ORGAN_SUFFIX = /(?:人民法院|人民检察院|委员会|国务院|办公室|部|局|署|院|行|政府|厅|委)$/;

/**
 * The issuing bodies: a 司法解释 or 决定 names them before 关于 in its title; otherwise the first header event
 * that names one (国务院令 / 公安部令, 第N届…人民代表大会常务委员会, “…公布”, “…第N次室务会议”).
 */
export function deriveIssuers(title: string, events: HeaderEvent[]): string[] {
  const before = /^(.+?)关于/.exec(title);
  if (before && !/[《》〈〉]/.test(before[1])) {
    const organs = before[1].split('、').map((s) => s.trim());
    if (organs.every((o) => o.length >= 2 && ORGAN_SUFFIX.test(o))) return organs;
  }
  for (const event of events) {
    if (isCommencement(event)) continue;
    const found = issuersOfEvent(event.text);
    if (found.length > 0) return found;
  }
  return [];
}

function issuersOfEvent(text: string): string[] {
  const decree = /^(?:中华人民共和国)?([^\s、，《》（）()]+?)令第/.exec(text);
  if (decree) return [decree[1]];
  const national = /第[^届\s]{1,4}届(全国人民代表大会(?:常务委员会)?)/.exec(text);
  if (national) return [national[1]];
  const local = /^(\S+?)第[^届\s]{1,4}届(人民代表大会(?:常务委员会)?)/.exec(text);
  if (local) return [`${local[1]}${local[2]}`];
  const meeting = /^([^\s、，《》0-9]+?)(?:\d{4}年)?第[0-9一二三四五六七八九十百千]+次(?:室务|常务|部务|委务|局务)会议/.exec(text);
  if (meeting) return [meeting[1]];
  const published = /^([^\s，《》0-9]+?)(?:公布|发布)$/.exec(text.replace(/[\s）)]+$/u, ''));
  if (published) {
    return published[1].replace(/等[^、]*部门$/, '').split('、').map((s) => s.trim()).filter((s) => s.length >= 2);
  }
  return [];
}

export function titleAliases(title: string, shortName: string | undefined): Alias[] {
  const aliases: Alias[] = [];
  const withoutPrc = stripPrcPrefix(title);
  if (hasPrcPrefix(title) && withoutPrc.length > 0) aliases.push({ text: withoutPrc, kind: 'without-prc', pinyin: pinyinOf(withoutPrc) });
  if (shortName && shortName !== title && shortName !== withoutPrc) aliases.push({ text: shortName, kind: 'file-name', pinyin: pinyinOf(shortName) });
  return aliases;
}

export interface StatuteFields {
  title: string;
  file: string;
  lastLine: number;
  provisions: Provision[];
  issuers: string[];
  aliases: Alias[];
  notes?: { n: number; text: string }[];
  docNumber?: string;
  versionDate?: string;
  effectiveDate?: string;
  status?: string;
  versionLabel?: string;
}

/** The id is derived from title and version, so two versions of one law never share an id. */
export function statuteId(title: string, versionDate: string | undefined, file: string): string {
  return stableId('statute', `${title}@${versionDate ?? baseName(file)}`);
}

export function assembleStatute(f: StatuteFields): CorpusDocument {
  return {
    id: statuteId(f.title, f.versionDate, f.file),
    title: f.title,
    kind: 'statute',
    issuers: f.issuers,
    ...(f.docNumber ? { docNumber: f.docNumber } : {}),
    ...(f.versionDate ? { date: f.versionDate } : {}),
    authors: [],
    attachments: [],
    location: { file: f.file, lines: [1, Math.max(1, f.lastLine)] },
    provisions: f.provisions,
    aliases: f.aliases,
    pinyin: pinyinOf(f.title),
    footnoteMarkers: [],
    notes: f.notes ?? [],
    ...(f.versionDate ? { versionDate: f.versionDate } : {}),
    ...(f.effectiveDate ? { effectiveDate: f.effectiveDate } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.versionLabel ? { versionLabel: f.versionLabel } : {}),
  };
}

/** Documents that amend others quote the articles they insert at line start; their numbering is not their own. */
export function isAmendingInstrument(title: string): boolean {
  return /修正案|决定$/.test(title);
}
