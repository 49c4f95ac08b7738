import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRedis, loadConfig } from '@flowgraph/kernel';
import { dropDatabase, uniqueName } from '@flowgraph/kernel/testing';
import { canBind, cleanEnv, freePort, repoRoot } from './helpers';

/**
 * `count` consecutive ports that can be bound, from a random start below Linux's ephemeral range
 * (32768 up), where outgoing connections would take ports between this check and npm start's.
 */
async function freeRange(count: number): Promise<number> {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => canBind(first + i)));
    if (free.every(Boolean)) return first;
  }
}

/** The environment of the child of `parentPid` running `entry`, read from Linux's /proc. */
function childEnvironment(parentPid: number, entry: string): Record<string, string> {
  const children = readFileSync(`/proc/${parentPid}/task/${parentPid}/children`, 'utf8').trim().split(/\s+/);
  const pid = children.find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(entry));
  if (!pid) throw new Error(`no child runs ${entry}`);
  const pairs = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

describe('npm start with METRICS_PORT set', () => {
  const config = loadConfig();
  const database = uniqueName('fg_start');
  const redisPrefix = uniqueName('fgstart');
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

  it('gives every process that serves metrics its own port from METRICS_PORT up, prints them, keeps running, and tells the gateway not to phone home', async () => {
    const metricsPort = await freeRange(4);
    const databaseUrl = new URL(config.DATABASE_URL);
    databaseUrl.pathname = `/${database}`;
    const ports = { CORE_PORT: await freePort(), WORKFLOW_PORT: await freePort(), INTEGRATION_PORT: await freePort(), ANALYTICS_PORT: await freePort(), GATEWAY_PORT: await freePort() };
    const env = cleanEnv({
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    });
    delete env.APOLLO_TELEMETRY_DISABLED; // what npm start does by default, whatever this shell has
    child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child!.once('close', resolve));
    const running = new Promise<void>((resolve) => child!.stdout!.on('data', () => output.includes('Press Ctrl-C to stop.') && resolve()));
    await Promise.race([running, exited.then((code) => Promise.reject(new Error(`npm start exited (${code}):\n${output}`)))]);

    const expected = { gateway: metricsPort, 'core-worker': metricsPort + 1, 'workflow-worker': metricsPort + 2, 'analytics-worker': metricsPort + 3 };
    for (const [name, port] of Object.entries(expected)) expect(output).toContain(`http://localhost:${port}/metrics (${name})`);
    expect(output).not.toContain('EADDRINUSE');
    for (const port of Object.values(expected)) {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# HELP');
    }
    // Every process is still up: the gateway answers ready.
    expect((await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/readyz`)).status).toBe(200);
    // @apollo/gateway reports usage to Apollo unless told not to; the subgraph servers serve no metrics.
    const gatewayEnv = childEnvironment(child.pid!, 'gateway/dist/src/main.js');
    expect(gatewayEnv).toMatchObject({ APOLLO_TELEMETRY_DISABLED: 'true', METRICS_PORT: String(metricsPort) });
    expect(childEnvironment(child.pid!, 'subgraphs/core/dist/src/main.js').METRICS_PORT).toBeUndefined();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 240_000);
});
