import { randomUUID } from 'node:crypto';
import { inScopedTransaction } from '@flowgraph/kernel';
import { hydratedAsPlain, type GraphQLResponse } from '@flowgraph/kernel/testing';
import { EventEntity } from '../src/modules/events/event.entity';
import { EventRepository } from '../src/modules/events/event.repository';
import { addMember, codeOf, signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

type EventsPage = { edges: { node: { occurredAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

let h: CoreHarness;
let owner: Account;
let other: Account;

beforeAll(async () => {
  h = await startCoreHarness('events');
  owner = await signUp(h);
  other = await signUp(h);
});
afterAll(() => h.close());

const INGEST = `mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
  createdCount duplicateCount invalidCount
  results { index status event { id eventType tool } errors { field message } }
} }`;
const EVENTS = `query($first: Int, $after: String, $filter: EventFilter) { events(first: $first, after: $after, filter: $filter) {
  edges { cursor node { id eventType tool occurredAt payload user { id } } }
  pageInfo { hasNextPage endCursor }
} }`;

let clock = Date.parse('2026-10-01T00:00:00Z');
const event = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  eventType: 'pr.opened',
  tool: 'github',
  occurredAt: new Date((clock += 1000)).toISOString(),
  payload: { repo: 'flowgraph' },
  ...overrides,
});

async function storedCount(orgId: string): Promise<number> {
  const [row] = await h.owner<{ n: string }>('select count(*) as n from core.events where org_id = $1', [orgId]);
  return Number(row.n);
}

describe('ingestEvents', () => {
  it('stores the valid events of a batch and reports each invalid one without dropping the others', async () => {
    const before = await storedCount(owner.orgId);
    const response = await h.call(
      INGEST,
      {
        events: [event(), event({ tool: 'not a tool!' }), event({ payload: { big: 'x'.repeat(17000) } }), event()],
      },
      owner.identity,
    );
    expect(response.errors).toBeUndefined();
    const result = response.data!.ingestEvents;
    expect(result).toMatchObject({ createdCount: 2, duplicateCount: 0, invalidCount: 2 });
    expect(result.results.map((r: { status: string }) => r.status)).toEqual(['CREATED', 'INVALID', 'INVALID', 'CREATED']);
    expect(result.results[1].errors).toEqual([{ field: 'tool', message: expect.any(String) }]);
    expect(result.results[2].errors[0].field).toBe('payload');
    expect(await storedCount(owner.orgId)).toBe(before + 2);
  });

  it('stores nothing twice when a batch is retried, and reports the stored events', async () => {
    const batch = [event(), event(), event()];
    const first = await h.call(INGEST, { events: batch }, owner.identity);
    const before = await storedCount(owner.orgId);
    const retry = await h.call(INGEST, { events: batch }, owner.identity);
    expect(retry.data!.ingestEvents).toMatchObject({ createdCount: 0, duplicateCount: 3 });
    expect(retry.data!.ingestEvents.results.map((r: { event: { id: string } }) => r.event.id)).toEqual(
      first.data!.ingestEvents.results.map((r: { event: { id: string } }) => r.event.id),
    );
    expect(await storedCount(owner.orgId)).toBe(before);
  });

  it('stores each key once when the same batch arrives concurrently', async () => {
    const batch = Array.from({ length: 50 }, () => event());
    const before = await storedCount(owner.orgId);
    const responses = await Promise.all([1, 2, 3].map(() => h.call(INGEST, { events: batch }, owner.identity)));
    const created = responses.map((r) => r.data!.ingestEvents.createdCount).reduce((a, b) => a + b, 0);
    expect(created).toBe(50);
    expect(await storedCount(owner.orgId)).toBe(before + 50);
  });

  it('treats a key repeated inside one batch as a duplicate of its first occurrence', async () => {
    const repeated = event();
    const response = await h.call(INGEST, { events: [repeated, { ...repeated, payload: { changed: true } }] }, owner.identity);
    const results = response.data!.ingestEvents.results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(['CREATED', 'DUPLICATE']);
    expect(results[1].event.id).toBe(results[0].event.id);
  });

  it('refuses more than 1,000 events in one call', async () => {
    const response = await h.call(INGEST, { events: Array.from({ length: 1001 }, () => event()) }, owner.identity);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'events' }] });
  });

  it('accepts exactly 1,000 events in one call', async () => {
    const response = await h.call(INGEST, { events: Array.from({ length: 1000 }, () => event()) }, owner.identity);
    expect(response.data!.ingestEvents.createdCount).toBe(1000);
  });

  it('lets members ingest, not viewers or anonymous callers', async () => {
    const viewer = await signUp(h);
    const { identity } = await addMember(h, owner, viewer, 'viewer');
    expect(codeOf(await h.call(INGEST, { events: [event()] }, identity))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(INGEST, { events: [event()] }, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.call(EVENTS, {}, identity))).toBeUndefined();
  });

  it('asks an API key for the events:write scope', async () => {
    const key = { ...owner.identity, authMethod: 'api_key' as const, scopes: ['events:read'] };
    expect(codeOf(await h.call(INGEST, { events: [event()] }, key))).toBe('FORBIDDEN');
    const writer = { ...key, scopes: ['events:write'] };
    expect((await h.call(INGEST, { events: [event()] }, writer)).data!.ingestEvents.createdCount).toBe(1);
  });
});

describe('events', () => {
  let tenant: Account;
  beforeAll(async () => {
    tenant = await signUp(h);
    const tools = ['github', 'slack', 'gitlab'];
    const events = Array.from({ length: 30 }, (_, i) =>
      event({
        tool: tools[i % 3],
        eventType: i % 2 ? 'pr.opened' : 'message.posted',
        occurredAt: new Date(Date.parse('2026-09-01T00:00:00Z') + i * 60_000).toISOString(),
      }),
    );
    await h.call(INGEST, { events }, tenant.identity);
  });

  async function collect(identity: Account['identity'], first: number, filter?: object, during?: () => Promise<void>) {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: GraphQLResponse<{ events: EventsPage }> = await h.call(EVENTS, { first, after, filter }, identity);
      expect(response.errors).toBeUndefined();
      const page: EventsPage = response.data!.events;
      seen.push(...page.edges.map((e: { node: { occurredAt: string } }) => e.node.occurredAt));
      if (during) await during();
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
  }

  it('pages newest first with stable cursors while new events arrive', async () => {
    const all = await collect(tenant.identity, 100);
    expect(all).toHaveLength(31); // the 30 ingested and the tenant's sign-up (a platform event)
    expect([...all].sort().reverse()).toEqual(all);
    // Insert newer events between every page: the walk still sees each original event exactly once.
    const walked = await collect(tenant.identity, 7, undefined, async () => {
      await h.call(INGEST, { events: [event({ occurredAt: new Date().toISOString() })] }, tenant.identity);
    });
    expect(walked.slice(-31)).toEqual(all);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('filters by event type, tool and time range, and only by those', async () => {
    const github = await collect(tenant.identity, 100, { tool: 'GitHub', from: '2026-09-01T00:00:00Z', to: '2026-09-01T00:30:00Z' });
    expect(github).toHaveLength(10);
    const opened = await h.call(
      EVENTS,
      { first: 100, filter: { eventType: 'message.posted', tool: 'slack', from: '2026-09-01T00:00:00Z', to: '2026-09-02T00:00:00Z' } },
      tenant.identity,
    );
    const nodes = opened.data!.events.edges.map((e: { node: { tool: string; eventType: string } }) => e.node);
    expect(nodes.length).toBe(5);
    expect(nodes.every((n: { tool: string; eventType: string }) => n.tool === 'slack' && n.eventType === 'message.posted')).toBe(true);
    const unknown = await h.call(EVENTS, { filter: { payload: 'x' } }, tenant.identity);
    expect(codeOf(unknown)).toBe('VALIDATION_ERROR');
  });

  it('refuses an inverted range, a tampered cursor and an oversized page', async () => {
    const inverted = await h.call(EVENTS, { filter: { from: '2026-09-02T00:00:00Z', to: '2026-09-01T00:00:00Z' } }, tenant.identity);
    expect(inverted.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'filter.to' }] });
    expect(codeOf(await h.call(EVENTS, { after: 'garbage' }, tenant.identity))).toBe('VALIDATION_ERROR');
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    expect(codeOf(await h.call(EVENTS, { after: forged }, tenant.identity))).toBe('VALIDATION_ERROR');
    expect(codeOf(await h.call(EVENTS, { first: 101 }, tenant.identity))).toBe('VALIDATION_ERROR');
  });

  it('resolves the user who sent each event', async () => {
    const response = await h.call(EVENTS, { first: 1 }, tenant.identity);
    expect(response.data!.events.edges[0].node.user).toEqual({ id: tenant.userId });
  });

  it('never shows another organization’s events, in the list or by id', async () => {
    const mine = await h.call(EVENTS, { first: 1 }, tenant.identity);
    const id = mine.data!.events.edges[0].node.id;
    const theirs = await h.call(EVENTS, { first: 100 }, other.identity);
    const seen = theirs.data!.events.edges.map((e: { node: { id: string; user: { id: string } | null } }) => e.node);
    // Only their own (their sign-up, at least).
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n: { user: { id: string } | null }) => n.user?.id === other.userId)).toBe(true);
    expect(seen.map((n: { id: string }) => n.id)).not.toContain(id);
    const byId = await h.call('query($id: ID!) { event(id: $id) { id } }', { id }, other.identity);
    expect(byId.data!.event).toBeNull();
    const reference = await h.call(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id } } }',
      { r: [{ __typename: 'Event', id }] },
      other.identity,
    );
    expect(reference.data!._entities).toEqual([null]);
  });

  it('answers a VALIDATION_ERROR naming the argument for an id that is not a UUID', async () => {
    const response = await h.call('{ event(id: "not-a-uuid") { id } }', {}, tenant.identity);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'id', message: 'Must be a UUID' }],
    });
    expect(response.data!.event).toBeNull();
  });

  it('lets the same idempotency key exist once in each organization', async () => {
    const shared = event();
    const a = await h.call(INGEST, { events: [shared] }, tenant.identity);
    const b = await h.call(INGEST, { events: [shared] }, other.identity);
    expect(a.data!.ingestEvents.createdCount).toBe(1);
    expect(b.data!.ingestEvents.createdCount).toBe(1);
  });
});

describe('event reads without hydration', () => {
  it('reads listed and looked-up events as plain objects equal to the hydrated entities, and inserts return ids by key', async () => {
    const reader = await signUp(h);
    const scope = { orgId: reader.orgId, userId: reader.userId };
    const batch = [
      event(),
      event({ payload: { nested: { list: [1, 'two', null] } } }),
      event({ payload: { text: 'é "quoted" \\ back\nslash \u2028', emoji: '🙂', n: 1.5, big: 12345678901234, flag: false } }),
      event({ occurredAt: '2026-09-01T12:34:56.789Z' }),
    ].map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as string) }));
    await inScopedTransaction(h.orm.em, scope, async (em) => {
      const events = new EventRepository(em);
      const inserted = await events.insertNew(reader.orgId, reader.userId, batch);
      const listed = await events.page(reader.orgId, {}, 10);
      const byId = await events.findByIds(
        reader.orgId,
        inserted.map((e) => e.id),
      );
      const byKey = await events.findIdsByIdempotencyKeys(
        reader.orgId,
        batch.map((e) => e.idempotencyKey),
      );
      expect(inserted.map((e) => e.idempotencyKey)).toEqual(batch.map((e) => e.idempotencyKey));
      expect(byKey).toEqual(expect.arrayContaining(inserted));
      expect(byKey).toHaveLength(inserted.length);
      const stored = new Map(byId.map((e) => [e.idempotencyKey, e]));
      for (const sent of batch) {
        expect(stored.get(sent.idempotencyKey)).toMatchObject({
          payload: sent.payload,
          occurredAt: sent.occurredAt,
          eventType: sent.eventType,
        });
      }
      // Nothing was hydrated: no event is in the unit of work.
      expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
      expect(listed.length).toBeGreaterThan(batch.length); // the batch and the sign-up's platform event
      for (const read of [listed, byId]) {
        expect(read).toStrictEqual(
          await hydratedAsPlain(
            em,
            EventEntity,
            read.map((e) => e.id),
          ),
        );
      }
    });
  });
});
