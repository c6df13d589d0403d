/**
 * lexcite.bibliography in the real server: a workspace's Zotero and BibTeX exports are loaded, a pandoc paper is
 * checked, hovered and completed against them, a damaged entry is told once, and an edit to the .bib file on
 * disk is picked up without a restart.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CompletionList, Diagnostic, Hover } from 'vscode-languageserver-types';
import { hoverText, positionOf, startClient } from '../helpers/lspClient';
import { BIB_FIXTURES } from '../helpers/literature';

const MESSAGE_WARNING = 2;

describe('server: lexcite.bibliography', function () {
  this.timeout(60000);
  let workspace: string;

  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-bib-ws-'));
    fs.mkdirSync(path.join(workspace, 'refs'));
    fs.copyFileSync(path.join(BIB_FIXTURES, 'library.bib'), path.join(workspace, 'refs', 'library.bib'));
    fs.copyFileSync(path.join(BIB_FIXTURES, 'zotero.json'), path.join(workspace, 'zotero.json'));
    fs.copyFileSync(path.join(BIB_FIXTURES, 'pandoc-paper.md'), path.join(workspace, 'paper.md'));
  });
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('checks, hovers and completes a pandoc paper against the workspace’s bibliographies, and follows an edit of the .bib', async () => {
    const client = await startClient({ pullDiagnostics: true, workspaceFolder: workspace, settings: { bibliography: ['refs/*.bib', 'zotero.json'] } });
    try {
      // 52 bulletin papers and the 34 works of the two files.
      await client.status((s) => s.records === 52 + 34);
      const warnings = client.messages.filter((m) => m.type === MESSAGE_WARNING);
      assert.deepEqual(warnings.map((m) => m.message), ['LexCite：参考文献文件中有1处问题（library.bib:143: entry damaged2020: expected “,” or “}” after field title）；其余文献已载入，详见 LexCite 输出日志。']);

      const text = fs.readFileSync(path.join(workspace, 'paper.md'), 'utf8');
      const uri = client.uri('paper.md');
      await client.open(uri, text);
      const diagnostics = await client.pullDiagnostics(uri);
      assert.deepEqual(diagnostics.map((d: Diagnostic) => [d.code, d.range.start.line + 1, d.message]), [
        ['pandoc.unknown-key', 16, '参考文献库中没有引用键 @shenweixing2020yongyi'],
      ]);

      const hover = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '@dingxiaodong2018kunjing', 3) }));
      assert.match(hover, /^\*\*丁晓东：《个人信息私法保护的困境与出路》，载《法学研究》2018年第6期。\*\*\n\n期刊论文 · @dingxiaodong2018kunjing · 第194-206页/);

      // Completion of a key after @, and of a footnote after an author's name (the page a tab stop).
      const extra = '\n\n见[@lessig\n\n[^9]: 梁慧星';
      const lines = text.split('\n');
      const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
      const version = await client.edit(uri, { start: end, end }, extra);
      assert.equal(version, 2);
      const full = text + extra;
      const keys = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(full, '[@lessig', 8) });
      assert.deepEqual(keys.items.map((i) => i.label), ['lessig1999code', 'lessig2009daima']);
      const footnote = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(full, ': 梁慧星', 5) });
      const item = footnote.items.find((i) => i.label === '梁慧星：《民法总论》')!;
      assert.equal(item.insertTextFormat, 2);
      assert.equal((item.textEdit as { newText: string }).newText, '梁慧星：《民法总论》，法律出版社2017年版，第${1}页。');

      // The user's library grows on disk (an export, a save): the new key is known without a restart.
      const before = client.notifications.length;
      fs.appendFileSync(path.join(workspace, 'refs', 'library.bib'), '\n@article{shenweixing2020yongyi,\n  title = {论数据用益权},\n  author = {申卫星},\n  journal = {中国社会科学},\n  year = {2020},\n  number = {11},\n}\n');
      await client.status((s) => s.records === 52 + 35 && client.notifications.length > before);
      // Only what the typing above left behind remains: the half-typed key and the empty footnote.
      const after = await client.pullDiagnostics(uri);
      assert.deepEqual(after.map((d: Diagnostic) => [d.code, d.range.start.line + 1]), [['pandoc.unknown-key', 21], ['footnote.unused', 23]]);
      assert.ok(!after.some((d) => d.message.includes('shenweixing2020yongyi')));
    } finally {
      await client.shutdown();
    }
  });
});
