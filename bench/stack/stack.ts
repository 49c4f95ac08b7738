/**
 * One checkout's product, started as `npm start` starts it: that checkout's `scripts/start.mjs`
 * (which migrates the database with that checkout's migrations, then runs the four subgraphs, the
 * workers and the gateway from its built `dist`, one node process each), on a fresh database,
 * its own Redis prefix and its own ports.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createRedis } from '@flowgraph/kernel';
import { base, benchSecrets, freePort, repoRoot, stopProcess } from '../gateway/bench-kit';
import { childrenOf } from './proc';

/** Rate limits raised so the bench's few callers are never refused; everything else as shipped. */
const RATE_LIMITS_OUT_OF_THE_WAY = {
  RATE_LIMIT_IP_PER_MINUTE: '100000000',
  RATE_LIMIT_USER_PER_MINUTE: '100000000',
  RATE_LIMIT_API_KEY_PER_MINUTE: '100000000',
  RATE_LIMIT_OPERATION_PER_MINUTE: '100000000',
};

export interface Stack {
  label: string;
  dir: string;
  gatewayUrl: string;
  subgraphUrls: Record<'core' | 'workflow' | 'integration' | 'analytics', string>;
  database: string;
  ownerUrl: string;
  /** The product's processes by name (`gateway`, `core`, `workflow-worker`, …). */
  processes: Record<string, number>;
  stop(): Promise<void>;
}

const run = (cwd: string, command: string, args: string[]) => execFileSync(command, args, { cwd, stdio: 'inherit' });

/**
 * The baseline checkout: `BENCH_BASELINE_DIR` as given, or a git worktree of `ref` in a temp dir
 * with this checkout's node_modules hard-linked (no npm ci) and built with `tsc -b`.
 */
export function prepareBaseline(ref: string): { dir: string; remove(): void } {
  if (process.env.BENCH_BASELINE_DIR) return { dir: path.resolve(process.env.BENCH_BASELINE_DIR), remove: () => {} };
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-stack-')), 'baseline');
  run(repoRoot, 'git', ['worktree', 'add', '--detach', dir, ref]);
  // Workspace packages have node_modules of their own too: link every one that exists here.
  const modules = execFileSync('find', ['.', '-name', 'node_modules', '-prune', '-not', '-path', '*/node_modules/*/node_modules'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((p) => p && !p.includes('/dist/') && existsSync(path.join(dir, path.dirname(p))));
  for (const p of modules) run(repoRoot, 'cp', ['-al', p, path.join(dir, p)]);
  run(dir, process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
  return {
    dir,
    remove: () => run(repoRoot, 'git', ['worktree', 'remove', '--force', dir]),
  };
}

/** Which product process a child of start.mjs is, from its entry point. */
function processName(cmdline: string): string | null {
  const match = /(?:subgraphs\/)?(\w+)\/dist\/src\/(main|worker)\.js/.exec(cmdline);
  if (!match) return null;
  return match[2] === 'worker' ? `${match[1]}-worker` : match[1];
}

function waitForLine(child: ChildProcess, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms: ${out.slice(-3000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-20_000);
      if (!out.includes(text)) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited ${code}: ${out.slice(-3000)}`));
    });
  });
}

export async function startStack(label: string, dir: string): Promise<Stack> {
  const database = `flowgraph_stack_${Date.now()}_${label}`;
  const ownerUrl = base.DATABASE_URL.replace(/\/[^/?]*(\?|$)/, `/${database}$1`);
  const redisPrefix = `stackbench_${label}_${randomUUID().slice(0, 8)}`;
  const ports = {
    GATEWAY_PORT: await freePort(),
    CORE_PORT: await freePort(),
    WORKFLOW_PORT: await freePort(),
    INTEGRATION_PORT: await freePort(),
    ANALYTICS_PORT: await freePort(),
  };
  // The helper's own settings must not leak into the product (ports, metrics, another database).
  const { METRICS_PORT: _m, PORT: _p, DATABASE_APP_URL: _a, ...inherited } = process.env;
  const env = {
    ...inherited,
    ...benchSecrets,
    ...RATE_LIMITS_OUT_OF_THE_WAY,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    DATABASE_URL: ownerUrl,
    REDIS_URL: base.REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    // Two stacks of nine processes share one Postgres (max_connections 100 here): a pool of 4 per
    // process, the same on both sides, keeps both under it (BENCH_POOL_MAX to change).
    DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX ?? '4',
    ...(process.env.BENCH_CPU_PROF
      ? { NODE_OPTIONS: `--require ${path.join(repoRoot, 'bench/support/cpu-profile.cjs')}`, CPU_PROFILE_DIR: process.env.BENCH_CPU_PROF }
      : {}),
    ...(JSON.parse(process.env.BENCH_STACK_ENV ?? '{}') as Record<string, string>),
  };
  const child = spawn(process.execPath, [path.join(dir, 'scripts', 'start.mjs')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep every service's log (start.mjs prefixes each line with its name) when asked, else drain it.
  if (process.env.BENCH_LOG_DIR) {
    const log = createWriteStream(path.join(process.env.BENCH_LOG_DIR, `stack-${label}-${child.pid}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  } else {
    child.stdout!.resume();
    child.stderr!.resume();
  }
  const stop = async () => {
    await stopProcess(child);
    const redis = createRedis(base.REDIS_URL);
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
    redis.disconnect();
    const admin = new Client({ connectionString: base.DATABASE_URL.replace(/\/[^/?]*(\?|$)/, '/postgres$1') });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  };
  try {
    await waitForLine(child, 'Flowgraph is running', 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const processes: Record<string, number> = {};
  for (const c of childrenOf(child.pid!)) {
    const name = processName(c.cmdline);
    if (name) processes[name] = c.pid;
  }
  const origin = (port: number) => `http://127.0.0.1:${port}/graphql`;
  return {
    label,
    dir,
    gatewayUrl: origin(ports.GATEWAY_PORT),
    subgraphUrls: {
      core: origin(ports.CORE_PORT),
      workflow: origin(ports.WORKFLOW_PORT),
      integration: origin(ports.INTEGRATION_PORT),
      analytics: origin(ports.ANALYTICS_PORT),
    },
    database,
    ownerUrl,
    processes,
    stop,
  };
}
