/**
 * Jurisdiction words written in front of a title: 韩国《个人信息保护法》 is Korea's act, not the PRC law of the same
 * name; 我国《个人信息保护法》 is the PRC law. Shared by the paper parser and the bulletin builder.
 */

/** Countries, unions, organisations and states whose acts papers cite by their Chinese titles. */
export const FOREIGN_JURISDICTIONS: readonly string[] = [
  '欧盟', '欧洲', '美国', '英国', '日本', '韩国', '德国', '法国', '意大利', '西班牙', '巴西', '加拿大', '新加坡', '印度',
  '澳大利亚', '俄罗斯', '阿联酋', '沙特阿拉伯', '沙特', '马来西亚', '泰国', '越南', '希腊', '瑞典', '非洲联盟', '非盟', '非洲',
  '东盟', '联合国', '经合组织', '世界卫生组织', '国际劳工组织', '联合国教科文组织', '科罗拉多州', '加利福尼亚州', '加州',
  '纽约州', '犹他州', '伊利诺伊州', '得克萨斯州', '七国集团',
  '印度尼西亚', '印尼', '荷兰', '比利时', '瑞士', '奥地利', '爱尔兰', '丹麦', '芬兰', '挪威', '波兰', '葡萄牙', '新西兰',
  '以色列', '土耳其', '南非', '墨西哥', '阿根廷', '智利', '菲律宾', '卢森堡', '乌克兰', '埃及', '尼日利亚', '肯尼亚', '哈萨克斯坦',
];

/** Words that name the PRC itself. */
export const HOME_JURISDICTIONS: readonly string[] = ['我国', '中国'];

const FOREIGN = new Set(FOREIGN_JURISDICTIONS);

export function isForeignJurisdiction(word: string): boolean {
  return FOREIGN.has(word);
}

const BY_LENGTH = [...FOREIGN_JURISDICTIONS].sort((a, b) => b.length - a.length);

/**
 * The foreign jurisdiction an act's title opens with (《美国海外账户税务合规法》, 《欧盟基本权利宪章》); undefined
 * when none. Only titles of acts count: PRC documents open with such words too (《美国白蛾防控技术规程》,
 * 《非洲猪瘟疫情应急实施方案》).
 */
export function foreignJurisdictionOpening(title: string): string | undefined {
  if (!ACT_TITLE.test(title)) return undefined;
  return BY_LENGTH.find((word) => title.startsWith(word) && !NOT_OPENINGS.has(word));
}
const ACT_TITLE = /(?:法|法案|法典|条例|指令|法规|公约|条约|宪章|协定|决议|条款|规则)$/;
const NOT_OPENINGS = new Set(['非洲']);

const SPACE = '[ \\t\\u3000]*';
const WORDS = [...FOREIGN_JURISDICTIONS, ...HOME_JURISDICTIONS].sort((a, b) => b.length - a.length).join('|');
const VERBS = ['颁布', '通过', '制定', '出台', '发布', '公布', '实施', '施行', '修订', '修改', '生效'];
/**
 * A jurisdiction word right before 《, optionally with the date and verb of the act and 的:
 * 日本《, 日本的《, 韩国于2011年颁布的《, 美国正式发布《.
 */
const BEFORE_TITLE = new RegExp(
  `(${WORDS})${SPACE}(?:(?:于|在)?${SPACE}[0-9０-９]{4}${SPACE}年(?:${SPACE}[0-9０-９]{1,2}${SPACE}月)?(?:${SPACE}[0-9０-９]{1,2}${SPACE}日)?)?${SPACE}`
  + `(?:(?:正式|新)?(?:${VERBS.join('|')})(?:了|的)?)?${SPACE}的?${SPACE}$`,
);
/**
 * The characters BEFORE_TITLE can end with (before the spaces): a word's, a date's, a verb's last, 了 or 的. Most
 * titles follow none of them, and this test spares them the pattern.
 */
const LAST_CHARACTERS = new Set([...FOREIGN_JURISDICTIONS, ...HOME_JURISDICTIONS, ...VERBS, '年', '月', '日', '了', '的'].map((word) => word.charCodeAt(word.length - 1)));
const WINDOW = 28;

/** The jurisdiction word written right before offset `open` (a 《), with its offsets; undefined when none. */
export function jurisdictionBeforeTitle(text: string, open: number): { start: number; end: number; text: string } | undefined {
  const from = Math.max(0, open - WINDOW);
  let last = open - 1;
  for (let c = text.charCodeAt(last); last >= from && (c === 0x20 || c === 0x09 || c === 0x3000); c = text.charCodeAt(--last));
  if (last < from || !LAST_CHARACTERS.has(text.charCodeAt(last))) return undefined;
  const match = BEFORE_TITLE.exec(text.slice(from, open));
  if (!match) return undefined;
  const start = from + match.index;
  return { start, end: start + match[1].length, text: match[1] };
}
