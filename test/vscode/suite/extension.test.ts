/**
 * Inside a real VS Code extension host (see ../runTest.ts): the extension activates on a Markdown paper,
 * registers its commands, and answers hovers and publishes diagnostics through the real vscode-languageclient.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'lexcite.lexcite';
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

function workspaceFile(name: string): vscode.Uri {
  const folder = process.env.LEXCITE_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'a workspace folder (runTest.ts opens one)');
  return vscode.Uri.file(path.join(folder, name));
}

/** Polls `probe` until it returns a value other than undefined (the server loads its index asynchronously). */
async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

describe('LexCite in the VS Code extension host', () => {
  let paper: vscode.TextDocument;

  before(async () => {
    paper = await vscode.workspace.openTextDocument(workspaceFile('sample-paper.md'));
    await vscode.window.showTextDocument(paper);
  });

  it('activates on a Markdown paper', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    assert.equal(extension.extensionPath, ROOT);
    await eventually(() => (extension.isActive ? true : undefined), 'activation');
  });

  it('registers every command of the manifest', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const declared = manifest.contributes.commands.map((c) => c.command);
    for (const id of ['lexcite.searchCorpus', 'lexcite.insertCitation', 'lexcite.showProvision', 'lexcite.restartServer', 'lexcite.showOutput']) {
      assert.ok(declared.includes(id), `the manifest declares ${id}`);
    }
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of declared) assert.ok(registered.has(id), `${id} is registered`);
  });

  it('hover through the real client: the provision’s text on 第（八）项', async () => {
    const text = paper.getText();
    const index = text.indexOf('第（八）项', text.indexOf('[^1]: '));
    assert.ok(index > 0, 'footnote 1 cites 第（八）项');
    const position = paper.positionAt(index + 1);
    const found = await eventually(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', paper.uri, position);
      const joined = hoverText(hovers ?? []);
      return joined.includes('加强数据供给创新') ? joined : undefined;
    }, 'a hover from the language server');
    assert.match(found, /《国务院关于深入实施“人工智能\+”行动的意见》三、（八）/);
    assert.match(found, /（八）加强数据供给创新。以应用为导向/);
  });

  it('diagnostics through the real client: article.not-found on faulty-paper.md', async () => {
    const faulty = await vscode.workspace.openTextDocument(workspaceFile('faulty-paper.md'));
    await vscode.window.showTextDocument(faulty);
    const diagnostics = await eventually(() => {
      const list = vscode.languages.getDiagnostics(faulty.uri).filter((d) => d.source === 'lexcite');
      return list.some((d) => codeOf(d) === 'article.not-found') ? list : undefined;
    }, 'diagnostics for faulty-paper.md');
    const missing = diagnostics.find((d) => codeOf(d) === 'article.not-found' && d.range.start.line === 10);
    assert.ok(missing, 'article.not-found on line 11');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing.message, /第九条.*第1点至第8点/);
  });
});
