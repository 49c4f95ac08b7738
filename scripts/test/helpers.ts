import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createRedis, loadConfig } from '@flowgraph/kernel';
import { dropDatabase, uniqueName } from '@flowgraph/kernel/testing';

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <script> ...args` from the repo root with exactly `env` (plus nothing inherited
 * unless the caller spreads process.env). The scripts are ESM, which jest's CJS test files
 * cannot import, so tests drive them as separate processes and read their output.
 */
export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, script), ...args], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The environment without the variables that choose Postgres/Redis, so each test sets its own. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'FLOWGRAPH_EMBEDDED_POSTGRES', 'FLOWGRAPH_EMBEDDED_PG_PORT', 'FLOWGRAPH_EMBEDDED_PG_DIR'])
    delete env[key];
  return { ...env, ...extra };
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when `port` can be bound on every address now, as start.mjs checks it (a port an outgoing connection holds cannot). */
export function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive ports that can be bound, from a random start below Linux's ephemeral range
 * (32768 up), where outgoing connections would take ports between this check and npm start's.
 */
export async function freeRange(count: number): Promise<number> {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => canBind(first + i)));
    if (free.every(Boolean)) return first;
  }
}

/** True when something accepts connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The last line of output that parses as JSON (the fixtures print their result that way). */
export function lastJson<T>(stdout: string): T {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON result in output:\n${stdout}`);
  return JSON.parse(line) as T;
}

/** `scripts/start.mjs` running as a child on a database, Redis prefix and ports of its own. */
export interface PlatformRun {
  child: ChildProcess;
  ports: { CORE_PORT: number; WORKFLOW_PORT: number; INTEGRATION_PORT: number; ANALYTICS_PORT: number; GATEWAY_PORT: number };
  /** Its DATABASE_URL (the owner's connection) and REDIS_PREFIX. */
  databaseUrl: string;
  redisPrefix: string;
  /** stdout and stderr so far. */
  output(): string;
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
  /** Rejects with the output when it exits before `ready` resolves. */
  unlessExited<T>(ready: Promise<T>): Promise<T>;
  /** Stops it if it still runs, then drops its database and Redis keys. */
  cleanUp(): Promise<void>;
}

/**
 * Starts the platform as `npm start` (or `npm run dev`, with `--watch`) does, on a fresh database
 * and Redis prefix named after `name` (or the `database` and `redisPrefix` given, e.g. a restored
 * one; cleanUp removes them too) and free ports (or the `ports` given, when others must know one
 * first); `env` adds settings, `unset` removes inherited ones.
 */
export async function startPlatform(
  name: string,
  options: {
    args?: string[];
    env?: NodeJS.ProcessEnv;
    unset?: string[];
    ports?: Partial<PlatformRun['ports']>;
    database?: string;
    redisPrefix?: string;
  } = {},
): Promise<PlatformRun> {
  const config = loadConfig();
  const database = options.database ?? uniqueName(`fg_${name}`);
  const redisPrefix = options.redisPrefix ?? uniqueName(`fg${name}`);
  const databaseUrl = new URL(config.DATABASE_URL);
  databaseUrl.pathname = `/${database}`;
  const ports = {
    CORE_PORT: await freePort(),
    WORKFLOW_PORT: await freePort(),
    INTEGRATION_PORT: await freePort(),
    ANALYTICS_PORT: await freePort(),
    GATEWAY_PORT: await freePort(),
    ...options.ports,
  };
  const env = cleanEnv({
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(Object.entries(ports).map(([key, port]) => [key, String(port)])),
    ...options.env,
  });
  for (const key of options.unset ?? []) delete env[key];
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs'), ...(options.args ?? [])], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    child,
    ports,
    databaseUrl: databaseUrl.toString(),
    redisPrefix,
    output: () => output,
    exited,
    unlessExited: (ready) =>
      Promise.race([ready, exited.then((code) => Promise.reject(new Error(`start.mjs exited (${code}):\n${output}`)))]),
    async cleanUp() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await dropDatabase(config.DATABASE_URL, database);
      const redis = createRedis(config.REDIS_URL);
      const keys = await redis.keys(`${redisPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
