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
  'quote.mismatch': '引文与{where}不符，原文为“{passage}”',
  'quote.not-found': '引文未见于{where}',
  'citation.date-mismatch': '《{title}》的日期是{date}，此处写作{written}',
  'citation.issuer-mismatch': '《{title}》由{issuers}发布，此处写作{written}',
  'paper.author-mismatch': '《{title}》的作者是{recorded}，此处写作{written}',
  'paper.title-mismatch': '论文题名《{written}》与记录不符，应为《{recorded}》',
  'paper.journal-mismatch': '《{title}》载于《{recorded}》，此处写作《{written}》',
  'paper.year-mismatch': '《{title}》发表于{recorded}年，此处写作{written}年',
  'paper.issue-mismatch': '《{title}》载于{recorded}，此处写作{written}',
  'footnote.undefined': '脚注[^{label}]没有定义',
  'footnote.unused': '脚注[^{label}]已定义但正文未引用',
  'footnote.duplicate': '脚注[^{label}]重复定义（第{line}行已定义）',
  'shortform.ibid-first': '“{written}”出现在第一个脚注中，没有上一注可指',
  'shortform.ibid-ambiguous': '“{written}”指向第{n}注，但该注引用了{count}件文献，指代不明',
  'shortform.missing-target': '“{written}”指向第{n}注，但全文只有{count}个脚注',
  'shortform.forward': '“{written}”指向第{n}注，即本注或其后的脚注',
  'shortform.target-mismatch': '“{written}”所称{named}不见于第{n}注（{target}）',
  'shortname.before-definition': '简称《{name}》在定义之前使用（第{line}行才定义为《{full}》的简称）',
  'shortname.redefined': '简称《{name}》重复定义（第{line}行已定义）',
  'shortname.ambiguous': '简称《{name}》在第{line}行已指《{first}》，此处又指《{second}》',
  'style.zai-required': '《{style}》体例要求在期刊名前加“载”',
  'style.zai-forbidden': '《{style}》体例不在期刊名前加“载”',
  'style.punctuation-separator': '题名与期刊之间应使用全角逗号“，”（此处为“{written}”）',
  'style.punctuation-colon': '作者与题名之间应使用全角冒号“：”',
  'style.article-numerals': '《{style}》体例写作{preferred}，此处为{written}',
  'style.docnumber-first-mention': '首次引用《{title}》时应在标题后注明文号（{docNumber}）',
  'fix.replace-quote': '改为原文“{passage}”',
  'fix.replace-with': '改为{value}',
  'fix.insert-zai': '加“载”',
  'fix.remove-zai': '删去“载”',
  'fix.insert-docnumber': '注明文号（{docNumber}）',
  'hover.short-name': '本文简称：《{name}》即《{full}》（第{line}行定义）',
  'hover.short-form': '指第{n}注：',
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
  'quote.mismatch': 'The quotation does not match {where}; the text reads “{passage}”',
  'quote.not-found': 'The quotation is not in {where}',
  'citation.date-mismatch': '《{title}》 is dated {date}, not {written}',
  'citation.issuer-mismatch': '《{title}》 was issued by {issuers}, not {written}',
  'paper.author-mismatch': 'The author of 《{title}》 is {recorded}, not {written}',
  'paper.title-mismatch': 'The paper title 《{written}》 does not match the record: 《{recorded}》',
  'paper.journal-mismatch': '《{title}》 appeared in 《{recorded}》, not 《{written}》',
  'paper.year-mismatch': '《{title}》 appeared in {recorded}, not {written}',
  'paper.issue-mismatch': '《{title}》 appeared in {recorded}, not {written}',
  'footnote.undefined': 'Footnote [^{label}] has no definition',
  'footnote.unused': 'Footnote [^{label}] is defined but never referenced',
  'footnote.duplicate': 'Footnote [^{label}] is defined twice (first on line {line})',
  'shortform.ibid-first': '“{written}” is in the first footnote: there is no previous footnote',
  'shortform.ibid-ambiguous': '“{written}” points to footnote {n}, which cites {count} works',
  'shortform.missing-target': '“{written}” points to footnote {n}, but there are only {count} footnotes',
  'shortform.forward': '“{written}” points to footnote {n}, which is this footnote or a later one',
  'shortform.target-mismatch': '“{written}” names {named}, who is not in footnote {n} ({target})',
  'shortname.before-definition': 'Short name 《{name}》 is used before it is defined (on line {line}, for 《{full}》)',
  'shortname.redefined': 'Short name 《{name}》 is defined twice (first on line {line})',
  'shortname.ambiguous': 'Short name 《{name}》 means 《{first}》 on line {line} but 《{second}》 here',
  'style.zai-required': 'The 《{style}》 style puts 载 before the journal',
  'style.zai-forbidden': 'The 《{style}》 style has no 载 before the journal',
  'style.punctuation-separator': 'Use a full-width comma “，” between title and journal (found “{written}”)',
  'style.punctuation-colon': 'Use a full-width colon “：” between author and title',
  'style.article-numerals': 'The 《{style}》 style writes {preferred}, not {written}',
  'style.docnumber-first-mention': 'First citation of 《{title}》: add its 文号 ({docNumber}) after the title',
  'fix.replace-quote': 'Replace with the text “{passage}”',
  'fix.replace-with': 'Replace with {value}',
  'fix.insert-zai': 'Insert 载',
  'fix.remove-zai': 'Remove 载',
  'fix.insert-docnumber': 'Add the 文号 ({docNumber})',
  'hover.short-name': 'Short name defined in this paper: 《{name}》 is 《{full}》 (line {line})',
  'hover.short-form': 'Refers to footnote {n}:',
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
