/**
 * End to end across Core and Analytics: events of the same instant, sent in one batch, reach the
 * miner in the order they were sent (Core's ingestion number `seq`, carried on the stream), not
 * in the order of their random ids.
 */
import { randomUUID } from 'node:crypto';
import { until } from '@flowgraph/kernel/testing';
import { EventRelay, signUp, startCoreHarness, type Account, type CoreHarness } from '@flowgraph/core/testing';
import {
  openAnalyticsDatabase,
  openTestStream,
  patternRows,
  startTestWorkers,
  testLogger,
  type AnalyticsDatabase,
  type TestStream,
  type TestWorkers,
} from '@flowgraph/analytics/testing';

const STEPS = ['a.first', 'b.second', 'c.third', 'd.fourth', 'e.fifth'];
const SESSIONS = 5;
const HOUR = 3_600_000;

let core: CoreHarness;
let account: Account;
let relay: EventRelay;
let database: AnalyticsDatabase;
let stream: TestStream;
let running: TestWorkers;

beforeAll(async () => {
  core = await startCoreHarness('evorder');
  account = await signUp(core);
  database = await openAnalyticsDatabase('evorder');
  stream = await openTestStream('evorder', { REDIS_PREFIX: core.config.REDIS_PREFIX, PATTERN_MIN_SUPPORT: String(SESSIONS) });
  running = await startTestWorkers({ orm: database.orm, redis: stream.redis, config: stream.config });
  relay = new EventRelay({ orm: core.orm, redis: core.redis, redisPrefix: core.config.REDIS_PREFIX, logger: testLogger(), intervalMs: 20 });
  relay.start();
});

afterAll(async () => {
  await relay.stop();
  await running.close();
  await stream.close();
  await database.close();
  await core.close();
});

it('mines events of one instant in the order they were sent, whatever their ids', async () => {
  // Each session: the five steps at one instant, sessions hours apart; all in one ingestEvents call.
  const start = Date.now() - 2 * 24 * HOUR;
  const events = Array.from({ length: SESSIONS }, (_, s) =>
    STEPS.map((eventType) => ({
      idempotencyKey: randomUUID(),
      tool: 'jira',
      eventType,
      occurredAt: new Date(start + s * 2 * HOUR).toISOString(),
      payload: {},
    })),
  ).flat();
  const response = await core.call(
    `mutation($events: [EventInput!]!) { ingestEvents(events: $events) { createdCount } }`,
    { events },
    account.identity,
  );
  expect(response.data?.ingestEvents.createdCount).toBe(events.length);

  const fullSequence = STEPS.map((step) => `jira/${step}`).join('>');
  const rows = await until(async () => {
    const found = await patternRows(database, 'user_id = $1 and active', [account.userId]);
    return found.some((r) => r.key === fullSequence) ? found : undefined;
  });
  expect(rows.find((r) => r.key === fullSequence)?.support).toBe(SESSIONS);
  // Nothing out of the order sent: every pattern's steps appear in the order of STEPS.
  const outOfOrder = rows.filter((r) => {
    const positions = r.key.split('>').map((step) => STEPS.indexOf(step.slice('jira/'.length)));
    return positions.some((p, i) => i > 0 && p < positions[i - 1]);
  });
  expect(outOfOrder.map((r) => r.key)).toEqual([]);
  const copiedSeqs = await database.owner<{ seq: string | null }>('select seq from analytics.events order by occurred_at, seq');
  expect(copiedSeqs.every((r) => r.seq !== null)).toBe(true);
});
