/**
 * Provisions kept out of memory come from a source that checks what it reads: a statute whose text cannot be
 * read is one load fault and never a false "no such article"; a statute file replaced on disk never lends its
 * text to another statute's hover. And the statute cache's folder: refused when unusable, cleaned of stale
 * temp files, and a write that fails costs the cache, not the statutes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import type { CorpusDocument } from '../../server/src/core/corpus/model';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { ProvisionFault, documentFromSource, provisionsUnavailable } from '../../server/src/core/statutes/provisionSource';
import { cacheDirectoryProblem, removeStaleTemporaries } from '../../server/src/node/cacheDirectory';
import { isCacheProblem, loadCollectionsNow } from '../../server/src/node/statuteCollections';
import { ANSVAR_GENAI, LAWREFBOOK_PIPL } from '../helpers/corpus';

/** 个人信息保护法 and 数据安全法 in LawRefBook Markdown (fixtures). */
const LAWS = path.dirname(LAWREFBOOK_PIPL);
const PIPL = '个人信息保护法(2021-08-20).md';
const DSL = '数据安全法(2021-06-10).md';
const SETTINGS = resolveSettings({ paperDate: '2026-11-22' });

function hoverAt(service: CitationService, text: string, needle: string): string {
  const hover = service.hover({ uri: 'file:///p.md', version: 1, getText: () => text }, new LineIndex(text).positionAt(text.indexOf(needle) + 1), SETTINGS);
  return hover ? (hover.contents as { value: string }).value : '';
}

function diagnostics(service: CitationService, text: string): Diagnostic[] {
  return service.diagnostics({ uri: 'file:///p.md', version: 1, getText: () => text }, SETTINGS);
}

describe('provision sources', function () {
  this.timeout(60000);
  let folder: string;
  let cache: string;
  let faults: ProvisionFault[];
  const onProvisionFault = (fault: ProvisionFault) => faults.push(fault);

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-source-'));
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-source-cache-'));
    for (const name of [PIPL, DSL]) fs.copyFileSync(path.join(LAWS, name), path.join(folder, name));
    faults = [];
  });

  afterEach(() => {
    for (const dir of [folder, cache]) fs.rmSync(dir, { recursive: true, force: true });
  });

  const load = () => new CitationService(new Corpus(undefined, loadCollectionsNow([folder], cache, { onProvisionFault }).documents));
  const cacheFiles = () => fs.readdirSync(cache).filter((f) => f.endsWith('.bin')).map((f) => path.join(cache, f));

  it('a statute whose provisions cannot be read is one load fault and no article.not-found', () => {
    const service = load();
    // The cache is gone and so is the statute file: the text of 个人信息保护法 cannot be had.
    for (const file of cacheFiles()) fs.rmSync(file);
    fs.rmSync(path.join(folder, PIPL));
    const text = '《个人信息保护法》第十三条规定了合法性基础，第九十九条另有规定。\n';
    const found = diagnostics(service, text);
    assert.deepEqual(found.filter((d) => d.code === 'article.not-found'), []);
    assert.match(hoverAt(service, text, '第十三条'), /^《中华人民共和国个人信息保护法》的条文未能读取（见日志），无法显示或核对其条文/);
    diagnostics(service, text);
    assert.equal(faults.length, 1, 'reported once');
    assert.equal(faults[0].title, '中华人民共和国个人信息保护法');
    assert.match(faults[0].reason, /cannot read the statute cache.*cannot read file/);
  });

  it('after two statute files swap on disk, a hover shows the cited statute’s text or says it cannot, never the other’s', () => {
    const service = load();
    const piplText = fs.readFileSync(path.join(folder, PIPL));
    const dslText = fs.readFileSync(path.join(folder, DSL));
    fs.writeFileSync(path.join(folder, PIPL), dslText);
    fs.writeFileSync(path.join(folder, DSL), piplText);
    // Another process (a restart, a second window) loads the folder and rewrites the shared cache.
    loadCollectionsNow([folder], cache, { onProvisionFault });
    const text = '《个人信息保护法》第十三条\n';
    const hover = hoverAt(service, text, '第十三条');
    assert.doesNotMatch(hover, /开展数据处理活动|数据安全/, hover);
    assert.match(hover, /个人信息保护法/);
    assert.deepEqual(diagnostics(service, text).filter((d) => d.code === 'article.not-found'), []);
    assert.equal(faults.length, 1);
  });

  it('a source that throws, or serves a different number of provisions, is a fault reported once', () => {
    const metadata = { id: 's', title: '某法', kind: 'statute', issuers: [], authors: [], attachments: [], location: { file: 'x.md', lines: [1, 1] }, aliases: [], pinyin: { full: '', initials: '' }, footnoteMarkers: [], notes: [] } as Omit<CorpusDocument, 'provisions'>;
    const throwing = documentFromSource(metadata, 3, { read: () => { throw new Error('disk on fire'); } }, onProvisionFault);
    const short = documentFromSource({ ...metadata, id: 't' }, 3, { read: () => ({ ok: true, provisions: [] }) }, onProvisionFault);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual([throwing.provisions.length, provisionsUnavailable(throwing)], [0, true]);
      assert.equal(provisionsUnavailable(short), true);
    }
    assert.deepEqual(faults.map((f) => [f.documentId, f.reason]), [['s', 'disk on fire'], ['t', '0 provisions where 3 were indexed']]);
  });
});

describe('the statute cache folder', function () {
  this.timeout(60000);

  it('refuses /proc and other places that cannot hold files, with a message, and loads without a cache', () => {
    assert.match(cacheDirectoryProblem('/proc/self/lexcite')!, /is on \/proc, which cannot hold files/);
    const file = path.join(os.tmpdir(), `lexcite-not-a-folder-${process.pid}`);
    fs.writeFileSync(file, 'x');
    try {
      assert.match(cacheDirectoryProblem(path.join(file, 'cache'))!, /cannot be written|not a folder/);
      const laws = LAWS;
      const started = Date.now();
      const load = loadCollectionsNow([laws], '/proc/self/lexcite-cache');
      assert.ok(Date.now() - started < 20000);
      assert.ok(load.documents.length > 0);
      assert.equal(load.problems.filter(isCacheProblem).length, 1);
      assert.ok(load.documents[0].provisions.length > 0);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('removes temp files a killed writer left, keeps those of a running one', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-tmp-'));
    try {
      const dead = path.join(cache, 'statutes-0123456789abcdef.v5.bin.999999999.tmp');
      const alive = path.join(cache, `statutes-0123456789abcdef.v5.bin.${process.ppid}.tmp`);
      const other = path.join(cache, 'notes.tmp');
      for (const f of [dead, alive, other]) fs.writeFileSync(f, 'partial');
      removeStaleTemporaries(cache);
      assert.deepEqual([fs.existsSync(dead), fs.existsSync(alive), fs.existsSync(other)], [false, true, true]);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('a statute the cache cannot serialise costs the cache, not the statutes; no temp file is left', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-json-'));
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-json-cache-'));
    try {
      fs.copyFileSync(path.join(LAWS, PIPL), path.join(folder, PIPL));
      // A getter that throws stands for anything v8's serialiser rejects.
      const seed = JSON.parse(fs.readFileSync(ANSVAR_GENAI, 'utf8'));
      fs.writeFileSync(path.join(folder, 'genai.json'), JSON.stringify({ ...seed, status: 'constructor' }));
      const load = loadCollectionsNow([folder], cache);
      assert.deepEqual(load.documents.map((d) => d.title).sort(), ['中华人民共和国个人信息保护法', '生成式人工智能服务管理暂行办法']);
      assert.deepEqual(fs.readdirSync(cache).filter((f) => f.endsWith('.tmp')), []);
      const again = loadCollectionsNow([folder], cache);
      assert.equal(again.documents.length, 2);
      assert.ok(again.documents.every((d) => d.provisions.length > 0));
    } finally {
      for (const dir of [folder, cache]) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
