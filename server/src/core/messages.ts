/**
 * User-facing text in Simplified Chinese (the default) and English. Templates use {name} placeholders.
 */

export type Locale = 'zh-cn' | 'en';

type Catalog = Record<string, string>;

const ZH: Catalog = {
  'title.typo': '《{written}》不在索引中，可能是《{suggestion}》的笔误',
  'title.unknown': '《{written}》不在索引中，无法核对其内容',
  'article.not-found': '《{title}》中没有{reference}；该文件的条目为{available}',
  'docnumber.mismatch': '文号{written}与《{title}》不符：《{title}》的文号是{expected}{other}',
  'docnumber.mismatch.other': '（{written}是《{otherTitle}》的文号）',
  'docnumber.format': '文号“{written}”不合 GB/T 9704 格式（{problems}），应写作“{canonical}”',
  'docnumber.problem.brackets': '年份应使用六角括号〔〕',
  'docnumber.problem.two-digit-year': '年份应写全四位',
  'docnumber.problem.di': '序号前不加“第”',
  'docnumber.problem.leading-zero': '序号不编虚位',
  'docnumber.problem.spaces': '文号中不应有空格',
  'fix.replace-title': '改为《{suggestion}》',
  'fix.replace-docnumber': '改为{canonical}',
  'fix.disable-line': '在此行停用 {code} 检查',
  'list.separator': '、',
};

const EN: Catalog = {
  'title.typo': '《{written}》 is not in the index; did you mean 《{suggestion}》?',
  'title.unknown': '《{written}》 is not in the index, so its content cannot be checked',
  'article.not-found': '《{title}》 has no {reference}; its provisions are {available}',
  'docnumber.mismatch': 'Document number {written} does not belong to 《{title}》, whose number is {expected}{other}',
  'docnumber.mismatch.other': ' ({written} is the number of 《{otherTitle}》)',
  'docnumber.format': 'Document number “{written}” is not in GB/T 9704 form ({problems}); write “{canonical}”',
  'docnumber.problem.brackets': 'the year goes in 〔〕',
  'docnumber.problem.two-digit-year': 'the year has four digits',
  'docnumber.problem.di': 'no 第 before the serial number',
  'docnumber.problem.leading-zero': 'no leading zeros',
  'docnumber.problem.spaces': 'no spaces',
  'fix.replace-title': 'Replace with 《{suggestion}》',
  'fix.replace-docnumber': 'Replace with {canonical}',
  'fix.disable-line': 'Disable {code} for this line',
  'list.separator': '; ',
};

const CATALOGS: Record<Locale, Catalog> = { 'zh-cn': ZH, en: EN };

export function normalizeLocale(locale: string | undefined): Locale {
  return locale && /^en/i.test(locale) ? 'en' : 'zh-cn';
}

export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = CATALOGS[locale][key] ?? ZH[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
