/**
 * Importer for statutes in the LawRefBook Markdown format and its forks (qisehong YAML front matter,
 * Theonefkguy `<!-- KEY: value -->` comments): one file becomes one CorpusDocument of kind 'statute' whose
 * provisions nest 编/分编/章/节 divisions, 条, 款 (paragraphs), 项 （一） and 目 1. in document order.
 *
 * The grammar and the defects handled here are described in the collection's FORMAT.md. Everything is pure
 * and total: malformed input yields problems, never exceptions.
 *
 * The builder, the header and metadata helpers and the article-sequence check are shared with the Ansvar JSON
 * importer and the split-code merge.
 */
import type { Alias, CorpusDocument, Provision } from '../corpus/model';
import { parseDocNumber } from '../text/docNumber';
import { hasPrcPrefix, stripPrcPrefix } from '../text/normalize';
import { parseArabic, parseChineseNumeral, toChineseNumeral } from '../text/numerals';
import { pinyinOf } from '../text/pinyin';
import { stableId } from '../text/stableId';

export interface ImportProblem {
  file: string;
  line?: number;
  kind: 'skipped' | 'repaired' | 'warning';
  message: string;
}

export interface ParsedStatute {
  document?: CorpusDocument;
  problems: ImportProblem[];
  /** The second `# ` line of one file of a code published in several files (民法典/合同编.md: 合同编). */
  codePart?: string;
}

/** Canonical Chinese numeral characters of statute numbering (FORMAT.md: CNUM). */
export const CNUM = '〇零一二三四五六七八九十百千';

/** Zero-width characters survive trim() and make blank lines look non-blank (未成年人网络保护条例). */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

export function cleanLine(line: string): string {
  return line.replace(ZERO_WIDTH, '').trim();
}

/** Spaces between two CJK characters are layout (总 则, 监  护), not part of the name. */
export function collapseCjkSpaces(text: string): string {
  return text.replace(/(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])/g, '');
}

/** Punctuation that ends a complete paragraph; a paragraph without it is a wrapped line or a lost heading. */
const SENTENCE_END = /[。：；”）;:)」』’！？!?…]$/;

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

/** Any punctuation at all: lost headings have none. */
const ANY_PUNCTUATION = /[，。；：、,.;:！？!?“”‘’（）()《》〈〉「」]/;

const DIVISION_RANK = new Map<string, number>([['编', 1], ['分编', 2], ['章', 3], ['节', 4]]);
const ANNEX_RANK = 0;
/** Rank given to unnumbered headings when nothing else tells their level (总则编解释: ## 一、一般规定). */
const DEFAULT_HEADING_RANK = 3;

export const ARTICLE_HEAD = new RegExp(`^第([${CNUM}]+)条(?:之([${CNUM}]+))?(?:\\s+|$)(.*)$`);
/** No separator after 条 (Theonefkguy). The guard keeps references such as 第三十一条的决定 or 第十条、第十一条 out. */
export const ARTICLE_TIGHT = new RegExp(`^第([${CNUM}]+)条(?:之([${CNUM}]+))?(?![的之、，,。；：第至和或及与\\s]|规定)(.+)$`);
/** 第一百二十八 条: a space inside the head. */
const ARTICLE_SLOPPY = new RegExp(`^第([${CNUM}]+)\\s+条(?:\\s*之\\s*([${CNUM}]+))?(?:\\s+|$)(.*)$`);
export const DIVISION = new RegExp(`^第([${CNUM}]+)(分编|编|章|节)\\s*(.*)$`);
const NUMBERED_HEADING = new RegExp(`^([${CNUM}]+)、\\s*(.*)$`);
const ANNEX_HEADING = new RegExp(`^附件\\s*([${CNUM}0-9０-９]*)\\s*[：:]?\\s*(.*)$`);
/** A bare “附：” or “附件：” line in the body opens an appendix (电信条例: 电信业务分类目录). */
const ANNEX_LINE = new RegExp(`^附(?:件\\s*([${CNUM}0-9０-９]*))?\\s*[：:]?$`);
const ITEM = new RegExp(`^([（(]\\s*([${CNUM}]+)\\s*[）)])\\s*(.*)$`);
const TARGET = /^([0-9０-９]+\s*[．.、])(?![0-9０-９])\s*(.*)$/;
const PART = new RegExp(`^([${CNUM}]+)、\\s*(.*)$`);
const FOOTNOTE = /^([\u2460-\u2473])\s*(.*)$/;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(.*)$/;
const HEADING = /^(#{1,6})(?!#)\s*(.*)$/;
const HEADER_END = /^<!--\s*(?:INFO END|LEGAL_HEADER_END)\s*-->$/;
const META_COMMENT = /^<!--\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*-->$/;
const FILE_DATE = /[(（](\d{4})-(\d{2})-(\d{2})[)）]$/;

/** Files of the collections that are not statutes (FORMAT.md §4.1). */
const NOT_STATUTE_FILES = new Set(['readme.md', '_index.md', '法律法规模版.md', '劳动仲裁和劳动诉讼的攻略.md']);

export function numeralValue(text: string): number | undefined {
  return parseArabic(text) ?? parseChineseNumeral(text);
}

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1];
}

export function isoDate(year: string | number, month: string | number, day: string | number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Container {
  index: number;
  rank: number;
  hashes: number;
}

/**
 * Builds the provision list of one statute line by line. Parents always precede their children; `lines` start
 * as the unit's own lines and are widened to cover the descendants in {@link finish}.
 */
export class StatuteBuilder {
  readonly provisions: Provision[] = [];
  readonly notes: { n: number; text: string }[] = [];
  private containers: Container[] = [];
  private readonly rankByHashes = new Map<number, number>();
  private article = -1;
  /** 款 of the open article so far: counted, not searched for, so that parsing stays linear. */
  private clauses = 0;
  private clause = -1;
  private subitem = -1;
  /** The clause, 项 or 目 that a wrapped line would continue. */
  private lastUnit = -1;
  /**
   * Whether the last unit's text is unfinished (not empty, no sentence end), kept as lines are joined: testing
   * the joined text itself would flatten it on every line, quadratic in a long run of wrapped lines.
   */
  private lastUnitUnfinished = false;
  /** No-article documents: the 一、 part that following paragraphs belong to. */
  private part = -1;
  private articles = 0;
  private lastArticleKey: [number, number] | undefined;

  constructor(private readonly file: string, private readonly problems: ImportProblem[]) {}

  get articleCount(): number {
    return this.articles;
  }

  get inArticle(): boolean {
    return this.article >= 0;
  }

  /** The (number, sub) of the latest article, for the tight-head guard. */
  get previousArticle(): [number, number] | undefined {
    return this.lastArticleKey;
  }

  private add(p: Omit<Provision, 'lines'>, line: number, lastLine = line): number {
    this.provisions.push({ ...p, lines: [line, lastLine] });
    return this.provisions.length - 1;
  }

  private get container(): number {
    return this.containers.length > 0 ? this.containers[this.containers.length - 1].index : -1;
  }

  closeArticle(): void {
    this.article = this.clause = this.subitem = this.lastUnit = -1;
    this.clauses = 0;
  }

  private openContainer(p: Omit<Provision, 'lines' | 'parent'>, rank: number, hashes: number, line: number): number {
    this.closeArticle();
    this.part = -1;
    while (this.containers.length > 0 && this.containers[this.containers.length - 1].rank >= rank) this.containers.pop();
    const index = this.add({ ...p, parent: this.container }, line);
    this.containers.push({ index, rank, hashes });
    return index;
  }

  /** 第X编/分编/章/节: the keyword, not the number of #, gives the level (章 is H2 or H3, 节 H3 or H4). */
  division(numeral: string, keyword: string, name: string, hashes: number, line: number): number {
    const rank = DIVISION_RANK.get(keyword) ?? DEFAULT_HEADING_RANK;
    if (hashes > 0) this.rankByHashes.set(hashes, rank);
    const caption = collapseCjkSpaces(name.trim());
    return this.openContainer(
      { kind: 'division', number: numeralValue(numeral), label: `第${numeral}${keyword}`, ...(caption ? { caption } : {}), text: '' },
      rank, hashes, line,
    );
  }

  /** Opens the same division unless it is already the open one at its level (JSON chapter fields repeat). */
  ensureDivision(numeral: string, keyword: string, name: string, line: number): void {
    const rank = DIVISION_RANK.get(keyword) ?? DEFAULT_HEADING_RANK;
    const label = `第${numeral}${keyword}`;
    const open = this.containers.find((c) => c.rank === rank);
    if (open && this.provisions[open.index].label === label) return;
    this.division(numeral, keyword, name, 0, line);
  }

  /** 附件一, 附：: everything after it belongs to the appendix until the next one. */
  annex(numeral: string, caption: string, label: string, hashes: number, line: number): number {
    const number = numeral ? numeralValue(numeral) : undefined;
    return this.openContainer(
      { kind: 'annex', ...(number !== undefined ? { number } : {}), label, ...(caption ? { caption } : {}), text: '' },
      ANNEX_RANK, hashes, line,
    );
  }

  /** A heading without 第X编/章/节: its level comes from headings at the same depth, or from its parent's. */
  heading(text: string, hashes: number, line: number): number {
    const deeper = [...this.containers].reverse().find((c) => c.hashes > 0 && c.hashes < hashes);
    const rank = this.rankByHashes.get(hashes) ?? (deeper ? deeper.rank + 0.5 : DEFAULT_HEADING_RANK);
    const numbered = NUMBERED_HEADING.exec(text);
    const fields = numbered
      ? { number: numeralValue(numbered[1]), label: `${numbered[1]}、`, caption: collapseCjkSpaces(numbered[2]) }
      : { label: '', caption: collapseCjkSpaces(text) };
    return this.openContainer({ kind: 'division', ...fields, text: '' }, rank, hashes, line);
  }

  /** A heading that lost its # (and its number): a sibling of the innermost open division. */
  lostHeading(text: string, line: number): number {
    const top = this.containers[this.containers.length - 1];
    const rank = top === undefined ? DEFAULT_HEADING_RANK : top.rank > ANNEX_RANK ? top.rank : top.rank + 0.5;
    return this.openContainer({ kind: 'division', label: '', caption: collapseCjkSpaces(text), text: '' }, rank, top?.hashes ?? 0, line);
  }

  openArticle(numeral: string, subNumeral: string | undefined, firstText: string, line: number): number {
    this.closeArticle();
    const number = numeralValue(numeral) ?? 0;
    const sub = subNumeral ? numeralValue(subNumeral) : undefined;
    const label = `第${numeral}条${subNumeral ? `之${subNumeral}` : ''}`;
    this.article = this.add({ kind: 'article', number, ...(sub !== undefined ? { sub } : {}), label, text: '', parent: this.container }, line);
    this.articles++;
    this.lastArticleKey = [number, sub ?? 0];
    if (firstText) this.newClause(firstText, line);
    return this.article;
  }

  /** A new 款 of the open article. */
  newClause(text: string, line: number): number {
    this.clause = this.add({ kind: 'clause', number: ++this.clauses, label: '', text, parent: this.article }, line);
    this.subitem = -1;
    this.setLastUnit(this.clause, text);
    return this.clause;
  }

  private setLastUnit(index: number, text: string): void {
    this.lastUnit = index;
    this.lastUnitUnfinished = text !== '' && !endsSentence(text);
  }

  private ensureClause(line: number): void {
    if (this.clause < 0) this.newClause('', line);
  }

  /** （一）: a 项 of the current 款. */
  item(label: string, numeral: string, text: string, line: number): number {
    this.ensureClause(line);
    this.subitem = this.add({ kind: 'subitem', number: numeralValue(numeral), label, text, parent: this.clause }, line);
    this.setLastUnit(this.subitem, text);
    return this.subitem;
  }

  /** 1．: a 目 of the current 项, or of the 款 when it has no 项. */
  target(label: string, text: string, line: number): number {
    this.ensureClause(line);
    const number = numeralValue(label.replace(/[\s．.、]/g, ''));
    const index = this.add({ kind: 'target', ...(number !== undefined ? { number } : {}), label, text, parent: this.subitem >= 0 ? this.subitem : this.clause }, line);
    this.setLastUnit(index, text);
    return index;
  }

  /**
   * A plain paragraph inside an article: a new 款 unless the previous unit did not end its sentence, in which
   * case it is the wrapped rest of that unit (FORMAT.md pitfall 6).
   */
  paragraph(text: string, line: number): void {
    if (this.lastUnit >= 0 && this.lastUnitUnfinished) {
      const previous = this.provisions[this.lastUnit];
      previous.text += text;
      this.lastUnitUnfinished = !endsSentence(text);
      previous.lines[1] = line;
      this.problems.push({ file: this.file, line, kind: 'repaired', message: `joined to the paragraph above, which does not end a sentence: “${excerpt(text)}”` });
      return;
    }
    this.newClause(text, line);
  }

  /** Text outside any article: preambles, appendices. */
  loose(text: string, line: number): number {
    const container = this.container;
    const untitledAnnex = container >= 0 && container === this.provisions.length - 1 && this.provisions[container].kind === 'annex' && !this.provisions[container].caption;
    if (untitledAnnex && text.length <= 30 && !ANY_PUNCTUATION.test(text)) {
      // 附： followed by the appendix's title (电信条例: 电信业务分类目录).
      this.provisions[container].caption = collapseCjkSpaces(text);
      this.provisions[container].lines[1] = line;
      return container;
    }
    return this.add({ kind: 'paragraph', label: '', text, parent: this.part >= 0 ? this.part : this.container }, line);
  }

  /** 一、 of a document without articles (刑法修正案, 决定). */
  partLine(numeral: string, text: string, line: number): number {
    this.part = this.add({ kind: 'part', number: numeralValue(numeral), label: `${numeral}、`, text, parent: this.container }, line);
    return this.part;
  }

  footnote(marker: string, text: string): void {
    this.notes.push({ n: marker.charCodeAt(0) - 0x2460 + 1, text });
  }

  /** Widens every provision's line range to cover its descendants. */
  finish(): Provision[] {
    for (let i = this.provisions.length - 1; i >= 0; i--) {
      const p = this.provisions[i];
      if (p.parent >= 0) {
        const parent = this.provisions[p.parent];
        if (p.lines[1] > parent.lines[1]) parent.lines[1] = p.lines[1];
      }
    }
    return this.provisions;
  }
}

/** Appends one by one: `push(...items)` passes every item on the stack and throws past ~100,000 of them. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

export function excerpt(text: string, length = 24): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function articleKeyLabel(number: number, sub: number): string {
  const numeral = (n: number) => (n < 100_000_000 ? toChineseNumeral(n) : String(n));
  return `第${numeral(number)}条${sub ? `之${numeral(sub)}` : ''}`;
}

/**
 * Gaps (missing articles), duplicates and numbers going backwards. `from` is the first number expected: 1 for a
 * whole statute, the first article present for one part of a split code.
 */
export function checkArticleSequence(provisions: Provision[], file: string, from = 1): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const articles = provisions.filter((p) => p.kind === 'article');
  const seen = new Map<string, Provision>();
  let previous: Provision | undefined;
  for (const a of articles) {
    const number = a.number ?? 0;
    const sub = a.sub ?? 0;
    const key = `${number}/${sub}`;
    const earlier = seen.get(key);
    if (earlier) problems.push({ file, line: a.lines[0], kind: 'warning', message: `${articleKeyLabel(number, sub)} occurs twice (also at line ${earlier.lines[0]})` });
    else seen.set(key, a);
    if (previous && (previous.number ?? 0) * 1000 + (previous.sub ?? 0) > number * 1000 + sub) {
      problems.push({ file, line: a.lines[0], kind: 'warning', message: `${articleKeyLabel(number, sub)} follows ${previous.label}: numbers go backwards` });
    }
    previous = a;
  }
  // Gaps between the numbers present, walked in order: never a loop up to the largest number (a damaged head
  // such as 第九九九九九九条 reads as a huge one) and never a spread of every article onto the stack.
  const firstOf = new Map<number, Provision>();
  for (const a of articles) if ((a.sub ?? 0) === 0 && !firstOf.has(a.number ?? 0)) firstOf.set(a.number ?? 0, a);
  const present = [...firstOf.keys()].filter((n) => n >= from).sort((a, b) => a - b);
  let expected = from;
  for (const n of present) {
    if (n > expected) {
      const range = expected === n - 1 ? articleKeyLabel(expected, 0) : `${articleKeyLabel(expected, 0)}至${articleKeyLabel(n - 1, 0)}`;
      problems.push({ file, line: firstOf.get(n)!.lines[0], kind: 'warning', message: `missing ${range}: the numbering has a gap (the text may be damaged)` });
    }
    expected = n + 1;
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Header: dated promulgation lines and what can be derived from them.

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

// ---------------------------------------------------------------------------------------------------------
// Markdown

export function splitLines(text: string): string[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  // A trailing newline is not a line of its own.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 4096);
  let bad = 0;
  for (const ch of sample) if (ch === '\ufffd' || (ch < ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t')) bad++;
  return sample.length > 0 && bad / sample.length > 0.05;
}

function parseFrontMatter(lines: string[], start: number): { values: Map<string, string>; next: number } | undefined {
  if (cleanLine(lines[start] ?? '') !== '---') return undefined;
  const values = new Map<string, string>();
  for (let i = start + 1; i < lines.length; i++) {
    const line = cleanLine(lines[i]);
    if (line === '---') return { values, next: i + 1 };
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv) values.set(kv[1], kv[2].replace(/\s+#.*$/, '').replace(/^(["'])(.*)\1$/, '$2').trim());
  }
  return undefined;
}

function skipped(file: string, message: string, line?: number): ParsedStatute {
  return { problems: [{ file, ...(line ? { line } : {}), kind: 'skipped', message }] };
}

/** Lines parsed between two yields of {@link parseStatuteMarkdownSteps}: well under a millisecond of work. */
export const LINES_PER_STEP = 2000;

/** Parses one statute file of the LawRefBook Markdown collections; never throws. */
export function parseStatuteMarkdown(text: string, file: string): ParsedStatute {
  return runSteps(parseStatuteMarkdownSteps(text, file));
}

/**
 * The same parse as a generator that yields every {@link LINES_PER_STEP} lines, so that a caller running it in
 * time slices (the server's loader) keeps answering requests inside a huge file. Never throws.
 */
export function* parseStatuteMarkdownSteps(text: string, file: string): Generator<void, ParsedStatute> {
  try {
    return yield* parseMarkdown(typeof text === 'string' ? text : '', file);
  } catch (error) {
    return skipped(file, `could not be parsed: ${(error as Error).message}`);
  }
}

/** Runs a stepped parse to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

function* parseMarkdown(text: string, file: string): Generator<void, ParsedStatute> {
  const name = baseName(file);
  if (NOT_STATUTE_FILES.has(name.toLowerCase())) return skipped(file, 'not a statute (collection documentation or template)');
  // A test that stops at the first visible character, rather than a cleaned copy of a file of any size.
  if (!/[^\s\u200b-\u200d\u2060\ufeff]/.test(text)) return skipped(file, 'empty file');
  if (looksBinary(text)) return skipped(file, 'binary or non-UTF-8 content');

  const lines = splitLines(text);
  yield;
  const problems: ImportProblem[] = [];
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && cleanLine(lines[i]) === '') i++;
  };

  skipBlank();
  const frontMatter = parseFrontMatter(lines, i);
  if (frontMatter) {
    if (frontMatter.values.has('bookCollapseSection')) return skipped(file, 'a section index (Hugo front matter), not a statute');
    i = frontMatter.next;
    skipBlank();
  }
  const yaml = frontMatter?.values ?? new Map<string, string>();

  let title: string | undefined;
  const titleMatch = /^#(?!#)\s*(.+)$/.exec(cleanLine(lines[i] ?? ''));
  if (titleMatch) {
    title = collapseCjkSpaces(cleanLine(titleMatch[1]));
    i++;
  } else if (yaml.get('title')) {
    title = yaml.get('title');
  }
  if (!title) return skipped(file, 'no “# title” line: not a statute file', i + 1);

  let codePart: string | undefined;
  skipBlank();
  const subtitle = /^#(?!#)\s*(.+)$/.exec(cleanLine(lines[i] ?? ''));
  if (subtitle) {
    codePart = collapseCjkSpaces(cleanLine(subtitle[1]));
    i++;
  }

  // Header: up to the end marker; without one, the dated lines that follow the title.
  const headerStart = i;
  let bodyStart = lines.findIndex((l, k) => k >= headerStart && HEADER_END.test(cleanLine(l)));
  let headerEnd: number;
  if (bodyStart >= 0) {
    headerEnd = bodyStart;
    bodyStart++;
  } else {
    let k = headerStart;
    while (k < lines.length) {
      const line = cleanLine(lines[k]);
      if (line !== '' && !DATE_LINE.test(line) && !META_COMMENT.test(line)) break;
      k++;
    }
    headerEnd = bodyStart = k;
    problems.push({ file, line: headerStart + 1, kind: 'warning', message: 'no <!-- INFO END --> marker: the header is taken to be the dated lines after the title' });
  }

  const events: HeaderEvent[] = [];
  for (let k = headerStart; k < headerEnd; k++) {
    const line = cleanLine(lines[k]);
    if (line === '' || line.startsWith('<!--')) continue;
    const dated = DATE_LINE.exec(line);
    if (dated) events.push({ date: isoDate(dated[1], dated[2], dated[3]), text: dated[4].trim(), line: k + 1 });
    else if (events.length > 0) events[events.length - 1].text += line;
  }

  const meta = new Map<string, string>();
  for (let k = 0; k < lines.length; k++) {
    const comment = META_COMMENT.exec(cleanLine(lines[k]));
    if (comment) meta.set(comment[1].toUpperCase(), comment[2]);
    if (k % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
  }

  const amending = isAmendingInstrument(title);
  let bodyProblems: ImportProblem[] = [];
  let builder = yield* buildBody(lines, bodyStart, file, bodyProblems, false);
  if (builder.articleCount === 0) {
    // Amendments and decisions: 一、二、 parts, so a citation can at least fall back to the whole document.
    bodyProblems = [];
    builder = yield* buildBody(lines, bodyStart, file, bodyProblems, true);
  }
  appendAll(problems, bodyProblems);
  yield;
  const provisions = builder.finish();
  yield;
  if (!amending && builder.articleCount > 0) {
    const first = provisions.find((p) => p.kind === 'article')?.number ?? 1;
    appendAll(problems, checkArticleSequence(provisions, file, codePart ? first : 1));
  }

  yield;
  const fileDateMatch = FILE_DATE.exec(name.replace(/\.md$/i, ''));
  const fileDate = fileDateMatch ? isoDate(fileDateMatch[1], fileDateMatch[2], fileDateMatch[3]) : undefined;
  const yamlDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(yaml.get('publish_date') ?? '');
  const facts = versionFacts(events, fileDate ?? (yamlDate ? isoDate(yamlDate[1], yamlDate[2], yamlDate[3]) : undefined), file, problems);
  const effective = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(meta.get('EFFECTIVE_FROM') ?? '');
  const effectiveDate = effective ? isoDate(effective[1], effective[2], effective[3]) : facts.effectiveDate;
  const status = meta.get('STATUS') || yaml.get('status') || undefined;

  // The file name is the short title, except for a split code's parts (named after the part) and names that
  // Theonefkguy truncated with a hash suffix.
  const stem = name.replace(/\.md$/i, '').replace(FILE_DATE, '').trim();
  const shortName = codePart === undefined && !/_[0-9a-f]{6,}$/i.test(stem) && stem !== '' ? stem : undefined;

  const preambleNumber = provisions
    .filter((p) => p.kind === 'paragraph' && p.parent === -1)
    // 司法解释 print their number in bold: **法释〔2021〕15号**.
    .map((p) => parseDocNumber(p.text.replace(/^\*\*(.*)\*\*$/, '$1')))
    .find((d) => d !== undefined);

  const document = assembleStatute({
    title,
    file,
    lastLine: lines.length,
    provisions,
    issuers: deriveIssuers(title, events),
    aliases: titleAliases(title, shortName),
    notes: builder.notes,
    ...(preambleNumber ? { docNumber: preambleNumber.canonical } : {}),
    ...facts,
    ...(effectiveDate ? { effectiveDate } : {}),
    ...(status ? { status } : {}),
  });
  return { document, problems, ...(codePart !== undefined ? { codePart } : {}) };
}

/**
 * True when a head written without a space after 条 continues the article numbering and the file does not
 * otherwise separate heads with a space: a 款 may open with a reference such as 第十四条所列….
 */
function plausibleTightHead(builder: StatuteBuilder, number: number, sub: number, spacedHeads: number): boolean {
  if (spacedHeads > 0) return false;
  const previous = builder.previousArticle;
  if (!previous) return true;
  const [n, s] = previous;
  return (number === n && sub > s) || (number > n && number <= n + 2);
}

function* buildBody(lines: string[], start: number, file: string, problems: ImportProblem[], partsMode: boolean): Generator<void, StatuteBuilder> {
  const builder = new StatuteBuilder(file, problems);
  let spacedHeads = 0;
  for (let k = start; k < lines.length; k++) {
    if ((k - start) % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
    const line = cleanLine(lines[k]);
    const lineNo = k + 1;
    if (line === '' || line.startsWith('<!--')) continue;

    const heading = HEADING.exec(line);
    if (heading) {
      const hashes = heading[1].length;
      const content = cleanLine(heading[2] ?? '');
      builder.closeArticle();
      if (content === '') continue; // “##” alone (民法典/附则.md) only closes the article
      const division = DIVISION.exec(content);
      const annex = ANNEX_HEADING.exec(content);
      if (division) builder.division(division[1], division[2], division[3], hashes, lineNo);
      else if (annex) builder.annex(annex[1], collapseCjkSpaces(annex[2]), `附件${annex[1]}`, hashes, lineNo);
      else builder.heading(content, hashes, lineNo);
      continue;
    }

    const bareDivision = DIVISION.exec(line);
    if (bareDivision && !endsSentence(line) && line.length <= 40 && !/[，。；]/.test(line)) {
      builder.division(bareDivision[1], bareDivision[2], bareDivision[3], 0, lineNo);
      problems.push({ file, line: lineNo, kind: 'repaired', message: `heading without #: “${excerpt(line)}”` });
      continue;
    }

    if (!partsMode) {
      const spaced = ARTICLE_HEAD.exec(line);
      if (spaced) {
        spacedHeads++;
        builder.openArticle(spaced[1], spaced[2], cleanLine(spaced[3]), lineNo);
        continue;
      }
      const sloppy = ARTICLE_SLOPPY.exec(line);
      if (sloppy) {
        builder.openArticle(sloppy[1], sloppy[2], cleanLine(sloppy[3]), lineNo);
        problems.push({ file, line: lineNo, kind: 'repaired', message: `article head “${excerpt(line, 12)}” has a space before 条: read as 第${sloppy[1]}条${sloppy[2] ? `之${sloppy[2]}` : ''}` });
        continue;
      }
      const tight = ARTICLE_TIGHT.exec(line);
      if (tight && plausibleTightHead(builder, numeralValue(tight[1]) ?? 0, tight[2] ? numeralValue(tight[2]) ?? 0 : 0, spacedHeads)) {
        builder.openArticle(tight[1], tight[2], cleanLine(tight[3]), lineNo);
        continue;
      }
    }

    const footnote = FOOTNOTE.exec(line);
    if (footnote) {
      builder.footnote(footnote[1], footnote[2]);
      continue;
    }

    const annexLine = ANNEX_LINE.exec(line);
    if (annexLine) {
      builder.annex(annexLine[1] ?? '', '', line.replace(/\s*[：:]$/, ''), 0, lineNo);
      continue;
    }

    if (partsMode) {
      const part = PART.exec(line);
      if (part) builder.partLine(part[1], part[2], lineNo);
      else builder.loose(line, lineNo);
      continue;
    }

    if (!builder.inArticle) {
      builder.loose(line, lineNo);
      continue;
    }

    if (!ITEM.test(line) && !TARGET.test(line) && line.length <= 20 && !ANY_PUNCTUATION.test(line)) {
      builder.lostHeading(line, lineNo);
      problems.push({ file, line: lineNo, kind: 'warning', message: `“${line}” looks like a heading that lost its # and number; it closes the article above` });
      continue;
    }
    addArticleLine(builder, line, lineNo);
  }
  return builder;
}

/** A line inside an article: a 项 （一）, a 目 1., or a paragraph (a new 款 or a wrapped line). */
export function addArticleLine(builder: StatuteBuilder, line: string, lineNo: number): void {
  if (!addItemOrTarget(builder, line, lineNo)) builder.paragraph(line, lineNo);
}

/** A 项 （一） or a 目 1. line of an article; false when the line is neither. */
export function addItemOrTarget(builder: StatuteBuilder, line: string, lineNo: number): boolean {
  const item = ITEM.exec(line);
  if (item) {
    builder.item(item[1].replace(/\s/g, ''), item[2], item[3], lineNo);
    return true;
  }
  const target = TARGET.exec(line);
  if (!target) return false;
  builder.target(target[1].replace(/\s/g, ''), target[2], lineNo);
  return true;
}
