// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/e2e/.deps/**', 'test/e2e/.work/**', '**/.out/**', 'coverage/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // The engine is pure: the extension, the webview, the CLI and the tests all run it.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/engine must stay pure: no vscode API.' }],
          patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'], message: 'src/engine must stay pure: no Node-only API.' }],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Time is injected into the engine.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Randomness is injected into the engine (use the seeded PRNG).' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', document: 'readonly', window: 'readonly' } },
  },
);
