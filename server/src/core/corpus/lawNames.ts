/**
 * The short names lawyers write for PRC laws (《个保法》 for 《中华人民共和国个人信息保护法》). Each names exactly one
 * law of the national statute book (test/unit/lawNames.test.ts checks that against the collection); the corpus
 * adds them as titles of every version of that law it holds. A paper's own 以下简称 still takes precedence.
 *
 * Only names that cannot mean another law are listed: 国安法 (国家安全法 or 香港国安法) and 反法 (反不正当竞争法
 * or 反垄断法 to different readers) are left out on purpose.
 */

export interface LawName {
  /** The short name as written inside 《》. */
  name: string;
  /** The law's title without 中华人民共和国. */
  law: string;
  /** Where lawyers write it. */
  source: string;
}

const PRACTICE = '数据合规、网络法实务文章与律所评论的通行简称';
const PROCEDURE = '诉讼法学教材、裁判文书说理与律师代理意见中的通行简称（“三大诉讼法”）';

export const LAW_NAMES: readonly LawName[] = [
  { name: '个保法', law: '个人信息保护法', source: PRACTICE },
  { name: '个信法', law: '个人信息保护法', source: PRACTICE },
  { name: '数安法', law: '数据安全法', source: PRACTICE },
  { name: '网安法', law: '网络安全法', source: PRACTICE },
  { name: '电商法', law: '电子商务法', source: '电子商务法实务、平台合规文章的通行简称' },
  { name: '反电诈法', law: '反电信网络诈骗法', source: '反诈宣传材料与实务文章的通行简称' },
  { name: '反诈法', law: '反电信网络诈骗法', source: 'realworld-dev/005（中国信息安全，2022-11-17：“以下简称‘反诈法’”，反诈法第 21 条）' },
  { name: '消法', law: '消费者权益保护法', source: '消费者权益保护实务、市场监管文书的通行简称' },
  { name: '消保法', law: '消费者权益保护法', source: '消费者权益保护实务、市场监管文书的通行简称' },
  { name: '保密法', law: '保守国家秘密法', source: '保密工作文件与宣传材料的通行简称' },
  { name: '民诉法', law: '民事诉讼法', source: PROCEDURE },
  { name: '刑诉法', law: '刑事诉讼法', source: PROCEDURE },
  { name: '行诉法', law: '行政诉讼法', source: PROCEDURE },
  { name: '未保法', law: '未成年人保护法', source: '未成年人保护工作文件与实务文章的通行简称' },
  { name: '反家暴法', law: '反家庭暴力法', source: '婚姻家事实务文章与妇联宣传材料的通行简称' },
  { name: '妇保法', law: '妇女权益保障法', source: '妇联宣传材料与婚姻家事实务文章的通行简称' },
  { name: '道交法', law: '道路交通安全法', source: '交通事故损害赔偿实务与裁判文书的通行简称' },
  { name: '食安法', law: '食品安全法', source: '食品监管执法文书与实务文章的通行简称' },
  { name: '国赔法', law: '国家赔偿法', source: '行政法学教材与国家赔偿实务的通行简称' },
  { name: '反恐法', law: '反恐怖主义法', source: '安全法治实务文章的通行简称' },
  { name: '个税法', law: '个人所得税法', source: '税务实务文章与税务机关解读的通行简称' },
  { name: '企税法', law: '企业所得税法', source: '税务实务文章的通行简称' },
  { name: '招投标法', law: '招标投标法', source: '建设工程与政府采购实务的通行简称' },
  { name: '出入境管理法', law: '出境入境管理法', source: '出入境管理实务与公安机关文书的通行简称' },
  { name: '治安处罚法', law: '治安管理处罚法', source: '治安案件实务文章的通行简称' },
  { name: '劳动争议仲裁法', law: '劳动争议调解仲裁法', source: '劳动争议实务文章的通行简称' },
];
