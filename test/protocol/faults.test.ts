/**
 * The language server under faults, as a real process over stdio: broken data files and statute folders (it
 * starts, logs one clear message, tells the user once and keeps serving what does not need them), a request
 * handler that throws (an error for that request only), quick fixes as versioned edits, and no writes to the
 * user's files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, CompletionList, Diagnostic, Hover, Location, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadCollectionsNow } from '../../server/src/node/statuteCollections';
import { REPO_ROOT } from '../helpers/corpus';
import { DATA_FAULTS, GOOD_STATUTE, brokenData, brokenStatuteFolder, readOnlyCopy, removeFolder, snapshot } from '../helpers/faultFixtures';
import { LspClient, hoverText, positionOf, startClient } from '../helpers/lspClient';
import { Methods } from '../../protocol/requests';

const MESSAGE_ERROR = 1;
const MESSAGE_WARNING = 2;

/** window/logMessage notifications of a type (1 error, 2 warning, 3 info, 4 log). */
function logs(client: LspClient, type?: number): string[] {
  return client.notifications
    .filter((n) => n.method === 'window/logMessage' && (type === undefined || (n.params as { type: number }).type === type))
    .map((n) => (n.params as { message: string }).message);
}

/** Waits until the server says it is ready and no statute folder is loading. */
function settled(client: LspClient, statutes?: number) {
  return client.status((s) => s.ready === true && s.loadingStatutes === false && (statutes === undefined || s.folderStatutes === statutes));
}

describe('faults over LSP: broken data files', function () {
  this.timeout(30000);
  const PAPER = '《国务院关于深入实施“人工智能+”行动的意见》第（七）项。[^1][^2]\n\n[^1]: 脚注。\n\n参见《国务';

  for (const fault of DATA_FAULTS) {
    it(`${fault.name}: starts, logs one error, tells the user once, keeps serving what needs no corpus`, async () => {
      const dir = brokenData(fault);
      const client = await startClient({ pullDiagnostics: true, env: { LEXCITE_DATA: dir } });
      try {
        const uri = client.uri('paper.md');
        await client.open(uri, PAPER);
        for (let round = 0; round < 2; round++) {
          // Checks that need no corpus still work; titles are unknown rather than errors.
          const diagnostics = await client.pullDiagnostics(uri);
          assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['footnote.undefined', 'title.unknown']);
          const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(PAPER, '国务院') });
          assert.match(hoverText(hover), /^《国务院关于深入实施“人工智能\+”行动的意见》不在索引中，无法核对其内容\n\n索引收录/, 'an answer, not an error');
          const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(PAPER, '参见《国务', 5) });
          assert.ok(Array.isArray(completion.items));
          const [definition] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(PAPER, '[^1]', 2) });
          assert.deepEqual(definition.range.start, { line: 2, character: 0 }, 'a footnote reference still jumps to its definition');
        }
        const shown = client.messages.filter((m) => m.type === MESSAGE_ERROR);
        assert.equal(shown.length, 1, JSON.stringify(client.messages));
        assert.match(shown[0].message, /^LexCite：/);
        assert.match(shown[0].message, fault.message);
        assert.match(shown[0].message, /修复之前，引注无法核对。$/);
        const errors = logs(client, MESSAGE_ERROR);
        assert.equal(errors.length, 1, JSON.stringify(errors));
        assert.match(errors[0], /^lexcite: /);
        assert.match(errors[0], fault.message);
        assert.equal(await client.request(Methods.ping, null), null);
      } finally {
        await client.shutdown();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('the message follows the client’s language', async () => {
    const dir = brokenData(DATA_FAULTS[2]);
    const client = await startClient({ pullDiagnostics: true, env: { LEXCITE_DATA: dir }, locale: 'en' });
    try {
      await client.open(client.uri('a.md'), '《甲》');
      await client.pullDiagnostics(client.uri('a.md'));
      assert.equal(client.messages.length, 1);
      assert.match(client.messages[0].message, /^LexCite: corpus file \S+cited\.json has schema version 99, .*\. Citations will not be resolved until it is fixed\.$/);
    } finally {
      await client.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('faults over LSP: broken statute folders', function () {
  this.timeout(60000);
  const TEXT = '《个人信息保护法》第十三条第一款第（二）项；《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（七）项';
  let broken: ReturnType<typeof brokenStatuteFolder>;
  let cache: string;
  const missing = path.join(os.tmpdir(), 'lexcite-no-such-statutes');

  beforeEach(() => {
    broken = brokenStatuteFolder();
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-server-cache-'));
  });
  afterEach(() => {
    removeFolder(broken.dir);
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('unreadable, binary, non-UTF-8 and empty files and a missing folder: one log listing them, one warning, the rest served', async () => {
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [broken.dir, missing], cacheDir: cache } });
    try {
      await settled(client, 1);
      const count = Object.keys(broken.faults).length + 1;
      const warnings = client.messages.filter((m) => m.type === MESSAGE_WARNING);
      assert.equal(warnings.length, 1, JSON.stringify(client.messages));
      assert.match(warnings[0].message, new RegExp(`^LexCite：法规文件夹中有${count}处无法载入（.+）；其余法规已载入，详见 LexCite 输出日志。$`));
      // The reason in the user's language, not the log's English.
      assert.doesNotMatch(warnings[0].message, /[a-z]{3,} [a-z]{2,}/, warnings[0].message);
      assert.match(warnings[0].message, /（[^（）]+：(无法读取|不是 UTF-8 文本|不是文本文件|空文件|不是普通文件，未读取|不是文件夹)）；/);
      const errors = logs(client, MESSAGE_ERROR);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.match(errors[0], new RegExp(`^lexcite: ${count} statute file\\(s\\) or folder\\(s\\) could not be loaded; the rest is loaded:\\n`));
      for (const [name, message] of Object.entries(broken.faults)) {
        const line = errors[0].split('\n').find((l) => l.startsWith(`  ${path.join(broken.dir, name)}: `));
        assert.ok(line, name);
        assert.match(line.slice(line.indexOf(': ') + 2), message, name);
      }
      assert.ok(errors[0].includes(`  ${missing}: not a folder`));

      // The good statute and the bulletin are served.
      const uri = client.uri('law.md');
      await client.open(uri, TEXT);
      assert.match(hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, '第十三条第一款') })), /为订立、履行个人作为一方当事人的合同所必需/);
      assert.match(hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, '第（七）项') })), /提升模型基础能力/);
      assert.deepEqual(await client.pullDiagnostics(uri), []);

      // Loading again (another folder added) reports in the log again, but does not tell the user twice.
      const other = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-more-laws-'));
      try {
        client.settings = { corpora: [other] };
        await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
        await client.status((s) => s.loadingStatutes === true);
        await settled(client, 1);
        assert.equal(client.messages.filter((m) => m.type === MESSAGE_WARNING).length, 1);
        assert.equal(logs(client, MESSAGE_ERROR).length, 2);
      } finally {
        fs.rmSync(other, { recursive: true, force: true });
      }
    } finally {
      await client.shutdown();
    }
  });

  it('a corrupt cache file is rebuilt without bothering the user, and noted in the log', async () => {
    const laws = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-laws-'));
    fs.copyFileSync(GOOD_STATUTE, path.join(laws, 'pipl.md'));
    loadCollectionsNow([laws], cache);
    const [file] = fs.readdirSync(cache).filter((f) => f.endsWith('.bin'));
    fs.writeFileSync(path.join(cache, file), 'LEXCITE-STATUTES\u0000\u0000\u0000\u0010garbage');
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [laws], cacheDir: cache } });
    try {
      await settled(client, 1);
      assert.deepEqual(client.messages, []);
      assert.deepEqual(logs(client, MESSAGE_ERROR), []);
      assert.ok(logs(client).some((m) => /statute cache is damaged \(.+\): rebuilt from the statute files/.test(m)), JSON.stringify(logs(client)));
      const uri = client.uri('law.md');
      await client.open(uri, TEXT);
      assert.match(hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, '第十三条第一款') })), /为订立、履行个人作为一方当事人的合同所必需/);
    } finally {
      await client.shutdown();
      fs.rmSync(laws, { recursive: true, force: true });
    }
  });
});

describe('faults over LSP: a request that fails', function () {
  this.timeout(30000);
  let client: LspClient;
  const TEXT = '《国务院关于深入实施“人工智能+”行动的意见》第（七）项';
  before(async () => {
    client = await startClient({ pullDiagnostics: true });
  });
  after(async () => client.shutdown());

  it('malformed parameters get an error for that request only; the next requests are answered', async () => {
    const uri = client.uri('paper.md');
    await client.open(uri, TEXT);
    const failures: [string, unknown, RegExp][] = [
      ['textDocument/hover', { textDocument: { uri }, position: null }, /^lexcite: hover failed: /],
      ['textDocument/completion', { textDocument: { uri }, position: null }, /^lexcite: completion failed: /],
      ['textDocument/definition', { position: { line: 0, character: 1 } }, /^lexcite: definition failed: /],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [{ source: 'lexcite', message: 'x', range: null }] } }, /^lexcite: codeAction failed: /],
      [Methods.report, null, /^lexcite: lexcite\/report failed: /],
      [Methods.provisionAt, {}, /^lexcite: lexcite\/provisionAt failed: /],
    ];
    for (const [method, params, message] of failures) {
      await assert.rejects(client.request(method, params), (error: { code: number; message: string }) => {
        assert.equal(error.code, -32803, `${method}: RequestFailed`);
        assert.match(error.message, message);
        return true;
      }, method);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, '第（七）项') });
      assert.match(hoverText(hover), /提升模型基础能力/, `answered after ${method}`);
    }
    assert.equal(logs(client, MESSAGE_ERROR).filter((m) => / failed: /.test(m)).length, failures.length, 'each failure logged once, with its stack');
    assert.equal(client.process.exitCode, null, 'still running');
  });
});

describe('faults over LSP: quick fixes are versioned edits', function () {
  this.timeout(30000);

  it('an edit computed for an older version is refused; the one for the current version applies and fixes', async () => {
    const client = await startClient({ pullDiagnostics: true });
    try {
      const uri = client.uri('typo.md');
      let document = TextDocument.create(uri, 'markdown', 1, '# 标题\n\n《厦门市促进数据产业高质量发展若干举措》第（七）项。\n');
      await client.open(uri, document.getText());
      /** What an editor does with a TextDocumentEdit: refuse it unless it names the version it has. */
      const apply = (action: CodeAction): boolean => {
        assert.equal(action.edit?.changes, undefined, 'no unversioned edits');
        const [change] = action.edit!.documentChanges as TextDocumentEdit[];
        assert.equal(change.textDocument.uri, uri);
        if (change.textDocument.version !== document.version) return false;
        document = TextDocument.update(document, (change.edits as TextEdit[]).map((e) => ({ range: e.range, text: e.newText })), document.version + 1);
        return true;
      };
      const actionFor = async () => {
        const [typo] = (await client.pullDiagnostics(uri)).filter((d: Diagnostic) => d.code === 'title.typo');
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
        return actions.find((a) => a.isPreferred)!;
      };
      const stale = await actionFor();
      assert.equal((stale.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);

      // The user types a line before the title: the fix computed for version 1 now points at the wrong place.
      const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };
      const version = await client.edit(uri, range, '引言。\n');
      document = TextDocument.update(document, [{ range, text: '引言。\n' }], version);
      assert.equal(apply(stale), false, 'the stale edit is refused');
      assert.equal(document.getText(), '# 标题\n引言。\n\n《厦门市促进数据产业高质量发展若干举措》第（七）项。\n');

      const fresh = await actionFor();
      assert.equal((fresh.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 2);
      assert.equal(apply(fresh), true);
      assert.equal(document.getText(), '# 标题\n引言。\n\n《厦门市促进数据产业高质量发展若干措施》第（七）项。\n');
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [{ text: document.getText() }] });
      assert.ok(!(await client.pullDiagnostics(uri)).some((d) => d.code === 'title.typo'), 'the typo is gone');
    } finally {
      await client.shutdown();
    }
  });
});

describe('faults over LSP: nothing writes to the user’s files', function () {
  this.timeout(60000);

  it('every feature on a read-only workspace and statute folder leaves them byte for byte as they were', async () => {
    const workspace = readOnlyCopy(path.join(REPO_ROOT, 'test', 'fixtures', 'papers'));
    const lawsSource = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-laws-'));
    fs.copyFileSync(GOOD_STATUTE, path.join(lawsSource, 'pipl.md'));
    const laws = readOnlyCopy(lawsSource);
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-server-cache-'));
    const before = [snapshot(workspace), snapshot(laws)];
    const client = await startClient({ pullDiagnostics: true, workspaceFolder: workspace, initializationOptions: { corpora: [laws], cacheDir: cache } });
    try {
      await settled(client, 1);
      for (const name of Object.keys(before[0])) {
        const uri = client.uri(name);
        const text = fs.readFileSync(path.join(workspace, name), 'utf8');
        await client.open(uri, text);
        const diagnostics = await client.pullDiagnostics(uri);
        for (const position of [positionOf(text, '《'), positionOf(text, '第'), positionOf(text, '[^')]) {
          const at = { textDocument: { uri }, position };
          await client.request('textDocument/hover', at);
          await client.request('textDocument/completion', at);
          await client.request('textDocument/definition', at);
          await client.request('textDocument/references', { ...at, context: { includeDeclaration: true } });
          await client.request('textDocument/documentHighlight', at);
        }
        await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        for (const d of diagnostics) await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        for (const format of ['md', 'html', 'json', 'csv']) await client.request(Methods.report, { textDocument: { uri }, format });
        await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '编辑中。');
        await client.pullDiagnostics(uri);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      await client.request('workspace/symbol', { query: '个人信息' });
      assert.deepEqual([snapshot(workspace), snapshot(laws)], before);
    } finally {
      await client.shutdown();
      for (const dir of [workspace, laws]) removeFolder(dir);
      for (const dir of [lawsSource, cache]) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
