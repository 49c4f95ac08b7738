import { randomUUID } from 'node:crypto';
import { eventStreamKey } from '@flowgraph/contracts';
import { createLogger, signIdentity } from '@flowgraph/kernel';
import { EventRelay } from '../src/modules/events/event-relay';
import { addMember, codeOf, signUp, startCoreHarness, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCoreHarness('core_platform_events');
});
afterAll(() => h.close());

interface StoredEvent extends Record<string, unknown> {
  id: string;
  org_id: string;
  user_id: string | null;
  tool: string;
  event_type: string;
  idempotency_key: string;
  payload: Record<string, unknown>;
}

const platformEvents = (orgId: string) =>
  h.owner<StoredEvent>(`select * from core.events where org_id = $1 and tool = 'flowgraph' order by created_at, id`, [orgId]);

const INGEST = `mutation($events: [EventInput!]!) { ingestEvents(events: $events) { results { status errors { field message } } } }`;
const event = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  eventType: 'user.signed_up',
  tool: 'github',
  occurredAt: new Date().toISOString(),
  payload: {},
  ...overrides,
});

it('records user.signed_up for the new user in the new organization, with the sign-up', async () => {
  const account = await signUp(h);
  const events = await platformEvents(account.orgId);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    org_id: account.orgId,
    user_id: account.userId,
    event_type: 'user.signed_up',
    idempotency_key: `flowgraph:user.signed_up:${account.userId}`,
    payload: {},
  });
  // In the outbox: the relay has yet to publish it.
  const outbox = await h.owner<{ event_ids: string[] }>('select event_ids from core.event_outbox where $1 = any(event_ids)', [
    events[0].id,
  ]);
  expect(outbox).toEqual([{ event_ids: [events[0].id] }]);
});

it('records nothing when the sign-up is refused', async () => {
  const account = await signUp(h);
  const count = async () => Number((await h.owner<{ n: string }>(`select count(*) as n from core.events where tool = 'flowgraph'`))[0].n);
  const before = await count();
  const again = await h.call('mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }', {
    input: { email: account.email, password: 'another password', name: 'X', organizationName: 'Y' },
  });
  expect(codeOf(again)).toBe('CONFLICT');
  expect(await count()).toBe(before);
});

it('records member.joined with the role when a member joins by invitation, once per user and organization', async () => {
  const owner = await signUp(h);
  const joiner = await signUp(h);
  const { membershipId } = await addMember(h, owner, joiner, 'member');
  let events = await platformEvents(owner.orgId);
  expect(events.map((e) => [e.event_type, e.user_id, e.payload])).toEqual([
    ['user.signed_up', owner.userId, {}],
    [
      'invitation.created',
      owner.userId,
      { invitationId: expect.any(String), email: joiner.email, role: 'member', expiresAt: expect.any(String) },
    ],
    ['member.joined', joiner.userId, { role: 'member' }],
  ]);

  // Removed and added again: the first join stays the only one.
  await h.call('mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }', { id: membershipId }, owner.identity);
  await addMember(h, owner, joiner, 'admin');
  events = await platformEvents(owner.orgId);
  expect(events.filter((e) => e.event_type === 'member.joined')).toHaveLength(1);
  // The joiner's own organization keeps only their sign-up.
  expect((await platformEvents(joiner.orgId)).map((e) => e.event_type)).toEqual(['user.signed_up']);
});

it('records member.joined as owner in an organization a user creates, not in the one they act in', async () => {
  const account = await signUp(h);
  const created = await h.call(
    'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }',
    { input: { name: 'Second' } },
    account.identity,
  );
  expect(created.errors).toBeUndefined();
  const orgId = created.data!.createOrganization.organization.id as string;
  expect((await platformEvents(orgId)).map((e) => [e.event_type, e.user_id, e.payload])).toEqual([
    ['member.joined', account.userId, { role: 'owner' }],
  ]);
  expect((await platformEvents(account.orgId)).map((e) => e.event_type)).toEqual(['user.signed_up']);
});

it('publishes platform events to the stream like any other event', async () => {
  const relay = new EventRelay({ orm: h.orm, redis: h.redis, redisPrefix: h.config.REDIS_PREFIX, logger: createLogger('relay', 'silent') });
  const account = await signUp(h);
  const [stored] = await platformEvents(account.orgId);
  while ((await relay.publishBatch()) > 0);
  const entries = await h.redis.xrange(eventStreamKey(h.config.REDIS_PREFIX), '-', '+');
  const fields = entries.map(([, f]) => Object.fromEntries(f.flatMap((_, i) => (i % 2 === 0 ? [[f[i], f[i + 1]]] : []))));
  expect(fields.find((e) => e.id === stored.id)).toMatchObject({
    orgId: account.orgId,
    userId: account.userId,
    tool: 'flowgraph',
    eventType: 'user.signed_up',
    payload: '{}',
  });
});

it('refuses the platform tool and key prefix from clients, so nobody forges or pre-empts a sign-up', async () => {
  const account = await signUp(h);
  const response = await h.call(
    INGEST,
    {
      events: [event({ tool: 'flowgraph' }), event({ idempotencyKey: `flowgraph:user.signed_up:${randomUUID()}` }), event()],
    },
    account.identity,
  );
  expect(response.errors).toBeUndefined();
  const results = response.data!.ingestEvents.results as { status: string; errors: { field: string }[] }[];
  expect(results.map((r) => r.status)).toEqual(['INVALID', 'INVALID', 'CREATED']);
  expect(results[0].errors.map((e) => e.field)).toEqual(['tool']);
  expect(results[1].errors.map((e) => e.field)).toEqual(['idempotencyKey']);
});

it('still lets Flowgraph’s own processes record platform events through the internal endpoint', async () => {
  const account = await signUp(h);
  const url = new URL('/internal/events', h.server.url);
  const sent = JSON.stringify({ events: [event({ tool: 'flowgraph', eventType: 'workflow.notification' })] });
  const identity = {
    requestId: randomUUID(),
    orgId: account.orgId,
    userId: account.userId,
    role: 'member' as const,
    scopes: [],
    authMethod: 'service' as const,
  };
  const headers = {
    'content-type': 'application/json',
    ...signIdentity(identity, h.config.IDENTITY_SECRET, { method: 'POST', target: url, body: sent }),
  };
  const response = await fetch(url, { method: 'POST', headers, body: sent });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { results: { status: string }[] };
  expect(body.results[0].status).toBe('CREATED');
});
