/**
 * bench/integrations: what the connector layer costs and how it holds a shared limit.
 * 1. Overhead: p50/p95 of Slack's chat.postMessage called directly vs through Integration's
 *    `POST /internal/actions` (signature check, ledger claim and record, credentials decrypted,
 *    rate limiter, breaker), sequential, alternating rounds, against one local Slack.
 * 2. A shared per-account limit: two Integration processes, one Slack account limited to
 *    BENCH_LIMIT calls a second; drivers behave like workflow workers (on retry_later they wait the
 *    given time and retry the same key). Prints the throughput and the most calls Slack received
 *    in any sliding second.
 * Run: `npx tsx bench/integrations/run.ts`. Prints JSON lines; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { INTERNAL_ACTIONS_PATH, internalActionResponse, type InternalActionResponse } from '@flowgraph/contracts';
import { entities, loadIntegrationConfig } from '@flowgraph/integration';
import { migrationPlan } from '@flowgraph/integration/migrations';
import { seedConnectedIntegration, startSlackServer } from '@flowgraph/integration/testing';
import { createOrm, createRedis, internalClient, loadConfig, secretKeyringFromConfig } from '@flowgraph/kernel';
import { freePort } from '@flowgraph/kernel/testing';
import { createBenchDatabase } from '../support/database';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS_PER_ROUND ?? 100);
const LIMIT = Number(process.env.BENCH_LIMIT ?? 50);
const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);
const DRIVERS_PER_PROCESS = Number(process.env.BENCH_DRIVERS ?? 8);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: +percentile(sorted, 50).toFixed(2), p95: +percentile(sorted, 95).toFixed(2) };
};

async function startIntegration(env: Record<string, string>): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort();
  const script = path.join(__dirname, '..', '..', 'subgraphs', 'integration', 'src', 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (
      await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, origin };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('the integration process did not start');
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function main(): Promise<void> {
  const base = loadConfig();
  const db = await createBenchDatabase(`flowgraph_intbench_${Date.now()}`, base, [migrationPlan]);
  const prefix = `intbench_${randomUUID().slice(0, 8)}`;
  const token = `xoxb-${randomUUID()}`;
  const slack = await startSlackServer({ token });
  const orm = await createOrm({ url: db.appUrl, entities });
  const children: ChildProcess[] = [];
  try {
    const orgId = randomUUID();
    const userId = randomUUID();
    const config = loadIntegrationConfig({ ...process.env, REDIS_PREFIX: prefix });
    const integrationId = await seedConnectedIntegration(orm, secretKeyringFromConfig(config), {
      orgId,
      userId,
      provider: 'slack',
      credentials: { kind: 'oauth2', accessToken: token },
    });
    const env = { DATABASE_URL: db.ownerUrl, REDIS_PREFIX: prefix, CONNECTOR_SLACK_API_URL: slack.url };
    const identity = () => ({
      requestId: randomUUID(),
      orgId,
      userId,
      role: 'member' as const,
      scopes: [],
      authMethod: 'service' as const,
    });
    const viaLayer = (origin: string) => {
      const client = internalClient({ name: 'Integration', origin, identitySecret: base.IDENTITY_SECRET });
      return (idempotencyKey: string): Promise<InternalActionResponse> =>
        client.call({
          method: 'POST',
          path: INTERNAL_ACTIONS_PATH,
          body: { connector: 'slack', action: 'post_message', input: { channel: '#bench', text: 'hello' }, idempotencyKey },
          identity: identity(),
          response: internalActionResponse,
        });
    };
    const direct = async () => {
      const response = await fetch(`${slack.url}/chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ channel: '#bench', text: 'hello' }),
      });
      if (!((await response.json()) as { ok: boolean }).ok) throw new Error('Slack refused');
    };

    // 1. Overhead, with the limit out of the way (the limiter still runs on every call).
    const unlimited = await startIntegration({ ...env, CONNECTOR_SLACK_RATE_LIMIT: '1000000/1' });
    children.push(unlimited.child);
    const layer = viaLayer(unlimited.origin);
    const timings = { direct: [] as number[], layer: [] as number[] };
    for (let i = 0; i < 50; i += 1) {
      await direct();
      await layer(randomUUID());
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const side of round % 2 === 0 ? (['direct', 'layer'] as const) : (['layer', 'direct'] as const)) {
        for (let i = 0; i < CALLS_PER_ROUND; i += 1) {
          const started = performance.now();
          if (side === 'direct') await direct();
          else {
            const answer = await layer(randomUUID());
            if (answer.outcome !== 'succeeded') throw new Error(`unexpected ${answer.outcome}`);
          }
          timings[side].push(performance.now() - started);
        }
      }
    }
    const d = summary(timings.direct);
    const l = summary(timings.layer);
    console.log(
      JSON.stringify({
        bench: 'integrations.overhead',
        unit: 'ms',
        direct: d,
        connectorLayer: l,
        overhead: { p50: +(l.p50 - d.p50).toFixed(2), p95: +(l.p95 - d.p95).toFixed(2) },
      }),
    );
    await stop(unlimited.child);

    // 2. Two processes sharing one account's budget.
    const limited = await Promise.all([0, 1].map(() => startIntegration({ ...env, CONNECTOR_SLACK_RATE_LIMIT: `${LIMIT}/1` })));
    children.push(...limited.map((p) => p.child));
    const from = slack.received.length;
    // The limiter's own log (a sorted set scored by Redis's clock), read often enough that no entry
    // ages out unseen: every admission with the time it was decided.
    const admitted = new Map<string, number>();
    const callsKey = `${prefix}:connector-rate:slack:${integrationId}:calls`;
    const watcher = createRedis(base.REDIS_URL);
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const entries = await watcher.zrange(callsKey, '0', '-1', 'WITHSCORES');
        for (let i = 0; i < entries.length; i += 2) admitted.set(entries[i]!, Number(entries[i + 1]));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const startedAt = Date.now();
    const endAt = startedAt + THROUGHPUT_SECONDS * 1000;
    let succeeded = 0;
    let deferrals = 0;
    const driver = async (call: (key: string) => Promise<InternalActionResponse>) => {
      while (Date.now() < endAt) {
        const key = randomUUID();
        for (;;) {
          const answer = await call(key);
          if (answer.outcome === 'succeeded') {
            if (Date.now() <= endAt) succeeded += 1;
            break;
          }
          if (answer.outcome !== 'retry_later') throw new Error(`unexpected ${answer.outcome}`);
          deferrals += 1;
          if (Date.now() + answer.retryAfterMs > endAt) return;
          await new Promise((resolve) => setTimeout(resolve, answer.retryAfterMs));
        }
      }
    };
    await Promise.all(limited.flatMap(({ origin }) => Array.from({ length: DRIVERS_PER_PROCESS }, () => driver(viaLayer(origin)))));
    watching = false;
    await watch;
    watcher.disconnect();
    const maxInWindow = (times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      let max = 0;
      for (let i = 0, j = 0; i < sorted.length; i += 1) {
        while (sorted[i]! - sorted[j]! >= 1000) j += 1;
        max = Math.max(max, i - j + 1);
      }
      return max;
    };
    const arrivals = slack.received
      .slice(from)
      .filter((r) => r.path === '/chat.postMessage')
      .map((r) => r.at)
      .sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench: 'integrations.shared-limit',
        processes: 2,
        driversPerProcess: DRIVERS_PER_PROCESS,
        limitPerSecond: LIMIT,
        seconds: THROUGHPUT_SECONDS,
        succeeded,
        throughputPerSecond: +(succeeded / THROUGHPUT_SECONDS).toFixed(1),
        deferrals,
        admissions: admitted.size,
        maxAdmissionsInAnySecond: maxInWindow([...admitted.values()]),
        slackCalls: arrivals.length,
        maxSlackArrivalsInAnySecond: maxInWindow(arrivals),
      }),
    );
  } finally {
    await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map(stop));
    await orm.close();
    await slack.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
