/**
 * Analytics' copy of Core's event stream through a real Redis stream and consumer group: each
 * event stored once whatever the redeliveries, malformed entries dropped, a stopped consumer
 * catching up, every event under its organization (row-level security).
 */
import { randomUUID } from 'node:crypto';
import { inScopedTransaction } from '@flowgraph/kernel';
import { EventCopyConsumer, type EventCopyConsumerOptions, type EventUser } from '../src/modules/event-copy/event-copy.consumer';
import { EVENT_ATTRIBUTE_KEYS, extractEventAttributes } from '../src/modules/event-copy/event-attributes';
import { ANALYTICS_CONSUMER_GROUP } from '../src/modules/event-copy/event-stream';
import {
  drained,
  openAnalyticsDatabase,
  openTestStream,
  streamFields,
  testLogger,
  type AnalyticsDatabase,
  type TestEvent,
  type TestStream,
} from '../src/testing/pattern-pipeline';
import { until } from '@flowgraph/kernel/testing';

let database: AnalyticsDatabase;
let stream: TestStream;
const running = new Set<EventCopyConsumer>();
const mined: EventUser[][] = [];

const orgA = randomUUID();
const orgB = randomUUID();
const alice = randomUUID();
const bob = randomUUID();

beforeAll(async () => {
  database = await openAnalyticsDatabase('anconsumer');
  stream = await openTestStream('anconsumer');
});

afterEach(async () => {
  for (const consumer of running) await consumer.stop();
  running.clear();
});

afterAll(async () => {
  await stream.close();
  await database.close();
});

async function startConsumer(options: Partial<EventCopyConsumerOptions> = {}): Promise<EventCopyConsumer> {
  const consumer = new EventCopyConsumer({
    root: database.root,
    redis: stream.redis,
    redisPrefix: stream.config.REDIS_PREFIX,
    logger: testLogger(),
    afterStore: async (users) => void mined.push(users),
    blockMs: 100,
    claimIdleMs: 200,
    claimEveryMs: 50,
    ...options,
  });
  running.add(consumer);
  await consumer.start();
  return consumer;
}

const allDrained = () => until(async () => ((await drained(stream.redis, stream.key, ANALYTICS_CONSUMER_GROUP)) ? true : undefined));
const storedCount = async (ids: string[]) =>
  Number((await database.owner<{ n: string }>('select count(*) as n from analytics.events where id = any($1::uuid[])', [ids]))[0].n);

function event(fields: Partial<TestEvent> = {}): TestEvent & { id: string } {
  return {
    id: randomUUID(),
    orgId: orgA,
    userId: alice,
    tool: 'github',
    eventType: 'pr.opened',
    occurredAt: new Date('2026-03-01T10:00:00.000Z'),
    ...fields,
  };
}

it('reads the history the stream held before the group existed, and stores each event once with its allow-listed attributes', async () => {
  const first = event({ payload: { channel: '  #reviews ', number: 7, secret: 'x', url: 'u'.repeat(201) } });
  await stream.add(first);
  await startConsumer();
  await allDrained();
  const [row] = await database.owner(
    'select org_id, user_id, tool, event_type, occurred_at, attributes from analytics.events where id = $1',
    [first.id],
  );
  expect(row).toEqual({
    org_id: orgA,
    user_id: alice,
    tool: 'github',
    event_type: 'pr.opened',
    occurred_at: first.occurredAt,
    attributes: { channel: '#reviews' },
  });
});

it('stores an event once when its entry is delivered twice or its id comes in two entries', async () => {
  await startConsumer();
  const twice = event();
  const fields = streamFields(twice);
  await stream.addRaw(fields); // a relay crash between XADD and marking published re-publishes the entry
  await stream.addRaw(fields);
  await allDrained();
  // A consumer that read an entry and died before XACK: the entry is claimed and handled again.
  const claimed = event();
  await stream.add(claimed);
  for (const consumer of running) await consumer.stop();
  running.clear();
  await stream.redis.xreadgroup('GROUP', ANALYTICS_CONSUMER_GROUP, 'dead-consumer', 'COUNT', 10, 'STREAMS', stream.key, '>');
  await stream.add(claimed); // and once more, fresh
  await startConsumer();
  await allDrained();
  expect(await storedCount([twice.id])).toBe(1);
  expect(await storedCount([claimed.id])).toBe(1);
});

it('drops malformed entries and stores their well-formed neighbours', async () => {
  const good = event();
  const bad: Record<string, string>[] = [
    { ...streamFields(event()), id: 'not-a-uuid' },
    { ...streamFields(event()), orgId: '' },
    { ...streamFields(event()), userId: 'someone' },
    { ...streamFields(event()), tool: '' },
    { ...streamFields(event()), tool: 'git/hub' },
    { ...streamFields(event()), eventType: 'pr>opened' },
    { ...streamFields(event()), occurredAt: 'yesterday' },
    { ...streamFields(event()), payload: '{not json' },
    { hello: 'world' },
  ];
  for (const fields of bad) await stream.addRaw(fields);
  await stream.add(good);
  await startConsumer();
  await allDrained();
  expect(await storedCount([good.id])).toBe(1);
  const ids = bad.map((f) => f.id).filter((id) => id && id !== 'not-a-uuid');
  expect(await storedCount(ids)).toBe(0);
});

it('catches up from where it left off after a stop', async () => {
  await startConsumer();
  const before = event();
  await stream.add(before);
  await allDrained();
  for (const consumer of running) await consumer.stop();
  running.clear();
  const whileStopped = [event(), event(), event({ userId: bob })];
  await stream.add(...whileStopped);
  expect(await storedCount(whileStopped.map((e) => e.id))).toBe(0);
  mined.length = 0;
  await startConsumer();
  await allDrained();
  expect(await storedCount(whileStopped.map((e) => e.id))).toBe(3);
  // Only what came after the stop was handled again, and its users handed on for mining.
  expect(
    mined
      .flat()
      .map((u) => u.userId)
      .sort(),
  ).toEqual([alice, bob].sort());
});

it('stores every event under its own organization, and widens each organization’s event span', async () => {
  const a = event({ orgId: orgA, occurredAt: new Date('2026-01-05T00:00:00.000Z') });
  const b = event({ orgId: orgB, userId: bob, occurredAt: new Date('2026-04-05T00:00:00.000Z') });
  await startConsumer();
  await stream.add(a, b);
  await allDrained();
  const visible = (orgId: string) =>
    inScopedTransaction(database.root, { orgId }, (em) =>
      em.execute<{ id: string }[]>('select id from analytics.events where id in (?, ?)', [a.id, b.id]),
    );
  expect((await visible(orgA)).map((r) => r.id)).toEqual([a.id]);
  expect((await visible(orgB)).map((r) => r.id)).toEqual([b.id]);
  expect(await inScopedTransaction(database.root, {}, (em) => em.execute('select id from analytics.events'))).toEqual([]);
  const orgs = await database.owner(
    'select org_id, first_event_at, last_event_at from analytics.organizations where org_id = any($1::uuid[]) order by first_event_at',
    [[orgA, orgB]],
  );
  expect(orgs).toEqual([
    { org_id: orgA, first_event_at: a.occurredAt, last_event_at: new Date('2026-03-01T10:00:00.000Z') },
    { org_id: orgB, first_event_at: b.occurredAt, last_event_at: b.occurredAt },
  ]);
});

it('acknowledges a batch only after its users were handed on; a failure keeps it for a retry', async () => {
  const e = event({ userId: bob });
  let failures = 0;
  const handed: EventUser[][] = [];
  await startConsumer({
    afterStore: async (users) => {
      handed.push(users);
      if (failures++ === 0) throw new Error('mining failed');
    },
  });
  await stream.add(e);
  await allDrained();
  // Stored by the first attempt, and the user handed on again by the retry though nothing new was inserted.
  expect(handed).toEqual([[{ orgId: orgA, userId: bob }], [{ orgId: orgA, userId: bob }]]);
  expect(await storedCount([e.id])).toBe(1);
});

it('hands on each user once per round, platform events and events without a user left out', async () => {
  const handed: EventUser[][] = [];
  await startConsumer({ debounceMs: 5000, batchSize: 6, afterStore: async (users) => void handed.push(users) });
  await stream.add(
    event(),
    event(),
    event({ userId: bob }),
    event(),
    event({ userId: null }),
    event({ userId: randomUUID(), tool: 'flowgraph', eventType: 'user.signed_up' }),
  );
  await allDrained();
  // Six entries in one round (the batch filled long before the debounce time): alice and bob once each.
  expect(handed).toEqual([
    [
      { orgId: orgA, userId: alice },
      { orgId: orgA, userId: bob },
    ],
  ]);
});

describe('event attributes', () => {
  it('keeps only allow-listed, non-empty string values of at most 200 characters, trimmed', () => {
    expect(EVENT_ATTRIBUTE_KEYS).toEqual(['channel', 'team', 'project', 'repository', 'bucket', 'folder', 'prefix', 'url']);
    expect(
      extractEventAttributes({
        channel: ' #reviews ',
        team: '',
        project: 42,
        repository: 'acme/api',
        bucket: 'b'.repeat(200),
        folder: 'f'.repeat(201),
        other: 'x',
        url: null,
      }),
    ).toEqual({
      channel: '#reviews',
      repository: 'acme/api',
      bucket: 'b'.repeat(200),
    });
    expect(extractEventAttributes(null)).toEqual({});
    expect(extractEventAttributes(['channel'])).toEqual({});
    expect(extractEventAttributes(Object.create({ channel: 'inherited' }))).toEqual({});
  });
});
