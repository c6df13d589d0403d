/**
 * A hostile statute folder, as the real server meets it over stdio: values that are property names of every
 * object, a huge file, special files named like statutes (a FIFO, a link to /dev/zero), files swapped under the
 * cache, and titles, issuers and text that carry Markdown or HTML. The server keeps answering, names each bad
 * file once, and renders the data as text.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { largeStatuteMarkdown } from '../helpers/largeStatute';
import { LspClient, hoverText, positionOf, startClient } from '../helpers/lspClient';

const MESSAGE_ERROR = 1;
const MESSAGE_WARNING = 2;

function statute(title: string, body: string, header = '2020年1月1日 第十三届全国人民代表大会常务委员会第十五次会议通过'): string {
  return `# ${title}\n\n${header}\n\n<!-- INFO END -->\n\n${body}\n`;
}

function errorLogs(client: LspClient): string[] {
  return client.notifications
    .filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === MESSAGE_ERROR)
    .map((n) => (n.params as { message: string }).message);
}

function settled(client: LspClient, statutes?: number) {
  return client.status((s) => s.ready === true && s.loadingStatutes === false && (statutes === undefined || s.folderStatutes === statutes));
}

async function hover(client: LspClient, uri: string, text: string, needle: string, offsetInNeedle = 1): Promise<string> {
  return hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, offsetInNeedle) }));
}

/**
 * Markdown that a client would render as a link, an image or HTML: `[..](..)`, `![..]`, a raw tag, an autolink.
 * Escaped brackets (\[, \<) are text.
 */
function liveMarkup(markdown: string): string[] {
  const patterns = [/(?<!\\)\[[^\]\n]*(?<!\\)\]\(/g, /(?<!\\)!(?<!\\)\[/g, /(?<!\\)<(?:img|a|script|svg|iframe)\b/gi, /(?<!\\)<(?:https?|command):/gi];
  return patterns.flatMap((p) => markdown.match(p) ?? []);
}

describe('hostile statute folders over LSP', function () {
  this.timeout(90_000);
  let dir: string;
  let cache: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-hostile-laws-'));
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-hostile-cache-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('prototype keys as status, title, chapter and issuer are data: the statutes load and answer', async () => {
    fs.writeFileSync(path.join(dir, 'constructor.md'), statute('constructor', '## 第一章 __proto__\n\n第一条 本法规定原型。', '<!-- STATUS: toString -->'));
    fs.writeFileSync(path.join(dir, 'seed.json'), JSON.stringify({ title: '原型种子法', status: 'constructor', issuing_body: 'hasOwnProperty', provisions: [{ provision_ref: '1', chapter: 'toString', content: '第一条 种子法的内容。' }] }));
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [dir], cacheDir: cache } });
    try {
      await settled(client, 2);
      const text = '《constructor》第一条；《原型种子法》第一条。';
      const uri = client.uri('proto.md');
      await client.open(uri, text);
      assert.match(await hover(client, uri, text, '《constructor》第一条'), /本法规定原型/);
      assert.match(await hover(client, uri, text, '《原型种子法》第一条'), /种子法的内容/);
      assert.deepEqual(await client.pullDiagnostics(uri), []);
      assert.deepEqual(errorLogs(client), []);
      assert.equal(await client.request('lexcite/ping', null), null);
    } finally {
      await client.shutdown();
    }
  });

  it('a FIFO named x.md and a link y.md → /dev/zero: not read, each named once, the rest served', async () => {
    fs.writeFileSync(path.join(dir, '良法.md'), statute('良法', '第一条 良法的内容。'));
    execFileSync('mkfifo', [path.join(dir, 'x.md')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'y.md'));
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [dir], cacheDir: cache } });
    try {
      await settled(client, 1);
      const text = '《良法》第一条';
      const uri = client.uri('good.md');
      await client.open(uri, text);
      assert.match(await hover(client, uri, text, '第一条'), /良法的内容/);
      const logs = errorLogs(client);
      assert.equal(logs.length, 1, JSON.stringify(logs));
      for (const name of ['x.md', 'y.md']) {
        assert.equal(logs[0].split(path.join(dir, name)).length - 1, 1, `${name} named once: ${logs[0]}`);
      }
      assert.match(logs[0], /x\.md: not a regular file/);
      const warnings = client.messages.filter((m) => m.type === MESSAGE_WARNING);
      assert.equal(warnings.length, 1, JSON.stringify(client.messages));
      assert.match(warnings[0].message, /^LexCite：法规文件夹中有2处无法载入/);
    } finally {
      await client.shutdown();
    }
  });

  it('a huge statute (8 MB) loads while the server keeps answering', async () => {
    fs.writeFileSync(path.join(dir, '超大法.md'), largeStatuteMarkdown(8 * 1024 * 1024, '超大法'));
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [dir], cacheDir: cache } });
    try {
      const text = '《超大法》第九千九百九十九条';
      const uri = client.uri('huge.md');
      await client.open(uri, text);
      await client.status((s) => s.loadingStatutes === true);
      assert.equal(await client.request('lexcite/ping', null), null);
      await settled(client, 1);
      assert.match(await hover(client, uri, text, '第九千九百九十九条'), /规范第9999项事务/);
      assert.deepEqual(errorLogs(client), []);
    } finally {
      await client.shutdown();
    }
  });

  // The 8 MB file of the report that once kept every request waiting 13.6 s; its parse now yields between slices
  // (measured: the longest wait 0.4 s; a 32 MB file still waits ~2 s in the cache write and index build).
  it('a huge statute: requests sent during its parse are answered between slices of it', async () => {
    fs.writeFileSync(path.join(dir, '超大法.md'), largeStatuteMarkdown(8 * 1024 * 1024, '超大法'));
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [dir], cacheDir: cache } });
    try {
      await client.status((s) => s.loadingStatutes === true);
      let loaded = false;
      const done = settled(client, 1).then(() => (loaded = true));
      // Pings one after another while the file loads: the longest wait for an answer is the longest slice.
      let longest = 0;
      while (!loaded) {
        const sent = Date.now();
        await client.request('lexcite/ping', null);
        longest = Math.max(longest, Date.now() - sent);
      }
      await done;
      // Generous for a loaded machine.
      assert.ok(longest < 2000, `a ping waited ${longest} ms while the statute loaded`);
    } finally {
      await client.shutdown();
    }
  });

  it('two statute files swapped under the cache (same sizes, mtimes restored): each served with its own text', async () => {
    const a = path.join(dir, '甲法.md');
    const b = path.join(dir, '乙法.md');
    // Same length, so that only the content tells them apart.
    fs.writeFileSync(a, statute('甲法', '第一条 甲法规定甲事项。'));
    fs.writeFileSync(b, statute('乙法', '第一条 乙法规定乙事项。'));
    const text = '《甲法》第一条；《乙法》第一条。';
    const first = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [dir], cacheDir: cache } });
    try {
      await settled(first, 2);
    } finally {
      await first.shutdown();
    }
    const [statA, statB] = [fs.statSync(a), fs.statSync(b)];
    const [textA, textB] = [fs.readFileSync(a), fs.readFileSync(b)];
    fs.writeFileSync(a, textB);
    fs.writeFileSync(b, textA);
    fs.utimesSync(a, statA.atime, statA.mtime);
    fs.utimesSync(b, statB.atime, statB.mtime);
    const second = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [dir], cacheDir: cache } });
    try {
      await settled(second, 2);
      const uri = second.uri('swapped.md');
      await second.open(uri, text);
      assert.match(await hover(second, uri, text, '《甲法》第一条'), /甲法规定甲事项/);
      assert.match(await hover(second, uri, text, '《乙法》第一条'), /乙法规定乙事项/);
    } finally {
      await second.shutdown();
    }
  });

  const LINK = '[点此](command:workbench.action.terminal.new)';
  const IMAGE = '![](http://example.invalid/track.png)';
  const HTML = '<img src=x onerror=alert(1)>';

  it('links, images and HTML in a title and its text are shown as text in hovers and completions', async () => {
    fs.writeFileSync(path.join(dir, '注入法.md'), statute(`注入法${LINK}`, `第一条 正文${IMAGE}与${HTML}。`));
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [dir], cacheDir: cache } });
    try {
      await settled(client, 1);
      const text = `《注入法${LINK}》第一条；《注入法${LINK}》。\n\n《注入`;
      const uri = client.uri('inject.md');
      await client.open(uri, text);
      const provision = await hover(client, uri, text, '第一条');
      assert.match(provision, /正文/);
      const document = await hover(client, uri, text, `《注入法${LINK}》。`);
      assert.match(document, /注入法/);
      for (const markdown of [provision, document]) assert.deepEqual(liveMarkup(markdown), [], markdown);
      const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '\n\n《注入', 5) });
      assert.ok(completion.items.length > 0);
      const docs = completion.items.map((item) => (typeof item.documentation === 'object' ? item.documentation.value : item.documentation ?? ''));
      for (const markdown of docs) assert.deepEqual(liveMarkup(markdown), [], markdown);
    } finally {
      await client.shutdown();
    }
  });

  it('links and HTML in an issuer and a seed’s text are shown as text in hovers', async () => {
    fs.writeFileSync(path.join(dir, 'seed.json'), JSON.stringify({ title: '种子注入法', issuing_body: HTML, provisions: [{ provision_ref: '1', content: `第一条 种子${LINK}正文。` }] }));
    const client = await startClient({ pullDiagnostics: true, initializationOptions: { corpora: [dir], cacheDir: cache } });
    try {
      await settled(client, 1);
      const text = '《种子注入法》第一条；《种子注入法》。';
      const uri = client.uri('seed.md');
      await client.open(uri, text);
      const provision = await hover(client, uri, text, '第一条');
      assert.match(provision, /种子/);
      const document = await hover(client, uri, text, '《种子注入法》。');
      for (const markdown of [provision, document]) assert.deepEqual(liveMarkup(markdown), [], markdown);
    } finally {
      await client.shutdown();
    }
  });
});
