import { spawn, type ChildProcess } from 'node:child_process';
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { createRedis, loadConfig } from '@flowgraph/kernel';
import { dropDatabase, uniqueName } from '@flowgraph/kernel/testing';
import { cleanEnv, freePort, isListening, repoRoot } from './helpers';

const EVERY_PROCESS = ['analytics', 'analytics-worker', 'core', 'core-worker', 'gateway', 'integration', 'workflow', 'workflow-worker'];

/** The processes that printed node --watch's "Restarting" line in `output` ("name | Restarting '…'"). */
function restarted(output: string): string[] {
  return [...new Set([...output.matchAll(/^(\S+)\s*\| Restarting '/gm)].map((m) => m[1]))].sort();
}

/** Touches a built file, as `tsc -b --watch` does when it rewrites it. */
function touch(file: string): void {
  const now = new Date();
  utimesSync(path.join(repoRoot, file), now, now);
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const ready = (port: number) => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);

describe('npm run dev', () => {
  const config = loadConfig();
  const database = uniqueName('fg_dev');
  const redisPrefix = uniqueName('fgdev');
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('close', resolve));
    }
    await dropDatabase(config.DATABASE_URL, database);
    const redis = createRedis(config.REDIS_URL);
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('restarts only the service whose package was rebuilt, every process when the kernel was, and stops them all', async () => {
    const databaseUrl = new URL(config.DATABASE_URL);
    databaseUrl.pathname = `/${database}`;
    const ports = { CORE_PORT: await freePort(), WORKFLOW_PORT: await freePort(), INTEGRATION_PORT: await freePort(), ANALYTICS_PORT: await freePort(), GATEWAY_PORT: await freePort() };
    const env = cleanEnv({
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    });
    delete env.METRICS_PORT;
    child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs'), '--watch'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child!.once('close', resolve));
    const died = exited.then((code) => Promise.reject(new Error(`npm run dev exited (${code}):\n${output}`)));
    // Running, and tsc's first pass done (it would otherwise rewrite output under our feet).
    await Promise.race([until('the platform and tsc --watch', () => output.includes('Press Ctrl-C to stop.') && /tsc\s*\|.*Watching for file changes/.test(output)), died]);
    expect(restarted(output)).toEqual([]);

    let mark = output.length;
    touch('subgraphs/integration/dist/src/main.js');
    await Promise.race([until('integration to restart and be ready', async () => restarted(output.slice(mark)).length > 0 && (await ready(ports.INTEGRATION_PORT))), died]);
    await new Promise((r) => setTimeout(r, 2000)); // time for any wrong restart to show
    expect(restarted(output.slice(mark))).toEqual(['integration']);

    mark = output.length;
    touch('packages/kernel/dist/index.js');
    await Promise.race([until('every process to restart', () => restarted(output.slice(mark)).length === EVERY_PROCESS.length), died]);
    expect(restarted(output.slice(mark))).toEqual(EVERY_PROCESS);
    await Promise.race([until('the gateway to be ready again', () => ready(ports.GATEWAY_PORT)), died]);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // node --watch's children are stopped too: nothing still listens.
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  }, 280_000);
});
