// Lint rules that keep the architecture honest: the citation core imports no Node built-in and nothing of
// VS Code or the LSP transport; the client holds no citation logic (it may not import the server's code).
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

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
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node', 'vscode-jsonrpc', 'vscode-jsonrpc/node']
          .map((name) => ({ name, message: 'The citation core is transport-free: no Node built-ins, no VS Code, no LSP transport (see README, Architecture).' })),
        patterns: [{ group: ['../node/*', '../lsp/*', '../cli/*', '**/client/**'], message: 'The core must not depend on the Node, LSP or CLI layers.' }],
      }],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/core/**'], message: 'The client has no citation logic: ask the server.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
  },
);
