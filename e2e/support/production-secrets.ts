/**
 * Import first in a test file that runs the gateway with NODE_ENV=production: production refuses
 * the development secrets, so this file's processes (subgraphs and gateway alike) get test-only
 * ones before any config is loaded. Jest gives each test file its own `process.env`.
 */
process.env.IDENTITY_SECRET = 'production-mode-test-identity-secret-0123456789';
process.env.JWT_SECRET = 'production-mode-test-jwt-secret-0123456789abcdef';

export {};
