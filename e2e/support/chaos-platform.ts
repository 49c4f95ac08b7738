import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ensureAppRole, loadConfig, migrateSubgraph } from '@flowgraph/kernel';
import { createEmptyDatabase, freePort, until } from '@flowgraph/kernel/testing';
import { migrationPlan as core } from '@flowgraph/core/migrations';
import { migrationPlan as workflow } from '@flowgraph/workflow/migrations';
import { migrationPlan as integration } from '@flowgraph/integration/migrations';
import { migrationPlan as analytics } from '@flowgraph/analytics/migrations';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from './local-servers';

/**
 * The platform as `npm start` runs it — four subgraphs, their workers and the gateway, each its
 * own process on the built `dist/` — but on a Postgres and a Redis of the test's own, and with
 * each process started by itself so a test can SIGKILL one and start it again (start.mjs stops
 * everything when one child dies).
 */

const repoRoot = path.resolve(__dirname, '..', '..');
const SUBGRAPHS = ['core', 'workflow', 'integration', 'analytics'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];
export type ServiceName = Subgraph | `${Subgraph}-worker` | 'gateway';

export interface ServiceProcess {
  name: ServiceName;
  /** True while the process runs. */
  alive(): boolean;
  /** How it ended, once it has: `SIGKILL`, `code 1`. */
  ended(): string | undefined;
  /** What it printed (stdout and stderr), all runs. */
  output(): string;
  kill(): Promise<void>;
  /** Starts it again (after `kill`) and waits until it serves. */
  start(): Promise<void>;
}

export interface ChaosPlatform {
  gatewayUrl: string;
  postgres: PostgresServer;
  redis: RedisServer;
  services: Record<ServiceName, ServiceProcess>;
  /** A query on the platform's database as its owner (no row-level security). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Each process that is not running and was not killed on purpose, with the end of its output. */
  crashes(): string[];
  /** Every process's output lines that mention one of `ids` (request ids, execution ids), prefixed with the process. */
  linesAbout(ids: string[]): string[];
  /** Where each process's output is kept (`<name>.log`), all runs; removed by `stop` unless `keepLogs`. */
  logDir: string;
  stop(options?: { keepLogs?: boolean }): Promise<void>;
}

const entry = (name: ServiceName): string => {
  if (name === 'gateway') return path.join(repoRoot, 'gateway', 'dist', 'src', 'main.js');
  const [subgraph, worker] = name.split('-');
  return path.join(repoRoot, 'subgraphs', subgraph, 'dist', 'src', worker ? 'worker.js' : 'main.js');
};

async function migrate(postgres: PostgresServer, database: string): Promise<string> {
  const config = loadConfig();
  const url = await createEmptyDatabase(postgres.url(), database);
  await ensureAppRole(url, config.DATABASE_APP_ROLE, config.DATABASE_APP_PASSWORD);
  for (const plan of [core, workflow, integration, analytics]) await migrateSubgraph(url, plan);
  return url;
}

/** Generous: on a loaded 2-core machine four services starting at once take a while. */
const START_TIMEOUT_MS = 180_000;

/** Waits until `url` answers 200, failing early with the output if the process exits. */
async function ready(service: { alive(): boolean; output(): string; name: string }, probe: () => Promise<boolean>): Promise<void> {
  await until(
    async () => {
      if (!service.alive()) throw new Error(`${service.name} exited while starting`);
      return probe();
    },
    START_TIMEOUT_MS,
    `${service.name} to serve`,
    200,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; its output:\n${service.output().slice(-4000)}`);
  });
}

const answersReady = (port: number) => async () => {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
  return response?.status === 200;
};

/**
 * Starts the servers, migrates, then the processes (the gateway last); `env` adds settings
 * (short stall and sweep intervals, test-cheap password hashing, …).
 */
export async function startChaosPlatform(env: NodeJS.ProcessEnv = {}): Promise<ChaosPlatform> {
  // A server left running when the start fails keeps jest from exiting (the redis-server child).
  const [startedPostgres, startedRedis] = await Promise.allSettled([startPostgres(), startRedis({ appendOnly: true })]);
  const removeServers = async () => {
    if (startedRedis.status === 'fulfilled') await startedRedis.value.remove();
    if (startedPostgres.status === 'fulfilled') await startedPostgres.value.remove();
  };
  if (startedPostgres.status === 'rejected' || startedRedis.status === 'rejected') {
    await removeServers();
    throw startedPostgres.status === 'rejected' ? startedPostgres.reason : (startedRedis as PromiseRejectedResult).reason;
  }
  const [postgres, redis] = [startedPostgres.value, startedRedis.value];
  const databaseUrl = await migrate(postgres, 'flowgraph_chaos').catch(async (error: unknown) => {
    await removeServers();
    throw error;
  });
  const ports: Record<Subgraph | 'gateway', number> = {
    core: await freePort(),
    workflow: await freePort(),
    integration: await freePort(),
    analytics: await freePort(),
    gateway: await freePort(),
  };
  const origin = (name: Subgraph | 'gateway') => `http://127.0.0.1:${ports[name]}`;
  const inherited = { ...process.env };
  // jest's global set-up points these at the shared servers: this platform has its own.
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'METRICS_PORT', 'FLOWGRAPH_EMBEDDED_POSTGRES']) delete inherited[key];
  const base: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: 'development',
    APOLLO_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'chaos',
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase()}_URL`, `${origin(s)}/graphql`])),
    CORE_ORIGIN: origin('core'),
    WORKFLOW_ORIGIN: origin('workflow'),
    INTEGRATION_ORIGIN: origin('integration'),
    PUBLIC_URL: origin('gateway'),
    WEB_APP_URL: origin('gateway'),
    ...env,
  };

  const logDir = await mkdtemp(path.join(tmpdir(), 'fg-chaos-logs-'));
  const logs: WriteStream[] = [];
  const deliberatelyKilled = new Set<ServiceName>();
  const service = (name: ServiceName): ServiceProcess => {
    let child: ChildProcess | undefined;
    let output = '';
    const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
    logs.push(log);
    const keep = (chunk: Buffer) => {
      output += chunk;
      log.write(chunk);
    };
    let end: string | undefined;
    const port = name.endsWith('-worker') ? undefined : ports[name as Subgraph | 'gateway'];
    const self: ServiceProcess = {
      name,
      alive: () => !!child && child.exitCode === null && child.signalCode === null,
      ended: () => end,
      output: () => output,
      async kill() {
        if (!self.alive()) return;
        deliberatelyKilled.add(name);
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        child!.kill('SIGKILL');
        await exited;
      },
      async start() {
        const runOutput = output.length;
        end = undefined;
        child = spawn(process.execPath, [entry(name)], {
          cwd: repoRoot,
          env: { ...base, ...(port ? { PORT: String(port) } : {}) },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout!.on('data', keep);
        child.stderr!.on('data', keep);
        child.once('exit', (code, signal) => (end = signal ?? `code ${code}`));
        // A worker serves nothing: it is up once it says so.
        await ready(self, port ? answersReady(port) : async () => /worker started/.test(output.slice(runOutput)));
        deliberatelyKilled.delete(name);
      },
    };
    return self;
  };

  const services = Object.fromEntries(
    [...SUBGRAPHS, ...SUBGRAPHS.map((s) => `${s}-worker` as const), 'gateway' as const].map((name) => [name, service(name)]),
  ) as Record<ServiceName, ServiceProcess>;
  const stop = async ({ keepLogs = false } = {}) => {
    for (const running of Object.values(services).reverse()) await running.kill();
    await Promise.all(logs.map((log) => new Promise((resolve) => log.end(resolve))));
    if (!keepLogs) await rm(logDir, { recursive: true, force: true });
    await redis.remove();
    await postgres.remove();
  };
  try {
    // The subgraphs and workers need only the servers: all eight start together; the gateway
    // composes from the subgraphs, so it starts once they serve.
    await Promise.all(
      Object.values(services)
        .filter((s) => s.name !== 'gateway')
        .map((s) => s.start()),
    );
    await services.gateway.start();
  } catch (error) {
    await stop({ keepLogs: true });
    throw new Error(`${(error as Error).message}\n(the processes' output is in ${logDir})`);
  }

  return {
    gatewayUrl: origin('gateway'),
    postgres,
    redis,
    services,
    async query<T>(sql: string, params: unknown[] = []) {
      const client = new Client({ connectionString: postgres.url('flowgraph_chaos') });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    crashes: () =>
      Object.values(services)
        .filter((s) => !s.alive() && !deliberatelyKilled.has(s.name))
        .map((s) => `${s.name} ended (${s.ended()}):\n${s.output().slice(-3000)}`),
    linesAbout: (ids) =>
      ids.length === 0
        ? []
        : Object.values(services).flatMap((s) =>
            s
              .output()
              .split('\n')
              .filter((line) => ids.some((id) => line.includes(id)))
              .map((line) => `${s.name}: ${line}`),
          ),
    logDir,
    stop,
  };
}
