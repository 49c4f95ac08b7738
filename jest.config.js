/** One jest run over every package. Each test file owns its database (cloned from a template). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/scripts', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts', '**/test/**/*.test.mjs'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper: {
    '^@flowgraph/kernel$': '<rootDir>/packages/kernel/src/index.ts',
    '^@flowgraph/kernel/testing$': '<rootDir>/packages/kernel/src/testing/index.ts',
    '^@flowgraph/kernel/telemetry$': '<rootDir>/packages/kernel/src/telemetry/index.ts',
    '^@flowgraph/supergraph$': '<rootDir>/packages/supergraph/src/index.ts',
    '^@flowgraph/contracts$': '<rootDir>/packages/contracts/src/index.ts',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30000,
};
