/**
 * The layering README's Architecture section promises, proven on the real lint configuration: probe files are
 * written into the layers (at depth, where a `../node/*` pattern would miss them), linted with ESLint's Node
 * API, and removed. And the core's import graph has no cycle.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ESLint } from 'eslint';
import * as ts from 'typescript';
import { REPO_ROOT } from '../helpers/corpus';

interface Probe {
  /** Folder, relative to the repository, the probe file is written into. */
  folder: string;
  source: string;
  /** The rule expected to reject it; undefined: it must lint clean. */
  rule?: string;
}

const CORE_DEEP = 'server/src/core/checks/deep';
const forbidden = 'no-restricted-imports';
const forbiddenSyntax = 'no-restricted-syntax';

const PROBES: Probe[] = [
  // The core, two folders down: no Node built-in (either spelling), no outer layer, no VS Code, no require.
  { folder: CORE_DEEP, source: `import * as m from 'fs';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from 'node:fs';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from 'fs/promises';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from 'node:test';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from 'path';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from '../../../node/corpusFiles';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from '../../../lsp/server';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from '../../../cli/format';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from '../../../../../client/src/extension';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from 'vscode';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from 'vscode-languageserver/node';`, rule: forbidden },
  { folder: CORE_DEEP, source: `import * as m from 'vscode-jsonrpc';`, rule: forbidden },
  { folder: CORE_DEEP, source: `export * from '../../../node/corpusFiles';`, rule: forbidden },
  { folder: CORE_DEEP, source: `const m = require('../../parser');`, rule: '@typescript-eslint/no-require-imports' },
  { folder: CORE_DEEP, source: `const m = () => import('os');`, rule: forbiddenSyntax },
  { folder: CORE_DEEP, source: `type m = import('../../../node/corpusFiles').CorpusFiles;`, rule: forbiddenSyntax },
  { folder: 'server/src/core/deep', source: `import * as m from '../../lsp/server';`, rule: forbidden },
  // What the core may use.
  { folder: CORE_DEEP, source: `import * as m from '../../parser';` },
  { folder: CORE_DEEP, source: `import type * as m from 'vscode-languageserver-types';` },
  { folder: CORE_DEEP, source: `import * as m from 'pinyin-pro';` },
  // The outer layers, in order: node/ below lsp/ and cli/, which do not use each other.
  { folder: 'server/src/node/deep', source: `import * as m from '../../lsp/server';`, rule: forbidden },
  { folder: 'server/src/node/deep', source: `import * as m from '../../cli/format';`, rule: forbidden },
  { folder: 'server/src/node/deep', source: `import * as m from 'fs';` },
  { folder: 'server/src/lsp/deep', source: `import * as m from '../../cli/format';`, rule: forbidden },
  { folder: 'server/src/lsp/deep', source: `const m = () => import('../../cli/main');`, rule: forbiddenSyntax },
  { folder: 'server/src/lsp/deep', source: `import * as m from '../../node/corpusFiles';` },
  { folder: 'server/src/cli/deep', source: `import * as m from '../../lsp/server';`, rule: forbidden },
  { folder: 'server/src/cli/deep', source: `const m = () => import('../../lsp/server');`, rule: forbiddenSyntax },
  { folder: 'server/src/cli/deep', source: `import * as m from '../../node/corpusFiles';` },
  // lsp/, cli/ and bench/ enter the core through core/index.ts only, at any depth and in every import form.
  { folder: 'server/src/lsp/deep', source: `import * as m from '../../core';` },
  { folder: 'server/src/lsp/deep', source: `import * as m from '../../core/index';` },
  { folder: 'server/src/lsp/deep', source: `import * as m from '../../core/service';`, rule: forbidden },
  { folder: 'server/src/lsp/deep', source: `export { t as m } from '../../core/messages';`, rule: forbidden },
  { folder: 'server/src/lsp/deep', source: `type m = import('../../core/settings').LexciteSettings;`, rule: forbiddenSyntax },
  { folder: 'server/src/cli/deep', source: `import * as m from '../../core';` },
  { folder: 'server/src/cli/deep', source: `import * as m from '../../core/paperCache';`, rule: forbidden },
  { folder: 'server/src/cli/deep', source: `import * as m from '../../core/statutes/markdown';`, rule: forbidden },
  { folder: 'server/src/cli/deep', source: `const m = () => import('../../core/limits');`, rule: forbiddenSyntax },
  { folder: 'bench/deep', source: `import * as m from '../../server/src/core';` },
  { folder: 'bench/deep', source: `import * as m from '../../server/src/core/checks/diagnostics';`, rule: forbidden },
  // node/ hands data to the core: it may reach the model, the corpus and the statute importers, not the rest.
  { folder: 'server/src/node/deep', source: `import * as m from '../../core/corpus/model';` },
  { folder: 'server/src/node/deep', source: `import * as m from '../../core/statutes/provisionSource';` },
  { folder: 'server/src/node/deep', source: `import * as m from '../../core';` },
  { folder: 'server/src/node/deep', source: `import * as m from '../../core/service';`, rule: forbidden },
  { folder: 'server/src/node/deep', source: `import * as m from '../../core/checks/quotes';`, rule: forbidden },
  // The client sees the contract, never the server's code; the contract sees nothing.
  { folder: 'client/src/deep', source: `import * as m from '../../../server/src/core/parser';`, rule: forbidden },
  { folder: 'client/src/deep', source: `import * as m from '../../../protocol/requests';` },
  { folder: 'protocol/deep', source: `import * as m from '../../server/src/core/corpus/model';`, rule: forbidden },
  { folder: 'protocol/deep', source: `import type * as m from 'vscode-languageserver-types';`, rule: forbidden },
];

describe('architecture', () => {
  describe('lint keeps each layer to what it may import, at any depth', () => {
    const written: string[] = [];
    let results: Map<string, ESLint.LintResult>;

    before(async function () {
      this.timeout(120000);
      PROBES.forEach((probe, i) => {
        const folder = path.join(REPO_ROOT, probe.folder);
        const file = path.join(folder, `archProbe${process.pid}_${i}.ts`);
        if (!fs.existsSync(folder)) {
          fs.mkdirSync(folder, { recursive: true });
          written.push(folder);
        }
        fs.writeFileSync(file, `${probe.source}\nexport { m };\n`);
        written.push(file);
      });
      const eslint = new ESLint({ cwd: REPO_ROOT });
      const files = written.filter((f) => f.endsWith('.ts'));
      results = new Map((await eslint.lintFiles(files)).map((r) => [r.filePath, r]));
    });

    after(() => {
      for (const entry of [...written].reverse()) fs.rmSync(entry, { recursive: true, force: true });
    });

    PROBES.forEach((probe, i) => {
      it(`${probe.rule ? 'rejects' : 'allows'} in ${probe.folder}: ${probe.source}`, () => {
        const file = path.join(REPO_ROOT, probe.folder, `archProbe${process.pid}_${i}.ts`);
        const errors = results.get(file)!.messages.filter((m) => m.severity === 2);
        if (probe.rule) assert.ok(errors.some((m) => m.ruleId === probe.rule), `expected ${probe.rule}, got ${JSON.stringify(errors.map((m) => m.ruleId))}`);
        else assert.deepStrictEqual(errors.map((m) => `${m.ruleId}: ${m.message}`), []);
      });
    });

    it('lets cli/main.ts start the server lazily, and nothing else of lsp/', async () => {
      const eslint = new ESLint({ cwd: REPO_ROOT });
      const lint = async (code: string) => (await eslint.lintText(code, { filePath: path.join(REPO_ROOT, 'server/src/cli/main.ts') }))[0].messages.filter((m) => m.ruleId?.startsWith('no-restricted'));
      assert.deepStrictEqual(await lint(`export const start = () => import('../lsp/server');\n`), []);
      assert.equal((await lint(`export const start = () => import('../lsp/customRequests');\n`)).length, 1);
      assert.equal((await lint(`import { startServer } from '../lsp/server';\nexport { startServer };\n`)).length, 1);
      assert.equal((await lint(`export const check = () => import('../core/diagnostics');\n`)).length, 1);
    });
  });

  it('the core has no import cycle (type-only imports included)', () => {
    const core = path.join(REPO_ROOT, 'server', 'src', 'core');
    const graph = importGraph(core);
    assert.ok(graph.size > 30, `read the core (${graph.size} files)`);
    assert.deepStrictEqual(cyclesOf(graph).map((cycle) => cycle.map((f) => path.relative(core, f)).join(' → ')), []);
  });
});

/** Each .ts file under `root` → the files under `root` it imports or re-exports from. */
function importGraph(root: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  walk(root);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    const targets: string[] = [];
    const add = (specifier: string) => {
      if (!specifier.startsWith('.')) return;
      const base = path.resolve(path.dirname(file), specifier);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
      if (target) targets.push(target);
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text);
      else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) add(node.arguments[0].text);
      else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) add(node.argument.literal.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(file, targets);
  }
  return graph;
}

/** One cycle per back edge found by depth-first search (empty when the graph is acyclic). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}
