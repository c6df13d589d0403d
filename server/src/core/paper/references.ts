/**
 * Article references after a title: 第十三条第一款第（二）项, 第十条之一, （三）, 附件2, and lists and ranges of
 * them (第十三条、第十四条; 第二十一条至第二十五条; 第一款、第二款, which inherit their 条).
 */
import type { ArticleReference, RefUnit, ReferenceStep } from './citationTypes';
import { BlockOrigin, LocatedListMember, LocatedReference, LocatedStep, locatedStep } from './located';
import { parseChineseNumeral, parseNumeral, toChineseNumeral } from '../text/numerals';

/** Shared by every title without references (most of them): one array fewer per title to allocate. */
export const NO_REFERENCES: ArticleReference[] = Object.freeze([]) as unknown as ArticleReference[];

const NUMERAL = '[0-9０-９]+|[〇零一二两三四五六七八九十百千]+';
const BARE_ITEM = new RegExp(`[（(]([〇零一二三四五六七八九十百]+)[）)]`, 'y');
const ANNEX = new RegExp(`附件[ \\t\\u3000]*(${NUMERAL})`, 'y');
const SEPARATOR = /(、|，|,|和|与|及|以及|或者|或|至|到|—|－|-|~|～)[ \t\u3000]*/y;

const UNIT_RANK: Record<RefUnit, number> = { '编': 0, '部分': 1, '章': 2, '节': 3, '条': 4, '点': 4, '段': 4, '附件': 4, '款': 5, '项': 6, '目': 7 };
const STEP_UNITS = new Map<number, RefUnit>([...'条款项目点段章节编'].map((unit) => [unit.charCodeAt(0), unit as RefUnit]));
const CHINESE_NUMERAL_CODES = new Set([...'〇零一二两三四五六七八九十百千'].map((c) => c.charCodeAt(0)));

function numeralsOf(written: string): 'arabic' | 'chinese' {
  return /^[0-9０-９]+$/.test(written) ? 'arabic' : 'chinese';
}

/**
 * The value of the numeral numeralEnd found in [start, end) (parseNumeral of its text): Arabic digits are read
 * in place, without cutting a string out of the paper.
 */
function numeralValue(text: string, start: number, end: number): number | undefined {
  if (!isArabicDigit(text.charCodeAt(start))) return parseChineseNumeral(text.slice(start, end));
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    value = value * 10 + (code >= 0xff10 ? code - 0xff10 : code - 0x30);
  }
  return value;
}

/** Whether a character may open a list or range separator (SEPARATOR, LIST_SEPARATOR): a test before the pattern. */
function mayOpenSeparator(code: number): boolean {
  return SEPARATOR_OPENERS.has(code);
}
const SEPARATOR_OPENERS = new Set([...'、，,和与及以或至到—－-~～'].map((c) => c.charCodeAt(0)));

function isArabicDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

function skipSpaces(text: string, position: number): number {
  let p = position;
  for (let c = text.charCodeAt(p); c === 0x20 || c === 0x09 || c === 0x3000; c = text.charCodeAt(++p));
  return p;
}

/** End of the run of Arabic digits, or else of Chinese numeral characters, starting at `position`. */
function numeralEnd(text: string, position: number): number {
  let p = position;
  if (isArabicDigit(text.charCodeAt(p))) {
    while (isArabicDigit(text.charCodeAt(p))) p++;
  } else {
    while (CHINESE_NUMERAL_CODES.has(text.charCodeAt(p))) p++;
  }
  return p;
}

/**
 * One step (第十三条, 第（二）项, 第十条之一) starting exactly at `position`. A hand-written scanner rather than a
 * pattern: it runs after every title of every paper, and allocates nothing when no step is there.
 */
function scanStep(text: string, position: number, origin: BlockOrigin): LocatedStep | undefined {
  if (text.charCodeAt(position) !== 0x7b2c /* 第 */) return undefined;
  let p = skipSpaces(text, position + 1);
  const open = text.charCodeAt(p);
  const parenthesized = open === 0xff08 || open === 0x28;
  if (parenthesized) p = skipSpaces(text, p + 1);
  const numberStart = p;
  const numberEnd = numeralEnd(text, p);
  if (numberEnd === numberStart) return undefined;
  p = numberEnd;
  if (parenthesized) {
    p = skipSpaces(text, p);
    const close = text.charCodeAt(p);
    if (close !== 0xff09 && close !== 0x29) return undefined;
    p = skipSpaces(text, p + 1);
  } else {
    p = skipSpaces(text, p);
  }
  let unit = STEP_UNITS.get(text.charCodeAt(p));
  if (unit) p++;
  else if (text.startsWith('部分', p)) {
    unit = '部分';
    p += 2;
  } else return undefined;
  // A run numeralEnd found is all Arabic digits or all Chinese numeral characters: its first tells which.
  const number = numeralValue(text, numberStart, numberEnd);
  if (number === undefined || number === 0) return undefined;
  const step = locatedStep(origin, position, p, unit, number, parenthesized, isArabicDigit(text.charCodeAt(numberStart)) ? 'arabic' : 'chinese', numberStart, numberEnd);
  // 第十条之一
  const zhi = skipSpaces(text, p);
  if (text.charCodeAt(zhi) === 0x4e4b /* 之 */) {
    const subStart = skipSpaces(text, zhi + 1);
    const subEnd = numeralEnd(text, subStart);
    if (subEnd > subStart) {
      step.sub = numeralValue(text, subStart, subEnd);
      step.end = subEnd;
    }
  }
  return step;
}

/** One reference (第十三条第一款第二项) starting exactly at `position`; undefined when none starts there. */
function parseReference(text: string, position: number, origin: BlockOrigin): LocatedReference | undefined {
  // Most titles are followed by prose: rule that out before running any pattern.
  const first = text.charCodeAt(position);
  if (first !== 0x7b2c /* 第 */ && first !== 0xff08 /* （ */ && first !== 0x28 /* ( */ && first !== 0x9644 /* 附 */) return undefined;
  // Made at the first step: most references have one, and an array literal holds exactly it.
  let steps: ReferenceStep[] | undefined;
  let p = position;
  for (;;) {
    const step = scanStep(text, p, origin);
    if (step) {
      if (steps) steps.push(step);
      else steps = [step];
      p = step.end!;
      continue;
    }
    // （三） directly after a 条/部分 step or at the start: an item written without 第…项.
    const next = text.charCodeAt(p);
    let match: RegExpExecArray | null = null;
    if (next === 0xff08 || next === 0x28) {
      BARE_ITEM.lastIndex = p;
      match = BARE_ITEM.exec(text);
    }
    if (match && (!steps || ['条', '部分', '点'].includes(steps[steps.length - 1].unit))) {
      const number = parseNumeral(match[1])!;
      const item = locatedStep(origin, match.index, match.index + match[0].length, '项', number, true, 'chinese', match.index + 1, match.index + 1 + match[1].length);
      if (steps) steps.push(item);
      else steps = [item];
      p = match.index + match[0].length;
      continue;
    }
    if (!steps && next === 0x9644 /* 附 */) {
      ANNEX.lastIndex = p;
      match = ANNEX.exec(text);
      if (match) {
        const number = parseNumeral(match[1]);
        if (number !== undefined && number > 0) {
          const numberStart = match.index + match[0].length - match[1].length;
          steps = [locatedStep(origin, match.index, match.index + match[0].length, '附件', number, false, numeralsOf(match[1]), numberStart, match.index + match[0].length)];
          p = match.index + match[0].length;
        }
      }
    }
    break;
  }
  if (!steps) return undefined;
  // Several steps: a copy of exactly their number (a push gave the array room for 17), as the reference is kept.
  return new LocatedReference(origin, position, p, text, steps.length === 1 ? steps : steps.slice());
}

/**
 * Numbers sharing one 第 and one unit: 第十三、十四条 (each), 第13-15条 and 第十三至十五条 (the two ends, the second
 * marked as a range's end). Each member is a reference of its own, spanning its number (the first from its 第).
 */
function scanNumberList(text: string, position: number, origin: BlockOrigin): LocatedReference[] | undefined {
  if (text.charCodeAt(position) !== 0x7b2c /* 第 */) return undefined;
  let p = skipSpaces(text, position + 1);
  // Most references are no list: no separator after the first number.
  const firstEnd = numeralEnd(text, p);
  if (firstEnd === p || !mayOpenSeparator(text.charCodeAt(skipSpaces(text, firstEnd)))) return undefined;
  const members: { start: number; end: number; range: boolean }[] = [];
  let range = false;
  for (;;) {
    const end = numeralEnd(text, p);
    if (end === p) return undefined;
    members.push({ start: p, end, range });
    LIST_SEPARATOR.lastIndex = skipSpaces(text, end);
    const separator = LIST_SEPARATOR.exec(text);
    if (!separator) {
      p = skipSpaces(text, end);
      break;
    }
    range = RANGE_WORD.test(separator[1]);
    p = skipSpaces(text, separator.index + separator[0].length);
  }
  const unit = STEP_UNITS.get(text.charCodeAt(p));
  if (members.length < 2 || !unit || !LIST_UNITS.has(unit)) return undefined;
  const references: LocatedListMember[] = [];
  for (const [i, member] of members.entries()) {
    const written = text.slice(member.start, member.end);
    const number = parseNumeral(written);
    if (number === undefined || number === 0) return undefined;
    const start = i === 0 ? position : member.start;
    const end = i === members.length - 1 ? p + 1 : member.end;
    const step = locatedStep(origin, start, end, unit, number, false, numeralsOf(written), member.start, member.end);
    const reference = new LocatedListMember(origin, start, end, `第${written}${unit}`, [step]);
    if (member.range) reference.rangeEnd = true;
    references.push(reference);
  }
  return references;
}
const LIST_SEPARATOR = /(、|，|,|和|及|与|至|到|—|－|-|~|～)/y;
const RANGE_WORD = /至|到|—|－|-|~|～/;
const LIST_UNITS = new Set<RefUnit>(['条', '款', '项', '点']);

/**
 * References right after a title: 第十三条、第十四条; 第二十一条至第二十五条; 第一款、第二款 (inherits 条); 第十三、十四条
 * and 第13-15条.
 */
export function parseReferences(text: string, position: number, origin = new BlockOrigin()): ArticleReference[] {
  // Made at the first reference: most titles have one, and an array literal holds exactly it.
  let references: ArticleReference[] | undefined;
  let rangeNext = false;
  for (let at = position; ;) {
    // A group: the members of a list (第十三、十四条), or one reference.
    const list = scanNumberList(text, at, origin);
    const single = list ? undefined : parseReference(text, at, origin);
    if (!list && !single) break;
    const count = list ? list.length : 1;
    for (let i = 0; i < count; i++) {
      const reference = list ? list[i] : single!;
      if (i === 0 && rangeNext) reference.rangeEnd = true;
      if (i === 0 && references) inheritPrefix(references[references.length - 1], reference);
      if (references) references.push(reference);
      else references = [reference];
    }
    const last = references![references!.length - 1].end;
    if (!mayOpenSeparator(text.charCodeAt(last))) break;
    SEPARATOR.lastIndex = last;
    const separator = SEPARATOR.exec(text);
    if (!separator) break;
    // Only continue when another reference follows the separator.
    const next = separator.index + separator[0].length;
    if (!(text.startsWith('第', next) || text.startsWith('附件', next))) break;
    rangeNext = RANGE_WORD.test(separator[1]);
    at = next;
  }
  if (!references) return NO_REFERENCES;
  // Kept with the title: several are copied to exactly their number (a push gave the array room for 17).
  return references.length === 1 ? references : references.slice();
}

/** 第十三条第一款、第二款: the second reference is 第十三条第二款. */
function inheritPrefix(previous: ArticleReference, reference: LocatedReference): void {
  const firstRank = UNIT_RANK[reference.steps[0].unit];
  const prefix = previous.steps.filter((s) => UNIT_RANK[s.unit] < firstRank);
  if (prefix.length > 0) reference.steps = [...prefix.map(inheritedStep), ...reference.steps];
}

/** 该条第二款 after 第十三条: the reference as written, under the article it continues (第十三条第二款). */
export function continuedReference(previous: ArticleReference, reference: ArticleReference): ArticleReference {
  const firstRank = UNIT_RANK[reference.steps[0].unit];
  const prefix = previous.steps.filter((s) => UNIT_RANK[s.unit] < firstRank).map(inheritedStep);
  return { start: reference.start, end: reference.end, text: prefix.map(writtenStep).join('') + reference.text, steps: [...prefix, ...reference.steps] };
}

/** A step as a writer of its numerals would write it: 第二十七条, 第27条, 第十条之一, 第（三）项. */
function writtenStep(step: ReferenceStep): string {
  const numeral = (n: number) => (step.numerals === 'arabic' ? String(n) : toChineseNumeral(n));
  const number = step.parenthesized ? `（${numeral(step.number)}）` : numeral(step.number);
  return `第${number}${step.unit}${step.sub ? `之${numeral(step.sub)}` : ''}`;
}

/** A step taken over from the previous reference: not written here, so it has no offsets. */
function inheritedStep(step: ReferenceStep): ReferenceStep {
  const inherited: ReferenceStep = { unit: step.unit, number: step.number, parenthesized: step.parenthesized, numerals: step.numerals };
  if (step.sub !== undefined) inherited.sub = step.sub;
  return inherited;
}
