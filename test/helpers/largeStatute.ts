/**
 * A statute in the LawRefBook Markdown format of about the size asked for: chapters of articles, each with
 * several 款 and 项, as the real collections have them. For the parser's scaling tests and bench.
 */
import { toChineseNumeral } from '../../server/src/core/text/numerals';

export function largeStatuteMarkdown(bytes: number, title = '超大测试法'): string {
  const parts: string[] = [`# ${title}`, '', '2020年1月1日 第十三届全国人民代表大会常务委员会第十五次会议通过', '', '<!-- INFO END -->', ''];
  let size = Buffer.byteLength(parts.join('\n'));
  let article = 0;
  for (let chapter = 1; size < bytes; chapter++) {
    const heading = `## 第${toChineseNumeral(chapter)}章 第${chapter}部分`;
    parts.push(heading, '');
    size += Buffer.byteLength(heading) + 2;
    for (let k = 0; k < 50 && size < bytes; k++) {
      article++;
      const lines = [
        `第${toChineseNumeral(article)}条 为了规范第${article}项事务，保护当事人的合法权益，制定本条。`,
        '前款规定的事务包括下列事项：',
        '（一）登记和备案；',
        '（二）审查和批准；',
        '（三）监督和检查。',
        '违反前两款规定的，由有关部门责令改正。',
        '',
      ];
      const block = lines.join('\n') + '\n';
      parts.push(block);
      size += Buffer.byteLength(block) + 1;
    }
  }
  return parts.join('\n');
}
