/**
 * The real server process over stdio, on realistic papers: hover texts, completion items, definition
 * locations, references, symbols, diagnostics (pulled and pushed) and quick-fix edits applied to the text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, Location, SymbolInformation, TextEdit,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { LspClient, startClient } from '../helpers/lspClient';
import { parseMarkers } from '../helpers/markers';
import { requireShared } from '../helpers/shared';
import { Methods } from '../../protocol/requests';
import { applyEdits } from '../helpers/fuzz';

const PAPER = `# 数据要素政策研究

《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项要求加强数据供给创新。[^1]

厦门的做法见《厦门市促进数据产业高质量发展若干措施》第（七）项。

[^1]: 参见田野：《数智时代的过劳问题及其法律因应》，载《中国法学》2025年第3期；另见《改善平台工作条件指令》。
`;

const OTHER_PAPER = `# 另一篇论文

国发〔2025〕11号即《国务院关于深入实施“人工智能+”行动的意见》第（八）项与第（九）项所称的规范。
`;

function positionOf(text: string, needle: string, offsetInNeedle = 1) {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `fixture contains ${needle}`);
  return new LineIndex(text).positionAt(index + offsetInNeedle);
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  const contents = hover.contents as { value: string };
  return contents.value;
}

describe('language server over stdio', function () {
  this.timeout(30000);
  let workspace: string;
  let client: LspClient;
  let paperUri: string;
  let otherUri: string;
  let initResult: unknown;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-ws-'));
    fs.writeFileSync(path.join(workspace, 'paper.md'), PAPER);
    fs.writeFileSync(path.join(workspace, 'other.md'), OTHER_PAPER);
    client = new LspClient({ pullDiagnostics: true, workspaceFolder: workspace });
    initResult = await client.initialize();
    paperUri = client.uri('paper.md');
    otherUri = client.uri('other.md');
    await client.open(paperUri, PAPER);
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('declares its capabilities: incremental sync, pull diagnostics, completion triggered by 《 第 〔', () => {
    const capabilities = (initResult as { capabilities: Record<string, unknown> }).capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual((capabilities.completionProvider as { triggerCharacters: string[] }).triggerCharacters, ['《', '第', '〔', '@']);
    assert.ok(capabilities.diagnosticProvider);
    for (const name of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentHighlightProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'codeActionProvider']) {
      assert.ok(capabilities[name], name);
    }
  });

  describe('hover', () => {
    it('on a title: title, 文号, kind, issuer, date, 原载 and the opening of the text', async () => {
      const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: paperUri }, position: positionOf(PAPER, '《国务院关于') }));
      assert.match(text, /^\*\*《国务院关于深入实施“人工智能\+”行动的意见》\*\*（国发〔2025〕11号）/);
      assert.match(text, /国务院文件 · 国务院 · 2025-08-21 · 原载：“国家数据局”微信公众号/);
      assert.match(text, /为深入实施“人工智能\+”行动/);
    });

    it('on an article reference: the provision’s full text with its address', async () => {
      const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: paperUri }, position: positionOf(PAPER, '第（八）项') }));
      assert.match(text, /^\*\*《国务院关于深入实施“人工智能\+”行动的意见》三、（八）\*\*/);
      assert.match(text, /（八）加强数据供给创新。以应用为导向，持续加强人工智能高质量数据集建设。/);
    });

    it('on a 文号, a paper citation, a cited-only title and a footnote reference', async () => {
      const at = (needle: string, offset = 1) => client.request<Hover>('textDocument/hover', { textDocument: { uri: paperUri }, position: positionOf(PAPER, needle, offset) });
      assert.match(hoverText(await at('国发〔2025〕11号')), /《国务院关于深入实施“人工智能\+”行动的意见》/);
      const paper = hoverText(await at('《数智时代'));
      assert.match(paper, /田野：《数智时代的过劳问题及其法律因应》/);
      assert.match(paper, /《中国法学》2025年第3期/);
      const cited = hoverText(await at('《改善平台'));
      assert.match(cited, /域外法，欧盟/);
      assert.match(cited, /索引未收录其正文/);
      assert.match(hoverText(await at('[^1]', 2)), /参见田野/);
    });

    it('nothing on plain text', async () => {
      assert.equal(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: paperUri }, position: { line: 0, character: 2 } }), null);
    });
  });

  describe('completion', () => {
    async function completeAt(fixture: string, name: string): Promise<{ list: CompletionList; text: string; uri: string }> {
      const { text, cursor } = parseMarkers(fixture);
      const uri = client.uri(name);
      await client.open(uri, text);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: new LineIndex(text).positionAt(cursor!) });
      return { list, text, uri };
    }

    it('pinyin initials inside 《 put the intended title first and insert the complete citation', async () => {
      const { list, text } = await completeAt('参见《xmscjsjcy{|}', 'c1.md');
      const first = list.items[0];
      assert.equal(first.label, '厦门市促进数据产业高质量发展若干措施');
      assert.match(first.detail!, /厦府办规〔2025〕10号/);
      assert.equal(applyEdits(text, [first.textEdit as TextEdit]), '参见《厦门市促进数据产业高质量发展若干措施》（厦府办规〔2025〕10号）');
      assert.equal(list.isIncomplete, true);
    });

    it('a typed title prefix, and no 文号 again on a later mention', async () => {
      const { list, text } = await completeAt('《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）提出……又见《国务院关于深入{|}', 'c2.md');
      assert.equal(list.items[0].label, '国务院关于深入实施“人工智能+”行动的意见');
      assert.ok(applyEdits(text, [list.items[0].textEdit as TextEdit]).endsWith('又见《国务院关于深入实施“人工智能+”行动的意见》'));
    });

    it('after 第: the document’s provisions with their captions', async () => {
      const { list, text } = await completeAt('《国务院关于深入实施“人工智能+”行动的意见》第{|}', 'c3.md');
      assert.equal(list.items.length, 14);
      assert.equal(list.items[6].label, '第（七）项');
      assert.match(list.items[6].detail!, /提升模型基础能力/);
      assert.equal(applyEdits(text, [list.items[6].textEdit as TextEdit]), '《国务院关于深入实施“人工智能+”行动的意见》第（七）项');
      const notice = await completeAt('《关于规范“自媒体”医疗科普行为的通知》第5{|}', 'c4.md');
      assert.deepEqual(notice.list.items.map((i) => i.label), ['第5点']);
    });

    it('a provision item’s text arrives when the editor resolves it, not with the list', async () => {
      const { list } = await completeAt('《国务院关于深入实施“人工智能+”行动的意见》第{|}', 'c7.md');
      const item = list.items[6];
      assert.equal(item.documentation, undefined);
      const resolved = await client.request<CompletionItem>('completionItem/resolve', item);
      assert.equal(resolved.label, '第（七）项');
      const documentation = resolved.documentation as { kind: string; value: string };
      assert.equal(documentation.kind, 'markdown');
      assert.match(documentation.value, /^\*\*《国务院关于深入实施“人工智能\+”行动的意见》三、（七）\*\*\n\n（七）提升模型基础能力。/);
    });

    it('inside a 文号 after 〔', async () => {
      const { list, text } = await completeAt('依据国发〔{|}', 'c5.md');
      assert.equal(list.items[0].label, '国发〔2025〕11号');
      assert.equal(applyEdits(text, [list.items[0].textEdit as TextEdit]), '依据国发〔2025〕11号');
    });

    it('after an author’s name: the full reference in the house style', async () => {
      const { list, text } = await completeAt('[^2]: 参见田野{|}', 'c6.md');
      assert.equal(applyEdits(text, [list.items[0].textEdit as TextEdit]), '[^2]: 参见田野：《数智时代的过劳问题及其法律因应》，载《中国法学》2025年第3期。');
    });
  });

  describe('navigation', () => {
    it('definition opens the lexcite: rendering at the provision', async () => {
      const [location] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: paperUri }, position: positionOf(PAPER, '第（八）项') });
      // Named by the work's title, so the editor's tab reads as the work, not its id.
      assert.equal(location.uri, `lexcite:/documents/gf-2025-11/${encodeURIComponent('国务院关于深入实施“人工智能+”行动的意见')}.md`);
      const rendered = await client.request<{ text: string }>(Methods.virtualDocument, { uri: location.uri });
      assert.match(rendered.text.split('\n')[location.range.start.line], /^（八）加强数据供给创新/);
      assert.match(rendered.text, /^# 国务院关于深入实施“人工智能\+”行动的意见\n\n国发〔2025〕11号/);
    });

    it('footnote references jump to their definition', async () => {
      const [location] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: paperUri }, position: positionOf(PAPER, '[^1]', 2) });
      assert.equal(location.uri, paperUri);
      assert.equal(location.range.start.line, PAPER.split('\n').findIndex((l) => l.startsWith('[^1]:')));
    });

    it('references: every citation of the document across the workspace’s Markdown files', async () => {
      const locations = await client.request<Location[]>('textDocument/references', { textDocument: { uri: paperUri }, position: positionOf(PAPER, '《国务院关于'), context: { includeDeclaration: true } });
      const byFile = new Map<string, number>();
      // Other open fixtures cite it too; count the two papers on disk.
      for (const l of locations) byFile.set(l.uri, (byFile.get(l.uri) ?? 0) + 1);
      assert.equal(byFile.get(paperUri), 2, 'title and 文号 in paper.md');
      assert.equal(byFile.get(otherUri), 2, '文号 and title in other.md');
    });

    it('references from an article reference: only citations of that provision', async () => {
      const locations = await client.request<Location[]>('textDocument/references', { textDocument: { uri: paperUri }, position: positionOf(PAPER, '第（八）项'), context: { includeDeclaration: true } });
      const inPapers = locations.filter((l) => l.uri === paperUri || l.uri === otherUri);
      assert.deepEqual(inPapers.map((l) => [l.uri === otherUri ? 'other' : 'paper', l.range.start.line]).sort(), [['other', 2], ['paper', 2]]);
      assert.ok(locations.every((l) => l.range.end.character - l.range.start.character === '第（八）项'.length));
    });

    it('document highlights, document symbols and workspace symbols', async () => {
      const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: paperUri }, position: positionOf(PAPER, '《国务院关于') });
      assert.equal(highlights.length, 2);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: paperUri } });
      assert.deepEqual(symbols.map((s) => s.name), ['《国务院关于深入实施“人工智能+”行动的意见》', '《厦门市促进数据产业高质量发展若干措施》', '《数智时代的过劳问题及其法律因应》', '《改善平台工作条件指令》']);
      assert.deepEqual(symbols[0].children!.map((c) => c.name), ['《国务院关于深入实施“人工智能+”行动的意见》', '国发〔2025〕11号', '第（八）项']);
      const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'xmscjsjcy' });
      assert.equal(found[0].name, '厦门市促进数据产业高质量发展若干措施 · xmscjsjcy…');
      assert.equal(found[0].location.uri, `lexcite:/documents/xm-data-industry-measures/${encodeURIComponent('厦门市促进数据产业高质量发展若干措施')}.md`);
    });
  });

  describe('diagnostics and quick fixes', () => {
    it('pulled diagnostics: code, range, severity and message', async () => {
      const { text, ranges } = parseMarkers('# 草稿\n\n《国务院关于深入实施“人工智能+”行动的意见》{[第十五条]}规定。\n\n《{[厦门市促进数据产业高质量发展若干举措]}》\n');
      const uri = client.uri('d1.md');
      await client.open(uri, text);
      const diagnostics = (await client.pullDiagnostics(uri)).filter((d) => d.severity! <= 2);
      const lines = new LineIndex(text);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range]), [
        ['article.not-found', 1, lines.range(ranges[0].start, ranges[0].end)],
        ['title.typo', 2, lines.range(ranges[1].start, ranges[1].end)],
      ]);
      assert.equal(diagnostics[0].source, 'lexcite');
      assert.match(diagnostics[0].message, /该文件的条目为（一）至（十四）/);
    });

    it('pulled again for the same version: “unchanged”, with the report’s result id; after an edit, the full report again', async () => {
      const uri = client.uri('unchanged.md');
      await client.open(uri, '《厦门市促进数据产业高质量发展若干举措》');
      const first = await client.request<{ kind: string; resultId?: string; items?: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(first.kind, 'full');
      assert.ok(first.resultId);
      const again = await client.request<{ kind: string; resultId?: string; items?: unknown[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
      assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
      await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '见');
      const edited = await client.request<{ kind: string; resultId?: string; items?: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
      assert.equal(edited.kind, 'full');
      assert.notEqual(edited.resultId, first.resultId);
      assert.deepEqual(edited.items!.map((d) => d.code), ['title.typo']);
      // A paragraph added below changes no diagnostic: the report the editor has stands.
      await client.edit(uri, { start: { line: 0, character: 21 }, end: { line: 0, character: 21 } }, '\n\n另见下文。');
      const below = await client.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: edited.resultId });
      assert.deepEqual(below, { kind: 'unchanged', resultId: edited.resultId });
    });

    it('a quick fix is a versioned edit that, applied, makes its diagnostic disappear', async () => {
      const text = '《厦门市促进数据产业高质量发展若干举措》第（七）项\n';
      const uri = client.uri('d2.md');
      await client.open(uri, text);
      const diagnostics = await client.pullDiagnostics(uri);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
      assert.deepEqual(actions.map((a) => a.title), ['改为《厦门市促进数据产业高质量发展若干措施》', '在此行停用“标题笔误”检查']);
      const change = actions[0].edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
      assert.equal(change.textDocument.version, 1);
      const edit = change.edits[0];
      await client.edit(uri, edit.range, edit.newText);
      assert.deepEqual((await client.pullDiagnostics(uri)).map((d) => d.code), ['style.docnumber-first-mention']);
      const disable = actions[1].edit!.documentChanges![0] as { edits: TextEdit[] };
      assert.equal(applyEdits(text, disable.edits), '<!-- lexcite-disable-next-line title.typo -->\n' + text);
    });

    it('a one-character edit re-checks the paper', async () => {
      const text = '《关于规范“自媒体”医疗科普行为的通知》第五条\n';
      const uri = client.uri('d3.md');
      await client.open(uri, text);
      assert.deepEqual(await client.pullDiagnostics(uri), []);
      await client.edit(uri, { start: { line: 0, character: 21 }, end: { line: 0, character: 22 } }, '九');
      const [d] = await client.pullDiagnostics(uri);
      assert.equal(d.code, 'article.not-found');
      assert.match(d.message, /第九条/);
    });

    it('severities follow lexcite.diagnostics settings after a configuration change', async () => {
      const uri = client.uri('d4.md');
      await client.open(uri, '《厦门市促进数据产业高质量发展若干举措》\n');
      assert.equal((await client.pullDiagnostics(uri))[0].severity, 2);
      client.settings = { diagnostics: { 'title.typo': 'error' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      assert.equal((await client.pullDiagnostics(uri))[0].severity, 1);
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    });
  });
});

describe('language server: clients without pull diagnostics, other entry points, broken corpus', function () {
  this.timeout(30000);

  it('pushes diagnostics to clients that cannot pull them', async () => {
    const client = await startClient({ pullDiagnostics: false });
    try {
      const uri = client.uri('push.md');
      await client.open(uri, '《关于规范“自媒体”医疗科普行为的通知》第九条\n');
      const published = await client.pushedDiagnostics(uri, 1);
      assert.deepEqual(published.diagnostics.map((d: Diagnostic) => d.code), ['article.not-found']);
    } finally {
      await client.shutdown();
    }
  });

  it('`lexcite lsp --stdio` starts the same server (for Neovim, Emacs and others)', async () => {
    const client = await startClient({ viaCli: true, pullDiagnostics: true });
    try {
      const uri = client.uri('cli.md');
      const text = '《国务院关于深入实施“人工智能+”行动的意见》第（七）项';
      await client.open(uri, text);
      assert.match(hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '第（七）项') })), /提升模型基础能力/);
    } finally {
      await client.shutdown();
    }
  });

  it('with a corrupt corpus file: starts, says so once, and keeps answering', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-broken-'));
    for (const name of ['documents.json', 'bibliography.json', 'cited.json']) fs.writeFileSync(path.join(broken, name), '{"schemaVersion": 1, "documents": [');
    const client = await startClient({ pullDiagnostics: true, env: { LEXCITE_DATA: broken } });
    const messages = client.messages;
    try {
      const uri = client.uri('broken.md');
      await client.open(uri, '《国务院关于深入实施“人工智能+”行动的意见》第（七）项');
      const diagnostics = await client.pullDiagnostics(uri);
      assert.deepEqual(diagnostics.map((d) => d.code), ['title.unknown']);
      await client.pullDiagnostics(uri);
      assert.equal(messages.filter((m) => m.type === 1).length, 1);
      assert.match(messages[0].message, /not valid JSON/);
      assert.match(JSON.stringify(client.notifications), /not valid JSON/, 'logged to the client’s output');
    } finally {
      await client.shutdown();
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe('language server: statute folders', function () {
  this.timeout(60000);

  it('loads lexcite.corpora in the background, answering meanwhile, then resolves statute citations', async function () {
    // A collection big enough (76 files) that the bulletin answers while it is still loading.
    const laws = requireShared(this, 'laws');
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-server-cache-'));
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [laws], cacheDir: cache } });
    try {
      const uri = client.uri('law.md');
      const text = '《国务院关于深入实施“人工智能+”行动的意见》第（七）项；《个人信息保护法》第十三条第一款第（二）项';
      await client.open(uri, text);
      let loaded = false;
      const done = client.status((s) => s.loadingStatutes === false && (s.folderStatutes as number) > 0).then((s) => {
        loaded = true;
        return s;
      });
      const early = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '第（七）项') });
      assert.match(hoverText(early), /提升模型基础能力/);
      assert.equal(loaded, false, 'the bulletin answered before the statute folder finished loading');
      const status = await done;
      assert.equal(status.folderStatutes, 68);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '第十三条第一款') });
      assert.match(hoverText(hover), /为订立、履行个人作为一方当事人的合同所必需/);
      assert.ok(fs.readdirSync(cache).some((f) => f.startsWith('statutes-')), 'the parse is cached on disk');
    } finally {
      await client.shutdown();
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
