import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, freePort, isListening, lastJson, runNode } from './helpers';

const FIXTURE = 'scripts/test/fixtures/resolve-redis.mjs';

describe('Redis resolution', () => {
  let emptyBin: string;
  beforeAll(() => (emptyBin = mkdtempSync(path.join(os.tmpdir(), 'fg-empty-path-'))));
  afterAll(() => rmSync(emptyBin, { recursive: true, force: true }));

  it('uses REDIS_URL as given when it is set, without probing anything else', async () => {
    const [local, spawnPort, elsewhere] = [await freePort(), await freePort(), await freePort()];
    const url = `redis://127.0.0.1:${elsewhere}`;
    const run = await runNode(FIXTURE, [String(local), String(spawnPort)], cleanEnv({ REDIS_URL: url, PATH: emptyBin }));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`log: Using Redis from REDIS_URL (127.0.0.1:${elsewhere})`);
    expect(lastJson(run.stdout)).toEqual({ source: 'env', url });
  });

  it('says what is missing in one line when no Redis answers and no redis-server is on PATH', async () => {
    const [local, spawnPort] = [await freePort(), await freePort()];
    const run = await runNode(FIXTURE, [String(local), String(spawnPort)], cleanEnv({ PATH: emptyBin }));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Redis not found: set REDIS_URL or install redis-server (apt-get install redis-server)\n');
  });

  it('starts redis-server from PATH on its own port when no Redis answers, and stops it', async () => {
    const [local, spawnPort] = [await freePort(), await freePort()];
    const run = await runNode(FIXTURE, [String(local), String(spawnPort)], cleanEnv());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`log: Started redis-server on :${spawnPort}`);
    expect(lastJson(run.stdout)).toEqual({ source: 'spawned', url: `redis://127.0.0.1:${spawnPort}` });
    expect(await isListening(spawnPort)).toBe(false);
  });
});
