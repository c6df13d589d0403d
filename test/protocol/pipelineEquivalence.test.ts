/**
 * The CLI and the language server check a paper through one pipeline (CitationService, resolveSettings): for
 * the same text they must report the same diagnostics, field for field (range, severity, code, source, message,
 * data). Every example paper, every paper fixture and 200 fuzzed papers (fixed seed) go through `lexcite check
 * --format json` in-process and through one real server process, pulled; the fuzzed ones are also opened with
 * another text and edited, incrementally, to the same final text, so that the server's block-wise re-check is
 * compared too.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lexcite } from '../helpers/cli';
import { bulletinCorpus, REPO_ROOT } from '../helpers/corpus';
import { citingPaperArbitrary, FUZZ_SEED, fuzzTimeout, markdownArbitrary, snap } from '../helpers/fuzz';
import { LspClient, startClient } from '../helpers/lspClient';

const PAPER_DATE = '2025-11-22';
const FUZZED = 200;

interface Paper {
  name: string;
  text: string;
  /** For an edited paper: the text it is opened with, and the edits that turn it into `text`. */
  opened?: string;
  edits?: { at: number; length: number; text: string }[];
}

function markdownFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? markdownFiles(full) : entry.name.endsWith('.md') ? [full] : [];
  });
}

/** The repository's papers: the examples and the paper fixtures (the other fixtures are statute texts). */
function repositoryPapers(): Paper[] {
  const files = [...markdownFiles(path.join(REPO_ROOT, 'examples')), ...markdownFiles(path.join(REPO_ROOT, 'test', 'fixtures', 'papers'))];
  return files.map((file) => ({ name: path.relative(REPO_ROOT, file), text: fs.readFileSync(file, 'utf8') }));
}

/** 200 fuzzed papers, half random Markdown and half dense citations; every other one reached by edits. */
function fuzzedPapers(): Paper[] {
  const corpus = bulletinCorpus();
  const paper = fc.oneof(markdownArbitrary(corpus, { maxFragments: 40 }), citingPaperArbitrary(corpus));
  const edit = fc.record({ at: fc.nat(), length: fc.nat(40), text: markdownArbitrary(corpus, { maxFragments: 6 }) });
  const samples = fc.sample(fc.tuple(paper, paper, fc.array(edit, { minLength: 1, maxLength: 6 })), { seed: FUZZ_SEED, numRuns: FUZZED });
  return samples.map(([text, opened, edits], i) => ({ name: `fuzz-${i}.md`, text, ...(i % 2 === 1 ? { opened, edits } : {}) }));
}

/** Applies the random edits to the opened text, then one edit that makes it the final text. */
async function openAndEdit(client: LspClient, uri: string, paper: Paper): Promise<void> {
  let mirror = TextDocument.create(uri, 'markdown', 1, paper.opened!);
  await client.open(uri, paper.opened!);
  const apply = async (start: number, end: number, text: string) => {
    const range = { start: mirror.positionAt(start), end: mirror.positionAt(end) };
    const version = await client.edit(uri, range, text);
    mirror = TextDocument.update(mirror, [{ range, text }], version);
  };
  for (const e of paper.edits!) {
    const text = mirror.getText();
    const start = snap(text, e.at % (text.length + 1));
    await apply(start, snap(text, Math.min(text.length, start + e.length)), e.text);
    await client.pullDiagnostics(uri);
  }
  const current = mirror.getText();
  let prefix = 0;
  while (prefix < current.length && prefix < paper.text.length && current[prefix] === paper.text[prefix]) prefix++;
  let suffix = 0;
  while (suffix < current.length - prefix && suffix < paper.text.length - prefix && current[current.length - 1 - suffix] === paper.text[paper.text.length - 1 - suffix]) suffix++;
  prefix = snap(current, prefix);
  await apply(prefix, current.length - suffix, paper.text.slice(prefix, paper.text.length - suffix));
  assert.equal(mirror.getText(), paper.text, `${paper.name}: the edits reach the final text`);
}

describe('the CLI and the server check a paper through one pipeline', function () {
  this.timeout(fuzzTimeout(300000));
  let client: LspClient;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lexcite-equivalence-'));
    client = await startClient({ pullDiagnostics: true, settings: { paperDate: PAPER_DATE } });
    await client.status((s) => s.ready === true && s.loadingStatutes === false);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it(`lexcite check --format json equals the pulled diagnostics, field for field (examples, paper fixtures, ${FUZZED} fuzzed papers, seed ${FUZZ_SEED})`, async () => {
    const papers = [...repositoryPapers(), ...fuzzedPapers()];
    assert.ok(papers.length >= FUZZED + 9, `papers to compare: ${papers.length}`);
    const files = papers.map((paper, i) => {
      const file = path.join(folder, `${i}-${path.basename(paper.name)}`);
      fs.writeFileSync(file, paper.text);
      return file;
    });
    const cli = await lexcite('check', '--format', 'json', '--date', PAPER_DATE, ...files);
    assert.ok(cli.code === 0 || cli.code === 1, `exit ${cli.code}: ${cli.err}`);
    const results = JSON.parse(cli.out) as { file: string; diagnostics: Diagnostic[] }[];
    assert.deepEqual(results.map((r) => r.file), files);

    let compared = 0;
    let edited = 0;
    for (const [i, paper] of papers.entries()) {
      const uri = client.uri(`equivalence-${i}.md`);
      if (paper.edits) {
        await openAndEdit(client, uri, paper);
        edited++;
      } else await client.open(uri, paper.text);
      const server = await client.pullDiagnostics(uri);
      assert.deepEqual(server, results[i].diagnostics, `${paper.name}: the server and the CLI differ`);
      compared += server.length;
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    assert.ok(compared > 500, `diagnostics compared: ${compared}`);
    assert.ok(edited >= FUZZED / 2, `papers reached by edits: ${edited}`);
  });
});
