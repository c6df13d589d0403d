/**
 * The lexcite command line, in-process, on random and adversarial papers written to temporary files and on
 * random arguments: it always returns an exit code (never throws), check's JSON ranges lie inside the file,
 * and its text output has one well-formed line per diagnostic.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { lexcite } from '../helpers/cli';
import { bulletinCorpus } from '../helpers/corpus';
import { adversarialDocuments, assertRange, checkAsync, fuzzTimeout, linesOf, markdownArbitrary, runs, titled } from '../helpers/fuzz';


describe('fuzz: the lexcite command line', function () {
  this.timeout(fuzzTimeout(60000));
  let dir: string;
  let count = 0;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-fuzz-cli-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Writes a paper as UTF-8 and returns the file and the text as the CLI will read it (lone surrogates become U+FFFD). */
  const write = (text: string) => {
    const file = path.join(dir, `paper-${count++}.md`);
    fs.writeFileSync(file, text, 'utf8');
    return { file, text: fs.readFileSync(file, 'utf8') };
  };

  const paper = markdownArbitrary(bulletinCorpus());

  const n1 = runs(40);
  it(titled('check --format json: exit 0 or 1 as errors are found, every range inside the file', n1), async () => {
    await checkAsync(fc.asyncProperty(paper, fc.constantFrom('zh-cn', 'en'), fc.constantFrom('法学引注手册', '法学研究', '中国法学'), async (text, locale, style) => {
      const { file, text: read } = write(text);
      const { code, out, err } = await lexcite('check', '--format', 'json', '--locale', locale, '--style', style, '--date', '2025-11-22', file);
      assert.equal(err, '');
      const results = JSON.parse(out) as { file: string; diagnostics: Diagnostic[] }[];
      assert.equal(results.length, 1);
      assert.equal(results[0].file, file);
      const lines = linesOf(read);
      for (const d of results[0].diagnostics) assertRange(lines, d.range, `${d.code}`);
      assert.equal(code, results[0].diagnostics.some((d) => d.severity === 1) ? 1 : 0);
    }), n1);
  });

  const n2 = runs(30);
  it(titled('check (text): one file:line:col line per diagnostic, positions inside the file, a summary on stderr', n2), async () => {
    await checkAsync(fc.asyncProperty(paper, async (text) => {
      const { file, text: read } = write(text);
      const json = JSON.parse((await lexcite('check', '--format', 'json', '--date', '2025-11-22', file)).out) as { diagnostics: Diagnostic[] }[];
      const { code, out, err } = await lexcite('check', '--date', '2025-11-22', file);
      const rows = out.split('\n').filter((l) => l.startsWith(`${file}:`));
      assert.equal(rows.length, json[0].diagnostics.length);
      const lines = linesOf(read);
      for (const row of rows) {
        const [, line, col] = /^.*?:(\d+):(\d+): (error|warning|hint|information) [a-z.-]+ /.exec(row.slice(file.length))!;
        assert.ok(Number(line) >= 1 && Number(line) <= lines.starts.length, row);
        assert.ok(Number(col) >= 1 && Number(col) <= lines.lengths[Number(line) - 1] + 1, row);
      }
      assert.match(err, /^核对了1个文件：\d+个错误，\d+个警告，\d+个提示\n\d+处引用：已核实\d+处，不符\d+处，查无此条\d+处，无法核实\d+处\n$/);
      assert.ok(code === 0 || code === 1);
    }), n2);
  });

  const n3 = runs(20);
  it(titled('report in every format: exit 0 or 1, JSON that parses', n3), async () => {
    await checkAsync(fc.asyncProperty(paper, fc.constantFrom('md', 'html', 'json', 'csv'), async (text, format) => {
      const { file } = write(text);
      const { code, out, err } = await lexcite('report', '--format', format, '--date', '2025-11-22', file);
      assert.equal(err, '');
      assert.ok(code === 0 || code === 1, `exit ${code}`);
      assert.ok(out.length > 0);
      if (format === 'json') JSON.parse(out);
    }), n3);
  });

  const n4 = runs(100);
  it(titled('lookup and search on arbitrary text: exit 0, 1 or 2, never a crash', n4), async () => {
    const query = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), paper.filter((t) => t.length > 0));
    await checkAsync(fc.asyncProperty(query, fc.boolean(), async (q, json) => {
      const lookup = await lexcite('lookup', ...(json ? ['--json'] : []), '--', q);
      assert.ok([0, 1, 2].includes(lookup.code), `lookup exit ${lookup.code}: ${lookup.err}`);
      assert.doesNotMatch(lookup.err, /\n\s+at /, 'no stack trace');
      if (json && lookup.code !== 2) JSON.parse(lookup.out);
      const search = await lexcite('search', ...(json ? ['--json'] : []), '--', q);
      assert.ok([0, 1].includes(search.code), `search exit ${search.code}: ${search.err}`);
      if (json) JSON.parse(search.out);
    }), n4);
  });

  const n5 = runs(100);
  it(titled('arbitrary arguments: an exit code, usage errors are 2, never a stack trace', n5), async () => {
    const word = fc.oneof(
      fc.constantFrom('check', 'report', 'lookup', 'search', 'lsp-not', '--format', 'xml', 'json', '--locale', 'fr', '--limit', '0', '-1', 'abc', '--date', '2025-13-45', '--corpus', '/nonexistent/lexcite', '--max-paper-size', '--max-citations', '--help', '-x', '--', ''),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    await checkAsync(fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => {
      if (argv.includes('--help') || argv.length === 0) return;
      const { code, err } = await lexcite(...argv);
      assert.ok([0, 1, 2].includes(code), `exit ${code} for ${JSON.stringify(argv)}`);
      assert.doesNotMatch(err, /\n\s+at /, `no stack trace for ${JSON.stringify(argv)}: ${err}`);
    }), n5);
  });

  it('the adversarial papers through check and report', async () => {
    for (const { name, text } of adversarialDocuments()) {
      const { file, text: read } = write(text);
      const check = await lexcite('check', '--format', 'json', '--date', '2025-11-22', file);
      assert.ok(check.code === 0 || check.code === 1, `${name}: exit ${check.code} ${check.err}`);
      const lines = linesOf(read);
      for (const d of (JSON.parse(check.out) as { diagnostics: Diagnostic[] }[])[0].diagnostics) assertRange(lines, d.range, `${name}: ${d.code}`);
      const report = await lexcite('report', '--format', 'json', '--date', '2025-11-22', file);
      assert.ok(report.code === 0 || report.code === 1, `${name}: report exit ${report.code}`);
      JSON.parse(report.out);
    }
  });
});
