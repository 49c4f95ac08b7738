/**
 * bench/workflow-throughput: executions per second of a 5-step workflow (transform, condition,
 * 2 transforms, notify → Core) with 1 and 2 worker processes, and the p95 latency from
 * executeWorkflow to completion at 50% of the measured rate (architecture-target.md §7.1: < 500 ms).
 * Core (for notify) and the workflow subgraph run in this process; workers are real processes
 * (`subgraphs/workflow/src/worker.ts`). Run: `npx tsx bench/workflow-throughput/run.ts`.
 * Prints JSON lines; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { Queue } from 'bullmq';
import {
  appDatabaseUrl,
  createLogger,
  createOrm,
  createRedis,
  ensureAppRole,
  loadConfig,
  migrateSubgraph,
  postGraphQLFor,
  SecretKeyring,
} from './bench-kit';
import { loadCoreConfig, entities as coreEntities, startCoreServer } from '@flowgraph/core';
import { migrationPlan as coreMigrations } from '@flowgraph/core/migrations';
import { migrationPlan as workflowMigrations } from '@flowgraph/workflow/migrations';
import { entities as workflowEntities, startWorkflowServer } from '@flowgraph/workflow';
import { QUEUES, bullPrefix } from '@flowgraph/workflow/testing';

const THROUGHPUT_RUNS = Number(process.env.BENCH_EXECUTIONS ?? 400);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const WORKER_CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '32';

const DEFINITION = {
  steps: [
    { id: 'shape', type: 'transform', config: { expression: '{ "n": input.n, "who": input.who }' } },
    { id: 'check', type: 'condition', config: { expression: 'steps.shape.output.n >= 0' } },
    { id: 'enrich', type: 'transform', config: { expression: '{ "double": steps.shape.output.n * 2 }' } },
    { id: 'summary', type: 'transform', config: { expression: '{ "text": "n=" & $string(steps.enrich.output.double) }' } },
    { id: 'notify', type: 'notify', config: { message: '{{ steps.summary.output.text }}' } },
  ],
  edges: [
    { from: 'shape', to: 'check' },
    { from: 'check', to: 'enrich', when: 'true' },
    { from: 'enrich', to: 'summary' },
    { from: 'summary', to: 'notify' },
  ],
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const script = path.join(__dirname, '..', '..', 'subgraphs', 'workflow', 'src', 'worker.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('workflow worker started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)));
  });
}

async function main(): Promise<void> {
  const base = loadConfig();
  const dbName = `flowgraph_wfbench_${Date.now()}`;
  const admin = new Client({ connectionString: base.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const ownerUrl = base.DATABASE_URL.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
  const prefix = `wfbench_${randomUUID().slice(0, 8)}`;
  const workers: ChildProcess[] = [];
  const closers: (() => Promise<unknown> | void)[] = [];
  try {
    await ensureAppRole(ownerUrl, base.DATABASE_APP_ROLE, base.DATABASE_APP_PASSWORD);
    await migrateSubgraph(ownerUrl, coreMigrations);
    await migrateSubgraph(ownerUrl, workflowMigrations);
    const appUrl = appDatabaseUrl({ ...base, DATABASE_URL: ownerUrl, DATABASE_APP_URL: undefined });
    const logger = createLogger('bench', 'silent');

    const coreOrm = await createOrm({ url: appUrl, entities: coreEntities });
    const coreRedis = createRedis(base.REDIS_URL);
    const core = await startCoreServer({
      orm: coreOrm,
      redis: coreRedis,
      logger,
      config: loadCoreConfig({ ...process.env, REDIS_PREFIX: prefix }),
    });
    closers.push(
      () => core.stop(),
      () => coreOrm.close(),
      () => coreRedis.disconnect(),
    );

    const orm = await createOrm({ url: appUrl, entities: workflowEntities, poolMax: 20 });
    const redis = createRedis(base.REDIS_URL, { forWorkers: true });
    const executionQueue = new Queue(QUEUES.executions, { connection: redis, prefix: bullPrefix(prefix) });
    const triggersQueue = new Queue(QUEUES.triggers, { connection: redis, prefix: bullPrefix(prefix) });
    const wf = await startWorkflowServer({
      orm,
      logger,
      identitySecret: base.IDENTITY_SECRET,
      triggers: {
        triggersQueue,
        executionQueue,
        cipher: new SecretKeyring([{ id: 'bench', key: Buffer.alloc(32) }], 'bench'),
        publicUrl: 'http://localhost:4000',
        rateLimit: { redis, redisPrefix: prefix, perMinute: 1000 },
      },
      executions: { queue: executionQueue },
    });
    closers.push(
      () => wf.stop(),
      () => executionQueue.obliterate({ force: true }),
      () => triggersQueue.obliterate({ force: true }),
      () => executionQueue.close(),
      () => triggersQueue.close(),
      () => orm.close(),
    );

    // An organization and owner in Core (notify records events as the owner), and the workflow.
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    closers.push(() => owner.end());
    const orgId = randomUUID();
    const userId = randomUUID();
    await owner.query(`insert into core.users (id, email, name, password_hash) values ($1, $2, 'bench', 'x')`, [
      userId,
      `${userId}@bench.test`,
    ]);
    await owner.query(`insert into core.organizations (id, name) values ($1, 'bench')`, [orgId]);
    await owner.query(`insert into core.memberships (id, org_id, user_id, role) values ($1, $2, $3, 'owner')`, [
      randomUUID(),
      orgId,
      userId,
    ]);
    const workflowId = randomUUID();
    await owner.query(
      `insert into workflow.workflows (id, org_id, user_id, name, is_active, live_version, latest_version, concurrency_limit) values ($1, $2, $3, 'bench', true, 1, 1, 100)`,
      [workflowId, orgId, userId],
    );
    await owner.query(
      `insert into workflow.workflow_versions (id, org_id, workflow_id, version, definition, created_by) values ($1, $2, $3, 1, $4, $5)`,
      [randomUUID(), orgId, workflowId, JSON.stringify(DEFINITION), userId],
    );

    const call = postGraphQLFor(wf.url, { userId, orgId, role: 'member' }, base.IDENTITY_SECRET);
    const execute = async (n: number): Promise<{ id: string; sentAt: number }> => {
      const sentAt = Date.now();
      const r = await call(`mutation($i: ExecuteWorkflowInput!) { executeWorkflow(input: $i) { execution { id } } }`, {
        i: { workflowId, input: { n, who: 'bench' } },
      });
      if (!r.data) throw new Error(JSON.stringify(r.errors));
      return { id: (r.data.executeWorkflow as { execution: { id: string } }).execution.id, sentAt };
    };
    const finished = async (ids: string[], timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await owner.query(
          `select id, status, finished_at from workflow.executions where id = any($1) and finished_at is not null`,
          [ids],
        );
        if (rows.length === ids.length) return rows as { id: string; status: string; finished_at: Date }[];
        if (Date.now() > deadline) throw new Error(`only ${rows.length}/${ids.length} finished`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    const workerEnv = {
      DATABASE_URL: ownerUrl,
      DATABASE_APP_URL: appUrl,
      REDIS_PREFIX: prefix,
      CORE_ORIGIN: core.url.replace(/\/graphql$/, ''),
      WORKFLOW_WORKER_CONCURRENCY: WORKER_CONCURRENCY,
      LOG_LEVEL: 'info',
      DATABASE_POOL_MAX: '20',
    };
    for (const count of [1, 2]) {
      while (workers.length < count) workers.push(await startWorker(workerEnv));
      // Warm up (JIT, connection pools, definition cache).
      await finished(await Promise.all(Array.from({ length: 20 }, (_, i) => execute(i).then((e) => e.id))));

      // Throughput of the workers alone: queue THROUGHPUT_RUNS while the queue is paused, then
      // resume and time until the last one finishes (submission speed does not cap the figure).
      await executionQueue.pause();
      const submitted: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < THROUGHPUT_RUNS) submitted.push((await execute(next++)).id);
        }),
      );
      const t0 = Date.now();
      await executionQueue.resume();
      const rows = await finished(submitted);
      const lastEnd = Math.max(...rows.map((r) => r.finished_at.getTime()));
      const rate = THROUGHPUT_RUNS / ((lastEnd - t0) / 1000);
      const failed = rows.filter((r) => r.status !== 'succeeded').length;
      console.log(
        JSON.stringify({
          workers: count,
          measure: 'throughput (drain)',
          executions: THROUGHPUT_RUNS,
          'executions/s': +rate.toFixed(1),
          failed,
        }),
      );

      // Latency at half that rate: open-loop arrivals, evenly spaced.
      const target = rate / 2;
      const total = Math.max(20, Math.round(target * LATENCY_SECONDS));
      const sent: Promise<{ id: string; sentAt: number }>[] = [];
      const start = Date.now();
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / target;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        sent.push(execute(i));
      }
      const runs = await Promise.all(sent);
      const achieved = total / ((Math.max(...runs.map((r) => r.sentAt)) - start) / 1000);
      const done = new Map((await finished(runs.map((r) => r.id))).map((r) => [r.id, r.finished_at.getTime()]));
      const latencies = runs.map((r) => done.get(r.id)! - r.sentAt).sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          workers: count,
          measure: 'latency',
          'target rate/s': +target.toFixed(1),
          'achieved rate/s': +achieved.toFixed(1),
          executions: total,
          'p50 ms': percentile(latencies, 50),
          'p95 ms': percentile(latencies, 95),
          'p99 ms': percentile(latencies, 99),
        }),
      );
    }
    const {
      rows: [events],
    } = await owner.query(`select count(*)::int as n, count(distinct idempotency_key)::int as keys from core.events where org_id = $1`, [
      orgId,
    ]);
    console.log(JSON.stringify({ check: 'notify events in Core', events: events.n, distinctKeys: events.keys }));
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    const keys = await createRedis(base.REDIS_URL).keys(`${prefix}*`);
    if (keys.length) await createRedis(base.REDIS_URL).del(...keys);
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    process.exit(0);
  }
}

void main();
