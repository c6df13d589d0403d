/**
 * The national statute book's metadata: recognising its files, the YAML front matter, the promulgation and
 * amendment history (a `>` quote or dated lines), and the titles a text repeals. Pure; never throws.
 */
import type { HeaderEvent } from './statuteFacts';
import { cleanLine, isoDate, numeralValue } from './statuteText';

/** Front matter keys that only this collection writes together. */
const SHAPE_KEYS = /^LinkTitle:.*$[\s\S]*^(?:effective_date|status):/m;

/** True for a file of the national statute book: front matter with `LinkTitle:` and `effective_date:`/`status:`. */
export function isNationalLawText(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\ufeff/, '');
  if (!/^---\r?\n/.test(head)) return false;
  const end = head.search(/\r?\n---\r?\n/);
  return end > 0 && SHAPE_KEYS.test(head.slice(0, end));
}

/** A date in Arabic or Chinese numerals (一九八二年十二月四日, as older texts write them). */
const DATE_TEXT = '(\\d{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*日';
const DATE = new RegExp(DATE_TEXT, 'g');
export const DATE_START = new RegExp(`^${DATE_TEXT}`);
const COMMENCEMENT = new RegExp(`[，,]?\\s*自\\s*${DATE_TEXT}起施行`);
const CHINESE_DIGITS = '〇一二三四五六七八九';

/** The front matter's scalar values (lists such as `tags:` are not needed). */
export function frontMatter(lines: string[]): { values: Map<string, string>; next: number } {
  const values = new Map<string, string>();
  if (cleanLine(lines[0] ?? '') !== '---') return { values, next: 0 };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (cleanLine(line) === '---') return { values, next: i + 1 };
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv) values.set(kv[1], kv[2].trim().replace(/^(["'])(.*)\1$/, '$2').trim());
  }
  return { values, next: lines.length };
}

export function isoOf(value: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value ?? '');
  return m ? isoDate(m[1], m[2], m[3]) : undefined;
}

/** ISO date of a DATE match: 一九八二 is read digit by digit, 十二 as a number. */
function dateOf(year: string, month: string, day: string): string {
  const y = /^\d+$/.test(year) ? year : [...year].map((c) => String(Math.max(0, CHINESE_DIGITS.indexOf(c === '零' ? '〇' : c)))).join('');
  return isoDate(y, numeralValue(month) ?? 0, numeralValue(day) ?? 0);
}

/** History events of the `>` quote: one per date, the commencement date (…起施行) taken out. */
export function historyEvents(quote: string, lineNo: number): { events: HeaderEvent[]; commencement?: string } {
  let text = quote.replace(/^[（(]/, '').replace(/[）)]\s*$/, '');
  const start = COMMENCEMENT.exec(text);
  const commencement = start ? dateOf(start[1], start[2], start[3]) : undefined;
  if (start) text = text.replace(COMMENCEMENT, '');
  const events: HeaderEvent[] = [];
  const dates = [...text.matchAll(DATE)];
  dates.forEach((m, k) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = k + 1 < dates.length ? dates[k + 1].index ?? text.length : text.length;
    events.push({ date: dateOf(m[1], m[2], m[3]), text: text.slice(from, to).replace(/[\s　、，和]+$/u, '').trim(), line: lineNo });
  });
  return { events, ...(commencement ? { commencement } : {}) };
}

/** Titles a text repeals on taking effect: “《…》、《…》同时废止”, “自…起施行，《…》同时废止”. */
export function repealedTitles(texts: Iterable<string>): string[] {
  const found: string[] = [];
  for (const text of texts) {
    if (!text.includes('同时废止')) continue;
    for (const sentence of text.split(/[。；]/)) {
      if (!sentence.includes('同时废止')) continue;
      // The list ends the sentence: “本法自…起施行，《…》、《…》同时废止” names no other title after its last comma.
      const before = sentence.slice(0, sentence.lastIndexOf('同时废止'));
      const list = before.slice(before.lastIndexOf('，') + 1);
      for (const m of list.matchAll(/《([^《》]+)》/g)) if (!found.includes(m[1])) found.push(m[1]);
    }
  }
  return found;
}

/** More opening than closing parentheses: the history goes on on the next line. */
export function unclosed(text: string): boolean {
  return (text.match(/[（(]/g)?.length ?? 0) > (text.match(/[）)]/g)?.length ?? 0);
}

