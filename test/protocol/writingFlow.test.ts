/**
 * Completion, search, workspace symbols and fix-all as a writer meets them, through the real server over stdio:
 * what the server returns must survive the editor's own filtering, and fix-all must be a versioned edit.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, CompletionList, SymbolInformation, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../helpers/lspClient';
import { Methods, SearchItem } from '../../protocol/requests';
import { applyEdits } from '../helpers/fuzz';

/** VS Code keeps a workspace symbol only when the query's characters occur in its name in order (case aside). */
function keptByVsCode(query: string, name: string): boolean {
  const pattern = [...query.replace(/\s/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(pattern, 'iu').test(name);
}

describe('the writing flow through the real server', function () {
  this.timeout(60000);
  let client: LspClient;
  let initResult: { capabilities: { codeActionProvider: { codeActionKinds: string[] } } };

  before(async () => {
    client = new LspClient({ pullDiagnostics: true });
    initResult = (await client.initialize()) as typeof initResult;
  });

  after(async () => {
    await client.shutdown();
  });

  it('completes the articles whose number begins as typed, and the 款 of an article', async () => {
    const uri = client.uri('articles.md');
    const text = '依《个人信息保护法》第十三条，另见《个人信息保护法》第十\n《个人信息保护法》第十三条第\n';
    await client.open(uri, text);
    const articles = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 28 } });
    assert.deepEqual(articles.items.map((i) => i.label), ['第十条', '第十一条', '第十二条', '第十三条', '第十四条', '第十五条', '第十六条', '第十七条', '第十八条', '第十九条']);
    const clauses = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 15 } });
    assert.deepEqual(clauses.items.slice(0, 3).map((i) => i.label), ['第一款', '第二款', '第（一）项']);
  });

  it('workspace symbols found by pinyin or 文号 carry what VS Code filters on', async () => {
    for (const [query, title] of [
      ['xmscjsjcy', '厦门市促进数据产业高质量发展若干措施'],
      ['国发〔2025〕11号', '国务院关于深入实施“人工智能+”行动的意见'],
      ['国发[2025]11号', '国务院关于深入实施“人工智能+”行动的意见'],
      ['gbf', '中华人民共和国个人信息保护法'],
    ]) {
      const [first] = await client.request<SymbolInformation[]>('workspace/symbol', { query });
      assert.ok(first.name.startsWith(title), `${query}: ${first.name}`);
      assert.ok(keptByVsCode(query, first.name), `${query} is dropped by the editor's filter: ${first.name}`);
    }
    const [byNumber] = await client.request<SymbolInformation[]>('workspace/symbol', { query: '国发〔2025〕11号' });
    assert.equal(byNumber.name, '国务院关于深入实施“人工智能+”行动的意见（国发〔2025〕11号）');
    const [byPinyin] = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'xmscjsjcy' });
    assert.equal(byPinyin.name, '厦门市促进数据产业高质量发展若干措施 · xmscjsjcy…');
    assert.equal(byPinyin.location.uri, `lexcite:/documents/xm-data-industry-measures/${encodeURIComponent('厦门市促进数据产业高质量发展若干措施')}.md`);
  });

  it('the search command finds a 文号 however written, and inserts the citation as the paper cites', async () => {
    for (const query of ['国发〔2025〕11号', '国发[2025]11号', '国发〔2025〕']) {
      const [first] = await client.request<SearchItem[]>(Methods.search, { query, limit: 10 });
      assert.equal(first?.title, '国务院关于深入实施“人工智能+”行动的意见', query);
    }
    const uri = client.uri('search.md');
    await client.open(uri, '---\ndate: 2025-11-15\n---\n依《民法典》第一千零三十四条。\n');
    const [law] = await client.request<SearchItem[]>(Methods.search, { query: 'wlaqf', limit: 5, uri });
    // The 2025 amendment was adopted but not yet in force on the paper's date: the version is named.
    assert.equal(law.insertText, '《网络安全法》（2016年）');
  });

  it('advertises source.fixAll and answers it with one versioned edit', async () => {
    assert.deepEqual(initResult.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll']);
    const uri = client.uri('fixall.md');
    const text = '《厦门市促进数据产业高质量发展若干举措》（厦府办规[2025]10号）\n\n依《个人信息保护法》第13条和第十七条。\n';
    await client.open(uri, text);
    await client.pullDiagnostics(uri);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll']);
    const change = actions[0].edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const fixed = applyEdits(text, change.edits);
    assert.equal(fixed, '《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）\n\n依《个人信息保护法》第13条和第17条。\n');
  });
});
