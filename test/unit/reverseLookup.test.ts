/**
 * Reverse lookup (where a quotation's words are) and what a paper's author sees of it: quote.misattributed when a
 * quotation presented as a provision's words is word for word another article's or another law's, with the fix
 * that cites the right one; quote.mismatch with the provision's words when the quotation altered them.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { checkPaper, DiagnosticData } from '../../server/src/core/checks/diagnostics';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { placeInCorpus, placeInDocument, quotationSegments } from '../../server/src/core/corpus/reverseLookup';
import { ReverseIndex } from '../../server/src/core/corpus/reverseIndex';
import { provisionUnit, segmentsIn } from '../../server/src/core/corpus/provisionUnits';
import type { CorpusDocument } from '../../server/src/core/corpus/model';
import { normalizeForMatch } from '../../server/src/core/text/normalize';
import type { Locale } from '../../server/src/core/text/messages';
import { productCorpus } from '../helpers/corpus';

const PIPL = '中华人民共和国个人信息保护法';
/** 个人信息保护法 第二十九条 and 第六条第二款, word for word. */
const ART_29 = '处理敏感个人信息应当取得个人的单独同意';
const ART_6_2 = '收集个人信息，应当限于实现处理目的的最小范围，不得过度收集个人信息。';

let corpus: Corpus;

function check(text: string, locale: Locale = 'zh-cn'): Diagnostic[] {
  return checkPaper(corpus, makePaper(corpus, 'file:///draft.md', 1, text, '2026-11-22'), { locale });
}

function findings(text: string): [string, string, number][] {
  return check(text).map((d) => [String(d.code), d.message, d.severity!]);
}

function applyFix(text: string, d: Diagnostic): string {
  const fix = (d.data as DiagnosticData).fixes![0];
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(fix.range.start)) + fix.newText + text.slice(lines.offsetAt(fix.range.end));
}

function only(text: string, code: string): Diagnostic {
  const found = check(text).filter((d) => d.code === code);
  assert.equal(found.length, 1, `${code} in ${JSON.stringify(check(text).map((d) => [d.code, d.message]))}`);
  return found[0];
}

describe('reverse lookup: where a quotation\'s words are', function () {
  this.timeout(120000);

  before(() => {
    corpus = productCorpus();
  });

  it('within one law: the article and paragraph that hold the words', () => {
    const pipl = corpus.lookupTitle(PIPL).map((e) => corpus.document(e.id)!).find((d) => d.kind === 'statute')!;
    assert.deepEqual(placeInDocument(corpus, pipl, quotationSegments(ART_29)).map((p) => p.address), ['第二十九条']);
    assert.deepEqual(placeInDocument(corpus, pipl, quotationSegments(ART_6_2)).map((p) => p.address), ['第六条第二款']);
    // An ellipsis: both parts within one article, in order.
    assert.deepEqual(placeInDocument(corpus, pipl, quotationSegments('有下列情形之一的……向境外提供个人信息')).map((p) => p.address), ['第五十五条']);
    assert.deepEqual(placeInDocument(corpus, pipl, quotationSegments('向境外提供个人信息……有下列情形之一的，个人信息处理者应当事前进行')), []);
    // A 项 alone is named down to it.
    assert.deepEqual(placeInDocument(corpus, pipl, quotationSegments('委托处理个人信息、向其他个人信息处理者提供个人信息、公开个人信息')).map((p) => p.address), ['第五十五条第（三）项']);
  });

  it('over the whole corpus: every law holding the words, and nothing for a short or invented passage', () => {
    const places = placeInCorpus(corpus, quotationSegments(ART_6_2))!;
    assert.ok(places.length >= 1);
    assert.ok(places.every((p) => p.document.title === PIPL && p.address === '第六条第二款'), JSON.stringify(places.map((p) => [p.document.title, p.address])));
    assert.deepEqual(placeInCorpus(corpus, quotationSegments('个人信息')), []);
    assert.deepEqual(placeInCorpus(corpus, quotationSegments('网络运营者应当在七十二小时内向公民赔偿数据损失的三倍金额')), []);
  });

  it('the index finds what a scan finds, for passages taken from the middle of provisions', () => {
    const documents = corpus.documents.filter((d) => d.kind === 'statute').slice(0, 60);
    const index = ReverseIndex.buildNow(documents);
    let checked = 0;
    for (const document of documents) {
      for (const provision of document.provisions.filter((p) => p.text.length >= 40).slice(0, 3)) {
        const passage = provision.text.slice(10, 40);
        const hits = index.find(quotationSegments(passage), 1000).map((h) => `${h.document.id}:${h.unit}`);
        const scanned = documents.flatMap((d) => placeInDocument(corpus, d, quotationSegments(passage)).map((p) => `${d.id}:${unitOf(d, p.index)}`));
        assert.deepEqual([...new Set(hits)].sort(), [...new Set(scanned)].sort(), passage);
        checked++;
      }
    }
    assert.ok(checked > 100, `${checked} passages`);
  });

  it('a provision with a character the build cannot fold alone (a surrogate pair, a letter lower-cased to two) or with a caption: placed where its unit\'s text has it', () => {
    const pipl = corpus.lookupTitle(PIPL).map((e) => corpus.document(e.id)!).find((d) => d.kind === 'statute')!;
    const provisions = pipl.provisions.map((p) => ({ ...p }));
    const [a, b, c] = provisions.flatMap((p, i) => ((p.kind === 'article' || p.kind === 'clause') && p.text.length >= 40 ? [i] : [])).slice(3, 6);
    provisions[a].text = `𠮷${provisions[a].text}`;
    provisions[b].text = provisions[b].text.replace('，', 'İ，');
    provisions[c].caption = '（特别规定）';
    const edited = { ...pipl, id: 'edited', provisions } as CorpusDocument;
    const index = ReverseIndex.buildNow([edited]);
    for (const [i, passage] of [[a, provisions[a].text.slice(0, 30)], [b, provisions[b].text.slice(0, 40)], [c, `特别规定）${provisions[c].text.slice(0, 20)}`]] as const) {
      const segments = quotationSegments(passage);
      const unit = unitOf(edited, i);
      const place = segmentsIn(provisionUnit(provisions, unit).text, segments.map(normalizeForMatch).filter((t) => t.length > 0));
      assert.ok(place, passage);
      assert.deepEqual(index.find(segments).map((h) => [h.unit, h.from, h.to]), [[unit, ...place]], passage);
    }
  });
});

/** The article (or top-level unit) a provision belongs to. */
function unitOf(document: { provisions: { parent: number; kind: string }[] }, index: number): number {
  let i = index;
  while (document.provisions[i].parent >= 0 && document.provisions[document.provisions[i].parent].kind !== 'division') i = document.provisions[i].parent;
  return i;
}

describe('reverse lookup: what the author of a draft sees', function () {
  this.timeout(120000);

  before(() => {
    corpus = productCorpus();
  });

  it('right words under the wrong article: which article has them, and a fix that cites it', () => {
    const text = `《个人信息保护法》第十七条规定：“${ART_29}”。`;
    const d = only(text, 'quote.misattributed');
    assert.equal(d.message, '此段文字出自第二十九条，而非第十七条');
    assert.equal(d.severity, 2);
    assert.deepEqual([d.range.start.character, d.range.end.character], [text.indexOf('“'), text.indexOf('”') + 1]);
    const fixed = applyFix(text, d);
    assert.equal(fixed, `《个人信息保护法》第二十九条规定：“${ART_29}”。`);
    assert.deepEqual(findings(fixed), []);
  });

  it('the fix keeps the paper\'s numerals, and names the paragraph; English says the same', () => {
    const text = `《个人信息保护法》第17条规定：“${ART_6_2}”`;
    assert.equal(applyFix(text, only(text, 'quote.misattributed')), `《个人信息保护法》第6条第2款规定：“${ART_6_2}”`);
    const [d] = check(text, 'en').filter((x) => x.code === 'quote.misattributed');
    assert.equal(d.message, 'This passage is from 第六条第二款, not 第17条');
  });

  it('an article past the end of the law: the error, and where the words are', () => {
    const text = `《个人信息保护法》第九十条规定：“${ART_29}”。`;
    assert.deepEqual(check(text).map((d) => d.code).sort(), ['article.not-found', 'quote.misattributed']);
    assert.equal(applyFix(text, only(text, 'quote.misattributed')), `《个人信息保护法》第二十九条规定：“${ART_29}”。`);
  });

  it('another law\'s words: that law and article, and a fix rewriting title and article', () => {
    const text = `《网络安全法》第二十一条规定：“${ART_6_2}”`;
    const d = only(text, 'quote.misattributed');
    assert.equal(d.message, `此段文字出自《${PIPL}》第六条第二款，而非《网络安全法》第二十一条`);
    const fixed = applyFix(text, d);
    assert.equal(fixed, `《个人信息保护法》第六条第二款规定：“${ART_6_2}”`);
    assert.deepEqual(findings(fixed), []);
  });

  it('an invented title: a hint naming the law that has the words, with a fix for a variant of its name', () => {
    const text = `《个人信息保护条例》第六条规定：“${ART_6_2}”`;
    const d = only(text, 'quote.misattributed');
    assert.equal(d.severity, 4);
    assert.equal(d.message, `此段文字出自《${PIPL}》第六条第二款；《个人信息保护条例》不在索引中，无法核对`);
    assert.equal(applyFix(text, d), `《个人信息保护法》第六条第二款规定：“${ART_6_2}”`);
    // A title unlike the law's (a local rule repeating it) gets the hint and no fix.
    const local = only(`《某市公共数据管理办法》第六条规定：“${ART_6_2}”`, 'quote.misattributed');
    assert.equal(local.severity, 4);
    assert.equal(local.data, undefined);
  });

  it('altered words: the provision\'s words, and a fix restoring them', () => {
    const text = '《个人信息保护法》第五十六条第二款规定：“个人信息保护影响评估报告和处理情况记录应当至少保存五年。”';
    const d = only(text, 'quote.mismatch');
    assert.equal(d.message, '引文与《中华人民共和国个人信息保护法》第五十六条第二款不符，原文为“个人信息保护影响评估报告和处理情况记录应当至少保存三年”');
    assert.deepEqual(findings(applyFix(text, d)), []);
  });

  it('words found in several articles: named, no fix (which one was meant cannot be known)', () => {
    const d = only('《个人信息保护法》第十七条规定：“个人信息处理者应当”。', 'quote.mismatch');
    assert.match(d.message, /^此段文字不在《个人信息保护法》第十七条中，而见于第九条、第十五条第一款、/);
    assert.equal(d.data, undefined);
  });

  it('correct quotations and invented words stay as they were: silent, and not found', () => {
    assert.deepEqual(findings(`《个人信息保护法》第二十九条规定：“${ART_29}”。`), []);
    assert.deepEqual(findings(`《个人信息保护法》第六条第二款规定：“${ART_6_2}”`), []);
    assert.deepEqual(findings('《个人信息保护法》第十七条规定：“个人信息处理者应当对下列事项事前进行个人信息保护影响评估”。'), [
      ['quote.mismatch', '引文未见于《中华人民共和国个人信息保护法》第十七条', 2],
    ]);
  });

  it('a server that has not built the index yet says what it knows, offers no fix it cannot be sure of, and asks for the index', () => {
    const fresh = new Corpus(undefined, corpus.documents.filter((d) => d.kind === 'statute'));
    fresh.buildReverseIndexOnDemand = false;
    const text = `《网络安全法》第二十一条规定：“${ART_6_2}”`;
    const before = checkPaper(fresh, makePaper(fresh, 'file:///draft.md', 1, text, '2026-11-22'));
    assert.deepEqual(before.map((d) => d.code), ['quote.mismatch']);
    assert.equal(fresh.reverseIndexWanted, true);
    // Altered words: the closest passage is shown, but not offered as the fix until the words are known to be nowhere else.
    const altered = '《个人信息保护法》第五十六条第二款规定：“个人信息保护影响评估报告和处理情况记录应当至少保存五年。”';
    const [pending] = checkPaper(fresh, makePaper(fresh, 'file:///altered.md', 1, altered, '2026-11-22'));
    assert.match(pending.message, /原文为“个人信息保护影响评估报告和处理情况记录应当至少保存三年”$/);
    assert.equal(pending.data, undefined);
    const steps = fresh.buildReverseIndexInSteps();
    while (!steps.next().done);
    const after = checkPaper(fresh, makePaper(fresh, 'file:///draft.md', 2, text, '2026-11-22'));
    assert.deepEqual(after.map((d) => [d.code, d.message]), [['quote.misattributed', `此段文字出自《${PIPL}》第六条第二款，而非《网络安全法》第二十一条`]]);
    const [ready] = checkPaper(fresh, makePaper(fresh, 'file:///altered.md', 2, altered, '2026-11-22'));
    assert.equal((ready.data as DiagnosticData).fixes![0].newText, '个人信息保护影响评估报告和处理情况记录应当至少保存三年');
  });
});
