/**
 * bench/patterns/pipeline.ts: the analytics pipeline with a real database and Redis.
 * Run: `npx tsx bench/patterns/pipeline.ts` (Postgres and Redis from the usual settings).
 * Prints JSON lines; asserts nothing.
 *
 * 1. incremental throughput: a generated stream (generate.ts, planted patterns) is written to
 *    the Redis event stream exactly as Core's relay writes it; then the analytics event consumer
 *    (the near-real-time mode: store, re-mine every touched user, acknowledge) drains it. Reports
 *    events/s, and precision/recall of the planted patterns among the stored active patterns,
 *    per user: a planted pattern is eligible for a user when it was planted in at least the
 *    user's min support of sessions; a stored pattern is relevant when it is an ordered
 *    subsequence (length ≥ 2) of a pattern planted for anyone.
 *    Settings are the product defaults except the window (the generated history spans months).
 * 2. ingest-to-subscriber lag: Core's server, Core's worker (relay) and the analytics worker, each
 *    its own process as deployed; the Workflow subgraph (template catalog), the analytics server
 *    and its `suggestionAdded` subscribers (graphql-ws, one per user) in this one. Events are
 *    ingested through Core's `ingestEvents` at BENCH_RATE events/s (default 1,000); each user
 *    repeats a template's pattern, and the lag is measured from sending the ingest request
 *    holding the event that lifts the pattern to the suggestion threshold, to the subscriber
 *    receiving the suggestion.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger, createOrm, createRedis, loadConfig, migrateSubgraph, RedisPubSub, signIdentity } from '@flowgraph/kernel';
import { migrationPlan as coreMigrations } from '@flowgraph/core/migrations';
import { migrationPlan as workflowMigrations } from '@flowgraph/workflow/migrations';
import { migrationPlan as analyticsMigrations } from '@flowgraph/analytics/migrations';
import { createWorkflowServerResources, entities as workflowEntities, loadWorkflowConfig, startWorkflowServer } from '@flowgraph/workflow';
import { entities as analyticsEntities, startAnalyticsServer } from '@flowgraph/analytics';
import { SuggestionFeed, WorkflowClient, loadAnalyticsConfig, startWorkers as startAnalyticsWorkers } from '@flowgraph/analytics/testing';
import { createBenchDatabase } from '../support/database';
import { NOISE_ITEMS, generateStream, type PlantedPattern } from './generate';
import { seededRandom, until } from '@flowgraph/kernel/testing';

const base = loadConfig();
const INCREMENTAL_EVENTS = Number(process.env.BENCH_INCREMENTAL_EVENTS ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const LAG_USERS = Number(process.env.BENCH_LAG_USERS ?? 200);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const print = (line: Record<string, unknown>) => console.log(JSON.stringify(line));

const itemKey = (item: { tool: string; eventType: string }) => `${item.tool}/${item.eventType}`;

function isSubsequence(small: string[], big: string[]): boolean {
  let k = 0;
  for (const item of big) if (k < small.length && item === small[k]) k++;
  return k === small.length;
}

/** Part 1: the consumer drains a pre-filled stream; events/s and quality of what it stored. */
async function incremental(): Promise<void> {
  const db = await createBenchDatabase(`flowgraph_patbench_${Date.now()}`, base);
  const prefix = `patbench_${randomUUID().slice(0, 8)}`;
  const redis = createRedis(base.REDIS_URL);
  const connection = createRedis(base.REDIS_URL, { forWorkers: true });
  const orm = await (async () => {
    await migrateSubgraph(db.ownerUrl, analyticsMigrations);
    return createOrm({ url: db.appUrl, entities: analyticsEntities, poolMax: 8 });
  })();
  try {
    const stream = generateStream({ events: INCREMENTAL_EVENTS, seed: 4242 });
    const orgId = randomUUID();
    const userIds = stream.users.map(() => randomUUID());
    let last = 0;
    const key = `${prefix}:events`;
    let batch = redis.pipeline();
    let queued = 0;
    // In time order across users, as Core would publish them: a round of entries touches many users.
    const timeline = stream.users.flatMap((user, u) => user.events.map((event) => ({ event, userId: userIds[u] })));
    timeline.sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime());
    for (const { event, userId } of timeline) {
      last = Math.max(last, event.occurredAt.getTime());
      batch.xadd(
        key,
        '*',
        'id',
        randomUUID(),
        'orgId',
        orgId,
        'userId',
        userId,
        'tool',
        event.tool,
        'eventType',
        event.eventType,
        'occurredAt',
        event.occurredAt.toISOString(),
        'payload',
        '{}',
      );
      if (++queued % 2000 === 0) {
        await batch.exec();
        batch = redis.pipeline();
      }
    }
    await batch.exec();
    const config = loadAnalyticsConfig({ ...process.env, REDIS_PREFIX: prefix, PATTERN_WINDOW_DAYS: '365' });
    const now = new Date(last + 60_000);
    const started = performance.now();
    const workers = await startAnalyticsWorkers({
      orm,
      connection,
      redis,
      logger: createLogger('bench', 'silent'),
      config,
      clock: () => now,
    });
    // Drained when the group has read everything and acknowledged it.
    for (;;) {
      const groups = (await redis.xinfo('GROUPS', key)) as unknown[][];
      const info = Object.fromEntries(
        groups.flatMap((g) => Array.from({ length: g.length / 2 }, (_, i) => [g[2 * i], g[2 * i + 1]])),
      ) as Record<string, unknown>;
      if (Number(info.lag) === 0 && Number(info.pending) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    await workers.close();

    const admin = new Client({ connectionString: db.ownerUrl });
    await admin.connect();
    const { rows } = await admin.query<{ user_id: string; key: string; support: number }>(
      `select user_id, key, support from analytics.patterns where active`,
    );
    const { rows: sessionRows } = await admin.query<{ count: string }>(`select count(*) from analytics.events`);
    await admin.end();
    const planted = stream.planted.map((p: PlantedPattern) => p.items.map(itemKey));
    // Per user: sessions carrying each planted pattern, recomputed from the generated events.
    const byUser = new Map<string, string[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.key]);
    let eligible = 0;
    let recovered = 0;
    let relevant = 0;
    for (const row of rows) if (planted.some((p) => isSubsequence(row.key.split('>'), p))) relevant++;
    for (const [u, user] of stream.users.entries()) {
      const sessions = splitSessions(user.events, config.SESSION_IDLE_MINUTES * 60_000);
      const minSupport = Math.max(config.PATTERN_MIN_SUPPORT, Math.ceil(config.PATTERN_MIN_SUPPORT_RATIO * sessions.length));
      const found = new Set(byUser.get(userIds[u]) ?? []);
      for (const pattern of planted) {
        const carrying = sessions.filter((s) => isSubsequenceWithin(pattern, s, config.PATTERN_MAX_GAP_MINUTES * 60_000)).length;
        if (carrying < minSupport) continue;
        eligible++;
        if (found.has(pattern.join('>'))) recovered++;
      }
    }
    print({
      bench: 'incremental',
      events: stream.eventCount,
      stored: Number(sessionRows[0].count),
      users: stream.users.length,
      seconds: round(seconds, 2),
      eventsPerSecond: Math.round(stream.eventCount / seconds),
      activePatterns: rows.length,
      recall: eligible === 0 ? 1 : round(recovered / eligible, 3),
      precision: rows.length === 0 ? 1 : round(relevant / rows.length, 3),
      settings: {
        minSupport: config.PATTERN_MIN_SUPPORT,
        minSupportRatio: config.PATTERN_MIN_SUPPORT_RATIO,
        maxLength: config.PATTERN_MAX_LENGTH,
        maxGapMinutes: config.PATTERN_MAX_GAP_MINUTES,
        sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
      },
    });
  } finally {
    await orm.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    connection.disconnect();
    await db.drop();
  }
}

type TimedItem = { tool: string; eventType: string; occurredAt: Date };

function splitSessions(events: TimedItem[], idleMs: number): TimedItem[][] {
  const sessions: TimedItem[][] = [];
  for (const event of events) {
    const current = sessions.at(-1);
    if (current && event.occurredAt.getTime() - current.at(-1)!.occurredAt.getTime() <= idleMs) current.push(event);
    else sessions.push([event]);
  }
  return sessions;
}

/** Whether the session holds the pattern in order with at most `maxGapMs` between consecutive steps. */
function isSubsequenceWithin(pattern: string[], session: TimedItem[], maxGapMs: number): boolean {
  const search = (step: number, from: number, previous: number | null): boolean => {
    if (step === pattern.length) return true;
    for (let i = from; i < session.length; i++) {
      const at = session[i].occurredAt.getTime();
      if (previous !== null && at - previous > maxGapMs) return false;
      if (itemKey(session[i]) === pattern[step] && search(step + 1, i + 1, at)) return true;
    }
    return false;
  };
  return search(0, 0, null);
}

function freePort(): Promise<number> {
  const server = net.createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

function startProcess(script: string, env: Record<string, string>): ChildProcess;
function startProcess(script: string, env: Record<string, string>, ready: string): Promise<ChildProcess>;
function startProcess(script: string, env: Record<string, string>, ready?: string): ChildProcess | Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
      '--import',
      'tsx',
      path.join(__dirname, '..', '..', script),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (ready === undefined) {
    child.stdout!.resume();
    return child;
  }
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(ready)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out.slice(-2000)}`)));
  });
}

/** Linux PSI: the share of time something waited for a CPU over the last 60 s (host load we do not control shows here). */
function cpuPressure(): string {
  try {
    return readFileSync('/proc/pressure/cpu', 'utf8').match(/some avg10=\S+ avg60=\S+/)?.[0] ?? 'n/a';
  } catch {
    return 'n/a';
  }
}

/** The machine's CPU time counters (/proc/stat, in clock ticks): what all processes used, waited on disk, or lost to the host. */
function cpuTicks(): { busy: number; idle: number; iowait: number; steal: number } | null {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { busy: user + nice + system + irq + softirq, idle, iowait, steal };
  } catch {
    return null;
  }
}

/** Shares of the machine's CPU time between two {@link cpuTicks} readings (busy 1.0 = every core busy). */
function cpuShares(before: ReturnType<typeof cpuTicks>, after: ReturnType<typeof cpuTicks>) {
  if (!before || !after) return 'n/a';
  const delta = (k: keyof NonNullable<ReturnType<typeof cpuTicks>>) => after[k] - before[k];
  const total = delta('busy') + delta('idle') + delta('iowait') + delta('steal');
  const share = (k: keyof NonNullable<ReturnType<typeof cpuTicks>>) => round(delta(k) / total);
  return { busy: share('busy'), iowait: share('iowait'), steal: share('steal') };
}

/** Part 2: ingest through Core at RATE events/s; lag until the suggestion reaches its subscriber. */
async function lag(): Promise<void> {
  const db = await createBenchDatabase(`flowgraph_lagbench_${Date.now()}`, base, [coreMigrations, workflowMigrations, analyticsMigrations]);
  const prefix = `lagbench_${randomUUID().slice(0, 8)}`;
  const closers: (() => Promise<unknown> | void)[] = [];
  const children: ChildProcess[] = [];
  try {
    const logger = createLogger('bench', 'silent');
    const env = { ...process.env, DATABASE_URL: db.ownerUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'info' } as Record<string, string>;

    // Core in its own process, as deployed: its ingest does not share an event loop with the load generator and the subscribers.
    const corePort = await freePort();
    children.push(startProcess('subgraphs/core/src/main.ts', { ...env, PORT: String(corePort), LOG_LEVEL: 'warn' }));
    const core = { url: `http://127.0.0.1:${corePort}/graphql` };
    await until(
      () =>
        fetch(`http://127.0.0.1:${corePort}/readyz`).then(
          (r) => r.ok,
          () => false,
        ),
      30_000,
      'Core to be ready',
    );

    const workflowOrm = await createOrm({ url: db.appUrl, entities: workflowEntities, poolMax: 4 });
    const workflowRedis = createRedis(base.REDIS_URL);
    const workflowResources = createWorkflowServerResources(workflowRedis, loadWorkflowConfig({ ...process.env, REDIS_PREFIX: prefix }));
    const workflow = await startWorkflowServer({ orm: workflowOrm, logger, identitySecret: base.IDENTITY_SECRET, ...workflowResources });
    closers.push(
      () => workflow.stop(),
      () => workflowResources.close(),
      () => workflowRedis.disconnect(),
      () => workflowOrm.close(),
    );
    const workflowOrigin = new URL(workflow.url).origin;

    const analyticsOrm = await createOrm({ url: db.appUrl, entities: analyticsEntities, poolMax: 8 });
    const publisher = createRedis(base.REDIS_URL);
    const subscriber = createRedis(base.REDIS_URL);
    const analytics = await startAnalyticsServer({
      orm: analyticsOrm,
      logger,
      identitySecret: base.IDENTITY_SECRET,
      modules: {
        suggestions: {
          workflow: new WorkflowClient({ origin: workflowOrigin, identitySecret: base.IDENTITY_SECRET }),
          feed: new SuggestionFeed(new RedisPubSub(publisher, subscriber), prefix),
        },
        reporting: {},
      },
    });
    closers.push(
      () => analytics.stop(),
      () => publisher.disconnect(),
      () => subscriber.disconnect(),
      () => analyticsOrm.close(),
    );

    children.push(await startProcess('subgraphs/core/src/worker.ts', env, 'core worker started'));
    children.push(
      await startProcess('subgraphs/analytics/src/worker.ts', { ...env, WORKFLOW_ORIGIN: workflowOrigin }, 'analytics worker started'),
    );

    // One organization, LAG_USERS members, created as the owner would be.
    const orgId = randomUUID();
    const users = Array.from({ length: LAG_USERS }, () => randomUUID());
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query(`insert into core.organizations (id, name) values ($1, 'bench')`, [orgId]);
    for (const [i, id] of users.entries()) {
      await owner.query(`insert into core.users (id, email, name, password_hash) values ($1, $2, $3, 'x')`, [
        id,
        `u${i}@bench.test`,
        `User ${i}`,
      ]);
      await owner.query(`insert into core.memberships (id, org_id, user_id, role) values ($1, $2, $3, 'member')`, [
        randomUUID(),
        orgId,
        id,
      ]);
    }
    // A platform in steady state has history (and fresh planner statistics): 100k earlier events
    // of 1,000 other users over the last 60 days, then ANALYZE — as autovacuum would have done.
    await owner.query(
      `insert into analytics.events (id, org_id, user_id, tool, event_type, occurred_at)
       select gen_random_uuid(), $1, ('00000000-0000-4000-8000-' || lpad((i % 1000)::text, 12, '0'))::uuid,
              'tool' || (i % 13), 'type' || (i % 7), now() - (i % 86400) * interval '60 seconds'
       from generate_series(1, 100000) as i`,
      [orgId],
    );
    await owner.query('analyze analytics.events');
    await owner.query('analyze core.events');
    await owner.end();

    // Each user: sessions of 4 noise events (event time, in the last 20 days, sessions 2 h apart); every
    // other session also holds github pr.opened → slack message.posted (a template's pattern).
    const threshold = loadAnalyticsConfig().SUGGESTION_MIN_SUPPORT;
    // Noise: 4 events per session drawn from the generator's 70 everyday items (seeded).
    const random = seededRandom(7);
    const plan = users.map((userId) => {
      const events: { tool: string; eventType: string; occurredAt: string; payload: Record<string, unknown> }[] = [];
      let time = Date.now() - 20 * 86_400_000;
      let carrying = 0;
      let crossingIndex = -1;
      for (let s = 0; s < 2 * threshold + 4; s++) {
        const withPattern = s % 2 === 0;
        const items = Array.from({ length: 4 }, () => {
          const { tool, eventType } = NOISE_ITEMS[Math.floor(random() * NOISE_ITEMS.length)];
          return { tool, eventType, payload: {} as Record<string, unknown> };
        });
        if (withPattern) {
          items.splice(1, 0, { tool: 'github', eventType: 'pr.opened', payload: { repository: 'acme/api' } });
          items.splice(3, 0, { tool: 'slack', eventType: 'message.posted', payload: { channel: '#reviews' } });
        }
        for (const item of items.slice(0, withPattern ? 6 : 4)) {
          events.push({ ...item, occurredAt: new Date(time).toISOString() });
          time += 60_000;
        }
        if (withPattern && ++carrying === threshold) crossingIndex = events.findLastIndex((e) => e.eventType === 'message.posted');
        time += 2 * 3_600_000;
      }
      return { userId, events, crossingIndex };
    });

    // Subscribers: one graphql-ws client per user, straight to the analytics subgraph (the gateway carries subscriptions in issue 5).
    const wsUrl = analytics.url.replace(/^http/, 'ws');
    const received = new Map<string, number>();
    const receivedAt = new Map<string, number>(); // wall clock, to compare with the database's stamps
    const clients = users.map((userId) =>
      createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: () =>
          signIdentity({ requestId: randomUUID(), orgId, userId, role: 'member', scopes: [], authMethod: 'jwt' }, base.IDENTITY_SECRET, {
            method: 'GET',
            target: wsUrl,
          }),
      }),
    );
    await Promise.all(
      clients.map(
        (client, i) =>
          new Promise<void>((resolve, reject) => {
            client.subscribe(
              { query: 'subscription { suggestionAdded { id title } }' },
              {
                next: () => {
                  if (!received.has(users[i])) {
                    received.set(users[i], performance.now());
                    receivedAt.set(users[i], Date.now());
                  }
                },
                error: reject,
                complete: () => undefined,
              },
            );
            client.on('connected', () => resolve());
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 500)); // subscriptions confirmed by Redis

    // Load: every 50 ms, RATE/20 events, as ingest calls of up to 10 events of one user each.
    const coreUrl = core.url;
    const sentAt = new Map<string, number>();
    const storedAt = new Map<string, number>();
    const cursor = plan.map(() => 0);
    const total = plan.reduce((n, p) => n + p.events.length, 0);
    let sent = 0;
    let next = 0;
    const inFlight: Promise<unknown>[] = [];
    // This process sends the load and receives the suggestions: its own event-loop delay is part of what is measured.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const ticksBefore = cpuTicks();
    const started = performance.now();
    while (sent < total) {
      let budget = Math.round(RATE / 20);
      while (budget > 0 && sent < total) {
        const u = next++ % plan.length;
        const p = plan[u];
        if (cursor[u] >= p.events.length) continue;
        const take = Math.min(10, budget, p.events.length - cursor[u]);
        const slice = p.events.slice(cursor[u], cursor[u] + take);
        const from = cursor[u];
        cursor[u] += take;
        budget -= take;
        sent += take;
        const t = performance.now();
        const crossing = p.crossingIndex >= from && p.crossingIndex < from + take;
        if (crossing) sentAt.set(p.userId, t);
        const body = JSON.stringify({
          query: 'mutation($events: [EventInput!]!) { ingestEvents(events: $events) { results { status } } }',
          variables: { events: slice.map((e, k) => ({ ...e, idempotencyKey: `${p.userId}:${from + k}` })) },
        });
        const identity = {
          requestId: randomUUID(),
          orgId,
          userId: p.userId,
          role: 'member' as const,
          scopes: [],
          authMethod: 'jwt' as const,
        };
        const headers = {
          'content-type': 'application/json',
          ...signIdentity(identity, base.IDENTITY_SECRET, { method: 'POST', target: coreUrl, body }),
        };
        inFlight.push(
          fetch(coreUrl, { method: 'POST', headers, body })
            .then((r) => r.text())
            .then(() => {
              if (crossing) storedAt.set(p.userId, performance.now());
            }),
        );
      }
      const elapsed = performance.now() - started;
      const due = (sent / RATE) * 1000;
      if (due > elapsed) await new Promise((r) => setTimeout(r, due - elapsed));
    }
    await Promise.all(inFlight);
    const ticksAtEnd = cpuTicks();
    const ingestSeconds = (performance.now() - started) / 1000;
    const deadline = performance.now() + 15_000;
    while (received.size < sentAt.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const lags = [...sentAt.entries()]
      .filter(([u]) => received.has(u))
      .map(([u, t]) => received.get(u)! - t)
      .sort((a, b) => a - b);
    // The part spent in Core's ingestEvents (request sent → events stored), for the breakdown.
    const ingest = [...sentAt.entries()]
      .filter(([u]) => storedAt.has(u))
      .map(([u, t]) => storedAt.get(u)! - t)
      .sort((a, b) => a - b);
    print({
      bench: 'ingest-to-subscriber',
      events: total,
      targetRate: RATE,
      achievedRate: Math.round(total / ingestSeconds),
      users: users.length,
      suggestionsExpected: sentAt.size,
      suggestionsReceived: lags.length,
      lagMs: { p50: round(percentile(lags, 50)), p95: round(percentile(lags, 95)), max: round(lags.at(-1) ?? NaN) },
      ingestCallMs: { p50: round(percentile(ingest, 50)), p95: round(percentile(ingest, 95)) },
      benchEventLoopDelayMs: { p50: round(loopDelay.percentile(50) / 1e6), p99: round(loopDelay.percentile(99) / 1e6) },
      hostCpuPressure: cpuPressure(),
      machineCpuDuringLoad: cpuShares(ticksBefore, ticksAtEnd),
    });
    // Where the time goes, from the rows each stage stamped (database clock, same machine).
    const breakdown = new Client({ connectionString: db.ownerUrl });
    await breakdown.connect();
    const keys = plan.filter((p) => p.crossingIndex >= 0).map((p) => `${p.userId}:${p.crossingIndex}`);
    const { rows: stages } = await breakdown.query<{ eventId: string; userId: string; stored: number; copied: number; offered: number }>(
      `select c.id as "eventId", c.user_id as "userId", extract(epoch from c.created_at) * 1000 as stored,
              extract(epoch from a.received_at) * 1000 as copied, extract(epoch from s.created_at) * 1000 as offered
       from core.events c
       join analytics.events a on a.id = c.id
       join analytics.suggestions s on s.user_id = c.user_id
       where c.idempotency_key = any($1)`,
      [keys],
    );
    await breakdown.end();
    // When the relay published each event: the time in its stream entry's id (`<ms>-<n>`, Redis's clock, same machine).
    const publishedAt = new Map<string, number>();
    const streamRedis = createRedis(base.REDIS_URL);
    for (const [entryId, fields] of await streamRedis.xrange(`${prefix}:events`, '-', '+')) {
      publishedAt.set(fields[fields.indexOf('id') + 1], Number(entryId.split('-')[0]));
    }
    streamRedis.disconnect();
    const published = (r: (typeof stages)[number]) => publishedAt.get(r.eventId) ?? NaN;
    const stage = (pick: (r: (typeof stages)[number]) => number) => {
      const values = stages.map(pick).sort((a, b) => a - b);
      return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) };
    };
    print({
      bench: 'ingest-to-subscriber stages (ms)',
      storedToPublished: stage((r) => published(r) - r.stored),
      publishedToCopied: stage((r) => r.copied - published(r)),
      copiedToOffered: stage((r) => r.offered - r.copied),
      // From the start of the mining transaction that made the suggestion to the subscriber: the
      // rest of that transaction, the announcement after commit, and the delivery over graphql-ws.
      offeredToReceived: stage((r) => (receivedAt.get(r.userId) ?? NaN) - r.offered),
    });
    await Promise.all(clients.map((c) => c.dispose()));
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    for (const close of closers) await close();
    const redis = createRedis(base.REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db.drop();
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'incremental') await incremental();
  if (!only || only === 'lag') await lag();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
