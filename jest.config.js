/** One jest run over every package. Each test file owns its database (cloned from a template). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/e2e', '<rootDir>/scripts', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts', '**/test/**/*.test.mjs'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // ESM-only dependencies, compiled to CommonJS like our sources (production loads them with import()).
  transformIgnorePatterns: ['/node_modules/(?!oauth4webapi/)'],
  moduleNameMapper: {
    '^@flowgraph/kernel$': '<rootDir>/packages/kernel/src/index.ts',
    '^@flowgraph/kernel/testing$': '<rootDir>/packages/kernel/src/testing/index.ts',
    '^@flowgraph/kernel/telemetry$': '<rootDir>/packages/kernel/src/telemetry/index.ts',
    '^@flowgraph/supergraph$': '<rootDir>/packages/supergraph/src/index.ts',
    '^@flowgraph/contracts$': '<rootDir>/packages/contracts/src/index.ts',
    '^@flowgraph/(core|workflow|integration|analytics)$': '<rootDir>/subgraphs/$1/src/index.ts',
    '^@flowgraph/(core|workflow|integration|analytics)/testing$': '<rootDir>/subgraphs/$1/src/testing/index.ts',
    '^@flowgraph/(core|workflow|integration|analytics)/migrations$': '<rootDir>/subgraphs/$1/migrations/index.ts',
    '^@flowgraph/gateway$': '<rootDir>/gateway/src/index.ts',
    '^@flowgraph/gateway/testing$': '<rootDir>/gateway/src/testing/index.ts',
    '^@flowgraph/gateway/testing/telemetry$': '<rootDir>/gateway/src/testing/telemetry.ts',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30000,
  // `npm test -- --coverage` (CI): V8's own counts over every product source file, loaded by a test
  // or not, so an untested module counts as 0 % instead of vanishing from the figure. Generated
  // code and the packages' test kits (`testing/`) are not product code; scripts/ and the web app
  // are measured where they run (scripts in child processes are not; web by Vitest).
  coverageProvider: 'v8',
  collectCoverageFrom: [
    '{packages,subgraphs}/*/src/**/*.ts',
    'subgraphs/*/migrations/**/*.ts',
    'gateway/src/**/*.ts',
    '!**/*.d.ts',
    '!**/src/generated/**',
    '!**/src/testing/**',
  ],
  coverageDirectory: '<rootDir>/coverage/jest',
  coverageReporters: ['json-summary', 'text-summary'],
  coverageThreshold: require('./coverage-thresholds.json').jest,
};
