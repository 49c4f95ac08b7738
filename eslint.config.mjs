// Flat config: ESLint's and typescript-eslint's recommended rules over the whole repository.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    // Build output, generated code and local state are not ours to lint.
    ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '.flowgraph/**', '**/coverage/**', 'web/dist/**', 'web/build/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter or binding that is deliberately unused (e.g. resolver args).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS config files (jest.config.js) use require/module.exports.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/test/**/*.ts', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // Contracts between services live in @flowgraph/contracts, and internal routes and callers are
    // built with the kernel's internalRoute/internalClient (docs/architecture.md, "Contracts").
    files: ['subgraphs/*/src/**/*.ts', 'gateway/src/plugins/api-key-auth/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@flowgraph/kernel',
              importNames: ['verifyRequestIdentity', 'jsonKeepingBytes', 'signIdentity'],
              message: 'Internal routes use internalRoute(...) and internal callers internalClient(...) from the kernel.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "TemplateElement[value.raw=/^:(events|audit)$/]",
          message: 'Stream keys come from @flowgraph/contracts (eventStreamKey) or the kernel (auditStreamKey), never written again.',
        },
      ],
    },
  },
);
