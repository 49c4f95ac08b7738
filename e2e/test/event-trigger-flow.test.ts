/**
 * End to end across two subgraphs: an event ingested through Core is stored, relayed by Core's
 * outbox relay to the Redis stream, consumed by the workflow subgraph's event-trigger consumer,
 * and starts the matching workflow exactly once, even when the stream entry is delivered twice.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventStreamKey } from '@flowgraph/contracts';
import { createLogger } from '@flowgraph/kernel';
import { EventRelay, signUp, startCoreHarness, type Account, type CoreHarness } from '@flowgraph/core/testing';
import {
  ExecutionStarter,
  EVENT_TRIGGERS_GROUP,
  EventTriggerConsumer,
  startTriggerHarness,
  type TriggerHarness,
} from '@flowgraph/workflow/testing';
import { until } from '@flowgraph/kernel/testing';

let core: CoreHarness;
let wf: TriggerHarness;
let account: Account;
let relay: EventRelay;
let consumer: EventTriggerConsumer;
let triggerId: string;
let streamKey: string;
const logger = createLogger('test', process.env.TEST_LOG ?? 'silent');

const newConsumer = () =>
  new EventTriggerConsumer({
    root: wf.orm.em as EntityManager,
    redis: wf.redis,
    redisPrefix: wf.config.REDIS_PREFIX,
    logger,
    starter: () => new ExecutionStarter({ em: wf.orm.em.fork() as EntityManager, queue: wf.executionQueue }),
    blockMs: 200,
    claimIdleMs: 300,
    claimEveryMs: 100,
  });

beforeAll(async () => {
  core = await startCoreHarness('evflow');
  wf = await startTriggerHarness('evflowwf');
  streamKey = eventStreamKey(wf.config.REDIS_PREFIX);
  account = await signUp(core);
  const workflowId = await wf.seedWorkflow({ orgId: account.orgId });
  const admin = { userId: account.userId, orgId: account.orgId, role: 'admin' as const };
  const added = await wf.call(
    `mutation($input: AddTriggerInput!) { addTrigger(input: $input) { trigger { id } } }`,
    { input: { workflowId, kind: 'EVENT', event: { tool: 'github', eventType: 'pr.opened' } } },
    admin,
  );
  triggerId = added.data!.addTrigger.trigger.id;
  // A trigger of the same filter in another organization must not fire for this organization's events.
  await wf.call(`mutation($input: AddTriggerInput!) { addTrigger(input: $input) { trigger { id } } }`, {
    input: { workflowId: await wf.seedWorkflow(), kind: 'EVENT', event: { tool: 'github', eventType: 'pr.opened' } },
  });
  consumer = newConsumer();
  await consumer.start();
  relay = new EventRelay({ orm: core.orm, redis: core.redis, redisPrefix: wf.config.REDIS_PREFIX, logger, intervalMs: 20 });
  relay.start();
});

afterAll(async () => {
  await relay.stop();
  await consumer.stop();
  await wf.close();
  await core.close();
});

const ingest = async (events: Record<string, unknown>[]): Promise<string[]> => {
  const response = await core.call(
    `mutation($events: [EventInput!]!) { ingestEvents(events: $events) { results { event { id } } } }`,
    { events: events.map((e) => ({ idempotencyKey: randomUUID(), occurredAt: new Date().toISOString(), payload: { number: 7 }, ...e })) },
    account.identity,
  );
  return response.data!.ingestEvents.results.map((r: { event: { id: string } }) => r.event.id);
};

const executionsFor = (eventId: string) =>
  wf.owner<{ id: string; idempotency_key: string; input: { event: Record<string, unknown> } }>(
    'select id, idempotency_key, input from workflow.executions where trigger_id = $1 and idempotency_key like $2',
    [triggerId, `event:${eventId}:%`],
  );

/** Waits until the group has delivered and acknowledged everything in the stream. */
async function drained(): Promise<void> {
  await until(async () => {
    const [last] = await wf.redis.xrevrange(streamKey, '+', '-', 'COUNT', 1);
    const groups = (await wf.redis.xinfo('GROUPS', streamKey)) as unknown[][];
    const info = Object.fromEntries(groups[0].flatMap((v, i, a) => (i % 2 === 0 ? [[v, a[i + 1]]] : [])));
    return info['last-delivered-id'] === last?.[0] && Number(info.pending) === 0 ? true : undefined;
  });
}

it('starts the matching workflow once for an ingested event, and not for others', async () => {
  const [matching, other] = await ingest([
    { tool: 'github', eventType: 'pr.opened' },
    { tool: 'github', eventType: 'pr.closed' },
  ]);
  const [execution] = await until(async () => {
    const rows = await executionsFor(matching);
    return rows.length > 0 ? rows : undefined;
  });
  expect(execution.idempotency_key).toBe(`event:${matching}:${triggerId}`);
  expect(execution.input.event).toMatchObject({
    id: matching,
    tool: 'github',
    eventType: 'pr.opened',
    payload: { number: 7 },
    userId: account.userId,
  });
  await drained();
  expect(await executionsFor(matching)).toHaveLength(1);
  expect(await executionsFor(other)).toHaveLength(0);
  const all = await wf.owner('select 1 from workflow.executions where trigger_kind = $1', ['event']);
  expect(all).toHaveLength(1);
});

it('starts nothing more when the same stream entry is delivered twice (relay re-publish)', async () => {
  const [eventId] = await ingest([{ tool: 'github', eventType: 'pr.opened' }]);
  await until(async () => ((await executionsFor(eventId)).length > 0 ? true : undefined));
  const [[, fields]] = await wf.redis.xrevrange(streamKey, '+', '-', 'COUNT', 1);
  await wf.redis.xadd(streamKey, '*', ...fields); // what a relay crash between XADD and marking published does
  await drained();
  expect(await executionsFor(eventId)).toHaveLength(1);
});

it('claims an entry a dead consumer read but never acknowledged, and starts it once', async () => {
  await consumer.stop();
  const [eventId] = await ingest([{ tool: 'github', eventType: 'pr.opened' }]);
  await until(async () =>
    (await wf.redis.xlen(streamKey)) > 0 &&
    (await core.owner('select 1 from core.event_outbox where $1 = any(event_ids)', [eventId])).length === 0
      ? true
      : undefined,
  );
  // A consumer that reads and dies before XACK.
  const read = (await wf.redis.xreadgroup('GROUP', EVENT_TRIGGERS_GROUP, 'dead-consumer', 'COUNT', 10, 'STREAMS', streamKey, '>')) as [
    string,
    [string, string[]][],
  ][];
  expect(read[0][1].some(([, f]) => f.includes(eventId))).toBe(true);
  expect(await executionsFor(eventId)).toHaveLength(0);

  consumer = newConsumer();
  await consumer.start();
  await until(async () => ((await executionsFor(eventId)).length > 0 ? true : undefined));
  await drained();
  expect(await executionsFor(eventId)).toHaveLength(1);
});
