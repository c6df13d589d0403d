// Lint rules that keep the architecture honest (README, Architecture). Layers, inside out:
//   protocol/         the client–server contract: imports nothing but itself
//   server/src/core/  the citation core: no Node built-in, no VS Code or LSP transport, no outer layer, no require
//   server/src/node/  Node loading: may use the core, not lsp/ or cli/
//   server/src/lsp/   the server: core and node, not cli/
//   server/src/cli/   the CLI: core and node, not lsp/ — except that `lexcite lsp` loads the server lazily
//   bench/            the benchmarks: core and node
// lsp/, cli/ and bench/ enter the core through one door, core/index.ts; node/ hands loaded data to the core and
// may also reach the data model, the corpus, title normalisation and the statute importers (core/statutes/),
// nothing else of the core's inside.
//   client/src/       the VS Code client: no server code at all, only protocol/
// Each ban is a regex on the import path as written, so it holds at every folder depth (`../node/x` from core/,
// `../../node/x` from core/checks/) and for every form of import: static, `export … from`, `import()`,
// `import('…').T` types and, in the core, `require`.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** A relative path that climbs out and reaches one of these top-level folders of server/src (or client/). */
const reaching = (...folders) => `^\\.{1,2}/(?:.*/)?(?:${folders.join('|')})(?:/|$)`;

const BANS = {
  nodeBuiltin: { regex: `^(?:node:.*|(?:${builtinModules.join('|')})(?:/.*)?)$`, message: 'The citation core is transport-free: no Node built-ins (README, Architecture).' },
  // The core may use vscode-languageserver-types and -textdocument: plain data types and helpers, no transport.
  vscode: { regex: '^vscode(?!-languageserver-(?:types|textdocument)$)(?:[-/].*)?$', message: 'The citation core is transport-free: no VS Code, no LSP transport (README, Architecture).' },
  outerFromCore: { regex: reaching('node', 'lsp', 'cli', 'client'), message: 'The core must not depend on the Node, LSP or CLI layers or on the client.' },
  outerFromNode: { regex: reaching('lsp', 'cli', 'client'), message: 'node/ loads files for the core: it must not depend on the LSP server, the CLI or the client.' },
  cliFromLsp: { regex: reaching('cli', 'client'), message: 'The LSP server must not depend on the CLI or the client.' },
  lspFromCli: { regex: reaching('lsp', 'client'), message: 'The CLI must not depend on the LSP server (only `lexcite lsp` starts it, lazily, in cli/main.ts).' },
  serverFromClient: { regex: '(?:^|/)(?:server|core)(?:/|$)', message: 'The client has no citation logic: ask the server (types come from protocol/).' },
  coreInside: { regex: '^\\.{1,2}/(?:.*/)?core/(?!index$).+$', message: 'Enter the citation core through core/index.ts (import from its folder): export there what this layer needs.' },
  coreInsideFromNode: { regex: '^\\.{1,2}/(?:.*/)?core/(?!(?:index|corpus/model|corpus/corpus|text/normalize|statutes(?:/[^/]+)?)$).+$', message: 'node/ may reach the core\'s model, corpus, normalize and statutes/ importers; anything else through core/index.ts.' },
  anyFromProtocol: { regex: '^(?!\\./)', message: 'protocol/ is the contract both sides import: it imports nothing of either side.' },
};

/** The rules enforcing some bans; `except` names one dynamic import path that stays allowed. */
function forbid(bans, { except } = {}) {
  // esquery regexes cannot contain '/': write it as \x2F.
  const selectorRegex = (regex) => `/${regex.replaceAll('/', '\\x2F')}/`;
  const allowed = except ? `:not([source.value='${except}'])` : '';
  return {
    'no-restricted-imports': ['error', { patterns: bans.map(({ regex, message }) => ({ regex, message })) }],
    'no-restricted-syntax': ['error', ...bans.flatMap(({ regex, message }) => [
      { selector: `ImportExpression[source.value=${selectorRegex(regex)}]${allowed}`, message },
      { selector: `TSImportType[argument.literal.value=${selectorRegex(regex)}]`, message },
    ])],
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/tmp/**', 'test/fixtures/**', '.vscode-test/**', '*.vsix'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: { ...forbid([BANS.nodeBuiltin, BANS.vscode, BANS.outerFromCore]), '@typescript-eslint/no-require-imports': 'error' },
  },
  { files: ['server/src/node/**/*.ts'], rules: forbid([BANS.outerFromNode, BANS.coreInsideFromNode]) },
  { files: ['server/src/lsp/**/*.ts'], rules: forbid([BANS.cliFromLsp, BANS.coreInside]) },
  { files: ['server/src/cli/**/*.ts'], rules: forbid([BANS.lspFromCli, BANS.coreInside]) },
  // `lexcite lsp` (README, In other editors) starts the server from the CLI: one lazy import, in one file.
  { files: ['server/src/cli/main.ts'], rules: forbid([BANS.lspFromCli, BANS.coreInside], { except: '../lsp/server' }) },
  { files: ['bench/**/*.ts'], rules: forbid([BANS.coreInside]) },
  { files: ['client/src/**/*.ts'], rules: forbid([BANS.serverFromClient]) },
  { files: ['protocol/**/*.ts'], rules: forbid([BANS.anyFromProtocol]) },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
  },
);
