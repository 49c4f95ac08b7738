/**
 * Shared pieces of the gateway benches: a fresh migrated database, the four subgraphs as child
 * processes (as deployed: one process each), child-process helpers, and the identity every
 * gateway forwards. Asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, signIdentity, type Identity, type SignedCall } from '@flowgraph/kernel';
import { freePort } from '@flowgraph/kernel/testing';

export { freePort };
import { createBenchDatabase as createDatabase, type BenchDatabase } from '../support/database';
import { migrationPlan as coreMigrations } from '@flowgraph/core/migrations';
import { migrationPlan as workflowMigrations } from '@flowgraph/workflow/migrations';
import { migrationPlan as integrationMigrations } from '@flowgraph/integration/migrations';
import { migrationPlan as analyticsMigrations } from '@flowgraph/analytics/migrations';

/**
 * Secrets every bench process shares (children get them in their environment): not the
 * development defaults, so a gateway can run with NODE_ENV=production.
 */
export const benchSecrets = {
  IDENTITY_SECRET: 'bench-identity-secret-0123456789abcdef-0123',
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
};
export const base = loadConfig({}, { ...process.env, ...benchSecrets });
export const repoRoot = path.join(__dirname, '..', '..');
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export const print = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export type SubgraphUrls = { core: string; workflow: string; integration: string; analytics: string };

export type { BenchDatabase } from '../support/database';

/** A new database with every subgraph's migrations applied; `drop()` removes it. */
export function createBenchDatabase(name: string): Promise<BenchDatabase> {
  return createDatabase(name, base, [coreMigrations, workflowMigrations, integrationMigrations, analyticsMigrations]);
}

/**
 * The gateway's Node settings as npm start, compose and k8s run it (`nodeOptions` in
 * scripts/lib/services.mjs; decision 0016). Given to ours as NODE_OPTIONS, so a variant can override it.
 */
export const OURS_NODE_OPTIONS = '--max-semi-space-size=32';

/** Starts `script` (a path from the repository root) under tsx; `BENCH_CPU_PROF=<dir>` profiles it. */
export function startProcess(script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...prof, ...nodeArgs, '--import', 'tsx', path.join(repoRoot, script)], {
    env: { ...process.env, ...benchSecrets, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // BENCH_LOG_DIR=<dir> keeps each child's output (its JSON logs) in <dir>/<script name>-<pid>.log.
  if (process.env.BENCH_LOG_DIR)
    child.stdout!.pipe(
      createWriteStream(
        path.join(
          process.env.BENCH_LOG_DIR,
          `${path.basename(path.dirname(path.dirname(script)))}-${path.basename(script, '.ts')}-${child.pid}.log`,
        ),
      ),
    );
  else child.stdout!.resume();
  return child;
}

/** Resolves with the first stdout line starting with `prefix` (the rest of the line), rejects if the child exits first. */
export function lineFrom(child: ChildProcess, prefix: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms: ${out.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith(prefix));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(line.slice(prefix.length).trim());
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `url` until it answers 2xx. */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface RunningSubgraphs {
  urls: SubgraphUrls;
  children: ChildProcess[];
  stop(): Promise<void>;
}

/** The four subgraphs, each its own process (`subgraphs/<name>/src/main.ts`), on free ports. */
export async function startSubgraphs(db: BenchDatabase, redisPrefix: string, env: Record<string, string> = {}): Promise<RunningSubgraphs> {
  const ports = { core: await freePort(), workflow: await freePort(), integration: await freePort(), analytics: await freePort() };
  const common = {
    ...env,
    DATABASE_URL: db.ownerUrl,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: process.env.BENCH_SUBGRAPH_LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
  };
  const children = [
    startProcess('subgraphs/core/src/main.ts', { ...common, PORT: String(ports.core) }),
    startProcess('subgraphs/workflow/src/main.ts', { ...common, PORT: String(ports.workflow) }),
    startProcess('subgraphs/integration/src/main.ts', { ...common, PORT: String(ports.integration) }),
    startProcess('subgraphs/analytics/src/main.ts', {
      ...common,
      PORT: String(ports.analytics),
      WORKFLOW_ORIGIN: `http://127.0.0.1:${ports.workflow}`,
    }),
  ];
  const urls = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}/graphql`])) as SubgraphUrls;
  await Promise.all(Object.values(ports).map((port) => waitForHttp(`http://127.0.0.1:${port}/healthz`)));
  return { urls, children, stop: async () => void (await Promise.all(children.map(stopProcess))) };
}

/**
 * The supergraph as composed (`gateway/supergraph.graphql`) with each `join__graph` URL pointed at
 * the running subgraphs: every gateway reads this one file (Hive gateway takes subgraph URLs from it).
 */
export function writeBenchSupergraph(urls: SubgraphUrls): string {
  let sdl = readFileSync(path.join(repoRoot, 'gateway', 'supergraph.graphql'), 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    sdl = sdl.replace(new RegExp(`(${name.toUpperCase()} @join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
  }
  const file = path.join(os.tmpdir(), `bench-supergraph-${randomUUID().slice(0, 8)}.graphql`);
  writeFileSync(file, sdl);
  return file;
}

/** The caller every gateway acts for: the bench user, an admin of the bench organization. */
export interface BenchCaller {
  userId: string;
  orgId: string;
  sessionId: string;
}

/** Signed identity headers for `caller` on `call`, fresh (timestamp, request id) on every call. */
export function signedHeadersFor(caller: BenchCaller, call: SignedCall, secret = base.IDENTITY_SECRET): Record<string, string> {
  const identity: Identity = {
    requestId: randomUUID(),
    userId: caller.userId,
    orgId: caller.orgId,
    role: 'admin',
    sessionId: caller.sessionId,
    scopes: [],
    authMethod: 'jwt',
  };
  return signIdentity(identity, secret, call);
}

/** Reads the caller the orchestrator passes to a gateway process (`BENCH_CALLER`, JSON). */
export function callerFromEnv(): BenchCaller {
  return JSON.parse(process.env.BENCH_CALLER ?? '{}') as BenchCaller;
}
