/**
 * Resolving citations against the real index: bracket and numeral variants name the same provision; what does
 * not exist fails and says what does.
 */
import * as assert from 'node:assert/strict';
import { lookupCitation, LookupResult } from '../../server/src/core/features/lookup';
import { bulletinCorpus } from '../helpers/corpus';

function found(citation: string): Extract<LookupResult, { status: 'found' }> {
  const result = lookupCitation(bulletinCorpus(), citation);
  assert.equal(result.status, 'found', `${citation}: ${JSON.stringify(result).slice(0, 300)}`);
  return result as Extract<LookupResult, { status: 'found' }>;
}

function provisionOf(citation: string): string {
  const result = found(citation);
  assert.ok(result.provision, `${citation} names a provision`);
  return `${result.item.item.id}#${result.provision.address}`;
}

function missing(citation: string): Extract<LookupResult, { status: 'no-provision' }> {
  const result = lookupCitation(bulletinCorpus(), citation);
  assert.equal(result.status, 'no-provision', citation);
  return result as Extract<LookupResult, { status: 'no-provision' }>;
}

describe('resolve: titles', () => {
  it('exact, without quotation marks, without the issuer, by nickname, by 文号', () => {
    for (const citation of ['《国务院关于深入实施“人工智能+”行动的意见》', '《国务院关于深入实施人工智能+行动的意见》', '《关于深入实施“人工智能+”行动的意见》', '《“人工智能+”行动意见》', '国发〔2025〕11号', '国发[2025]11号']) {
      assert.equal(found(citation).item.item.id, 'gf-2025-11', citation);
    }
  });

  it('a 文号 shared by a notice and the measures it issued finds the notice first', () => {
    assert.equal(found('厦府办规〔2025〕10号').item.item.id, 'xm-notice-2025-10');
    assert.equal(found('《厦门市促进数据产业高质量发展若干措施》').item.item.id, 'xm-data-industry-measures');
  });

  it('a cited-only title resolves to what the bulletin knows about it', () => {
    const result = found('《改善平台工作条件指令》');
    assert.equal(result.item.type, 'instrument');
  });

  it('an unknown title is not found and offers the closest titles', () => {
    const result = lookupCitation(bulletinCorpus(), '《厦门市促进数据产业高质量发展若干举措》');
    assert.equal(result.status, 'no-document');
    if (result.status === 'no-document') assert.equal(result.closest[0].entry.id, 'xm-data-industry-measures');
  });
});

describe('resolve: provisions of policy documents', () => {
  it('自媒体 notice: 第五条 = 第5点 = 第五项 = 第5条 = point 5', () => {
    const expected = 'zmt-medical-notice#第5点';
    for (const ref of ['第五条', '第5点', '第五项', '第5条', '第 5 条']) assert.equal(provisionOf(`《关于规范“自媒体”医疗科普行为的通知》${ref}`), expected, ref);
  });

  it('国发: 第（七）项 = 第七条 = 第7条 = 第七项 = 第（七）点, and its text', () => {
    for (const ref of ['第（七）项', '第七条', '第7条', '第七项', '第（七）点', '第(七)项']) assert.equal(provisionOf(`《国务院关于深入实施“人工智能+”行动的意见》${ref}`), 'gf-2025-11#三、（七）', ref);
    const result = found('《国务院关于深入实施“人工智能+”行动的意见》第（七）项');
    assert.match(result.provision!.text, /^（七）提升模型基础能力。加强人工智能基础理论研究/);
  });

  it('国发: points restart inside each item; parts by 第X部分', () => {
    const result = found('《国务院关于深入实施“人工智能+”行动的意见》第（一）项第2点');
    assert.equal(result.provision!.caption, '驱动技术研发模式创新和效能提升');
    assert.equal(found('《国务院关于深入实施“人工智能+”行动的意见》第（二）项第2点').provision!.caption, '推进工业全要素智能化发展');
    assert.equal(found('《国务院关于深入实施“人工智能+”行动的意见》第四部分').provision!.caption, '组织实施');
  });

  it('厦门 measures: unqualified numbers name the main run; the restarted run needs its part', () => {
    assert.equal(found('《厦门市促进数据产业高质量发展若干措施》第（二）项').provision!.caption, '大力推进行业高质量数据集建设');
    assert.equal(found('《厦门市促进数据产业高质量发展若干措施》第六部分第（二）项').provision!.caption, '本措施按照年度预算安排兑现和拨付');
    assert.equal(found('《厦门市促进数据产业高质量发展若干措施》第（三）点').provision!.caption, '培育多元数据经营主体');
  });

  it('北京 实施意见 （二十）, a 附件 of the consultation notice, a paragraph (款) of a point', () => {
    assert.equal(found('《关于加快北京市公共数据资源开发利用的实施意见》第二十条').provision!.caption, '加强评价监督');
    assert.match(found('《关于征求全国一体化算力网2项技术文件意见的通知》附件2').provision!.text, /安全保护要求/);
    assert.match(found('《国务院关于深入实施“人工智能+”行动的意见》第一部分第二段').provision!.text, /^到 2027 年，率先实现人工智能与 6大重点领域广泛深度融合/);
  });

  it('out-of-range references fail and name the actual range', () => {
    assert.equal(missing('《国务院关于深入实施“人工智能+”行动的意见》第十五条').available, '（一）至（十四）');
    assert.equal(missing('《关于规范“自媒体”医疗科普行为的通知》第九条').available, '第1点至第8点');
    assert.equal(missing('《厦门市促进数据产业高质量发展若干措施》第十七项').available, '（一）至（十六）');
    assert.equal(missing('《厦门市促进数据产业高质量发展若干措施》第六部分第（五）项').available, '六、下的（一）至（四）');
    assert.equal(missing('《关于加快北京市公共数据资源开发利用的实施意见》第七部分').available, '第一部分至第六部分');
    assert.match(missing('《国务院关于深入实施“人工智能+”行动的意见》第（七）项第1点').available, /之下没有再分项/);
  });
});
