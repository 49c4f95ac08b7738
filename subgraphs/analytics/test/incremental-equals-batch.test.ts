/**
 * The two modes agree: a realistic stream (several users of two organizations, planted repeated
 * sequences among noise, sessions at any hour over 45 days, platform events, events without a
 * user or after `now`) fed through the near-real-time consumer — two replicas, random chunks,
 * shuffled, with duplicates — gives the same active patterns as the nightly per-organization
 * batch on a second database holding the same events, at the same `now`. A batch run after the
 * incremental one on the same database then changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { createRedis, type Redis } from '@flowgraph/kernel';
import { seededRandom, until } from '@flowgraph/kernel/testing';
import { loadAnalyticsConfig } from '../src/config';
import { storeEvents } from '../src/modules/event-copy/event-copy.service';
import { ANALYTICS_CONSUMER_GROUP } from '../src/modules/event-copy/event-stream';
import { PatternMiner } from '../src/modules/patterns/pattern-miner';
import { patternKey, userMiningOptions } from '../src/modules/patterns/user-pattern-mining';
import { startWorkers } from '../src/workers';
import { minePatternsOfOrganization } from '../src/modules/patterns/mine-patterns.job';
import {
  copied,
  drained,
  openAnalyticsDatabase,
  openTestStream,
  patternRows,
  streamFields,
  testLogger,
  type AnalyticsDatabase,
  type TestEvent,
  type TestStream,
} from '../src/testing/pattern-pipeline';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
// A relative threshold too, so a user's threshold moves as their sessions arrive.
const env = { PATTERN_MIN_SUPPORT: '2', PATTERN_MIN_SUPPORT_RATIO: '0.15', PATTERN_MAX_LENGTH: '4', PATTERN_REFRESH_DEBOUNCE_MS: '5' };
const config = loadAnalyticsConfig({ ...process.env, ...env });

const step = (key: string) => ({ tool: key.split('/')[0], eventType: key.split('/')[1] });
const NOISE = [
  'github/push',
  'github/pr.merged',
  'slack/reaction.added',
  'jira/issue.updated',
  'drive/file.uploaded',
  'notion/page.updated',
  'gmail/email.sent',
  'calendar/event.created',
  'figma/file.updated',
  'zoom/meeting.started',
].map(step);
const PLANTED = [
  ['github/pr.opened', 'slack/message.posted'],
  ['jira/issue.created', 'github/push', 'slack/message.posted'],
  ['drive/file.uploaded', 'slack/message.posted', 'jira/issue.updated'],
].map((p) => p.map(step));
const FADING = ['gmail/email.received', 'notion/page.created'].map(step);

type Event = TestEvent & { id: string };

function generate(seed: number): { events: Event[]; users: { orgId: string; userId: string; planted: string[] }[] } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const orgs = [randomUUID(), randomUUID()];
  const shared = randomUUID(); // one person in both organizations
  const users = [
    { orgId: orgs[0], userId: randomUUID() },
    { orgId: orgs[0], userId: randomUUID() },
    { orgId: orgs[0], userId: shared },
    { orgId: orgs[1], userId: randomUUID() },
    { orgId: orgs[1], userId: shared },
  ].map((user) => ({ ...user, planted: [] as string[] }));
  const events: Event[] = [];
  const add = (orgId: string, userId: string | null, item: { tool: string; eventType: string }, time: number) =>
    events.push({ id: randomUUID(), orgId, userId, ...item, occurredAt: new Date(time) });
  const windowStart = NOW.getTime() - 29 * DAY;
  for (const user of users) {
    const { orgId, userId } = user;
    const planted = [pick(PLANTED), pick(PLANTED)];
    user.planted = planted.map(patternKey);
    // Any hour of the last 45 days (some sessions run past midnight, some lie outside the 30-day window).
    const starts = Array.from({ length: 27 + Math.floor(random() * 10) }, () => NOW.getTime() - Math.floor(random() * 45 * DAY)).sort(
      (a, b) => a - b,
    );
    let fading = 0;
    for (const [index, start] of starts.entries()) {
      let time = start;
      const items = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(NOISE));
      const sequences = random() < 0.8 ? [planted[index % 2]] : [];
      // A habit dropped: in the first three sessions of the window only. Frequent while the stream
      // has brought little more (in time order), it falls below the relative threshold later.
      if (time >= windowStart && fading < 3) {
        fading++;
        sequences.push(FADING);
      }
      for (const sequence of sequences) {
        let at = Math.floor(random() * items.length);
        for (const item of sequence) {
          items.splice(at, 0, item);
          at += 1 + Math.floor(random() * 2); // a noise event between two steps, sometimes
        }
      }
      for (const item of items) {
        add(orgId, userId, item, time);
        const r = random();
        // Mostly minutes apart; sometimes the same millisecond (a tie), sometimes past the max gap.
        time += r < 0.05 ? 0 : r < 0.97 ? (1 + Math.floor(random() * 12)) * MINUTE : (31 + Math.floor(random() * 10)) * MINUTE;
      }
      if (random() < 0.2) add(orgId, userId, { tool: 'flowgraph', eventType: 'workflow.notification' }, time);
    }
    add(orgId, null, pick(NOISE), NOW.getTime() - Math.floor(random() * 10 * DAY));
    add(orgId, userId, pick(NOISE), NOW.getTime() + 2 * 60 * MINUTE); // after now: not mined yet
  }
  return { events, users };
}

/**
 * Roughly in time order, as Core relays them, but shuffled locally (each entry moved by up to
 * ±`spread` places) and with a tenth of the entries published again further on (a relay crash
 * between XADD and marking published).
 */
function arrivalOrder(entries: Record<string, string>[], random: () => number, spread: number): Record<string, string>[] {
  const keyed = entries.map((fields, index) => ({ fields, key: index + (random() * 2 - 1) * spread }));
  for (const { fields, key } of [...keyed]) if (random() < 0.1) keyed.push({ fields, key: key + random() * 4 * spread });
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.fields);
}

let incremental: AnalyticsDatabase;
let batch: AnalyticsDatabase;
let stream: TestStream;
let connection: Redis;
const { events, users } = generate(20260302);
const orgIds = [...new Set(users.map((u) => u.orgId))];

beforeAll(async () => {
  [incremental, batch] = await Promise.all([openAnalyticsDatabase('anincr'), openAnalyticsDatabase('anbatch')]);
  stream = await openTestStream('anincr', env);
  connection = createRedis(stream.config.REDIS_URL, { forWorkers: true });
});

afterAll(async () => {
  connection.disconnect();
  await stream.close();
  await Promise.all([incremental.close(), batch.close()]);
});

const comparable = (rows: Awaited<ReturnType<typeof patternRows>>) => rows.map(({ active: _active, ...row }) => row);

it('finds through the stream, chunked, shuffled and duplicated, the active patterns the nightly batch finds', async () => {
  // Near-real-time: two worker replicas in one consumer group, clock fixed at NOW.
  const replicas = await Promise.all(
    [0, 1].map(() =>
      startWorkers({
        orm: incremental.orm,
        connection,
        redis: stream.redis,
        logger: testLogger(),
        config: stream.config,
        clock: () => NOW,
        eventConsumer: { blockMs: 50, batchSize: 40, claimIdleMs: 500, claimEveryMs: 100 },
      }),
    ),
  );
  try {
    const random = seededRandom(7);
    const chronological = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const feed = arrivalOrder(chronological.map(streamFields), random, 40);
    for (let i = 0; i < feed.length;) {
      const size = 1 + Math.floor(random() * 60);
      const pipeline = stream.redis.pipeline();
      for (const fields of feed.slice(i, i + size)) pipeline.xadd(stream.key, '*', ...Object.entries(fields).flat());
      await pipeline.exec();
      i += size;
      await new Promise((r) => setTimeout(r, Math.floor(random() * 10)));
    }
    await until(async () => ((await drained(stream.redis, stream.key, ANALYTICS_CONSUMER_GROUP)) ? true : undefined), 20_000);
  } finally {
    await Promise.all(replicas.map((r) => r.close()));
  }
  expect(Number((await incremental.owner<{ n: string }>('select count(*) as n from analytics.events'))[0].n)).toBe(events.length);

  // Nightly: the same events stored directly on a second database, every organization mined at NOW.
  await storeEvents(batch.root, events.map(copied));
  const miner = new PatternMiner({ root: batch.root, options: userMiningOptions(config), logger: testLogger() });
  const deps = { root: batch.root, miner, windowDays: config.PATTERN_WINDOW_DAYS, retentionDays: config.ANALYTICS_EVENT_RETENTION_DAYS };
  const listed = await batch.owner<{ id: string }>('select analytics.organization_ids() as id');
  expect(listed.map((r) => r.id).sort()).toEqual([...orgIds].sort());
  for (const { id } of listed) await minePatternsOfOrganization(deps, { orgId: id }, NOW);

  const fromStream = await patternRows(incremental, 'active');
  const fromBatch = await patternRows(batch, 'active');
  expect(comparable(fromStream)).toEqual(comparable(fromBatch));

  // Not vacuous: each user's planted sequences are among their patterns; the dropped habit was
  // found along the way (few sessions yet) and is inactive now for users with enough later sessions.
  for (const user of users) {
    const keys = fromBatch.filter((r) => r.org_id === user.orgId && r.user_id === user.userId).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(user.planted));
  }
  const dropped = await patternRows(incremental, 'not active and key = $1', ['gmail/email.received>notion/page.created']);
  expect(dropped.length).toBeGreaterThan(0);
});

it('changes nothing when the nightly batch runs on the incremental database at the same time', async () => {
  const all = () => incremental.owner('select * from analytics.patterns order by id');
  const before = await all();
  const miner = new PatternMiner({ root: incremental.root, options: userMiningOptions(config), logger: testLogger() });
  const deps = {
    root: incremental.root,
    miner,
    windowDays: config.PATTERN_WINDOW_DAYS,
    retentionDays: config.ANALYTICS_EVENT_RETENTION_DAYS,
  };
  for (const orgId of orgIds) {
    const result = await minePatternsOfOrganization(deps, { orgId }, NOW);
    expect(result).toMatchObject({ deactivatedPatterns: 0, eventsDeleted: 0 });
  }
  expect(await all()).toEqual(before);
});
