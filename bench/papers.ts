/**
 * Realistic papers of any size for the benchmark: sections of Chinese legal prose that cite the bulletin's
 * documents, statutes of the statute book and journal papers (mostly correctly, a few faults per section), with
 * footnotes numbered through the paper, and what real texts have at about their density: short names defined
 * (以下简称) and used, citations that point back (该法第N条, 该条第N款), lists of articles, quotations of
 * provisions, 同上注 and 同前注. Deterministic for a given size.
 */

const CITATIONS = [
  '《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项要求“完善适配人工智能发展的数据产权和版权制度”',
  '《厦门市促进数据产业高质量发展若干措施》第（七）项对企业数据资产登记给予奖励',
  '《关于加快北京市公共数据资源开发利用的实施意见》第（三）项要求开展公共数据资源登记',
  '《关于规范“自媒体”医疗科普行为的通知》第五条要求对未认证的账号“通知其2个月内完成资质认证”',
  '《个人信息保护法》第十三条第一款第（二）项规定了合同必需的合法性基础',
  '《民法典》第1034条第2款界定了个人信息',
  '《数据安全法》第二十一条建立了数据分类分级保护制度',
  '《网络安全法》（2016年）第三十七条规定了关键信息基础设施运营者的数据本地化义务',
  '《反垄断法》（2022年修正）第九条禁止利用数据和算法从事垄断行为',
  '《国务院关于深入实施“人工智能+”行动的意见》第（十五）项',
  '《中华人民共和国个人信息保护法》（以下简称《个保法》）第二十八条界定了敏感个人信息，该法第二十九条要求取得个人的单独同意',
  '《个保法》第十三条、第十四条规定了处理个人信息的合法性基础与同意规则',
  '《数据安全法》第二十七条规定：“开展数据处理活动应当依照法律、法规的规定，建立健全全流程数据安全管理制度”，该条第二款另对重要数据的处理者作出规定',
  '国发[2025]11号',
  '《厦门市促进数据产业高质量发展若干举措》',
];

const FOOTNOTES = [
  '参见张金平：《构思决定论视野下生成式人工智能生成物的版权保护》，载《法学研究》2025年第4期。',
  '参见田野：《数智时代的过劳问题及其法律因应》，载《中国法学》2025年第3期。',
  '同上注。',
  '参见时建中：《数据分层确权的法理构造——基于流通效率与利益平衡的视角》，载《环球法律评论》2025年第4期。',
  '《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项。',
  '参见王利明：《某部未收录的专著》，中国人民大学出版社2024年版，第15页。',
  '同前注〔1〕，第8页。',
];

const PROSE = '在数字经济快速发展的背景下，数据要素的确权、流通与收益分配成为法学研究的核心议题。学界围绕公共数据授权运营、企业数据资产登记以及个人信息保护的边界展开了广泛讨论，相关规范性文件亦密集出台。';

/** A paper of about `bytes` UTF-8 bytes. */
export function makePaper(bytes: number, seed = 0): string {
  const sections: string[] = ['---', 'title: 基准测试论文', 'date: 2026-06-01', '---', '', '# 数据治理的规范体系研究', ''];
  const notes: string[] = [];
  let size = Buffer.byteLength(sections.join('\n'));
  let n = 0;
  while (size < bytes) {
    const i = n + seed;
    const paragraph = `${PROSE}${CITATIONS[i % CITATIONS.length]}，${PROSE.slice(0, 40 + (i % 30))}。[^n${n}]`;
    const note = `[^n${n}]: ${FOOTNOTES[i % FOOTNOTES.length]}`;
    const heading = n % 12 === 0 ? `## 第${n / 12 + 1}部分\n\n` : '';
    sections.push(`${heading}${paragraph}`, '');
    notes.push(note);
    size += Buffer.byteLength(paragraph) + Buffer.byteLength(note) + Buffer.byteLength(heading) + 4;
    n++;
  }
  return [...sections, ...notes, ''].join('\n');
}
