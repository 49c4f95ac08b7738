import { randomUUID } from 'node:crypto';
import { eventStreamKey } from '@flowgraph/contracts';
import { createLogger, signIdentity, type Identity } from '@flowgraph/kernel';
import { EventRelay } from '../src/modules/events/event-relay';
import { startCoreHarness, signUp, type Account, type CoreHarness } from '../src/testing/core-harness';
import { until } from '@flowgraph/kernel/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response): Promise<Record<string, any>> => (await response.json()) as Record<string, any>;

let h: CoreHarness;
let owner: Account;
let relay: EventRelay;

beforeAll(async () => {
  h = await startCoreHarness('evstream');
  owner = await signUp(h);
  relay = new EventRelay({
    orm: h.orm,
    redis: h.redis,
    redisPrefix: h.config.REDIS_PREFIX,
    logger: createLogger('relay', 'silent'),
    batchSize: 2,
  });
});
afterAll(async () => {
  await relay.stop();
  await h.close();
});

const INGEST = `mutation($events: [EventInput!]!) { ingestEvents(events: $events) { results { status event { id } } } }`;
const event = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  eventType: 'pr.opened',
  tool: 'github',
  occurredAt: new Date().toISOString(),
  payload: { repo: 'flowgraph' },
  ...overrides,
});

function postInternal(body: unknown, identity?: Partial<Identity>) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const url = new URL('/internal/events', h.server.url);
  const sent = typeof body === 'string' ? body : JSON.stringify(body);
  if (identity)
    Object.assign(
      headers,
      signIdentity({ requestId: randomUUID(), scopes: [], authMethod: 'service', ...identity }, h.config.IDENTITY_SECRET, {
        method: 'POST',
        target: url,
        body: sent,
      }),
    );
  return fetch(url, { method: 'POST', headers, body: sent });
}

const serviceIdentity = () => ({ orgId: owner.orgId, userId: owner.userId, role: 'member' as const, authMethod: 'service' as const });

async function streamEntries(): Promise<Record<string, string>[]> {
  const entries = await h.redis.xrange(eventStreamKey(h.config.REDIS_PREFIX), '-', '+');
  return entries.map(([, fields]) => Object.fromEntries(fields.flatMap((_, i) => (i % 2 === 0 ? [[fields[i], fields[i + 1]]] : []))));
}

describe('POST /internal/events', () => {
  it('refuses unsigned calls and identities that are not a service', async () => {
    expect((await postInternal({ events: [event()] })).status).toBe(401);
    const asUser = await postInternal({ events: [event()] }, { ...serviceIdentity(), authMethod: 'jwt' });
    expect(asUser.status).toBe(401);
    expect((await json(asUser)).error.code).toBe('UNAUTHENTICATED');
  });

  it('stores an event once per idempotency key and reports the stored id on a retry', async () => {
    const item = event({ idempotencyKey: 'exec-1:notify' });
    const first = await postInternal({ events: [item, event({ tool: 'Not a tool!' })] }, serviceIdentity());
    expect(first.status).toBe(200);
    const firstBody = await json(first);
    expect(firstBody.results).toEqual([
      { index: 0, status: 'CREATED', eventId: expect.any(String), errors: [] },
      { index: 1, status: 'INVALID', eventId: null, errors: [{ field: 'tool', message: expect.any(String) }] },
    ]);
    const retry = await json(await postInternal({ events: [item] }, serviceIdentity()));
    expect(retry.results).toEqual([{ index: 0, status: 'DUPLICATE', eventId: firstBody.results[0].eventId, errors: [] }]);
    const rows = await h.owner('select user_id from core.events where org_id = $1 and idempotency_key = $2', [
      owner.orgId,
      'exec-1:notify',
    ]);
    expect(rows).toEqual([{ user_id: owner.userId }]);
  });

  it('answers 400 in the REST envelope for a malformed body', async () => {
    const wrongShape = await postInternal({ events: [{ tool: 'github' }] }, serviceIdentity());
    expect(wrongShape.status).toBe(400);
    expect((await json(wrongShape)).error).toMatchObject({ code: 'VALIDATION_ERROR', details: expect.any(Array) });
    const notJson = await postInternal('{nope', serviceIdentity());
    expect(notJson.status).toBe(400);
    expect((await json(notJson)).error.code).toBe('VALIDATION_ERROR');
  });
});

describe('event relay', () => {
  it('publishes each stored event to the stream once and marks it published', async () => {
    while ((await relay.publishBatch()) > 0); // drain what the tests above stored
    const before = (await streamEntries()).length;
    const batch = [event({ tool: 'slack', eventType: 'message.posted' }), event(), event()];
    const response = await h.call(INGEST, { events: batch }, owner.identity);
    const ids = response.data!.ingestEvents.results.map((r: { event: { id: string } }) => r.event.id);

    expect(await relay.publishBatch()).toBe(2); // batch size 2
    expect(await relay.publishBatch()).toBe(1);
    expect(await relay.publishBatch()).toBe(0);

    const entries = (await streamEntries()).slice(before);
    expect(entries.map((e) => e.id).sort()).toEqual([...ids].sort());
    const slack = entries.find((e) => e.tool === 'slack')!;
    expect(slack).toMatchObject({ orgId: owner.orgId, userId: owner.userId, eventType: 'message.posted' });
    expect(JSON.parse(slack.payload)).toEqual({ repo: 'flowgraph' });
    expect(await h.owner('select id from core.event_outbox')).toEqual([]);
  });

  it('moves past events deleted before they were published (retention, a deleted organization)', async () => {
    while ((await relay.publishBatch()) > 0);
    const before = (await streamEntries()).length;
    const response = await h.call(INGEST, { events: [event(), event(), event()] }, owner.identity);
    const ids: string[] = response.data!.ingestEvents.results.map((r: { event: { id: string } }) => r.event.id);
    await h.owner('delete from core.events where id = any($1)', [[ids[1], ids[2]]]);

    expect(await relay.publishBatch()).toBe(2); // the first, and the second's place
    expect(await relay.publishBatch()).toBe(1); // the third's place: nothing to publish, the outbox row goes
    expect(await relay.publishBatch()).toBe(0);
    expect((await streamEntries()).slice(before).map((e) => e.id)).toEqual([ids[0]]);
    expect(await h.owner('select id from core.event_outbox')).toEqual([]);
  });

  it('lets only one relay publish at a time, so two replicas do not publish a batch twice', async () => {
    const other = new EventRelay({
      orm: h.orm,
      redis: h.redis,
      redisPrefix: h.config.REDIS_PREFIX,
      logger: createLogger('relay', 'silent'),
    });
    const before = (await streamEntries()).length;
    await h.call(INGEST, { events: [event(), event(), event()] }, owner.identity);
    const counts = await Promise.all([relay.publishBatch(), other.publishBatch(), relay.publishBatch(), other.publishBatch()]);
    while ((await relay.publishBatch()) > 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3);
    expect((await streamEntries()).length - before).toBe(3);
  });
});

describe('event relay loop', () => {
  // Polls once a minute: anything published sooner was woken by the insert's notification.
  let looping: EventRelay;
  const listeners = async () =>
    (
      await h.owner<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and query = $1`, [
        'listen "core.event_outbox"',
      ])
    ).map((row) => row.pid);
  const ingestAndAwait = async (tool: string) => {
    const response = await h.call(INGEST, { events: [event({ eventType: 'file.saved', tool })] }, owner.identity);
    const id = response.data!.ingestEvents.results[0].event.id;
    return until(async () => (await streamEntries()).find((e) => e.id === id), 5000, 'the event on the stream');
  };

  beforeAll(() => {
    looping = new EventRelay({
      orm: h.orm,
      redis: h.redis,
      redisPrefix: h.config.REDIS_PREFIX,
      logger: createLogger('relay', 'silent'),
      intervalMs: 60_000,
    });
  });
  afterAll(() => looping.stop());

  it('publishes a new event within moments, woken by its notification rather than a poll', async () => {
    looping.start();
    await until(async () => (await listeners()).length === 1, 5000, 'the relay listening');
    expect((await ingestAndAwait('dropbox')).tool).toBe('dropbox');
  });

  it('listens again after losing its connection, and still publishes within moments', async () => {
    const [lost] = await listeners();
    await h.owner('select pg_terminate_backend($1)', [lost]);
    await until(async () => (await listeners()).some((pid) => pid !== lost), 5000, 'the relay listening again');
    expect((await ingestAndAwait('box')).tool).toBe('box');
  });

  it('stops listening when stopped', async () => {
    await looping.stop();
    await until(async () => (await listeners()).length === 0, 5000, 'the listening connection closed');
  });
});
