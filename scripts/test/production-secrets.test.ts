import { uniqueName } from '@flowgraph/kernel/testing';
import { cleanEnv, runNode } from './helpers';

/** Every process a deployment runs (compose, k8s), its built entry point, and the signing keys it reads. */
const SHARED = ['IDENTITY_SECRET', 'JWT_SECRET'];
const PROCESSES: Record<string, { entry: string; secrets: string[] }> = {
  gateway: { entry: 'gateway/dist/src/main.js', secrets: SHARED },
  core: { entry: 'subgraphs/core/dist/src/main.js', secrets: SHARED },
  'core-worker': { entry: 'subgraphs/core/dist/src/worker.js', secrets: SHARED },
  workflow: { entry: 'subgraphs/workflow/dist/src/main.js', secrets: [...SHARED, 'WEBHOOK_SECRET_KEY', 'SECRET_KEYS'] },
  'workflow-worker': { entry: 'subgraphs/workflow/dist/src/worker.js', secrets: [...SHARED, 'WEBHOOK_SECRET_KEY', 'SECRET_KEYS'] },
  integration: { entry: 'subgraphs/integration/dist/src/main.js', secrets: SHARED },
  'integration-worker': { entry: 'subgraphs/integration/dist/src/worker.js', secrets: [...SHARED, 'SECRET_KEYS'] },
  analytics: { entry: 'subgraphs/analytics/dist/src/main.js', secrets: SHARED },
  'analytics-worker': { entry: 'subgraphs/analytics/dist/src/worker.js', secrets: SHARED },
};
const REAL = {
  IDENTITY_SECRET: 'i'.repeat(40),
  JWT_SECRET: 'j'.repeat(40),
  WEBHOOK_SECRET_KEY: 'w'.repeat(40),
  SECRET_KEYS: `prod:${Buffer.alloc(32, 's').toString('base64')}`,
};

describe('NODE_ENV=production', () => {
  it.each(Object.entries(PROCESSES))(
    '%s refuses to start with the development value of each signing key it reads',
    async (_name, { entry, secrets }) => {
      const runs = await Promise.all(
        secrets.map(async (secret) => {
          // Port 0 and a prefix of its own: should it start after all, it collides with nothing.
          const env = cleanEnv({ NODE_ENV: 'production', PORT: '0', REDIS_PREFIX: uniqueName('fgprod'), ...REAL });
          delete env[secret]; // left unset: the development default
          delete env.METRICS_PORT;
          const run = await runNode(entry, [], env, 60_000);
          return { secret, code: run.code, refused: (run.stdout + run.stderr).includes(`${secret} must be set in production`) };
        }),
      );
      expect(runs).toEqual(secrets.map((secret) => ({ secret, code: 1, refused: true })));
    },
    70_000,
  );
});
