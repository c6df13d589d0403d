/**
 * Input LexCite does not control, taken as data: statute files whose values are property names of every object
 * (constructor, toString, __proto__), statutes too large for a quadratic parser, papers in the wrong encoding,
 * empty or wrong --corpus folders, impossible dates and style names. And the CLI speaks one language.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { houseStyle, isStyleName } from '../../server/src/core/text/styles';
import { isIsoDate, resolveSettings } from '../../server/src/core/settings';
import { parseAnsvarJson } from '../../server/src/core/statutes/ansvarJson';
import { LINES_PER_STEP, parseStatuteMarkdown, parseStatuteMarkdownSteps } from '../../server/src/core/statutes/markdown';
import { lexcite, lexciteWithInput } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/corpus';
import { largeStatuteMarkdown } from '../helpers/largeStatute';

const SAMPLE = path.join(REPO_ROOT, 'examples', 'sample-paper.md');
/** A citation of a bulletin document's missing provision: one error, in any encoding the paper is saved in. */
const FAULTY_PAPER = '见《关于规范“自媒体”医疗科普行为的通知》第九条。\n';

function temporaryFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lexcite-${prefix}-`));
}

/** Runs with LEXCITE_CACHE in a fresh folder, so that a statute folder is parsed, not read from a cache. */
async function withFreshCache<T>(body: () => Promise<T>): Promise<T> {
  const saved = process.env.LEXCITE_CACHE;
  process.env.LEXCITE_CACHE = temporaryFolder('cache');
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.LEXCITE_CACHE;
    else process.env.LEXCITE_CACHE = saved;
  }
}

const PROTOTYPE_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

describe('untrusted input: prototype keys in statute files', () => {
  for (const key of PROTOTYPE_KEYS) {
    it(`an Ansvar seed with "status": "${key}" keeps the status as text`, () => {
      const seed = JSON.stringify({ title: '原型测试法', status: key, provisions: [{ provision_ref: '1', content: '第一条 为了测试，制定本法。' }] });
      const parsed = parseAnsvarJson(seed, '/laws/原型测试法.json');
      assert.equal(parsed.document?.status, key);
    });
  }

  it('a known Ansvar status is still named in Chinese', () => {
    const seed = JSON.stringify({ title: '原型测试法', status: 'repealed', provisions: [{ provision_ref: '1', content: '第一条 内容。' }] });
    assert.equal(parseAnsvarJson(seed, '/laws/x.json').document?.status, '已废止');
  });

  it('lexcite lookup --corpus of such a folder answers, without a stack trace', async () => {
    const folder = temporaryFolder('proto-laws');
    fs.writeFileSync(path.join(folder, 'a.json'), JSON.stringify({ title: '原型测试法', status: 'constructor', issuing_body: 'toString', provisions: [{ provision_ref: '1', content: '第一条 为了测试，制定本法。' }] }));
    fs.writeFileSync(path.join(folder, 'b.md'), '# 原型二法\n\n<!-- STATUS: __proto__ -->\n<!-- INFO END -->\n\n## 第一章 constructor\n\n第一条 内容。\n');
    await withFreshCache(async () => {
      const { code, out, err } = await lexcite('lookup', '--json', '--corpus', folder, '《原型测试法》第一条');
      assert.equal(code, 0, err);
      assert.doesNotMatch(err, /\n\s+at /);
      assert.equal(JSON.parse(out).match.issuers[0], 'toString');
      const second = await lexcite('lookup', '--corpus', folder, '《原型二法》第一条');
      assert.equal(second.code, 0, second.err);
    });
  });
});

describe('untrusted input: statute size', () => {
  it('an 8 MB statute parses, every article kept (linear in the 款 of each article)', function () {
    this.timeout(30_000); // the quadratic parser took 50 s here
    const text = largeStatuteMarkdown(8 * 1024 * 1024);
    const parsed = parseStatuteMarkdown(text, '/laws/超大测试法.md');
    assert.ok(parsed.document, parsed.problems.map((p) => p.message).join('; '));
    const articles = parsed.document.provisions.filter((p) => p.kind === 'article');
    assert.equal(articles.length, 9999); // every article the generator numbers without 万 (not a statute numeral)
    const clauses = parsed.document.provisions.filter((p) => p.kind === 'clause' && p.parent === parsed.document!.provisions.indexOf(articles[0]));
    assert.deepEqual(clauses.map((c) => c.number), [1, 2, 3]);
  });

  it('the stepped parse yields inside a large file and gives the same statute', () => {
    const text = largeStatuteMarkdown(1024 * 1024);
    const steps = parseStatuteMarkdownSteps(text, '/laws/大.md');
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    const lines = text.split('\n').length;
    assert.ok(yields >= lines / LINES_PER_STEP, `${yields} yields for ${lines} lines`);
    assert.deepEqual(step.value, parseStatuteMarkdown(text, '/laws/大.md'));
  });

  it('an article numbered 第九九九九九九九九九条 neither hangs the gap check nor loses the statute', () => {
    const parsed = parseStatuteMarkdown('# 跳号法\n\n<!-- INFO END -->\n\n第一条 内容。\n\n第九九九九九九九九九条 内容。\n', '/laws/跳号法.md');
    assert.ok(parsed.document, parsed.problems.map((p) => p.message).join('; '));
    assert.ok(parsed.problems.some((p) => /^missing 第二条至999999998/.test(p.message) || /^missing 第二条至第999999998条/.test(p.message)), parsed.problems.map((p) => p.message).join('\n'));
  });

  it('200,000 repairs in one statute are all reported, not a stack overflow that loses the statute', () => {
    const parsed = parseStatuteMarkdown(`# 续行法\n\n<!-- INFO END -->\n\n第一条 开头，\n${'续行，\n'.repeat(200_000)}结尾。\n`, '/laws/续行法.md');
    assert.ok(parsed.document, parsed.problems.slice(0, 3).map((p) => p.message).join('; '));
    assert.equal(parsed.problems.filter((p) => p.kind === 'repaired').length, 200_001);
  });

  it('an Ansvar provision_ref too large for a numeral leaves out that provision only', () => {
    const seed = JSON.stringify({ title: '大号法', provisions: [{ provision_ref: '1', content: '内容一。' }, { provision_ref: '123456789012', content: '内容二。' }] });
    const parsed = parseAnsvarJson(seed, '/laws/大号法.json');
    assert.equal(parsed.document?.provisions.filter((p) => p.kind === 'article').length, 1);
    assert.ok(parsed.problems.some((p) => /provision 2 has neither/.test(p.message)));
  });
});

describe('untrusted input: papers that are not UTF-8', () => {
  const folder = temporaryFolder('papers');
  // 见《中华人民共和国》 in GBK.
  const gbk = Buffer.from([0xbc, 0xfb, 0xa1, 0xb6, 0xd6, 0xd0, 0xbb, 0xaa, 0xc8, 0xcb, 0xc3, 0xf1, 0xb9, 0xb2, 0xba, 0xcd, 0xb9, 0xfa, 0xa1, 0xb7, 0x0a]);
  const utf16WithoutBom = Buffer.from(FAULTY_PAPER, 'utf16le');
  // Valid UTF-8 byte for byte, but every other byte NUL.
  const asciiUtf16 = Buffer.from('An English paper without citations.\n'.repeat(20), 'utf16le');
  const cases: [string, Buffer][] = [['gbk.md', gbk], ['utf16.md', utf16WithoutBom], ['ascii-utf16.md', asciiUtf16], ['binary.md', fs.readFileSync(process.execPath).subarray(0, 4096)]];
  for (const [name, bytes] of cases) {
    it(`${name} is refused: exit 2, saying the encoding is wrong`, async () => {
      const file = path.join(folder, name);
      fs.writeFileSync(file, bytes);
      const zh = await lexcite('check', file);
      assert.deepEqual([zh.code, zh.out], [2, '']);
      assert.equal(zh.err, `lexcite: ${file} 不是 UTF-8 文本（二进制文件，或 GBK、无 BOM 的 UTF-16 等其他编码）：请存为 UTF-8 后再核对\n`);
      const en = await lexcite('report', '--locale', 'en', file);
      assert.equal(en.code, 2);
      assert.match(en.err, /is not UTF-8 text \(a binary file, or another encoding such as GBK or UTF-16 without a BOM\)/);
    });
  }

  it('UTF-16 with a BOM (either byte order) and UTF-8 with a BOM are read', async () => {
    const swapped = Buffer.from(FAULTY_PAPER, 'utf16le');
    for (let i = 0; i + 1 < swapped.length; i += 2) [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
    const encodings: [string, Buffer][] = [
      ['le.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FAULTY_PAPER, 'utf16le')])],
      ['be.md', Buffer.concat([Buffer.from([0xfe, 0xff]), swapped])],
      ['bom8.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FAULTY_PAPER)])],
    ];
    for (const [name, bytes] of encodings) {
      const file = path.join(folder, name);
      fs.writeFileSync(file, bytes);
      const { code, out } = await lexcite('check', file);
      assert.equal(code, 1, name);
      assert.equal(out, `${file}:1:22: error article.not-found 《关于规范“自媒体”医疗科普行为的通知》中没有第九条；该文件的条目为第1点至第8点\n`, name);
    }
  });

  it('a stray NUL in a UTF-8 paper does not make it a binary', async () => {
    const file = path.join(folder, 'nul.md');
    fs.writeFileSync(file, `前言\u0000。\n${FAULTY_PAPER}`);
    const { code, out } = await lexcite('check', file);
    assert.equal(code, 1);
    assert.match(out, /:2:22: error article\.not-found /);
  });

  it('check - reads the paper from standard input', async () => {
    const { code, out, err } = await lexciteWithInput(Buffer.from(FAULTY_PAPER), 'check', '-');
    assert.equal(code, 1, err);
    assert.match(out, /^<标准输入>:1:22: error article\.not-found /);
    assert.equal(err, '核对了1个文件：1个错误，0个警告，0个提示\n1处引用：已核实0处，不符0处，查无此条1处，无法核实0处\n');
    const refused = await lexciteWithInput(gbk, 'check', '--locale', 'en', '-');
    assert.deepEqual([refused.code, refused.err], [2, 'lexcite: <stdin> is not UTF-8 text (a binary file, or another encoding such as GBK or UTF-16 without a BOM): save it as UTF-8 and check it again\n']);
  });
});

describe('untrusted input: --corpus folders', () => {
  it('an empty folder, or one without statutes, is a usage error', async () => {
    const empty = temporaryFolder('empty-laws');
    const notes = temporaryFolder('notes');
    fs.writeFileSync(path.join(notes, '笔记.md'), '随手记下的几句话，没有标题。\n');
    fs.writeFileSync(path.join(notes, 'package.json'), '{"name": "x"}');
    await withFreshCache(async () => {
      const none = await lexcite('check', '--corpus', empty, SAMPLE);
      assert.deepEqual([none.code, none.out], [2, '']);
      assert.equal(none.err, `lexcite: --corpus ${empty}：其中没有可载入的法规（读了0个 .md/.json 文件）。请指向法规文件夹（如 LawRefBook 的检出目录）\n`);
      const wrong = await lexcite('search', '--locale', 'en', '--corpus', notes, '个保法');
      assert.equal(wrong.code, 2);
      assert.equal(wrong.err, `lexcite: --corpus ${notes}: no statute could be loaded from it (2 .md/.json file(s) read). Give a statute folder (such as a LawRefBook checkout)\n`);
    });
  });

  it('skipped files are named with the reason, the list capped', async () => {
    const folder = temporaryFolder('mixed-laws');
    fs.writeFileSync(path.join(folder, '测试法.md'), '# 测试法\n\n<!-- INFO END -->\n\n第一条 内容。\n');
    for (let i = 1; i <= 9; i++) fs.writeFileSync(path.join(folder, `笔记${i}.md`), '没有标题的笔记。\n');
    await withFreshCache(async () => {
      const { code, err } = await lexcite('lookup', '--locale', 'en', '--corpus', folder, '《测试法》第一条');
      assert.equal(code, 0, err);
      const lines = err.trimEnd().split('\n');
      assert.match(lines[0], /^lexcite: 1 statute\(s\) from 1 folder\(s\), 10 file\(s\) \(0 from cache, \d+ ms\)$/);
      assert.equal(lines[1], 'lexcite: 9 file(s) skipped:');
      assert.deepEqual(lines.slice(2), [
        ...[1, 2, 3, 4, 5].map((i) => `  ${path.join(folder, `笔记${i}.md`)}: no “# title” line: not a statute file`),
        '… and 4 more',
      ]);
    });
  });
});

describe('untrusted input: dates and styles', () => {
  it('--date of a day that does not exist is a usage error', async () => {
    for (const bad of ['2025-02-30', '2025-13-01', '2024-04-31', '2025-2-3']) {
      const { code, err } = await lexcite('check', '--locale', 'en', '--date', bad, SAMPLE);
      assert.deepEqual([code, err], [2, `lexcite: --date must be a real date (YYYY-MM-DD), not ${bad}\n`], bad);
    }
    assert.equal((await lexcite('check', '--date', '2024-02-29', SAMPLE)).code, 0);
  });

  it('isIsoDate: real calendar dates only; the paper-date setting falls back to today otherwise', () => {
    assert.deepEqual(['2024-02-29', '2023-02-29', '2025-02-30', '2025-12-31', 'x'].map(isIsoDate), [true, false, false, true, false]);
    assert.notEqual(resolveSettings({ paperDate: '2025-02-30' }).paperDate, '2025-02-30');
  });

  it('style names that are properties of every object are not styles', () => {
    for (const key of PROTOTYPE_KEYS) {
      assert.equal(isStyleName(key), false, key);
      assert.equal(houseStyle(key).name, '法学引注手册', key);
      assert.equal(resolveSettings({ style: key }).style.name, '法学引注手册', key);
    }
    assert.equal(resolveSettings({ style: '中国法学' }).style.name, '中国法学');
  });

  it('diagnostic levels keyed __proto__ or constructor are plain entries', () => {
    const { levels } = resolveSettings({ diagnostics: JSON.parse('{"__proto__": "error", "constructor": "hint", "title.unknown": "ignore"}') });
    assert.deepEqual(Object.entries(levels).sort(), [['__proto__', 'error'], ['constructor', 'hint'], ['title.unknown', 'ignore']]);
    assert.equal(resolveSettings(undefined).levels.constructor, undefined);
  });
});

describe('untrusted input: one language per command line', () => {
  it('the summary, no match and lookup text follow --locale', async () => {
    const zh = await lexcite('check', SAMPLE);
    assert.match(zh.err, /^核对了1个文件：\d+个错误，\d+个警告，\d+个提示\n\d+处引用：已核实\d+处，不符\d+处，查无此条\d+处，无法核实\d+处\n$/);
    const en = await lexcite('check', '--locale', 'en', SAMPLE);
    assert.match(en.err, /^1 file\(s\) checked: \d+ error\(s\), \d+ warning\(s\), \d+ hint\(s\)\n\d+ citation\(s\): \d+ verified, \d+ mismatch, \d+ not found, \d+ unverifiable\n$/);
    assert.equal((await lexcite('search', 'Ωψ')).out, '没有与“Ωψ”匹配的条目\n');
    assert.equal((await lexcite('search', '--locale', 'en', 'Ωψ')).out, 'no match for “Ωψ”\n');
    const lookup = await lexcite('lookup', '--locale', 'en', '国发[2025]11号');
    assert.match(lookup.out, /\n {2}kind: State Council document {2}issued by: /);
    assert.match((await lexcite('lookup', '--locale', 'en', '《厦门市促进数据产业高质量发展若干举措》')).out, /^not found: 厦门市促进数据产业高质量发展若干举措\nclosest:\n {2}《厦门市促进数据产业高质量发展若干措施》\n/);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(await lexcite('--version'), { code: 0, out: `${version}\n`, err: '' });
  });

  it('lexcite lsp --stdio with no input says why it exits', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'lexcite.js'), 'lsp', '--stdio', '--locale', 'en'], { input: '', encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'lexcite lsp: standard input ended without an LSP shutdown request, so the server exits (an editor starts it and talks LSP over standard input)\n');
  });
});
