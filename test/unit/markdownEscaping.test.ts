/**
 * Text from statute files and papers is data: a crafted statute (title, issuer, version, source, article
 * text, notes) or paper (unknown title, footnote) must reach hovers, completion documentation, lexcite:
 * renderings and the Markdown report only as inert text — no link (command: included), image or raw HTML.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { escapeMarkdown } from '../../server/src/core/text/escape';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { virtualUri } from '../../server/src/core/features/virtualDocuments';
import { loadCorpusFiles } from '../../server/src/node/corpusFiles';
import { loadCollectionsNow } from '../../server/src/node/statuteCollections';
import { DATA_DIR } from '../helpers/corpus';

const LINK = '[x](command:lexcite.restartServer)';
const IMAGE = '![](http://evil/x.png)';
const HTML = '<img src=x onerror=alert(1)>';
const TITLE = `注入测试法${HTML}`;

/** A LawRefBook-style statute file with the injections in its title and article text. */
const STATUTE = `# ${TITLE}

2020年12月26日 第十三届全国人民代表大会常务委员会第二十四次会议通过

<!-- INFO END -->

第一条　${IMAGE}本法规定${LINK}的事项${HTML}。

第二条　其他事项。
`;

/** No `<`, `[` or `]` that Markdown would read as markup: each is backslash-escaped. */
function assertInert(markdown: string, what: string): void {
  const live = /(?:^|[^\\])(?:\\\\)*([<[\]])/.exec(markdown);
  assert.equal(live, null, `${what}: unescaped ${live?.[1]} in ${JSON.stringify(markdown)}`);
}

/** The text a reader sees (backslash escapes removed). */
function visible(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function hoverText(hover: Hover | undefined): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as { value: string }).value;
}

function documentation(item: CompletionItem): string {
  return (item.documentation as { value: string }).value;
}

describe('Markdown escaping of statute and paper text', function () {
  this.timeout(30000);
  let folder: string;
  let service: CitationService;
  const settings = resolveSettings({ paperDate: '2025-11-22' }, 'zh-cn');
  let version = 1;
  const doc = (text: string) => ({ uri: 'file:///escaping.md', version: version++, getText: () => text });
  const position = (text: string, needle: string, into = 1) => ({ line: 0, character: text.indexOf(needle) + into });

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-escaping-'));
    fs.mkdirSync(path.join(folder, 'laws'));
    fs.writeFileSync(path.join(folder, 'laws', '注入测试法.md'), STATUTE);
    const { documents } = loadCollectionsNow([path.join(folder, 'laws')], path.join(folder, 'cache'));
    assert.equal(documents.length, 1);
    assert.equal(documents[0].title, TITLE);
    // Fields the Markdown importer derives from known patterns, set as another importer (JSON) could set them.
    Object.assign(documents[0], { issuers: [`常委会${LINK}`], source: IMAGE, versionLabel: `2020年${HTML}`, docNumber: `主席令〔2020〕${LINK}号`, notes: [{ n: 1, text: LINK }] });
    service = new CitationService(new Corpus(loadCorpusFiles(DATA_DIR), documents));
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('escapeMarkdown leaves links, images and HTML inert and the text readable', () => {
    for (const text of [LINK, IMAGE, HTML, '- 列表', '# 标题', '1. 第一', '`代码`', '**粗**']) {
      const escaped = escapeMarkdown(text);
      assertInert(escaped, text);
      assert.equal(visible(escaped), text);
    }
  });

  it('hover on the title and on an article shows the statute’s text as text', () => {
    const text = `参见《${TITLE}》第一条。`;
    for (const [needle, into] of [[TITLE, 1], ['第一条', 1]] as const) {
      const value = hoverText(service.hover(doc(text), position(text, needle, into), settings));
      assertInert(value, needle);
      assert.ok(visible(value).includes(TITLE), 'the title is shown as written');
    }
    const card = hoverText(service.hover(doc(text), position(text, TITLE), settings));
    for (const data of [`常委会${LINK}`, IMAGE, `2020年${HTML}`]) assert.ok(visible(card).includes(data), `${data} shown as text`);
    const article = hoverText(service.hover(doc(text), position(text, '第一条'), settings));
    assert.ok(visible(article).includes(`${IMAGE}本法规定${LINK}的事项${HTML}。`), 'the article text as text');
  });

  it('completion documentation (titles, provisions after resolve) is inert', () => {
    const titles = `参见《注入测试`;
    const list = service.completion(doc(titles), { line: 0, character: titles.length }, settings);
    const item = list.items.find((i) => i.label === TITLE);
    assert.ok(item, 'the crafted statute is offered');
    assertInert(documentation(item), 'title completion');

    const provisions = `参见《${TITLE}》第`;
    const items = service.completion(doc(provisions), { line: 0, character: provisions.length }, settings).items;
    assert.ok(items.length >= 2, 'its articles are offered');
    const resolved = service.resolveCompletion(items[0]);
    assertInert(documentation(resolved), 'provision completion');
    assert.ok(visible(documentation(resolved)).includes(LINK));
  });

  it('the lexcite: rendering of the statute is inert Markdown', () => {
    const statute = service.corpus.documents.find((d) => d.title === TITLE)!;
    const text = service.virtualDocument(virtualUri({ type: 'document', id: statute.id }), settings)!;
    assertInert(text, 'rendering');
    assert.ok(visible(text).includes(`${IMAGE}本法规定${LINK}的事项${HTML}。`));
  });

  it('a paper’s own text (unknown title, footnote) in hovers is inert', () => {
    const unknown = `见《未知${HTML}办法》。`;
    const value = hoverText(service.hover(doc(unknown), position(unknown, '未知'), settings));
    assertInert(value, 'unknown title');
    const footnote = `正文。[^1]\n\n[^1]: ${LINK}${IMAGE}${HTML}\n`;
    const note = hoverText(service.hover(doc(footnote), { line: 0, character: 4 }, settings));
    assertInert(note.replace(/^\*\*\[\^1\]\*\*/, ''), 'footnote');
    assert.ok(visible(note).includes(`${LINK}${IMAGE}${HTML}`));
  });

  it('the Markdown report escapes raw HTML and links from the paper', () => {
    const text = `见《<script>alert(1)</script>办法》第一条、《${TITLE}》第一条。\n`;
    const report = service.report(doc(text), '<img src=x onerror=alert(1)>.md', 'md', settings);
    assert.doesNotMatch(report, /(?:^|[^\\])<(?:script|img)/, 'no raw HTML');
    assert.ok(visible(report).includes('<script>alert(1)</script>'), 'shown as text');
    const html = service.report(doc(text), 'x.md', 'html', settings);
    assert.doesNotMatch(html, /<script|<img/);
    assert.match(html, /<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/, 'the page forbids scripts and remote content');
  });
});
