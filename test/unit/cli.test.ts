/**
 * The lexcite CLI: output formats and exit codes (0 ok, 1 not found / errors found, 2 usage or I/O errors).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lexcite } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/corpus';


describe('cli: lookup', () => {
  it('a 文号 in a wrong bracket variant prints the document, exit 0', async () => {
    const { code, out } = await lexcite('lookup', '国发[2025]11号');
    assert.equal(code, 0);
    assert.match(out, /^《国务院关于深入实施“人工智能\+”行动的意见》（国发〔2025〕11号）/);
  });

  it('a provision prints its address and full text', async () => {
    const { code, out } = await lexcite('lookup', '《关于规范“自媒体”医疗科普行为的通知》第五条');
    assert.equal(code, 0);
    assert.match(out, /第5点 严禁无资质账号生产发布专业医疗科普内容/);
    assert.match(out, /对未认证的账号通知其 2个月内完成资质认证/);
  });

  it('--json: the match and the provision', async () => {
    const { code, out } = await lexcite('lookup', '--json', '《厦门市促进数据产业高质量发展若干措施》第六部分第（二）项');
    assert.equal(code, 0);
    const result = JSON.parse(out);
    assert.equal(result.match.id, 'xm-data-industry-measures');
    assert.equal(result.match.docNumber, '厦府办规〔2025〕10号');
    assert.equal(result.provision.address, '六、（二）');
    assert.equal(result.provision.caption, '本措施按照年度预算安排兑现和拨付');
  });

  it('a missing provision: exit 1, saying which and what exists', async () => {
    const { code, out } = await lexcite('lookup', '《关于规范“自媒体”医疗科普行为的通知》第九条');
    assert.equal(code, 1);
    assert.equal(out, '《关于规范“自媒体”医疗科普行为的通知》中没有第九条；该文件的条目为第1点至第8点\n');
  });

  it('a missing document: exit 1 with the closest matches', async () => {
    const { code, out } = await lexcite('lookup', '--json', '《厦门市促进数据产业高质量发展若干举措》');
    assert.equal(code, 1);
    const result = JSON.parse(out);
    assert.equal(result.status, 'no-document');
    assert.equal(result.closest[0].title, '厦门市促进数据产业高质量发展若干措施');
  });

  it('usage errors exit 2', async () => {
    assert.equal((await lexcite('lookup')).code, 2);
    assert.equal((await lexcite('lookup', '   ')).code, 2);
    assert.equal((await lexcite('frobnicate')).code, 2);
  });
});

describe('cli: search', () => {
  it('--json prints an array of objects with title, best first', async () => {
    const { code, out } = await lexcite('search', '--json', '--limit', '3', 'xmscjsjcy');
    assert.equal(code, 0);
    const rows = JSON.parse(out);
    assert.equal(rows.length, 2);
    assert.equal(rows[0].title, '厦门市促进数据产业高质量发展若干措施');
    assert.equal(rows[0].docNumber, '厦府办规〔2025〕10号');
  });

  it('text output lists matches; a bad --limit is a usage error', async () => {
    const { code, out } = await lexcite('search', '个保法');
    assert.equal(code, 0);
    assert.match(out, /^ 1\. 中华人民共和国个人信息保护法  \[法律法规 2021-08-20\]/);
    assert.equal((await lexcite('search', '--limit', '0', '个保法')).code, 2);
  });
});

describe('cli: check', () => {
  const faulty = path.join(REPO_ROOT, 'examples', 'faulty-paper.md');
  const sample = path.join(REPO_ROOT, 'examples', 'sample-paper.md');

  it('text: file:line:col: severity code message; exit 1 when there are errors', async () => {
    const { code, out, err } = await lexcite('check', faulty);
    assert.equal(code, 1);
    const lines = out.trim().split('\n');
    assert.equal(lines.length, 8);
    assert.equal(lines[0], `${faulty}:3:1: hint style.docnumber-first-mention 首次引用《国务院关于深入实施“人工智能+”行动的意见》时应在标题后注明文号（国发〔2025〕11号）`);
    assert.equal(lines[1], `${faulty}:3:24: error article.not-found 《国务院关于深入实施“人工智能+”行动的意见》中没有第（十五）项；该文件的条目为（一）至（十四）`);
    assert.match(lines[4], /:9:1: warning docnumber\.format /);
    assert.match(err, /^核对了1个文件：5个错误，2个警告，1个提示\n9处引用：已核实3处，不符2处，查无此条4处，无法核实0处\n$/);
  });

  it('json: LSP diagnostics per file with 0-based ranges, numeric severities, dotted codes, source lexcite', async () => {
    const { code, out } = await lexcite('check', '--format', 'json', sample, faulty);
    assert.equal(code, 1);
    const results = JSON.parse(out);
    assert.deepEqual(results.map((r: { file: string }) => r.file), [sample, faulty]);
    assert.deepEqual(results[0].diagnostics, []);
    const first = results[1].diagnostics.find((d: { code: string }) => d.code === 'article.not-found');
    assert.deepEqual(first.range, { start: { line: 2, character: 23 }, end: { line: 2, character: 29 } });
    assert.equal(first.severity, 1);
    assert.equal(first.code, 'article.not-found');
    assert.equal(first.source, 'lexcite');
  });

  it('a clean paper exits 0; --locale en gives English messages', async () => {
    assert.equal((await lexcite('check', sample)).code, 0);
    const { out } = await lexcite('check', '--locale', 'en', faulty);
    assert.match(out, /has no 第（十五）项; its provisions are （一）至（十四）/);
  });

  it('I/O and usage errors exit 2 with a message', async () => {
    const missing = await lexcite('check', path.join(os.tmpdir(), 'no-such-paper.md'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^lexcite: 无法读取 .*no-such-paper\.md：文件不存在\n$/);
    const english = await lexcite('check', '--locale', 'en', path.join(os.tmpdir(), 'no-such-paper.md'));
    assert.match(english.err, /^lexcite: cannot read .*no-such-paper\.md: no such file\n$/);
    assert.equal((await lexcite('check', '--format', 'xml', sample)).code, 2);
    assert.equal((await lexcite('check')).code, 2);
  });

  it('odd input never crashes: binary garbage (refused), lone surrogates, CRLF, an empty file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-odd-'));
    const garbage = path.join(dir, 'garbage.bin');
    fs.writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const refused = await lexcite('check', garbage);
    assert.deepEqual([refused.code, refused.out], [2, ''], refused.err);
    const files = {
      'surrogates.md': '《数据安全法\ud800》第\udc00条 国发〔2025〕11号\r\n《个人信息保护法》第十三条\r\n',
      'empty.md': '',
    };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    const { code, err } = await lexcite('check', ...Object.keys(files).map((n) => path.join(dir, n)));
    assert.ok(code === 0 || code === 1, err);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('cli: the installed command', () => {
  it('bin/lexcite.js runs the bundle: npx lexcite check examples/sample-paper.md exits 0', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'lexcite.js'), 'check', 'examples/sample-paper.md'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /核对了1个文件：0个错误，0个警告/);
  });

  it('--help lists the commands', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'lexcite.js'), '--help'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    for (const command of ['lookup', 'search', 'check', 'lsp']) assert.match(result.stdout, new RegExp(`\\b${command}\\b`));
  });
});
