/**
 * CPU per `ingestEvents` batch of 1,000, process by process (issue 15): Core alone (signed calls
 * straight to it, as the gateway forwards them), then the same through our gateway, then the
 * Core worker's relay publishing what was stored. One caller, one batch at a time, on a fresh
 * database; CPU from /proc. Prints JSON lines; asserts nothing. `BENCH_CPU_PROF=<dir>` profiles
 * the processes: `npx tsx bench/gateway/profile-summary.ts <file> 40 <profileWindowUs>` summarises
 * a phase's measured window.
 *
 *     npx tsx bench/stack/ingest-cpu.ts
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createRedis, signAccessToken } from '@flowgraph/kernel';
import {
  base,
  benchSecrets,
  createBenchDatabase,
  freePort,
  lineFrom,
  OURS_NODE_OPTIONS,
  print,
  round,
  signedHeadersFor,
  startProcess,
  stopProcess,
  waitForHttp,
  type BenchCaller,
} from '../gateway/bench-kit';
import { cpuOf, cpuSeconds, cpuSpent, postgresBackends } from './proc';
import { eventsBatch, INGEST } from './seed';

const BATCH = 1000;
/** Batches per measured phase, after as many unmeasured (warm-up). */
const BATCHES = Number(process.env.BENCH_BATCHES ?? 20);
/** `ingestEvents` is limited to 60,000 events a minute per caller (`@rateLimit`): the gateway phase rotates over these. */
const MEMBERS = 8;

type Answer = { data?: { ingestEvents: { createdCount: number } }; errors?: unknown[] };

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = (await response.json()) as Answer;
  if (answer.errors || answer.data?.ingestEvents.createdCount !== BATCH)
    throw new Error(`ingest failed: ${JSON.stringify(answer).slice(0, 600)}`);
}

async function seedMembers(ownerUrl: string): Promise<BenchCaller[]> {
  const orgId = randomUUID();
  const members = Array.from({ length: MEMBERS }, () => ({ userId: randomUUID(), orgId, sessionId: randomUUID() }));
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(`insert into core.organizations (id, name) values ($1, 'Bench Org')`, [orgId]);
    for (const [i, m] of members.entries()) {
      await owner.query(`insert into core.users (id, email, name, password_hash) values ($1, $2, $3, 'x')`, [
        m.userId,
        `m${i}@bench.test`,
        `M ${i}`,
      ]);
      await owner.query(`insert into core.memberships (id, org_id, user_id, role) values ($1, $2, $3, 'admin')`, [
        randomUUID(),
        orgId,
        m.userId,
      ]);
    }
  } finally {
    await owner.end();
  }
  return members;
}

/** Until the relay has published every stored event. */
async function drained(ownerUrl: string): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    for (;;) {
      const { rows } = await owner.query<{ left: string }>('select count(*) as left from core.event_outbox');
      if (rows[0].left === '0') return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await owner.end();
  }
}

/**
 * Runs `send` for warm-up then measured batches, and waits until the relay has published them;
 * CPU per batch (ms) of each named process and of the database's backends over the measured part.
 */
async function phase(name: string, ownerUrl: string, database: string, pids: Record<string, number>, send: (i: number) => Promise<void>) {
  for (let i = 0; i < BATCHES; i++) await send(i);
  await drained(ownerUrl);
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  const pgBefore = cpuOf(postgresBackends(database));
  const started = performance.now();
  const fromUs = process.hrtime.bigint() / 1000n;
  for (let i = BATCHES; i < 2 * BATCHES; i++) await send(i);
  const wallMs = performance.now() - started;
  await drained(ownerUrl);
  const toUs = process.hrtime.bigint() / 1000n;
  const perBatch = (seconds: number) => round((seconds * 1000) / BATCHES, 1);
  print({
    bench: 'ingest-cpu',
    phase: name,
    batches: BATCHES,
    wallMsPerBatch: round(wallMs / BATCHES, 1),
    ...Object.fromEntries(Object.entries(pids).map(([k, pid]) => [`${k}CpuMsPerBatch`, perBatch(cpuSeconds(pid) - before[k])])),
    postgresCpuMsPerBatch: perBatch(cpuSpent(pgBefore, cpuOf(postgresBackends(database)))),
    // The measured window on the monotonic clock V8 profiles use: profile-summary's `fromUs toUs`.
    profileWindowUs: `${fromUs} ${toUs}`,
  });
}

async function main(): Promise<void> {
  const database = `flowgraph_ingestcpu_${Date.now()}`;
  const db = await createBenchDatabase(database);
  const prefix = `ingestcpu_${randomUUID().slice(0, 8)}`;
  const redis = createRedis(base.REDIS_URL);
  const children: ChildProcess[] = [];
  try {
    const members = await seedMembers(db.ownerUrl);
    const common = { DATABASE_URL: db.ownerUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn', HOST: '127.0.0.1', NODE_ENV: 'production' };
    const corePort = await freePort();
    const core = startProcess('subgraphs/core/src/main.ts', { ...common, PORT: String(corePort) });
    // The relay polls the outbox (every 50 ms when idle) and publishes while batches arrive, as deployed.
    const worker = startProcess('subgraphs/core/src/worker.ts', common);
    children.push(core, worker);
    await waitForHttp(`http://127.0.0.1:${corePort}/healthz`);
    const coreUrl = `http://127.0.0.1:${corePort}/graphql`;

    let batch = 0;
    const nextBody = () => JSON.stringify({ query: INGEST, variables: { events: eventsBatch(BATCH, `cpu${batch++}`) } });
    await phase('core direct', db.ownerUrl, database, { core: core.pid!, worker: worker.pid! }, async () => {
      const body = nextBody();
      await post(coreUrl, body, signedHeadersFor(members[0], { method: 'POST', target: coreUrl, body }));
    });

    const gateway = startProcess('bench/gateway/gateways/ours.ts', {
      ...common,
      NODE_OPTIONS: OURS_NODE_OPTIONS,
      LOG_LEVEL: 'info',
      CORE_URL: coreUrl,
      WORKFLOW_URL: coreUrl,
      INTEGRATION_URL: coreUrl,
      ANALYTICS_URL: coreUrl,
      RATE_LIMIT_IP_PER_MINUTE: '100000000',
      RATE_LIMIT_USER_PER_MINUTE: '100000000',
      RATE_LIMIT_OPERATION_PER_MINUTE: '100000000',
    });
    children.push(gateway);
    const gatewayUrl = await lineFrom(gateway, 'ready ');
    const tokens = await Promise.all(
      members.map(async (m) => (await signAccessToken({ ...m, role: 'admin' }, benchSecrets.JWT_SECRET, 3600)).token),
    );
    await phase('through gateway', db.ownerUrl, database, { gateway: gateway.pid!, core: core.pid!, worker: worker.pid! }, async (i) => {
      await post(gatewayUrl, nextBody(), { authorization: `Bearer ${tokens[Math.floor(i / 50) % MEMBERS]}` });
    });
  } finally {
    await Promise.all(children.map(stopProcess));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
