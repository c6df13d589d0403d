/**
 * The fixed query set for search quality (hit@1): what scholars type — title fragments, pinyin initials and
 * full pinyin, lawyers' abbreviations, authors, typos — and the title that must come first.
 */
export interface QueryCase {
  query: string;
  expected: string;
  note: string;
}

export const QUERY_SET: QueryCase[] = [
  { query: 'xmscjsjcy', expected: '厦门市促进数据产业高质量发展若干措施', note: 'pinyin initials prefix' },
  { query: 'xiamenshi', expected: '厦门市促进数据产业高质量发展若干措施', note: 'full pinyin prefix' },
  { query: 'gwygysrss', expected: '国务院关于深入实施“人工智能+”行动的意见', note: 'pinyin initials' },
  { query: 'gygfzmt', expected: '关于规范“自媒体”医疗科普行为的通知', note: 'pinyin initials' },
  { query: '个保法', expected: '个人信息保护法', note: 'abbreviation' },
  { query: '数安法', expected: '数据安全法', note: 'abbreviation' },
  { query: '网安法', expected: '网络安全法', note: 'abbreviation' },
  { query: '电商法', expected: '电子商务法', note: 'abbreviation' },
  { query: '自媒体医疗', expected: '关于规范“自媒体”医疗科普行为的通知', note: 'fragment' },
  { query: '人工智能+行动', expected: '国务院关于深入实施“人工智能+”行动的意见', note: 'fragment with symbol' },
  { query: '北京市公共数据', expected: '关于加快北京市公共数据资源开发利用的实施意见', note: 'fragment' },
  { query: '厦门', expected: '厦门市促进数据产业高质量发展若干措施', note: 'short fragment, authority decides' },
  { query: '厦门市促进数据产业高质量发展若干举措', expected: '厦门市促进数据产业高质量发展若干措施', note: 'typo in a long title' },
  { query: '国务院关于深入实施人工智能行动的意见', expected: '国务院关于深入实施“人工智能+”行动的意见', note: 'missing characters' },
  { query: '算力网2项技术文件', expected: '关于征求全国一体化算力网2项技术文件意见的通知', note: 'fragment with digits' },
  { query: '田野', expected: '数智时代的过劳问题及其法律因应', note: 'author' },
  { query: '张金平', expected: '构思决定论视野下生成式人工智能生成物的版权保护', note: 'author' },
  { query: '过劳', expected: '数智时代的过劳问题及其法律因应', note: 'keyword' },
  { query: '改善平台工作条件', expected: '改善平台工作条件指令', note: 'cited-only instrument' },
  { query: '报告', expected: '国家信息化发展报告（2024年）', note: 'short name defined in the text' },
];
