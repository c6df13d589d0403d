/**
 * Faults a user can cause without meaning to: a corrupt, truncated, wrong-version or missing data/ file (through
 * LEXCITE_DATA), a broken statute folder or cache, and the promise that checking never writes to their files.
 * The language server's side of the same faults is in test/protocol/faults.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lexcite } from '../helpers/cli';
import { CorpusLoadError, defaultDataDirectory, loadCorpusFiles } from '../../server/src/node/corpusFiles';
import { isCacheProblem, loadCollectionsNow } from '../../server/src/node/statuteCollections';
import { isFault } from '../../server/src/node/statuteFolder';
import { REPO_ROOT } from '../helpers/corpus';
import { DATA_FAULTS, GOOD_STATUTE, brokenData, brokenStatuteFolder, readOnlyCopy, removeFolder, snapshot } from '../helpers/faultFixtures';


/** Runs with LEXCITE_DATA (and LEXCITE_CACHE) set, restoring the environment afterwards. */
async function withEnv<T>(env: Record<string, string>, body: () => Promise<T> | T): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const SAMPLE = path.join(REPO_ROOT, 'examples', 'sample-paper.md');

describe('faults: data files (LEXCITE_DATA pointing to a broken copy of data/)', () => {
  for (const fault of DATA_FAULTS) {
    describe(fault.name, () => {
      let dir: string;
      before(() => (dir = brokenData(fault)));
      after(() => fs.rmSync(dir, { recursive: true, force: true }));

      it('loading fails with a CorpusLoadError that names the file and what to do', () => {
        assert.throws(() => loadCorpusFiles(dir), (error: Error) => error instanceof CorpusLoadError && fault.message.test(error.message));
      });

      it('lexcite check, report, lookup and search exit 2 with the message on stderr and print nothing', async () => {
        await withEnv({ LEXCITE_DATA: dir }, async () => {
          for (const args of [['check', SAMPLE], ['report', SAMPLE], ['lookup', '国发[2025]11号'], ['search', '个保法']]) {
            const { code, out, err } = await lexcite(...args);
            assert.equal(code, 2, `${args[0]}: exit code`);
            assert.equal(out, '', `${args[0]}: nothing on stdout`);
            assert.match(err, /^lexcite: /, args[0]);
            assert.match(err, fault.message, args[0]);
            assert.doesNotMatch(err, /\n\s+at /, `${args[0]}: no stack trace`);
          }
        });
      });
    });
  }

  it('LEXCITE_DATA is used as given: a folder without data is an error, not a silent fallback to the bundled data', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-empty-data-'));
    try {
      await withEnv({ LEXCITE_DATA: empty }, async () => {
        assert.equal(defaultDataDirectory(), empty);
        const { code, err } = await lexcite('check', SAMPLE);
        assert.equal(code, 2);
        assert.ok(err.includes(path.join(empty, 'documents.json')), err);
      });
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('faults: a broken statute folder', function () {
  this.timeout(30000);
  let broken: ReturnType<typeof brokenStatuteFolder>;
  let cache: string;
  const missing = path.join(os.tmpdir(), 'lexcite-no-such-folder');

  beforeEach(() => {
    broken = brokenStatuteFolder();
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-cache-'));
  });
  afterEach(() => {
    removeFolder(broken.dir);
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('the good statute loads; each unreadable, binary, non-UTF-8 or empty file and the missing folder is a fault saying why', () => {
    const load = loadCollectionsNow([broken.dir, missing], cache);
    assert.deepEqual(load.documents.map((d) => d.title), ['中华人民共和国个人信息保护法']);
    const faults = load.problems.filter(isFault);
    const byName = Object.fromEntries(faults.map((f) => [f.file === missing ? 'missing' : path.basename(f.file), f.message]));
    assert.deepEqual(Object.keys(byName).sort(), [...Object.keys(broken.faults), 'missing'].sort());
    for (const [name, message] of Object.entries(broken.faults)) assert.match(byName[name], message, name);
    assert.equal(byName.missing, 'not a folder');
  });

  it('files that could not be read are read again on the next load, not remembered as empty in the cache', () => {
    loadCollectionsNow([broken.dir], cache);
    for (const name of Object.keys(broken.faults)) fs.rmSync(path.join(broken.dir, name), { force: true });
    fs.writeFileSync(path.join(broken.dir, 'empty.md'), fs.readFileSync(GOOD_STATUTE, 'utf8').replace('个人信息保护法', '个人信息保护法（副本）'));
    const again = loadCollectionsNow([broken.dir], cache);
    assert.equal(again.problems.filter(isFault).length, 0);
    assert.equal(again.documents.length, 2, again.documents.map((d) => d.title).join(', '));
  });

  it('a file without read permission (when not root) is loaded once it is readable again, with an unchanged mtime', function () {
    if (process.getuid?.() === 0) {
      // Root reads anything: the link to nowhere above stands in for an unreadable file.
      assert.ok(broken.faults['链接.md']);
      return;
    }
    const locked = path.join(broken.dir, 'locked.md');
    assert.equal(loadCollectionsNow([broken.dir], cache).problems.filter((p) => isFault(p) && p.file === locked).length, 1);
    fs.chmodSync(locked, 0o644);
    const again = loadCollectionsNow([broken.dir], cache);
    assert.equal(again.problems.filter((p) => isFault(p) && p.file === locked).length, 0);
  });

  for (const [damage, breakIt] of [
    ['garbage', (file: string) => fs.writeFileSync(file, 'not a cache at all')],
    ['truncated', (file: string) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3))],
    ['a valid header and a garbled index', (file: string) => {
      const bytes = fs.readFileSync(file);
      for (let i = 22; i < Math.min(bytes.length, 400); i++) bytes[i] = (bytes[i] * 7 + 13) & 0xff;
      fs.writeFileSync(file, bytes);
    }],
  ] as const) {
    it(`a corrupt cache file (${damage}) is rebuilt from the statute files, noted once for the log`, () => {
      const laws = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-laws-'));
      try {
        fs.copyFileSync(GOOD_STATUTE, path.join(laws, 'pipl.md'));
        const first = loadCollectionsNow([laws], cache);
        const [file] = fs.readdirSync(cache).filter((f) => f.endsWith('.bin'));
        breakIt(path.join(cache, file));
        const rebuilt = loadCollectionsNow([laws], cache);
        assert.deepEqual(rebuilt.documents.map((d) => [d.title, d.provisions.length]), first.documents.map((d) => [d.title, d.provisions.length]));
        const notes = rebuilt.problems.filter(isCacheProblem);
        assert.equal(notes.length, 1, JSON.stringify(notes));
        assert.match(notes[0].message, /^the statute cache is damaged \(.+\): rebuilt from the statute files$/);
        assert.equal(rebuilt.problems.filter(isFault).length, 0, 'not a fault: nothing for the user to fix');
        const third = loadCollectionsNow([laws], cache);
        assert.equal(third.cachedFiles, 1, 'the rebuilt cache is used');
        assert.equal(third.problems.filter(isCacheProblem).length, 0);
      } finally {
        fs.rmSync(laws, { recursive: true, force: true });
      }
    });
  }

  it('lexcite check --corpus exits 2, listing every file that could not be loaded; a missing folder too', async () => {
    await withEnv({ LEXCITE_CACHE: cache }, async () => {
      const { code, out, err } = await lexcite('check', '--locale', 'en', '--corpus', broken.dir, SAMPLE);
      assert.equal(code, 2);
      assert.equal(out, '');
      assert.match(err, new RegExp(`^lexcite: ${Object.keys(broken.faults).length} statute file\\(s\\) given with --corpus could not be loaded:\\n`));
      for (const name of Object.keys(broken.faults)) assert.ok(err.includes(`  ${path.join(broken.dir, name)}: `), name);
      assert.match(err, /lexcite: fix or remove them, or leave out --corpus\n$/);
      const gone = await lexcite('check', '--locale', 'en', '--corpus', missing, SAMPLE);
      assert.deepEqual([gone.code, gone.err], [2, `lexcite: --corpus ${missing}: not a folder\n`]);
    });
  });
});

describe('faults: nothing writes to the user’s files', function () {
  this.timeout(30000);

  it('check, report (every format), lookup and search leave a read-only paper folder and statute folder byte for byte as they were', async () => {
    const papers = readOnlyCopy(path.join(REPO_ROOT, 'test', 'fixtures', 'papers'));
    const laws = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-laws-'));
    fs.copyFileSync(GOOD_STATUTE, path.join(laws, 'pipl.md'));
    const lawsReadOnly = readOnlyCopy(laws);
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-cache-'));
    try {
      const before = [snapshot(papers), snapshot(lawsReadOnly)];
      const files = Object.keys(before[0]).map((f) => path.join(papers, f));
      await withEnv({ LEXCITE_CACHE: cache }, async () => {
        for (const format of ['text', 'json']) assert.ok([0, 1].includes((await lexcite('check', '--format', format, '--corpus', lawsReadOnly, ...files)).code));
        for (const format of ['md', 'html', 'json', 'csv']) assert.ok([0, 1].includes((await lexcite('report', '--format', format, '--corpus', lawsReadOnly, ...files)).code));
        assert.equal((await lexcite('lookup', '--corpus', lawsReadOnly, '《个人信息保护法》第十三条')).code, 0);
        assert.equal((await lexcite('search', '--corpus', lawsReadOnly, '个保法')).code, 0);
      });
      assert.deepEqual([snapshot(papers), snapshot(lawsReadOnly)], before);
      assert.ok(fs.readdirSync(cache).some((f) => f.endsWith('.bin')), 'the statute cache went to the cache folder');
    } finally {
      for (const dir of [papers, lawsReadOnly]) removeFolder(dir);
      for (const dir of [laws, cache]) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
