import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, freePort, isListening, repoRoot, runNode } from './helpers';

// A jest of its own: initdb of a fresh embedded cluster (~10 s) plus the template's migrations.
jest.setTimeout(300_000);

describe('npm test: Postgres and Redis found or started as npm start does', () => {
  let scratch: string;
  // Under /tmp itself (world-traversable): as root the cluster runs as the postgres user.
  const dataDir = path.join(os.tmpdir(), `fg-npm-test-pg-${randomBytes(4).toString('hex')}`);
  beforeAll(() => (scratch = mkdtempSync(path.join(os.tmpdir(), 'fg-npm-test-'))));
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the embedded Postgres for the whole run when forced, its tests clone a migrated template there, and it is stopped at the end', async () => {
    const port = await freePort();
    const out = path.join(scratch, 'probe.json');
    const env = cleanEnv({
      FLOWGRAPH_EMBEDDED_POSTGRES: '1', // forced, even though a local server may be running
      FLOWGRAPH_EMBEDDED_PG_PORT: String(port),
      FLOWGRAPH_EMBEDDED_PG_DIR: dataDir,
      FLOWGRAPH_PROBE_OUT: out,
    });
    // This run's own workers and template must not leak into the inner run.
    for (const key of ['JEST_WORKER_ID', 'FLOWGRAPH_TEST_TEMPLATE']) delete env[key];

    const run = await runNode(
      'node_modules/jest/bin/jest.js',
      ['--ci', '-w', '1', '--roots', path.join(repoRoot, 'scripts/test/fixtures/npm-test'), '--testMatch', '**/*.probe.ts'],
      env,
      280_000,
    );

    expect({ code: run.code, output: run.code === 0 ? '' : run.stdout + run.stderr }).toEqual({ code: 0, output: '' });
    expect(run.stdout + run.stderr).toContain(`Started embedded Postgres on :${port}`);
    const probe = JSON.parse(readFileSync(out, 'utf8'));
    expect(probe).toMatchObject({ DATABASE_URL: `postgres://postgres:flowgraph@127.0.0.1:${port}/flowgraph`, pong: 'PONG' });
    expect(probe.version).toBeGreaterThanOrEqual(150000);
    expect(probe.tables).toBeGreaterThan(10); // the clone carries every subgraph's migrated tables
    expect(await isListening(port)).toBe(false);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true); // kept, as npm start keeps .flowgraph/pg
  });
});
