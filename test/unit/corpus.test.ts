/**
 * Pins the built index to the bulletin: metadata, provision trees, text, wrapped titles, cleanliness.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { CorpusDocument, Provision } from '../../server/src/core/corpus/model';
import { pinyinOf } from '../../server/src/core/text/pinyin';
import { buildCorpus } from '../../scripts/build-corpus/main';
import { DATA_DIR, bulletinCorpus } from '../helpers/corpus';

function doc(id: string): CorpusDocument {
  const found = bulletinCorpus().document(id);
  assert.ok(found, `document ${id} is in the index`);
  return found;
}

const numbersOf = (d: CorpusDocument, kind: Provision['kind'], parent?: number) =>
  d.provisions.filter((p) => p.kind === kind && (parent === undefined || p.parent === parent)).map((p) => p.number);

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('corpus: the six normative documents', () => {
  it('自媒体医疗科普 notice: issuers, date, 原载, points 1.–8. and a separate closing paragraph', () => {
    const d = doc('zmt-medical-notice');
    assert.equal(d.title, '关于规范“自媒体”医疗科普行为的通知');
    assert.equal(d.kind, 'notice');
    assert.deepEqual(d.issuers, ['中央网信办秘书局', '国家卫生健康委办公厅', '市场监管总局办公厅', '国家中医药管理局综合司']);
    assert.equal(d.date, '2025-07-28');
    assert.equal(d.source, '“网信中国”微信公众号');
    assert.deepEqual(numbersOf(d, 'point', -1), range(1, 8));
    const point5 = d.provisions.find((p) => p.kind === 'point' && p.number === 5)!;
    assert.equal(point5.caption, '严禁无资质账号生产发布专业医疗科普内容');
    assert.match(point5.text, /对未认证的账号通知其 2个月内完成资质认证。/);
    const point8 = d.provisions.find((p) => p.kind === 'point' && p.number === 8)!;
    assert.doesNotMatch(point8.text, /各级网信部门/);
    assert.ok(d.provisions.some((p) => p.kind === 'paragraph' && p.text.startsWith('各级网信部门应加强对网站平台的督促指导')));
  });

  it('国发〔2025〕11号: 一、–四、, （一）–（十四） continuous across 二、 and 三、, 1. restarting inside （一）–（六）', () => {
    const d = doc('gf-2025-11');
    assert.equal(d.title, '国务院关于深入实施“人工智能+”行动的意见');
    assert.equal(d.docNumber, '国发〔2025〕11号');
    assert.equal(d.date, '2025-08-21');
    assert.deepEqual(d.issuers, ['国务院']);
    assert.equal(d.addressees, '各省、自治区、直辖市人民政府，国务院各部委、各直属机构');
    assert.deepEqual(numbersOf(d, 'part'), [1, 2, 3, 4]);
    assert.deepEqual(numbersOf(d, 'item'), range(1, 14));
    const partIndex = (n: number) => d.provisions.findIndex((p) => p.kind === 'part' && p.number === n);
    assert.deepEqual(numbersOf(d, 'item', partIndex(2)), range(1, 6));
    assert.deepEqual(numbersOf(d, 'item', partIndex(3)), range(7, 14));
    const pointsPerItem = range(1, 14).map((n) => {
      const item = d.provisions.findIndex((p) => p.kind === 'item' && p.number === n);
      return numbersOf(d, 'point', item);
    });
    assert.deepEqual(pointsPerItem.slice(0, 6), [range(1, 3), range(1, 4), range(1, 2), range(1, 3), range(1, 3), range(1, 2)]);
    assert.ok(pointsPerItem.slice(6).every((points) => points.length === 0));
    const item8 = d.provisions.find((p) => p.kind === 'item' && p.number === 8)!;
    assert.equal(item8.caption, '加强数据供给创新');
    assert.match(item8.text, /完善适配人工智能发展的数据产权和版权制度/);
  });

  it('the two 全国数标委 consultation notices: titles joined across wraps, dates, issuer, annexes', () => {
    const first = doc('nds-consultation-computing-network');
    assert.equal(first.title, '关于征求全国一体化算力网2项技术文件意见的通知');
    assert.equal(first.date, '2025-08-01');
    assert.deepEqual(first.issuers, ['全国数据标准化技术委员会秘书处']);
    const annexes = first.provisions.filter((p) => p.kind === 'annex');
    assert.deepEqual(annexes.map((a) => a.text), [
      '技术文件《全国一体化算力网 智算中心算力池化技术要求（征求意见稿）》',
      '技术文件《全国一体化算力网 安全保护要求（征求意见稿）》',
      '意见汇总处理表',
    ]);
    const second = doc('nds-consultation-data-infrastructure');
    assert.equal(second.title, '关于征求数据基础设施3项技术文件、可信数据空间3项技术文件意见的通知');
    assert.equal(second.date, '2025-08-11');
  });

  it('北京 实施意见: 一、–六、 and （一）–（二十）', () => {
    const d = doc('bj-public-data-opinion');
    assert.equal(d.title, '关于加快北京市公共数据资源开发利用的实施意见');
    assert.equal(d.kind, 'local-measure');
    assert.deepEqual(numbersOf(d, 'part'), range(1, 6));
    assert.deepEqual(numbersOf(d, 'item'), range(1, 20));
    assert.equal(d.provisions.find((p) => p.kind === 'item' && p.number === 20)!.caption, '加强评价监督');
  });

  it('厦门 notice and its 若干措施: the measures carry the notice 文号; （一）–（十六） then 六、其他事项 （一）–（四）', () => {
    const notice = doc('xm-notice-2025-10');
    assert.equal(notice.title, '厦门市人民政府办公厅关于印发促进数据产业高质量发展若干措施的通知');
    assert.equal(notice.docNumber, '厦府办规〔2025〕10号');
    assert.equal(notice.date, '2025-08-04');
    assert.deepEqual(notice.attachments, ['xm-data-industry-measures']);
    const measures = doc('xm-data-industry-measures');
    assert.equal(measures.title, '厦门市促进数据产业高质量发展若干措施');
    assert.equal(measures.docNumber, '厦府办规〔2025〕10号');
    assert.equal(measures.issuedBy, 'xm-notice-2025-10');
    assert.deepEqual(numbersOf(measures, 'part'), range(1, 6));
    assert.deepEqual(numbersOf(measures, 'item'), [...range(1, 16), ...range(1, 4)]);
    const part6 = measures.provisions.findIndex((p) => p.kind === 'part' && p.number === 6);
    assert.equal(measures.provisions[part6].caption, '其他事项');
    assert.deepEqual(numbersOf(measures, 'item', part6), range(1, 4));
    assert.match(measures.provisions.filter((p) => p.parent === part6)[3].text, /^本措施自发布之日起施行，有效期至2027 年 12 月 31 日/);
    assert.deepEqual(bulletinCorpus().lookupDocNumber('厦府办规〔2025〕10号').map((d) => d.id).sort(), ['xm-data-industry-measures', 'xm-notice-2025-10']);
  });
});

describe('corpus: cleanliness of provision text', () => {
  const bulletinDocs = () => bulletinCorpus().documents.filter((d) => d.location.file.startsWith('000'));

  it('no page header, page number or URL dump inside any provision text', () => {
    for (const d of bulletinDocs()) {
      for (const p of d.provisions) {
        assert.doesNotMatch(p.text, /数字法学教研月报·|https?:\/\/|\b\d+ \/ 70\b|kns\.cnki/, `${d.id} ${p.label} ${p.lines}`);
      }
    }
  });

  it('no provision text starts with the page-start space or keeps a hard wrap', () => {
    for (const d of bulletinDocs()) {
      for (const p of d.provisions) {
        assert.ok(!p.text.startsWith(' '), `${d.id} ${p.lines}`);
        if (p.text === '') {
          assert.ok(p.caption, `${d.id} ${p.lines}: a unit without text is a heading with a caption`);
          continue;
        }
        for (const paragraph of p.text.split('\n')) assert.ok(paragraph.length > 0, `${d.id} ${p.lines} has an empty paragraph`);
      }
    }
  });

  it('a sentence broken by a page start and a URL run is joined (国发 (十三), 北京 (九))', () => {
    const item13 = doc('gf-2025-11').provisions.find((p) => p.kind === 'item' && p.number === 13)!;
    assert.match(item13.text, /加大人工智能领域金融和财政支持力度/);
  });

  it('titles wrapped across lines are joined: 国发, 厦门 notice, the 福建 news item', () => {
    assert.equal(doc('xm-notice-2025-10').title, '厦门市人民政府办公厅关于印发促进数据产业高质量发展若干措施的通知');
    assert.equal(doc('news-fujian-zero-certificate').title, '“国家公共数据‘跑起来’示范场景—企业服务‘0证明’赋能民营经济创新应用”启动活动成功举办');
    assert.equal(doc('commentary-beijing-datasets').title, '夯实高质量数据集底座：完善数据资源体系，助力“人工智能+”创新发展');
  });
});

describe('corpus: other articles, papers and companions', () => {
  it('every article of the bulletin and the companion texts is a document', () => {
    const corpus = bulletinCorpus();
    const kinds = (kind: string) => corpus.documents.filter((d) => d.kind === kind).length;
    assert.equal(kinds('event-report'), 6);
    assert.equal(kinds('paper'), 2);
    assert.equal(kinds('commentary'), 3);
    assert.equal(kinds('report'), 1);
    assert.ok(kinds('news') >= 4);
  });

  it('expert commentary records its author and affiliation', () => {
    assert.deepEqual(doc('commentary-shenzhen-datasets').authors, [{ name: '周剑明', affiliation: '深圳市政务服务和数据管理局党组书记、局长' }]);
    assert.equal(doc('commentary-beijing-datasets').authors[0].name, '沈彬华');
  });

  it('the full papers: heading tree, footnote markers and a bibliographic record', () => {
    const paper = doc('paper-zhang-jinping-2025');
    assert.equal(paper.title, '构思决定论视野下生成式人工智能生成物的版权保护');
    assert.deepEqual(paper.authors, [{ name: '张金平' }]);
    const parts = paper.provisions.filter((p) => p.kind === 'part').map((p) => p.caption);
    assert.deepEqual(parts.slice(0, 2), ['问题的提出', 'GenAI 生成物独创性判断之构思决定的类推困境']);
    assert.equal(parts.length, 5);
    const markers = paper.footnoteMarkers.map((m) => m.n);
    assert.equal(Math.max(...markers), 96);
    assert.ok(markers.includes(1) && markers.includes(45));
    const record = bulletinCorpus().record(paper.bibliography!)!;
    assert.deepEqual([record.journal, record.year, record.issue], ['法学研究', 2025, 4]);
    const tian = doc('paper-tian-ye-2025');
    const tianRecord = bulletinCorpus().record(tian.bibliography!)!;
    assert.equal(tianRecord.fullText, tian.id);
    assert.deepEqual([tianRecord.journal, tianRecord.year, tianRecord.issue], ['中国法学', 2025, 3]);
  });

  it('companions: the web essay, the newspaper pieces (two untitled) and the CAICT report', () => {
    const essay = doc('essay-zhu-gehui-2024');
    assert.equal(essay.title, '生成式人工智能的法律规制与制度因应');
    assert.equal(essay.date, '2024-12-26');
    assert.deepEqual(essay.authors, [{ name: '祝戈辉' }]);
    assert.match(essay.source!, /中国信息安全/);
    assert.equal(doc('article-zhang-linghan').authors[0].name, '张凌寒');
    assert.equal(doc('article-volunteer-service').untitled, true);
    assert.equal(doc('article-digital-supply-chain').title, '推动供应链现代化必须加快数智化发展');
    const report = doc('report-caict-ai-policy-2025');
    assert.equal(report.title, '人工智能法律政策图景研究报告(2025年)');
    assert.deepEqual(report.provisions.filter((p) => p.kind === 'part').map((p) => p.caption), ['全球人工智能法律政策图景', '全球人工智能法律政策趋势动向', '全球人工智能法律政策未来展望']);
    assert.ok(report.notes.length >= 20);
    assert.ok(report.notes.find((n) => n.n === 1)!.text.startsWith('本报告主要统计数据截至 2024 年 12 月 31 日'));
  });
});

describe('corpus: bibliographic records', () => {
  it('51 research summaries plus the reprinted paper that has no summary', () => {
    const records = bulletinCorpus().records;
    assert.equal(records.filter((r) => r.id.startsWith('summary-')).length, 51);
    assert.equal(records.length, 52);
    const categories = new Map<string, number>();
    for (const r of records) if (r.category) categories.set(r.category, (categories.get(r.category) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(categories), { 基础理论: 17, 数据确权与流通: 9, 人工智能: 18, 平台治理: 4, 数字行政与司法: 3 });
  });

  it('Chinese venues with year and issue; English journals with Vol./Issue; split author lines joined', () => {
    const records = bulletinCorpus().records;
    const first = records.find((r) => r.title === '为数字法学辩护')!;
    assert.deepEqual([first.authors, first.journal, first.year, first.issue], [['韩旭至'], '华东政法大学学报', 2025, 4]);
    const english = records.find((r) => r.authors[0] === 'Pier Giorgio Chiara')!;
    assert.deepEqual([english.journal, english.volume, english.issue, english.year], ['European Journal of Risk Regulation', 16, 2, 2025]);
    assert.deepEqual(records.find((r) => r.title.startsWith('论用户主张 AIGC 版权'))!.authors, ['蒋舸']);
    assert.deepEqual(records.find((r) => r.title.startsWith('人工智能在数字政府建设中的应用'))!.authors, ['王静', '张红']);
  });
});

describe('corpus: cited-only instruments and aliases', () => {
  it('about two hundred titles are cited but not contained, none of them a corpus document', () => {
    const corpus = bulletinCorpus();
    assert.ok(corpus.instruments.length >= 170 && corpus.instruments.length <= 240, `${corpus.instruments.length} instruments`);
    for (const instrument of corpus.instruments) {
      assert.ok(!corpus.lookupTitle(instrument.title).some((e) => e.type === 'document'), instrument.title);
    }
  });

  it('homonyms keep their jurisdictions: 《个人信息保护法》 of China, Korea and Japan', () => {
    const pipl = bulletinCorpus().instruments.find((i) => i.title === '个人信息保护法')!;
    assert.deepEqual(pipl.jurisdictions, ['日本', '韩国']);
    assert.ok(pipl.sites.some((s) => s.jurisdiction === undefined && s.in === 'paper-tian-ye-2025'));
    assert.equal(pipl.kind, 'law');
  });

  it('short names defined in the texts are aliases: 以下简称《报告》, 《实践守则》', () => {
    const corpus = bulletinCorpus();
    const report = corpus.instruments.find((i) => i.title === '国家信息化发展报告（2024年）')!;
    assert.ok(report.aliases.some((a) => a.text === '报告' && a.kind === 'short-name'));
    assert.equal(report.kind, 'report');
    const code = corpus.instruments.find((i) => i.title === '通用人工智能实践守则')!;
    assert.ok(code.aliases.some((a) => a.text === '实践守则'));
    assert.ok(code.jurisdictions.includes('欧盟'));
  });

  it('journals, laws, foreign acts and standards are told apart', () => {
    const kindOf = (title: string) => bulletinCorpus().instruments.find((i) => i.title === title)?.kind;
    assert.equal(kindOf('法学研究'), 'journal');
    assert.equal(kindOf('数据安全法'), 'law');
    assert.equal(kindOf('改善平台工作条件指令'), 'foreign-law');
    assert.equal(kindOf('工伤保险条例'), 'regulation');
    assert.equal(kindOf('全国一体化算力网 安全保护要求'), 'standard');
  });

  it('nicknames, issuer-less titles and pinyin for every title and alias', () => {
    const gf = doc('gf-2025-11');
    assert.ok(gf.aliases.some((a) => a.kind === 'nickname' && a.text === '“人工智能+”行动意见' && a.definedAt?.lines[0] === 8));
    assert.ok(gf.aliases.some((a) => a.kind === 'without-issuer' && a.text === '关于深入实施“人工智能+”行动的意见'));
    assert.ok(doc('xm-data-industry-measures').pinyin.initials.startsWith('xmscjsjcy'));
    for (const d of bulletinCorpus().documents) {
      assert.ok(d.pinyin.initials.length > 0, d.id);
      for (const alias of d.aliases) assert.ok(alias.pinyin && alias.pinyin.full.length > 0, alias.text);
    }
  });
});

describe('pinyin of legal vocabulary', () => {
  const cases: [string, string][] = [
    ['银行业监督管理法', 'yin hang ye jian du guan li fa'],
    ['行政处罚法', 'xing zheng chu fa fa'],
    ['重大行政决策程序暂行条例', 'zhong da xing zheng jue ce cheng xu zan xing tiao li'],
    ['重新审理', 'chong xin shen li'],
    ['长期资本', 'chang qi zi ben'],
    ['省长', 'sheng zhang'],
    ['调解', 'tiao jie'],
    ['调查取证', 'diao cha qu zheng'],
    ['民族区域自治单行条例', 'min zu qu yu zi zhi dan xing tiao li'],
    ['会计法', 'kuai ji fa'],
    ['效率', 'xiao lv'],
  ];
  for (const [text, expected] of cases) it(`${text} → ${expected}`, () => assert.equal(pinyinOf(text).full, expected));
});

describe('corpus: the committed data is what the builder makes', () => {
  it('data/*.json equal a fresh build of data/sources (npm run build:corpus -- --check)', function () {
    this.timeout(120000);
    const output = buildCorpus();
    for (const [name, content] of Object.entries(output.files)) {
      assert.ok(fs.readFileSync(path.join(DATA_DIR, name), 'utf8') === content, `data/${name} is stale`);
    }
  });
});
