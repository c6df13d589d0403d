/**
 * Writes a synthetic statute collection the size of the public one (3,500 laws, about 150,000 articles) in the
 * LawRefBook Markdown format, for the benchmark. Titles are combinations of real jurisdictions, subjects and
 * instrument types; article text is stitched from sentences of the real statutes in the bundled statute book, so
 * lengths, characters and punctuation are realistic. Deterministic for a seed and a statute book.
 *
 *   node out/bench/generateLaws.js OUT_DIR [--laws 3500] [--articles 150000] [--seed 1]
 */
import * as fs from 'fs';
import * as path from 'path';
import { toChineseNumeral } from '../server/src/core';
import { loadStatuteBook } from '../server/src/node/statuteBook';
import { random } from './stats';

const REGIONS = ['', '', '', '北京市', '上海市', '天津市', '重庆市', '河北省', '山西省', '辽宁省', '吉林省', '黑龙江省', '江苏省', '浙江省', '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '海南省', '四川省', '贵州省', '云南省', '陕西省', '甘肃省', '青海省', '深圳市', '厦门市', '杭州市', '广州市', '南京市', '武汉市', '成都市', '西安市'];
const SUBJECTS = ['数据安全', '个人信息保护', '网络安全', '公共数据', '数字经济促进', '人工智能产业发展', '电子商务', '消费者权益保护', '食品安全', '安全生产', '生态环境保护', '大气污染防治', '水污染防治', '城乡规划', '物业管理', '道路交通安全', '旅游', '教育督导', '科学技术进步', '知识产权保护', '专利保护', '著作权管理', '广告管理', '价格管理', '统计管理', '审计监督', '档案管理', '政府信息公开', '行政复议', '行政处罚', '社会救助', '养老服务', '医疗保障', '传染病防治', '中医药发展', '文物保护', '非物质文化遗产保护', '未成年人保护', '妇女权益保障', '残疾人保障', '法律援助', '人民调解', '优化营商环境', '中小企业促进', '农业机械化促进', '乡村振兴促进', '林业', '草原', '渔业', '水土保持', '防震减灾', '气象灾害防御', '消防', '燃气管理', '供水用水管理', '城市绿化', '市容和环境卫生管理', '住房公积金管理', '招标投标', '政府采购', '电力设施保护', '信息化促进', '公共图书馆', '全民健身', '职业教育', '劳动保障监察', '工资支付', '社会信用体系建设', '反不正当竞争', '商品交易市场管理', '烟花爆竹安全管理', '危险化学品安全管理', '电梯安全管理', '特种设备安全', '计量监督管理', '标准化', '认证认可', '地理信息管理', '测绘管理', '无线电管理'];
const TYPES = ['条例', '条例', '条例', '办法', '规定', '实施办法', '管理办法', '若干规定', '实施细则', '法'];

/** Sentences of the statute book's provisions (every document decompressed once, then dropped). */
function sentencePool(): string[] {
  const sentences: string[] = [];
  for (const document of loadStatuteBook().documents) {
    for (const provision of document.provisions) {
      for (const sentence of provision.text.match(/[^。；]+[。；]/g) ?? []) if (sentence.length >= 8 && sentence.length <= 90) sentences.push(sentence);
    }
  }
  return sentences;
}

export interface GeneratedCollection {
  laws: number;
  articles: number;
  bytes: number;
}

export function generateLaws(out: string, laws: number, articles: number, seed: number): GeneratedCollection {
  const rand = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const pool = sentencePool();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const titles = new Set<string>();
  let written = 0;
  let bytes = 0;
  const perLaw = articles / laws;
  for (let i = 0; i < laws; i++) {
    let title = '';
    let national = false;
    for (let attempt = 0; attempt < 50 && (title === '' || titles.has(title)); attempt++) {
      const region = pick(REGIONS);
      const type = pick(TYPES);
      // Only the national legislature makes 法, and only its laws carry 中华人民共和国; regions make 条例.
      national = type === '法' && region === '';
      title = `${region}${pick(SUBJECTS)}${type === '法' && !national ? '条例' : type}`;
    }
    if (titles.has(title)) title = `${title}（${i}）`;
    titles.add(title);
    const count = Math.max(5, Math.round(perLaw * (0.4 + rand() * 1.2)));
    const year = 1995 + Math.floor(rand() * 30);
    const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const lines = [`# ${national ? '中华人民共和国' : ''}${title}`, '', `${year}年${Number(date.slice(5, 7))}月${Number(date.slice(8))}日 某某人民代表大会常务委员会第${toChineseNumeral(1 + Math.floor(rand() * 40))}次会议通过`, '', '<!-- INFO END -->', ''];
    let chapter = 0;
    for (let a = 1; a <= count; a++) {
      if (a === 1 || rand() < 0.08) lines.push(`## 第${toChineseNumeral(++chapter)}章 ${pick(['总则', '一般规定', '监督管理', '保障措施', '法律责任', '附则', '权利义务', '促进发展'])}`, '');
      lines.push(`第${toChineseNumeral(a)}条 ${pick(pool)}${rand() < 0.5 ? pick(pool) : ''}`, '');
      const extra = rand();
      if (extra < 0.25) {
        const items = 2 + Math.floor(rand() * 5);
        for (let k = 1; k <= items; k++) lines.push(`（${toChineseNumeral(k)}）${pick(pool)}`, '');
      } else if (extra < 0.55) {
        lines.push(pick(pool) + pick(pool), '');
      }
      written++;
    }
    const text = lines.join('\n');
    bytes += Buffer.byteLength(text);
    const folder = path.join(out, `c${String(Math.floor(i / 500)).padStart(2, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${title}(${date}).md`), text);
  }
  return { laws, articles: written, bytes };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const out = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  if (!out) {
    console.error('usage: generateLaws OUT_DIR [--laws 3500] [--articles 150000] [--seed 1]');
    process.exit(2);
  }
  const result = generateLaws(out, option('--laws', 3500), option('--articles', 150000), option('--seed', 1));
  console.log(`${result.laws} laws, ${result.articles} articles, ${(result.bytes / 1e6).toFixed(1)} MB in ${out}`);
}
