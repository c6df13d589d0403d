/**
 * Resolves the steps of an article reference (第十三条第一款第二项, 第（七）项, 第六部分第（二）项, 附件1) to a
 * provision of one document, and describes a document's numbering for error messages and completion.
 *
 * Policy documents (一、/（一）/1.) are cited the way papers cite them: 第N条, 第N项, 第N点 and （N） all name
 * the document's primary numbered unit — the continuously numbered （N） run where there is one, otherwise the
 * top-level points or the parts. Numbering that restarts (厦门 六、其他事项 （一）–（四）) needs its part:
 * 第六部分第（二）项. Statutes use 条/款/项/目 with 款 counted as paragraphs of the article.
 */
import type { CorpusDocument, Provision, UnitKind } from './model';
import type { ReferenceStep } from '../paper/parser';
import { toChineseNumeral } from '../text/numerals';

export interface ResolvedProvision {
  index: number;
  provision: Provision;
  /** Paragraph (款) of a policy unit, 1-based, when the reference names one. */
  paragraph?: number;
  /** Human-readable address: 三、（七） or 第十三条第一款第（二）项. */
  address: string;
}

export type ResolutionFailure = {
  /** The step that names nothing. */
  step: ReferenceStep;
  /** What does exist at that level: “（一）至（十四）”. */
  available: string;
};

export type AddressResult = { ok: true; target: ResolvedProvision } | { ok: false; failure: ResolutionFailure };

export interface AddressableUnit {
  index: number;
  provision: Provision;
  /** How a paper would cite it in the document's primary style: 第七项 / 第5点 / 第十三条. */
  citeAs: string;
  address: string;
}

const STATUTE_KINDS = new Set<UnitKind>(['article', 'clause', 'subitem', 'target']);

export class ProvisionAddressing {
  private readonly children: number[][];
  private readonly roots: number[];
  readonly isStatute: boolean;
  /** The continuously numbered units unqualified references name. */
  readonly primary: number[];
  readonly primaryKind: UnitKind | undefined;

  constructor(readonly doc: CorpusDocument) {
    const provisions = doc.provisions;
    this.children = provisions.map(() => []);
    this.roots = [];
    provisions.forEach((p, i) => (p.parent >= 0 ? this.children[p.parent].push(i) : this.roots.push(i)));
    this.isStatute = provisions.some((p) => STATUTE_KINDS.has(p.kind));
    if (this.isStatute) {
      this.primary = this.indicesOf('article');
      this.primaryKind = 'article';
    } else {
      const mainItems = this.mainRun('item');
      const topPoints = this.roots.filter((i) => provisions[i].kind === 'point');
      const parts = this.indicesOf('part');
      if (mainItems.length > 0) [this.primary, this.primaryKind] = [mainItems, 'item'];
      else if (topPoints.length > 0) [this.primary, this.primaryKind] = [topPoints, 'point'];
      else if (parts.length > 0) [this.primary, this.primaryKind] = [parts, 'part'];
      else [this.primary, this.primaryKind] = [[], undefined];
    }
  }

  private indicesOf(kind: UnitKind, within?: number[]): number[] {
    const pool = within ?? this.doc.provisions.map((_, i) => i);
    return pool.filter((i) => this.doc.provisions[i].kind === kind);
  }

  /** Units of a kind numbered 1, 2, 3 … in document order, up to the first restart. */
  private mainRun(kind: UnitKind): number[] {
    const run: number[] = [];
    for (const i of this.indicesOf(kind)) {
      if (this.doc.provisions[i].number !== run.length + 1) break;
      run.push(i);
    }
    return run;
  }

  childrenOf(index: number): number[] {
    return this.children[index];
  }

  rootsOf(): number[] {
    return this.roots;
  }

  resolve(steps: ReferenceStep[]): AddressResult {
    const provisions = this.doc.provisions;
    const relevant = steps.filter((s) => !(['编', '章', '节'].includes(s.unit) && !this.isStatute));
    if (relevant.length === 0) return this.fail(steps[0], this.describeLevel(this.primary));
    if (this.isStatute) return this.resolveStatute(relevant);

    let current: number | undefined;
    let pool: number[];
    let paragraph: number | undefined;
    for (let s = 0; s < relevant.length; s++) {
      const step = relevant[s];
      if (current === undefined) {
        pool = this.firstLevelPool(step);
        const found = this.pick(pool, step);
        if (found === undefined) return this.fail(step, this.describeLevel(pool));
        current = found;
        continue;
      }
      if (step.unit === '款' || step.unit === '段') {
        const count = provisions[current].text.split('\n').length;
        if (step.number > count || paragraph !== undefined) return this.fail(step, count > 1 ? `第1至${count}段` : '仅一段');
        paragraph = step.number;
        continue;
      }
      const kids = this.childrenOf(current).filter((i) => ['item', 'point'].includes(provisions[i].kind));
      const preferred = step.parenthesized ? kids.filter((i) => provisions[i].kind === 'item') : kids;
      const found = this.pick(preferred.length > 0 ? preferred : kids, step);
      if (found === undefined) return this.fail(step, kids.length > 0 ? `${this.addressOf(current)}下的${this.describeLevel(kids)}` : `${this.addressOf(current)}之下没有再分项`);
      current = found;
    }
    return { ok: true, target: { index: current!, provision: provisions[current!], ...(paragraph ? { paragraph } : {}), address: this.addressOf(current!) + (paragraph ? `第${toChineseNumeral(paragraph)}段` : '') } };
  }

  private firstLevelPool(step: ReferenceStep): number[] {
    const provisions = this.doc.provisions;
    switch (step.unit) {
      case '部分':
        return this.indicesOf('part');
      case '附件':
        return this.indicesOf('annex');
      case '段':
        return this.roots.filter((i) => provisions[i].kind === 'paragraph');
      default:
        if (step.parenthesized) {
          const items = this.mainRun('item');
          if (items.length > 0) return items;
        }
        return this.primary;
    }
  }

  private pick(pool: number[], step: ReferenceStep): number | undefined {
    if (step.unit === '段') return pool[step.number - 1];
    return pool.find((i) => this.doc.provisions[i].number === step.number && (this.doc.provisions[i].sub ?? 0) === (step.sub ?? 0));
  }

  private fail(step: ReferenceStep, available: string): AddressResult {
    return { ok: false, failure: { step, available } };
  }

  private resolveStatute(allSteps: ReferenceStep[]): AddressResult {
    const provisions = this.doc.provisions;
    // 第二章第十三条: leading 编/章/节 steps narrow the search to that division.
    let division: number | undefined;
    let steps = allSteps;
    while (steps.length > 0 && ['编', '章', '节'].includes(steps[0].unit)) {
      const step = steps[0];
      const label = `第${toChineseNumeral(step.number)}${step.unit}`;
      const found = provisions.findIndex((p, i) => p.kind === 'division' && p.label === label && (division === undefined || this.isWithin(i, division)));
      if (found < 0) {
        const available = provisions.filter((p) => p.kind === 'division' && p.label.endsWith(step.unit)).map((p) => p.label);
        return this.fail(step, available.length ? `${available[0]}至${available[available.length - 1]}` : `没有${step.unit}`);
      }
      division = found;
      steps = steps.slice(1);
    }
    if (steps.length === 0) return { ok: true, target: { index: division!, provision: provisions[division!], address: provisions[division!].label } };
    const first = steps[0];
    if (first.unit !== '条') return this.fail(first, this.describeLevel(this.primary));
    const pool = division === undefined ? this.primary : this.primary.filter((i) => this.isWithin(i, division!));
    const article = this.pick(pool, first);
    if (article === undefined) return this.fail(first, this.describeLevel(pool));
    let current = article;
    let clause: number | undefined;
    for (const step of steps.slice(1)) {
      if (step.unit === '款') {
        const clauses = this.childrenOf(article).filter((i) => provisions[i].kind === 'clause');
        const found = clauses[step.number - 1];
        if (found === undefined) return this.fail(step, `${this.addressOf(article)}共${clauses.length}款`);
        clause = found;
        current = found;
      } else if (step.unit === '项') {
        let within = clause;
        if (within === undefined) {
          // 第X条第（五）项 without 款: the 款 that has items (the first one when several do).
          const clauses = this.childrenOf(article).filter((i) => provisions[i].kind === 'clause');
          within = clauses.find((c) => this.childrenOf(c).some((k) => provisions[k].kind === 'subitem')) ?? clauses[0];
        }
        const items = within === undefined ? [] : this.childrenOf(within).filter((i) => provisions[i].kind === 'subitem');
        const found = this.pick(items, step);
        if (found === undefined) return this.fail(step, items.length > 0 ? `${this.addressOf(within!)}的${this.describeLevel(items)}` : `${this.addressOf(within ?? article)}没有项`);
        current = found;
      } else if (step.unit === '目') {
        const targets = this.childrenOf(current).filter((i) => provisions[i].kind === 'target');
        const found = this.pick(targets, step);
        if (found === undefined) return this.fail(step, targets.length > 0 ? this.describeLevel(targets) : `${this.addressOf(current)}没有目`);
        current = found;
      } else {
        return this.fail(step, this.describeLevel(this.primary));
      }
    }
    return { ok: true, target: { index: current, provision: provisions[current], address: this.addressOf(current) } };
  }

  private isWithin(index: number, ancestor: number): boolean {
    for (let i = this.doc.provisions[index].parent; i >= 0; i = this.doc.provisions[i].parent) if (i === ancestor) return true;
    return false;
  }

  /** 三、（七） for policy documents; 第十三条第一款第（二）项 for statutes. */
  addressOf(index: number): string {
    const provisions = this.doc.provisions;
    const path: number[] = [];
    for (let i = index; i >= 0; i = provisions[i].parent) path.unshift(i);
    if (this.isStatute) {
      return path.map((i) => {
        const p = provisions[i];
        switch (p.kind) {
          case 'article': return p.label;
          case 'clause': return `第${toChineseNumeral(p.number ?? 1)}款`;
          case 'subitem': return `第（${toChineseNumeral(p.number ?? 1)}）项`;
          case 'target': return `第${p.number}目`;
          default: return '';
        }
      }).join('');
    }
    // A point on its own (the 自媒体 notice's 1.–8.) reads better as 第5点 than as a bare “5.”.
    if (path.length === 1 && provisions[path[0]].kind === 'point') return `第${provisions[path[0]].number}点`;
    return path.map((i) => provisions[i].label || provisions[i].caption || '').join('');
  }

  /** “（一）至（十四）”, “1.至8.”, “一、至六、”, with the restarts noted. */
  describeLevel(pool: number[]): string {
    const provisions = this.doc.provisions;
    if (pool.length === 0) return '该文件没有编号的条目';
    const first = provisions[pool[0]];
    const last = provisions[pool[pool.length - 1]];
    const describe = (p: Provision) => {
      switch (p.kind) {
        case 'paragraph': return `第${pool.indexOf(provisions.indexOf(p)) + 1}段`;
        case 'point': return `第${p.number}点`;
        case 'part': return `第${toChineseNumeral(p.number ?? 0)}部分`;
        default: return p.label;
      }
    };
    const range = pool.length === 1 ? describe(first) : `${describe(first)}至${describe(last)}`;
    const numbered = pool.every((i) => provisions[i].number !== undefined);
    const gaps = numbered ? this.gapsIn(pool) : [];
    return gaps.length > 0 ? `${range}（缺${gaps.join('、')}）` : range;
  }

  private gapsIn(pool: number[]): string[] {
    const numbers = pool.map((i) => this.doc.provisions[i].number!);
    const gaps: string[] = [];
    for (let k = 1; k < numbers.length; k++) for (let n = numbers[k - 1] + 1; n < numbers[k]; n++) gaps.push(String(n));
    return gaps;
  }

  /** Everything citable by an unqualified reference, plus the restarted runs with their parts. */
  citableUnits(): AddressableUnit[] {
    const provisions = this.doc.provisions;
    const out: AddressableUnit[] = [];
    for (const index of this.primary) {
      const p = provisions[index];
      out.push({ index, provision: p, citeAs: this.citeAs(p), address: this.addressOf(index) });
    }
    if (!this.isStatute) {
      const primarySet = new Set(this.primary);
      for (const part of this.indicesOf('part')) {
        const restarted = this.childrenOf(part).filter((i) => provisions[i].kind === 'item' && !primarySet.has(i));
        const partNumber = provisions[part].number ?? 0;
        for (const index of restarted) {
          out.push({ index, provision: provisions[index], citeAs: `第${toChineseNumeral(partNumber)}部分第（${toChineseNumeral(provisions[index].number ?? 0)}）项`, address: this.addressOf(index) });
        }
      }
      for (const index of this.indicesOf('annex')) out.push({ index, provision: provisions[index], citeAs: `附件${provisions[index].number}`, address: provisions[index].label });
    }
    return out;
  }

  private citeAs(p: Provision): string {
    switch (p.kind) {
      case 'article': return p.label;
      case 'item': return `第（${toChineseNumeral(p.number ?? 0)}）项`;
      case 'point': return `第${p.number}点`;
      case 'part': return `第${toChineseNumeral(p.number ?? 0)}部分`;
      default: return p.label;
    }
  }
}

/** The provision's text with its descendants, each line prefixed by its label, for hovers and peeks. */
export function fullProvisionText(addressing: ProvisionAddressing, index: number, depth = 0): string {
  const p = addressing.doc.provisions[index];
  const children = depth < 4 ? addressing.childrenOf(index) : [];
  // A statute article's text is in its 款: the first goes on the article's line, as printed (第十三条 符合…).
  if (p.kind === 'article' && p.text === '' && children.length > 0 && addressing.doc.provisions[children[0]].kind === 'clause') {
    const [first, ...rest] = children.map((child) => fullProvisionText(addressing, child, depth + 1));
    return [`${p.label} ${first}`, ...rest].join('\n');
  }
  // Headings (二、加快实施重点行动) keep their name in the caption and may have no text of their own.
  const head = p.caption && !p.text.startsWith(p.caption) ? p.caption + (p.text ? '\n' : '') : '';
  const own = (p.kind === 'clause' || p.kind === 'paragraph' ? '' : p.label) + head + p.text;
  const lines = [own.trim()].filter((l) => l.length > 0);
  for (const child of children) lines.push(fullProvisionText(addressing, child, depth + 1));
  return lines.join('\n');
}
