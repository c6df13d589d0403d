/**
 * Requests whose answer grows with the paper respect lexcite.maxCitations and can be stopped: document symbols,
 * the report (bounded, cancellable between chunks) — and a one-line paper of 文号 only parses at all.
 */
import * as assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { ReportCancelled, buildReport } from '../../server/src/core/features/report';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { bulletinCorpus } from '../helpers/corpus';

const CITATION = '《国务院关于深入实施“人工智能+”行动的意见》第（八）项，';
let version = 1;
const doc = (text: string) => ({ uri: 'file:///request-limits.md', version: version++, getText: () => text });
const settings = (maxCitations: number) => resolveSettings({ paperDate: '2025-11-22', maxCitations }, 'zh-cn');
const count = (symbols: DocumentSymbol[]) => symbols.reduce((n, s) => n + (s.children?.length ?? 0), 0);

describe('request limits', function () {
  this.timeout(30000);

  it('document symbols stop at lexcite.maxCitations (0: all)', () => {
    const service = new CitationService(bulletinCorpus());
    const text = CITATION.repeat(40);
    // Each citation is a title and its provision: two outline entries under the one document.
    assert.equal(count(service.documentSymbols(doc(text), settings(10))), 20);
    assert.equal(count(service.documentSymbols(doc(text), settings(0))), 80);
  });

  it('the report lists the citations the diagnostics check, no more', () => {
    const service = new CitationService(bulletinCorpus());
    const text = `${CITATION.repeat(30)}\n\n参见国发〔2025〕11号。\n`;
    const report = JSON.parse(service.report(doc(text), 'x.md', 'json', settings(12)));
    assert.equal(report.counts.citations, 12);
    assert.deepEqual(report.otherProblems.map((p: { code: string }) => p.code), ['paper.too-many-citations']);
    const whole = JSON.parse(service.report(doc(text), 'x.md', 'json', settings(0)));
    assert.equal(whole.counts.citations, 31, 'with no limit: every title and the free-standing 文号');
  });

  it('the report stops with ReportCancelled once isCancelled says so, between chunks', () => {
    const text = CITATION.repeat(2000);
    const paper = makePaper(bulletinCorpus(), 'file:///cancel.md', 1, text);
    let asked = 0;
    assert.throws(() => buildReport(bulletinCorpus(), paper, 'cancel.md', { locale: 'zh-cn', maxCitations: 0, isCancelled: () => ++asked >= 2 }), ReportCancelled);
    assert.equal(asked, 2, 'asked once per chunk, stopped at the first yes');
    assert.equal(buildReport(bulletinCorpus(), paper, 'cancel.md', { locale: 'zh-cn', maxCitations: 0, isCancelled: () => false }).counts.citations, 2000);
  });

  it('a one-line paper of 150,000 文号 is checked (no stack overflow assembling the parse)', () => {
    const service = new CitationService(bulletinCorpus());
    const text = '参见国发〔2025〕11号；'.repeat(150_000);
    const diagnostics = service.diagnostics(doc(text), settings(5000));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.character]), [['paper.too-many-citations', 5000 * 14 + 2]]);
  });
});
