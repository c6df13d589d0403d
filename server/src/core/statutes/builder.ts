/**
 * The provision tree of one statute, built line by line by the importers, and the check of its article
 * numbering (gaps, duplicates, numbers going backwards).
 */
import type { Provision } from '../corpus/model';
import { toChineseNumeral } from '../text/numerals';
import type { ImportProblem } from './importTypes';
import { ANY_PUNCTUATION, CNUM, collapseCjkSpaces, endsSentence, excerpt, numeralValue } from './statuteText';

const ANNEX_RANK = 0;
const NUMBERED_HEADING = new RegExp(`^([${CNUM}]+)、\\s*(.*)$`);

const DIVISION_RANK = new Map<string, number>([['编', 1], ['分编', 2], ['章', 3], ['节', 4]]);
/** Rank given to unnumbered headings when nothing else tells their level (总则编解释: ## 一、一般规定). */
const DEFAULT_HEADING_RANK = 3;

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
