/**
 * What each check is called where the user reads it (a quick fix's title, “在此行停用“文号不符”检查”): the codes
 * of diagnosticCodes.ts are ids for settings and disable comments, not words for a menu.
 */
import type { DiagnosticCode } from '../checks/diagnosticCodes';
import type { Locale } from './messages';

const NAMES: Partial<Record<DiagnosticCode, { 'zh-cn': string; en: string }>> = {
  'title.typo': { 'zh-cn': '标题笔误', en: 'title typo' },
  'title.unknown': { 'zh-cn': '标题不在索引中', en: 'title not in the index' },
  'article.not-found': { 'zh-cn': '条文不存在', en: 'provision not found' },
  'docnumber.mismatch': { 'zh-cn': '文号不符', en: '文号 of another document' },
  'docnumber.format': { 'zh-cn': '文号格式', en: '文号 format' },
  'statute.version-unknown': { 'zh-cn': '版本不存在', en: 'unknown version' },
  'statute.version-differs': { 'zh-cn': '各版本条文不同', en: 'provision differs between versions' },
  'statute.repealed': { 'zh-cn': '法律已废止', en: 'repealed law' },
  'statute.not-yet-in-force': { 'zh-cn': '法律尚未施行', en: 'law not yet in force' },
  'quote.mismatch': { 'zh-cn': '引文不符', en: 'quotation differs' },
  'claim.term-elsewhere': { 'zh-cn': '条文未提及所述内容', en: 'term not in the provision' },
  'quote.misattributed': { 'zh-cn': '引文出处有误', en: 'quotation from another provision' },
  'casenumber.placeholder': { 'zh-cn': '案号为占位符', en: 'placeholder case number' },
  'casenumber.malformed': { 'zh-cn': '案号格式', en: 'case number format' },
  'citation.date-mismatch': { 'zh-cn': '日期不符', en: 'date differs' },
  'citation.issuer-mismatch': { 'zh-cn': '发布机关不符', en: 'issuer differs' },
  'paper.author-mismatch': { 'zh-cn': '作者不符', en: 'author differs' },
  'paper.title-mismatch': { 'zh-cn': '论文题名不符', en: 'paper title differs' },
  'paper.journal-mismatch': { 'zh-cn': '期刊不符', en: 'journal differs' },
  'paper.year-mismatch': { 'zh-cn': '年份不符', en: 'year differs' },
  'paper.issue-mismatch': { 'zh-cn': '期号不符', en: 'issue differs' },
  'paper.publisher-mismatch': { 'zh-cn': '出版社不符', en: 'publisher differs' },
  'pandoc.unknown-key': { 'zh-cn': '文献键不存在', en: 'unknown citation key' },
  'footnote.undefined': { 'zh-cn': '脚注未定义', en: 'undefined footnote' },
  'footnote.unused': { 'zh-cn': '脚注未引用', en: 'unused footnote' },
  'footnote.duplicate': { 'zh-cn': '脚注重复定义', en: 'footnote defined twice' },
  'shortform.ibid-first': { 'zh-cn': '首注用“同上注”', en: '同上注 in the first note' },
  'shortform.ibid-ambiguous': { 'zh-cn': '“同上注”指代不明', en: 'ambiguous 同上注' },
  'shortform.missing-target': { 'zh-cn': '“同前注”所指不存在', en: '同前注 pointing nowhere' },
  'shortform.target-mismatch': { 'zh-cn': '“同前注”所指不符', en: '同前注 naming another work' },
  'shortname.before-definition': { 'zh-cn': '简称先用后定义', en: 'short name used before its definition' },
  'shortname.redefined': { 'zh-cn': '简称重复定义', en: 'short name defined twice' },
  'shortname.ambiguous': { 'zh-cn': '简称指代两件文献', en: 'short name for two works' },
  'style.zai': { 'zh-cn': '“载”字', en: '载 before the journal' },
  'style.article-numerals': { 'zh-cn': '条文序号数字', en: 'article numerals' },
  'style.docnumber-first-mention': { 'zh-cn': '首次引用未注文号', en: '文号 on first mention' },
  'style.punctuation': { 'zh-cn': '全角标点', en: 'full-width punctuation' },
  'paper.too-large': { 'zh-cn': '文稿超长', en: 'paper too large' },
  'paper.too-many-citations': { 'zh-cn': '引用过多', en: 'too many citations' },
};

/** The check's name in the user's language; the code itself for a code without one. */
export function checkName(locale: Locale, code: string): string {
  // The code may come from a client: only the table's own keys, never a prototype's.
  const names = Object.prototype.hasOwnProperty.call(NAMES, code) ? NAMES[code as DiagnosticCode] : undefined;
  return names ? names[locale] : code;
}
