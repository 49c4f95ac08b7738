/**
 * An event dated a little in the future is left out when its batch is mined (the window ends
 * now); a delayed job, one per user per due second, mines the user again when it comes due —
 * without waiting for the nightly run or the user's next event.
 */
import { randomUUID } from 'node:crypto';
import { until } from '@flowgraph/kernel/testing';
import { MINE_USER_WHEN_DUE_JOB } from '../src/modules/patterns/mine-user-when-due.job';
import { ANALYTICS_CONSUMER_GROUP } from '../src/modules/event-copy/event-stream';
import {
  drained,
  openAnalyticsDatabase,
  openTestStream,
  patternRows,
  startTestWorkers,
  streamFields,
  type AnalyticsDatabase,
  type TestStream,
  type TestWorkers,
} from '../src/testing/pattern-pipeline';

const HOUR = 3_600_000;
let database: AnalyticsDatabase;
let stream: TestStream;
let running: TestWorkers;
const orgId = randomUUID();
const userId = randomUUID();

beforeAll(async () => {
  database = await openAnalyticsDatabase('anfuture');
  // A pattern from 2 sessions on: one session in the past, the other one still to come.
  stream = await openTestStream('anfuture', { PATTERN_MIN_SUPPORT: '2', PATTERN_MIN_SUPPORT_RATIO: '0' });
  running = await startTestWorkers({ orm: database.orm, redis: stream.redis, config: stream.config });
});

afterAll(async () => {
  await running.close();
  await stream.close();
  await database.close();
});

it('mines an event dated in the future when its time comes, with one delayed job per user and due second', async () => {
  const past = Date.now() - 2 * HOUR;
  // Both future events in one second, a few seconds ahead.
  const soon = Math.ceil(Date.now() / 1000) * 1000 + 3000;
  const step = (eventType: string, at: number) => ({
    id: randomUUID(),
    orgId,
    userId,
    tool: 'github',
    eventType,
    occurredAt: new Date(at),
  });
  const events = [step('pr.opened', past), step('pr.merged', past + 60_000), step('pr.opened', soon + 100), step('pr.merged', soon + 200)];
  await stream.add(...events);
  await until(async () => ((await drained(stream.redis, stream.key, ANALYTICS_CONSUMER_GROUP)) ? true : undefined));

  // Mined at once without the future session: support 1, below the minimum.
  expect(await patternRows(database, 'user_id = $1', [userId])).toEqual([]);
  // (The nightly scheduler's next run is a delayed job too.)
  const dueMining = async () =>
    (await running.queue.getDelayed()).filter((job) => job.name === MINE_USER_WHEN_DUE_JOB).map((job) => job.data);
  expect(await dueMining()).toEqual([{ orgId, userId, dueAt: soon + 1000 }]);

  // A redelivered entry queues nothing more.
  await stream.redis.xadd(stream.key, '*', ...Object.entries(streamFields(events[3])).flat());
  await until(async () => ((await drained(stream.redis, stream.key, ANALYTICS_CONSUMER_GROUP)) ? true : undefined));
  expect(await dueMining()).toHaveLength(1);

  const [pattern] = await until(
    async () => {
      const rows = await patternRows(database, 'user_id = $1 and active', [userId]);
      return rows.length > 0 ? rows : undefined;
    },
    15_000,
    'the pattern mined when the future events came due',
  );
  expect(Date.now()).toBeGreaterThanOrEqual(soon + 200);
  expect(pattern).toMatchObject({ key: 'github/pr.opened>github/pr.merged', support: 2, last_seen_at: new Date(soon + 200).toISOString() });
});
