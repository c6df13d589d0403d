/**
 * Case numbers (案号) in a paper: （2022）沪01民终12345号, （2019）最高法知民终1号, and the pre-2016 form
 * （2013）一中民初字第2668号. Pure and corpus-independent: it finds them, splits them into their parts and says
 * what is wrong with their shape. Whether the case exists cannot be known without a case database.
 *
 * The shape follows 最高人民法院《关于人民法院案件案号的若干规定》 (法〔2015〕137号, in force 2016-01-01):
 * （收案年度）+ 法院代字 + 类型代字 + 案件编号 + 号. The court code is 最高法, or a province's one-character
 * abbreviation followed by nothing (the high court), two digits (an intermediate or special court: 京73) or four
 * digits (a basic court: 京0101); the case-type code comes from 《人民法院案件类型及其代字标准》.
 */
import type { CaseNumber, CaseNumberProblem } from './citationTypes';
import { BlockOrigin, LocatedCaseNumber, NOTHING_FOUND } from './located';
import type { Exclusions } from './markdown';

export type { CaseNumber, CaseNumberProblem } from './citationTypes';

/** Province-level abbreviations used as court codes, plus 兵 (the XPCC's courts). */
export const PROVINCE_CODES: ReadonlyMap<string, string> = new Map(Object.entries({
  京: '北京', 津: '天津', 冀: '河北', 晋: '山西', 蒙: '内蒙古', 辽: '辽宁', 吉: '吉林', 黑: '黑龙江', 沪: '上海', 苏: '江苏', 浙: '浙江',
  皖: '安徽', 闽: '福建', 赣: '江西', 鲁: '山东', 豫: '河南', 鄂: '湖北', 湘: '湖南', 粤: '广东', 桂: '广西', 琼: '海南', 渝: '重庆',
  川: '四川', 贵: '贵州', 黔: '贵州', 云: '云南', 滇: '云南', 藏: '西藏', 陕: '陕西', 甘: '甘肃', 青: '青海', 宁: '宁夏', 新: '新疆', 兵: '新疆生产建设兵团',
}));

/**
 * Case-type codes of 《人民法院案件类型及其代字标准》 (2015, with the 2018 additions), with what each means. The
 * intellectual-property codes take the 知 prefix (知民初, 知行终) at the courts that use them.
 */
export const CASE_TYPES: ReadonlyMap<string, string> = new Map(Object.entries({
  刑初: '刑事一审', 刑终: '刑事二审', 刑核: '刑事复核', 刑监: '刑事审判监督', 刑申: '刑事申诉', 刑抗: '刑事抗诉', 刑再: '刑事再审', 刑更: '减刑假释',
  刑医: '强制医疗', 刑没: '违法所得没收', 刑他: '刑事其他', 刑辖: '刑事管辖', 刑请: '刑事请示', 刑复: '刑事复议', 刑赔: '刑事赔偿',
  民初: '民事一审', 民终: '民事二审', 民监: '民事审判监督', 民申: '民事申请再审', 民抗: '民事抗诉', 民再: '民事再审', 民撤: '第三人撤销之诉',
  民特: '民事特别程序', 民特监: '特别程序监督', 民催: '公示催告', 民督: '督促程序', 民督监: '督促程序监督', 民他: '民事其他', 民辖: '民事管辖',
  民辖终: '民事管辖上诉', 民辖监: '民事管辖监督', 民请: '民事请示', 民保: '民事保全', 民复: '民事复议', 民令: '民事令状',
  行初: '行政一审', 行终: '行政二审', 行监: '行政审判监督', 行申: '行政申请再审', 行抗: '行政抗诉', 行再: '行政再审', 行审: '非诉行政行为审查',
  行审复: '非诉审查复议', 行他: '行政其他', 行辖: '行政管辖', 行辖终: '行政管辖上诉', 行赔初: '行政赔偿一审', 行赔终: '行政赔偿二审',
  行赔申: '行政赔偿申请再审', 行赔再: '行政赔偿再审', 行赔监: '行政赔偿监督', 行保: '行政保全',
  执: '首次执行', 执恢: '恢复执行', 执保: '财产保全执行', 执异: '执行异议', 执复: '执行复议', 执监: '执行监督', 执协: '执行协调',
  执他: '执行其他', 执请: '执行请示', 执配: '执行财产分配', 执清: '执行清理',
  破申: '破产申请审查', 破: '破产', 破终: '破产上诉', 破监: '破产监督', 强清: '强制清算', 强清申: '强制清算申请', 强清终: '强制清算上诉',
  财保: '诉前财产保全', 证保: '诉前证据保全', 行为保: '诉前行为保全',
  赔: '国家赔偿', 委赔: '赔偿委员会审理赔偿', 委赔监: '赔偿委员会监督', 法赔: '法院作为赔偿义务机关', 赔他: '国家赔偿其他',
  司救刑: '刑事司法救助', 司救民: '民事司法救助', 司救行: '行政司法救助', 司救执: '执行司法救助', 司救赔: '国家赔偿司法救助', 司救访: '涉诉信访司法救助',
  司惩: '司法制裁', 司惩复: '司法制裁复议',
  认台: '认可台湾地区判决', 认港: '认可香港判决', 认澳: '认可澳门判决', 请台送: '请求台湾地区送达', 协外认: '承认外国判决', 协外送: '协助外国送达',
}));

/** Types that also take the 知 (intellectual property) or 环 (environment) prefix at specialised courts. */
const SPECIALISED_PREFIXES = ['知', '环', '商', '金'];

const PLACEHOLDER_CHARS = /[XxＸｘ×＊*某○〇？?]/;
/** Zeros, five or more of one digit (11111), or counting up from 1 to 5 or further (12345): what one types for "some number". */
const PLACEHOLDER_SEQUENCE = /^(?:0+|([0-9])\1{4,}|123456?7?8?9?)$/;

// （2022）沪01民终12345号; the year may be a placeholder; everything up to 号 on the same line, at most 24 characters.
// Sticky: run only where candidateStarts says one may start.
const CANDIDATE = /[（(][ \t]*([0-9０-９XxＸｘ×＊*]{4})[ \t]*[）)]([\u4e00-\u9fff0-9０-９XxＸｘ×＊*○〇？?（）()]{2,24}?)号/y;

/** Every case number written outside code, URLs and comments, in order. */
export function findCaseNumbers(text: string, excluded: Exclusions, origin: BlockOrigin): CaseNumber[] {
  const starts = candidateStarts(text);
  if (starts.length === 0) return NOTHING_FOUND;
  const out: CaseNumber[] = [];
  // As a global CANDIDATE would go: from the leftmost start at or after where the last match ended.
  let from = 0;
  for (const start of starts) {
    if (start < from) continue;
    CANDIDATE.lastIndex = start;
    const match = CANDIDATE.exec(text);
    if (!match) continue;
    const end = start + match[0].length;
    from = end;
    if (excluded.contains(start)) continue;
    const parsed = parseCaseNumber(toHalfWidth(match[1]), toHalfWidth(match[2]));
    if (!parsed) {
      // Not a case number: let the next candidate start inside this one (its 号 may close a real one further on).
      from = start + 1;
      continue;
    }
    out.push(new LocatedCaseNumber(origin, start, end, match[0], parsed));
  }
  return out.length === 0 ? NOTHING_FOUND : out;
}

/**
 * Every offset where CANDIDATE may match, sorted: read back from each 号 (found by indexOf, which is far faster
 * than irregexp trying the pattern at every character), over 2 to 24 characters of its body to a closing
 * bracket, then spaces, four year characters, spaces and the opening bracket. Some may not match; every match
 * starts at one of them.
 */
function candidateStarts(text: string): number[] {
  let starts: number[] | undefined;
  for (let hao = text.indexOf('号'); hao >= 0; hao = text.indexOf('号', hao + 1)) {
    for (let close = hao - 1; close >= 0 && hao - close <= 25 && isBodyCharacter(text.charCodeAt(close)); close--) {
      const code = text.charCodeAt(close);
      if ((code !== 0xff09 && code !== 0x29) || hao - close < 3) continue;
      let p = skipSpacesBack(text, close);
      let year = 0;
      while (year < 4 && isYearCharacter(text.charCodeAt(p - 1))) {
        p--;
        year++;
      }
      if (year < 4) continue;
      p = skipSpacesBack(text, p);
      const open = text.charCodeAt(p - 1);
      if (open === 0xff08 || open === 0x28) (starts ??= []).push(p - 1);
    }
  }
  if (!starts) return NOTHING_FOUND;
  return starts.length === 1 ? starts : starts.sort((a, b) => a - b);
}

/** [0-9０-９XxＸｘ×＊*] */
function isYearCharacter(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19) || YEAR_SYMBOLS.has(code);
}
const YEAR_SYMBOLS = new Set([...'XxＸｘ×＊*'].map((c) => c.charCodeAt(0)));

/** [\u4e00-\u9fff0-9０-９XxＸｘ×＊*○〇？?（）()] */
function isBodyCharacter(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || isYearCharacter(code) || BODY_SYMBOLS.has(code);
}
const BODY_SYMBOLS = new Set([...'○〇？?（）()'].map((c) => c.charCodeAt(0)));

/** Back over [ \t] before `position` (not characters.ts skipInlineSpaceBack: CANDIDATE allows no ideographic space). */
function skipSpacesBack(text: string, position: number): number {
  let p = position;
  for (let c = text.charCodeAt(p - 1); c === 0x20 || c === 0x09; c = text.charCodeAt(--p - 1));
  return p;
}

export type CaseNumberParts = Omit<CaseNumber, 'kind' | 'start' | 'end' | 'text'>;

/** The parts of a case number from its year and what follows the bracket; undefined when it is not one. */
export function parseCaseNumber(year: string, body: string): CaseNumberParts | undefined {
  const old = /^(.+?)字第([0-9XxＸｘ×＊*○〇？?]+)$/.exec(body);
  if (old) return parseOldForm(year, old[1], old[2]);
  const current = /^(最高法|[\u4e00-\u9fff])([0-9XxＸｘ×＊*]*)([\u4e00-\u9fff]{1,5}?)([0-9XxＸｘ×＊*○〇？?某]+)$/.exec(body);
  if (!current) return undefined;
  const [, head, digits, caseType, sequence] = current;
  const knownCourt = head === '最高法' || PROVINCE_CODES.has(head);
  const knownType = isKnownCaseType(caseType);
  // Neither part recognised: some other bracketed year (（2021）年度第3号), not a case number.
  if (!knownCourt && !knownType) return undefined;
  const problems: CaseNumberProblem[] = [...placeholders(year, head + digits, sequence)];
  if (!problems.some((p) => p.kind === 'placeholder' && p.part === 'sequence') && /^0[0-9]/.test(sequence)) problems.push({ kind: 'leading-zero' });
  if (knownCourt && head !== '最高法' && !PLACEHOLDER_CHARS.test(digits) && ![0, 2, 4].includes(digits.length)) problems.push({ kind: 'court-digits' });
  if (head === '最高法' && digits.length > 0) problems.push({ kind: 'court-digits' });
  if (!knownCourt) problems.push({ kind: 'court-unknown' });
  if (!knownType) problems.push({ kind: 'type-unknown' });
  if (yearImplausible(year)) problems.push({ kind: 'year-implausible' });
  return { year, court: head + digits, caseType, sequence, form: 'current', problems };
}

/** （2013）一中民初字第2668号: the court and type run together before 字第, so only the year and number are checked. */
function parseOldForm(year: string, courtAndType: string, sequence: string): CaseNumberParts | undefined {
  const split = /^(.*?)((?:知|环|商)?(?:刑|民|行|执|赔|破)[\u4e00-\u9fff0-9()（）]{0,4})$/.exec(courtAndType);
  const court = split ? split[1] : '';
  const caseType = split ? split[2] : courtAndType;
  const problems: CaseNumberProblem[] = [...placeholders(year, court, sequence)];
  if (!problems.some((p) => p.kind === 'placeholder' && p.part === 'sequence') && /^0[0-9]/.test(sequence)) problems.push({ kind: 'leading-zero' });
  if (yearImplausible(year)) problems.push({ kind: 'year-implausible' });
  return { year, court, caseType, sequence, form: 'pre-2016', problems };
}

export function isKnownCaseType(code: string): boolean {
  if (CASE_TYPES.has(code)) return true;
  const prefix = SPECIALISED_PREFIXES.find((p) => code.startsWith(p));
  return prefix !== undefined && CASE_TYPES.has(code.slice(prefix.length));
}

/** What a case-type code means (知民终: 知识产权 + 民事二审), or undefined. */
export function caseTypeMeaning(code: string): string | undefined {
  const direct = CASE_TYPES.get(code);
  if (direct) return direct;
  const prefix = SPECIALISED_PREFIXES.find((p) => code.startsWith(p));
  const rest = prefix ? CASE_TYPES.get(code.slice(prefix.length)) : undefined;
  if (!prefix || !rest) return undefined;
  const field = { 知: '知识产权', 环: '环境资源', 商: '商事', 金: '金融' }[prefix as '知' | '环' | '商' | '金'];
  return `${field}${rest}`;
}

function* placeholders(year: string, court: string, sequence: string): Generator<CaseNumberProblem> {
  if (PLACEHOLDER_CHARS.test(year)) yield { kind: 'placeholder', part: 'year' };
  if (PLACEHOLDER_CHARS.test(court)) yield { kind: 'placeholder', part: 'court' };
  if (PLACEHOLDER_CHARS.test(sequence) || PLACEHOLDER_SEQUENCE.test(sequence) || /^0+1$/.test(sequence)) yield { kind: 'placeholder', part: 'sequence' };
}

function yearImplausible(year: string): boolean {
  return /^[0-9]{4}$/.test(year) && Number(year) < 1949;
}

function toHalfWidth(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
