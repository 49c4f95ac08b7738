/**
 * bench/gateway/subscriptions.ts: many open `suggestionAdded` subscriptions on ONE gateway
 * process (ours, graphql-ws on /graphql), its memory per connection and per subscription, and the
 * fan-out latency from a publish on Redis (as the analytics SuggestionFeed publishes) to the
 * event's delivery at the clients, with the fields other subgraphs own resolved on the way
 * (`template` from Workflow). Run: `npx tsx bench/gateway/subscriptions.ts`. Prints JSON lines;
 * asserts nothing.
 *
 * Processes: the four subgraphs, the gateway (run with --expose-gc, so memory is read after a
 * full collection), BENCH_CLIENT_PROCESSES subscriber processes (subscribers.ts), and this one,
 * which seeds, publishes and collects. Each downstream connection costs the gateway two file
 * descriptors (the client's socket and its own upstream socket to Analytics), so the connection
 * count is bounded by `ulimit -n` (printed); subscriptions beyond it share connections
 * (BENCH_PER_CONNECTION, within SUBSCRIPTIONS_MAX_PER_CONNECTION).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { RedisPubSub, createRedis } from '@flowgraph/kernel';
import { SuggestionFeed } from '@flowgraph/analytics/testing';
import {
  base,
  createBenchDatabase,
  freePort,
  lineFrom,
  OURS_NODE_OPTIONS,
  percentile,
  print,
  round,
  startProcess,
  startSubgraphs,
  stopProcess,
  writeBenchSupergraph,
} from './bench-kit';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const PER_CONNECTION = Number(process.env.BENCH_PER_CONNECTION ?? 2);
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 2);
const PUBLISH_RATE = Number(process.env.BENCH_PUBLISH_RATE ?? 200);
const PUBLISH_SECONDS = Number(process.env.BENCH_PUBLISH_SECONDS ?? 10);
const QUERY = process.env.BENCH_SUBSCRIPTION ?? 'subscription { suggestionAdded { id title pattern { support } template { name } } }';
const TEMPLATES = ['github-pr-opened-to-slack', 'gitlab-issues-to-teams', 'dropbox-files-to-s3', 'failed-deploy-webhook-to-slack'];

function openFilesLimit(): string {
  return /Max open files\s+(\d+)\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.slice(1, 3).join(' (soft) / ') + ' (hard)';
}

function rssMiB(pid: number): number {
  return round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
}

async function memoryOf(gateway: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  const line = lineFrom(gateway, 'memory ');
  gateway.kill('SIGUSR2');
  return JSON.parse(await line) as { rss: number; heapUsed: number };
}

async function activeSubscriptions(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return Number(/gateway_active_subscriptions\{transport="ws"\} (\d+)/.exec(text)?.[1] ?? 0);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Per user: a pattern and its open suggestion (the rows suggestionAdded loads for an announcement). */
async function seedSuggestions(ownerUrl: string, orgId: string, users: string[]): Promise<Map<string, string>> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  const suggestionOf = new Map<string, string>();
  try {
    for (let from = 0; from < users.length; from += 1000) {
      const slice = users.slice(from, from + 1000);
      const patterns = slice.map(() => randomUUID());
      const suggestions = slice.map(() => randomUUID());
      slice.forEach((u, i) => suggestionOf.set(u, suggestions[i]));
      await owner.query(
        `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at)
         select p, $1, u, '[{"tool":"github","eventType":"pr.opened"},{"tool":"slack","eventType":"message.posted"}]', 12, 0.8, now() - interval '3 days', now()
         from unnest($2::uuid[], $3::uuid[]) as t(p, u)`,
        [orgId, patterns, slice],
      );
      await owner.query(
        `insert into analytics.suggestions (id, org_id, user_id, pattern_id, template_id, status, title, explanation, estimated_minutes_saved_per_week, support_at_offer, offered_at)
         select s, $1, u, p, $4, 'open', 'Post to Slack when a PR is opened', 'seeded', 30, 12, now()
         from unnest($2::uuid[], $3::uuid[], $5::uuid[]) as t(s, u, p)`,
        [orgId, suggestions, slice, TEMPLATES[0], patterns],
      );
    }
    await owner.query('analyze analytics.suggestions');
    return suggestionOf;
  } finally {
    await owner.end();
  }
}

async function main(): Promise<void> {
  const connections = Math.ceil(SUBSCRIPTIONS / PER_CONNECTION);
  print({
    bench: 'subscriptions settings',
    subscriptions: connections * PER_CONNECTION,
    connections,
    perConnection: PER_CONNECTION,
    clientProcesses: CLIENT_PROCESSES,
    publishRate: PUBLISH_RATE,
    publishSeconds: PUBLISH_SECONDS,
    query: QUERY,
    openFiles: openFilesLimit(),
  });
  const db = await createBenchDatabase(`flowgraph_subbench_${Date.now()}`);
  const prefix = `subbench_${randomUUID().slice(0, 8)}`;
  const children: ChildProcess[] = [];
  const clients: ChildProcess[] = [];
  let stopSubgraphs = async () => {};
  const redis = createRedis(base.REDIS_URL);
  try {
    const subgraphs = await startSubgraphs(db, prefix);
    stopSubgraphs = subgraphs.stop;
    const orgId = randomUUID();
    const users = Array.from({ length: connections }, () => randomUUID());
    const suggestionOf = await seedSuggestions(db.ownerUrl, orgId, users);
    const metricsPort = await freePort();
    const gateway = startProcess(
      'bench/gateway/gateways/ours.ts',
      {
        CORE_URL: subgraphs.urls.core,
        WORKFLOW_URL: subgraphs.urls.workflow,
        INTEGRATION_URL: subgraphs.urls.integration,
        ANALYTICS_URL: subgraphs.urls.analytics,
        SUPERGRAPH_PATH: writeBenchSupergraph(subgraphs.urls),
        REDIS_PREFIX: prefix,
        NODE_ENV: 'production',
        NODE_OPTIONS: OURS_NODE_OPTIONS,
        LOG_LEVEL: process.env.BENCH_GATEWAY_LOG_LEVEL ?? 'warn',
        METRICS_PORT: String(metricsPort),
        SUBSCRIPTIONS_MAX_PER_CONNECTION: String(Math.max(20, PER_CONNECTION)),
        SUBSCRIPTIONS_MAX_PER_USER: String(Math.max(100, PER_CONNECTION)),
      },
      ['--expose-gc'],
    );
    children.push(gateway);
    const url = await lineFrom(gateway, 'ready ');
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    await new Promise((r) => setTimeout(r, 1000));
    const before = await memoryOf(gateway);
    const rssBefore = rssMiB(gateway.pid!);
    const analyticsRssBefore = rssMiB(subgraphs.children[3].pid!);

    // Subscribers, split over the client processes.
    const opened = Date.now();
    const ready = [];
    for (let c = 0; c < CLIENT_PROCESSES; c++) {
      const child = fork(path.join(__dirname, 'subscribers.ts'), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      clients.push(child);
      const share = users.filter((_, i) => i % CLIENT_PROCESSES === c);
      ready.push(
        new Promise<number>((resolve, reject) => {
          child.once('message', (m: { type: string; connections?: number; error?: string }) =>
            m.type === 'ready' ? resolve(m.connections!) : reject(new Error(m.error)),
          );
          child.once('exit', (code) => reject(new Error(`subscriber process exited ${code}`)));
        }),
      );
      child.send({ type: 'start', url, orgId, users: share, perConnection: PER_CONNECTION, query: QUERY });
    }
    const connected = (await Promise.all(ready)).reduce((a, b) => a + b, 0);
    const target = connected * PER_CONNECTION;
    const allActive = await waitFor(async () => (await activeSubscriptions(metricsUrl)) >= target, 120_000);
    const openSeconds = (Date.now() - opened) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const after = await memoryOf(gateway);
    const rssAfter = rssMiB(gateway.pid!);
    print({
      bench: 'subscriptions memory',
      connections: connected,
      subscriptions: await activeSubscriptions(metricsUrl),
      allActive,
      openSeconds: round(openSeconds),
      gatewayRssMiB: { before: rssBefore, after: rssAfter },
      gatewayHeapUsedMiB: { before: round(before.heapUsed / 1048576), after: round(after.heapUsed / 1048576) },
      perConnectionKiB: {
        rss: round(((rssAfter - rssBefore) * 1024) / connected),
        heapUsed: round((after.heapUsed - before.heapUsed) / 1024 / connected),
      },
      perSubscriptionKiB: {
        rss: round(((rssAfter - rssBefore) * 1024) / target),
        heapUsed: round((after.heapUsed - before.heapUsed) / 1024 / target),
      },
      analyticsRssMiB: { before: analyticsRssBefore, after: rssMiB(subgraphs.children[3].pid!) },
    });

    // Fan-out: PUBLISH_RATE announcements a second, each to a different user (so each delivery
    // maps to one publish), as the analytics worker's SuggestionFeed announces them.
    const feed = new SuggestionFeed(new RedisPubSub(redis), prefix);
    const publishedAt = new Map<string, number>();
    const order = [...users].sort(() => Math.random() - 0.5).slice(0, PUBLISH_RATE * PUBLISH_SECONDS);
    const now = () => performance.timeOrigin + performance.now();
    const started = performance.now();
    for (let i = 0; i < order.length; i++) {
      const due = (i / PUBLISH_RATE) * 1000 - (performance.now() - started);
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      const userId = order[i];
      publishedAt.set(userId, now());
      void feed.publish({ suggestionId: suggestionOf.get(userId)!, orgId, userId });
    }
    const expected = order.length * PER_CONNECTION;
    const collected: { userId: string; at: number }[] = [];
    let errors = 0;
    let closedUnexpectedly = 0;
    const clientRss: number[] = [];
    const deadline = Date.now() + 30_000;
    while (collected.length < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      for (const child of clients) {
        const report = await new Promise<{
          deliveries: { userId: string; at: number }[];
          errors: number;
          closedUnexpectedly: number;
          rssMiB: number;
        }>((resolve) => {
          child.once('message', (m) => resolve(m as never));
          child.send({ type: 'report' });
        });
        collected.push(...report.deliveries);
        errors = report.errors;
        closedUnexpectedly = report.closedUnexpectedly;
        clientRss.push(report.rssMiB);
      }
    }
    const latencies = collected.map((d) => d.at - publishedAt.get(d.userId)!).sort((a, b) => a - b);
    print({
      bench: 'subscriptions fan-out (publish on Redis → delivered at the client, ms)',
      published: order.length,
      expectedDeliveries: expected,
      delivered: latencies.length,
      errors,
      closedUnexpectedly,
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? NaN),
    });

    // Clients leave: every upstream subscription must be closed with them.
    for (const child of clients) child.send({ type: 'stop' });
    await Promise.all(clients.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    const drained = await waitFor(async () => (await activeSubscriptions(metricsUrl)) === 0, 30_000);
    print({
      bench: 'subscriptions after clients left',
      activeSubscriptions: await activeSubscriptions(metricsUrl),
      drained,
      analyticsRssMiB: rssMiB(subgraphs.children[3].pid!),
    });
  } finally {
    for (const c of clients) if (c.exitCode === null) c.kill('SIGKILL');
    for (const c of children) await stopProcess(c);
    await stopSubgraphs();
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
