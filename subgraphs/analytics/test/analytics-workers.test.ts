/**
 * The analytics worker's queue through a real BullMQ worker: the nightly scheduler, its fan-out
 * to one `mine-patterns` job per organization, a per-organization job mining every user and
 * deleting events past retention, and extra scheduled jobs plugged in.
 */
import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { createRedis, type Redis } from '@flowgraph/kernel';
import { storeEvents } from '../src/modules/event-copy/event-copy.service';
import type { AnalyticsJobDefinition } from '../src/modules/patterns/patterns.worker';
import { startWorkers } from '../src/workers';
import { MINE_PATTERNS_JOB, MINE_PATTERNS_NIGHTLY_JOB } from '../src/modules/patterns/mine-patterns.job';
import {
  copied,
  openAnalyticsDatabase,
  openTestStream,
  patternRows,
  testLogger,
  type AnalyticsDatabase,
  type TestStream,
} from '../src/testing/pattern-pipeline';
import { until } from '@flowgraph/kernel/testing';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const DAY = 86_400_000;
let database: AnalyticsDatabase;
let stream: TestStream;
let connection: Redis;
let eventsConnection: Redis;
let running: Awaited<ReturnType<typeof startWorkers>>;
let queueEvents: QueueEvents;
const extraRuns: Record<string, unknown>[] = [];
const extra: AnalyticsJobDefinition = {
  name: 'daily-aggregates',
  schedule: { pattern: '15 0 * * *' },
  run: async (data) => {
    extraRuns.push(data);
    return { done: true };
  },
};

const orgA = randomUUID();
const orgB = randomUUID();
const alice = randomUUID();
const bob = randomUUID();
const carol = randomUUID();

/** Three sessions a day apart, each "PR opened, then a Slack message" (support 3 at the default min support 3). */
function habit(orgId: string, userId: string, lastDay: number) {
  return [0, 1, 2].flatMap((d) => {
    const start = NOW.getTime() - (lastDay + d) * DAY;
    return [
      { id: randomUUID(), orgId, userId, tool: 'github', eventType: 'pr.opened', occurredAt: new Date(start) },
      { id: randomUUID(), orgId, userId, tool: 'slack', eventType: 'message.posted', occurredAt: new Date(start + 60_000) },
    ];
  });
}

beforeAll(async () => {
  database = await openAnalyticsDatabase('anworkers');
  // Hand-sized data: patterns from 3 sessions on.
  stream = await openTestStream('anworkers', { PATTERN_MIN_SUPPORT: '3', PATTERN_MIN_SUPPORT_RATIO: '0' });
  connection = createRedis(stream.config.REDIS_URL, { forWorkers: true });
  eventsConnection = createRedis(stream.config.REDIS_URL, { forWorkers: true });
  running = await startWorkers({
    orm: database.orm,
    connection,
    redis: stream.redis,
    logger: testLogger(),
    config: stream.config,
    clock: () => NOW,
    jobs: [extra],
    eventConsumer: false,
  });
  queueEvents = new QueueEvents(running.queue.name, { connection: eventsConnection, prefix: `${stream.config.REDIS_PREFIX}:bull` });
  await queueEvents.waitUntilReady();
});

afterAll(async () => {
  await queueEvents.close();
  await running.close();
  await running.queue.obliterate({ force: true }).catch(() => undefined);
  eventsConnection.disconnect();
  connection.disconnect();
  await stream.close();
  await database.close();
});

it('schedules the nightly mining at 02:00 UTC and the extra jobs, once however many replicas start', async () => {
  const second = await startWorkers({
    orm: database.orm,
    connection,
    redis: stream.redis,
    logger: testLogger(),
    config: stream.config,
    jobs: [extra],
    eventConsumer: false,
  });
  await second.close();
  const schedulers = await running.queue.getJobSchedulers();
  expect(schedulers.map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz })).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
    { key: 'daily-aggregates', pattern: '15 0 * * *', tz: 'UTC' },
    { key: MINE_PATTERNS_NIGHTLY_JOB, pattern: '0 2 * * *', tz: 'UTC' },
  ]);
});

it('mines every user of an organization and deletes its events past retention, through a real worker', async () => {
  const expired = {
    id: randomUUID(),
    orgId: orgA,
    userId: alice,
    tool: 'github',
    eventType: 'push',
    occurredAt: new Date(NOW.getTime() - 91 * DAY),
  };
  await storeEvents(database.root, [...habit(orgA, alice, 1), ...habit(orgA, bob, 3), expired, ...habit(orgB, carol, 1)].map(copied));
  // Carol had a pattern in organization A once; with no events left there it must become inactive.
  await database.owner(
    `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at, created_at)
     values ($1, $2, $3, '[{"tool":"s3","eventType":"object.created"},{"tool":"slack","eventType":"message.posted"}]', 4, 1, now(), now(), now())`,
    [randomUUID(), orgA, carol],
  );

  const job = await running.queue.add(MINE_PATTERNS_JOB, { orgId: orgA });
  expect(await job.waitUntilFinished(queueEvents, 10_000)).toEqual({
    orgId: orgA,
    users: 3,
    activePatterns: 2,
    deactivatedPatterns: 1,
    eventsDeleted: 1,
  });

  const rows = await patternRows(database, 'org_id = $1', [orgA]);
  expect(rows.map((r) => [r.user_id, r.key, r.support, r.active])).toEqual(
    [
      [alice, 'github/pr.opened>slack/message.posted', 3, true],
      [bob, 'github/pr.opened>slack/message.posted', 3, true],
      [carol, 's3/object.created>slack/message.posted', 4, false],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  expect(await database.owner('select id from analytics.events where id = $1', [expired.id])).toEqual([]);
  expect(await patternRows(database, 'org_id = $1', [orgB])).toEqual([]); // another organization's job
});

it('fans the nightly job out to one job per organization', async () => {
  const nightly = await running.queue.add(MINE_PATTERNS_NIGHTLY_JOB, {});
  expect(await nightly.waitUntilFinished(queueEvents, 10_000)).toEqual({ organizations: 2 });
  const orgBRows = await until(async () => {
    const rows = await patternRows(database, 'org_id = $1', [orgB]);
    return rows.length > 0 ? rows : undefined;
  });
  expect(orgBRows.map((r) => [r.user_id, r.key, r.support])).toEqual([[carol, 'github/pr.opened>slack/message.posted', 3]]);
  const day = NOW.toISOString().slice(0, 10);
  expect((await running.queue.getJob(`${MINE_PATTERNS_JOB}-${orgA}-${day}`))?.data).toEqual({ orgId: orgA });

  // A second fan-out the same day adds no second job per organization.
  const again = await running.queue.add(MINE_PATTERNS_NIGHTLY_JOB, {});
  await again.waitUntilFinished(queueEvents, 10_000);
  const perOrg = (await running.queue.getJobs(['completed', 'active', 'waiting', 'delayed'])).filter(
    (j) => j.name === MINE_PATTERNS_JOB && j.id?.endsWith(day),
  );
  expect(perOrg.map((j) => j.id).sort()).toEqual([`${MINE_PATTERNS_JOB}-${orgA}-${day}`, `${MINE_PATTERNS_JOB}-${orgB}-${day}`].sort());
});

it('runs an extra job definition by its name, and refuses a malformed mining job for good', async () => {
  const job = await running.queue.add('daily-aggregates', { day: '2026-03-01' });
  expect(await job.waitUntilFinished(queueEvents, 10_000)).toEqual({ done: true });
  expect(extraRuns).toEqual([{ day: '2026-03-01' }]);
  const bad = await running.queue.add(MINE_PATTERNS_JOB, { orgId: 'nope' }, { attempts: 3 });
  await expect(bad.waitUntilFinished(queueEvents, 10_000)).rejects.toThrow(/orgId/);
  expect((await running.queue.getJob(bad.id!))?.attemptsMade).toBe(1);
});
