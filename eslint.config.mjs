// Flat config: ESLint's and typescript-eslint's recommended rules over the whole repository.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import flowgraph from './scripts/lint/package-arrows.mjs';

const kernel = '@flowgraph/kernel';
const contracts = '@flowgraph/contracts';
const supergraph = '@flowgraph/supergraph';
/**
 * The allowed arrows between packages (docs/architecture.md): the kernel and the supergraph
 * package import no workspace package; subgraphs never import each other; tooling imports no
 * application package; the e2e tests import everything they start, and nothing imports them. A
 * package not listed here is not restricted.
 */
const arrows = {
  [kernel]: [],
  [supergraph]: [],
  [contracts]: [kernel],
  '@flowgraph/schema-governance': [supergraph],
  '@flowgraph/core': [kernel, contracts],
  '@flowgraph/workflow': [kernel, contracts],
  '@flowgraph/integration': [kernel, contracts],
  '@flowgraph/analytics': [kernel, contracts],
  '@flowgraph/gateway': [kernel, supergraph, contracts],
  '@flowgraph/web': [],
  '@flowgraph/e2e': [
    kernel,
    contracts,
    supergraph,
    '@flowgraph/core',
    '@flowgraph/workflow',
    '@flowgraph/integration',
    '@flowgraph/analytics',
    '@flowgraph/gateway',
  ],
};

/**
 * Connections are built by the kernel's `paginate` (pagination.ts): it fetches the extra row that
 * tells whether a next page exists, and binds cursors to their order. Elsewhere that is paging by hand.
 */
const handPaging = {
  selector: "BinaryExpression[operator='+'][left.name=/^(limit|first|pageSize)$/][right.value=1]",
  message: "Build connections with paginate() from '@flowgraph/kernel'; it fetches the extra row itself.",
};

/** Stream keys are written once: `eventStreamKey` (contracts) and `auditStreamKey` (kernel). */
const streamKeyAgain = {
  selector: 'TemplateElement[value.raw=/^:(events|audit)$/]',
  message: 'Stream keys come from @flowgraph/contracts (eventStreamKey) or the kernel (auditStreamKey), never written again.',
};

/** Resolvers are thin: a service (built in the module's context) holds the repositories. */
const repositoryInResolver = {
  selector: 'NewExpression[callee.name=/Repository$/]',
  message: 'Resolvers call a service method; build repositories in the context.',
};

/**
 * Per-request contexts are built for every request. On Node 20 an object literal that starts with
 * a spread and goes on (`{ ...base, loaders }`) gets a hidden class of its own each time: V8 builds
 * its property transitions anew, which made up most of a context's construction (decision 0026).
 */
const leadingSpread = {
  selector: "ObjectExpression[properties.0.type='SpreadElement'][properties.length>1]",
  message: 'In a per-request context, put spreads after the other properties (`{ loaders, ...base }`) or use Object.assign({}, a, b).',
};

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
    files: ['**/*.ts'],
    ignores: ['packages/kernel/src/pagination.ts'],
    rules: {
      'no-restricted-syntax': ['error', handPaging],
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
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/test/**/*.ts', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { flowgraph },
    rules: { 'flowgraph/package-arrows': ['error', { allowed: arrows }] },
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
      // A later block's no-restricted-syntax replaces an earlier one for the files it matches, so
      // each block lists every selector that applies to its files.
      'no-restricted-syntax': ['error', handPaging, streamKeyAgain],
    },
  },
  {
    files: ['**/*.resolver.ts'],
    rules: { 'no-restricted-syntax': ['error', repositoryInResolver, handPaging, streamKeyAgain] },
  },
  {
    files: ['subgraphs/*/src/context.ts', 'subgraphs/*/src/modules/*/*.context.ts'],
    rules: { 'no-restricted-syntax': ['error', leadingSpread, handPaging, streamKeyAgain] },
  },
);
