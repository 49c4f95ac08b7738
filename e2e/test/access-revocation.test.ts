import { randomUUID } from 'node:crypto';
import { until } from '@flowgraph/kernel/testing';
import { post, startFederation, type Federation } from '../support/federation-kit';
import { collect, signUp, subscribersOf, suggestionChannel, wsClient, type TestUser } from '../support/live-kit';
import { openStream } from '../support/sse-kit';

/**
 * Access ends when membership ends: a removal, a role change or a revoked session reaches the
 * caller's next request over HTTP, graphql-ws and SSE, without waiting for the access token to
 * expire or for the periodic re-check of subscriptions (left at its 60 s default here).
 */
let federation: Federation;
let owner: TestUser;

beforeAll(async () => {
  federation = await startFederation();
  owner = await signUp(federation.gateway.url);
});

afterAll(async () => {
  await federation.stop();
});

const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
  post<T>(federation.gateway.url, query, variables, headers);

const READ = '{ workflows(first: 1) { edges { node { id } } } }';
const EXECUTE = 'mutation($input: ExecuteWorkflowInput!) { executeWorkflow(input: $input) { execution { id } } }';
const SUGGESTIONS = 'subscription { suggestionAdded { id } }';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  headers: Record<string, string>;
}

const tokensOf = (payload: { accessToken: string; refreshToken: string }): Tokens => ({
  ...payload,
  headers: { authorization: `Bearer ${payload.accessToken}` },
});

/** Invites `user` to the owner's organization with `role` and accepts: the membership and tokens acting there. */
async function invite(user: { email: string; headers: Record<string, string> }, role: 'VIEWER' | 'MEMBER' | 'ADMIN') {
  const invited = await gql<{ inviteMember: { token: string } }>(
    'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
    { input: { email: user.email, role } },
    owner.headers,
  );
  if (!invited.data) throw new Error(`inviteMember failed: ${invited.text}`);
  const accepted = await gql<{ acceptInvitation: { accessToken: string; refreshToken: string } }>(
    'mutation($t: String!) { acceptInvitation(token: $t) { accessToken refreshToken } }',
    { t: invited.data.inviteMember.token },
    user.headers,
  );
  if (!accepted.data) throw new Error(`acceptInvitation failed: ${accepted.text}`);
  const tokens = tokensOf(accepted.data.acceptInvitation);
  const me = await gql<{ me: { memberships: { id: string; organization: { id: string } }[] } }>(
    '{ me { memberships { id organization { id } } } }',
    {},
    tokens.headers,
  );
  const membershipId = me.data?.me.memberships.find((m) => m.organization.id === owner.orgId)?.id;
  if (!membershipId) throw new Error(`no membership: ${me.text}`);
  return { membershipId, ...tokens };
}

/** A new user who joined the owner's organization with `role`, acting in it. */
async function join(role: 'VIEWER' | 'MEMBER' | 'ADMIN') {
  const user = await signUp(federation.gateway.url);
  return { user, ...(await invite(user, role)) };
}

const removeMember = async (membershipId: string) => {
  const removed = await gql(
    'mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }',
    { id: membershipId },
    owner.headers,
  );
  expect(removed.errors).toBeUndefined();
};

const refresh = (refreshToken: string) =>
  gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
    'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
    { t: refreshToken },
    {},
  );

function expectRefused(response: { status: number; errors?: { extensions?: Record<string, unknown> }[] }): void {
  expect(response.status).toBe(401);
  expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
}

/** A graphql-ws client with one open suggestionAdded subscription, and the close code it ends with. */
async function openSubscription(user: TestUser, headers: Record<string, string>) {
  const client = wsClient(federation.gateway.url, headers);
  const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
  collect(client, SUGGESTIONS);
  await until(async () => (await subscribersOf(federation, suggestionChannel(federation, user))) >= 1, 10_000, 'the upstream subscription');
  return { client, closed };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

it('refuses a removed member’s next request, even with an unexpired token, and their refresh', async () => {
  const { user, membershipId, headers, refreshToken } = await join('MEMBER');
  expect((await gql(READ, {}, headers)).errors).toBeUndefined();
  await removeMember(membershipId);

  expectRefused(await gql(READ, {}, headers));
  expectRefused(await gql(EXECUTE, { input: { workflowId: randomUUID() } }, headers));
  // Only their role in that organization changed: a token for their own organization still works.
  expect((await gql(READ, {}, user.headers)).errors).toBeUndefined();
  expect((await refresh(refreshToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('answers a demoted member’s next request 401; the refreshed token carries the new role and its mutation is FORBIDDEN', async () => {
  const { membershipId, headers, refreshToken } = await join('MEMBER');
  // A member may run workflows: this one does not exist.
  expect((await gql(EXECUTE, { input: { workflowId: randomUUID() } }, headers)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const changed = await gql(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { membership { id } } }',
    { id: membershipId },
    owner.headers,
  );
  expect(changed.errors).toBeUndefined();

  expectRefused(await gql(EXECUTE, { input: { workflowId: randomUUID() } }, headers));
  const refreshed = await refresh(refreshToken);
  expect(refreshed.errors).toBeUndefined();
  const viewer = tokensOf(refreshed.data!.refreshSession);
  expect((await gql(EXECUTE, { input: { workflowId: randomUUID() } }, viewer.headers)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await gql(READ, {}, viewer.headers)).errors).toBeUndefined();
});

it('lets a member removed and invited back in at once', async () => {
  const { user, membershipId } = await join('MEMBER');
  await removeMember(membershipId);
  const again = await invite(user, 'MEMBER');
  expect((await gql(READ, {}, again.headers)).errors).toBeUndefined();
});

it('closes a removed member’s graphql-ws connection with 4403 at once, completing its upstream subscription', async () => {
  const { user, membershipId, headers } = await join('MEMBER');
  const acting = { ...user, orgId: owner.orgId };
  const { client, closed } = await openSubscription(acting, headers);
  await removeMember(membershipId);
  expect(await within(closed, 5_000, 'the 4403 close')).toBe(4403);
  await until(async () => (await subscribersOf(federation, suggestionChannel(federation, acting))) === 0, 5_000, 'upstream completed');
  await client.dispose();
});

it('ends a removed member’s SSE stream with UNAUTHENTICATED at once', async () => {
  const { user, membershipId, headers } = await join('MEMBER');
  const acting = { ...user, orgId: owner.orgId };
  const stream = await openStream(federation, { headers, query: SUGGESTIONS });
  expect(stream.response.status).toBe(200);
  await until(
    async () => (await subscribersOf(federation, suggestionChannel(federation, acting))) === 1,
    10_000,
    'the upstream subscription',
  );
  await removeMember(membershipId);
  await within(stream.ended, 5_000, 'the end of the stream');
  expect(stream.events).toEqual([
    {
      event: 'next',
      data: { errors: [{ message: 'Authentication failed', extensions: { code: 'UNAUTHENTICATED', request_id: expect.any(String) } }] },
    },
  ]);
  await until(async () => (await subscribersOf(federation, suggestionChannel(federation, acting))) === 0, 5_000, 'upstream completed');
});

it('ends a revoked session at its next request over HTTP, graphql-ws and SSE; the user’s other session goes on', async () => {
  const user = await signUp(federation.gateway.url);
  const loggedIn = await gql<{ logIn: { accessToken: string; refreshToken: string } }>(
    'mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken } }',
    { input: { email: user.email, password: 'correct horse battery staple' } },
    {},
  );
  const other = tokensOf(loggedIn.data!.logIn);
  const ws = await openSubscription(user, other.headers);
  const stream = await openStream(federation, { headers: other.headers, query: SUGGESTIONS });
  expect(stream.response.status).toBe(200);
  const sessions = await gql<{ sessions: { id: string; current: boolean }[] }>('{ sessions { id current } }', {}, user.headers);
  const target = sessions.data!.sessions.find((s) => !s.current)!;

  const revoked = await gql('mutation($id: ID!) { revokeSession(id: $id) { session { id } } }', { id: target.id }, user.headers);
  expect(revoked.errors).toBeUndefined();
  expectRefused(await gql(READ, {}, other.headers));
  expect(await within(ws.closed, 5_000, 'the 4403 close')).toBe(4403);
  await within(stream.ended, 5_000, 'the end of the stream');
  expect(stream.events.at(-1)).toMatchObject({ event: 'next', data: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
  expect((await gql(READ, {}, user.headers)).errors).toBeUndefined();
  await ws.client.dispose();
});

it('refuses an API key at once when its creator is removed, though the gateway had just verified it', async () => {
  const { membershipId, headers } = await join('ADMIN');
  const created = await gql<{ createApiKey: { secret: string } }>(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
    { input: { name: 'leaver', scopes: ['workflows:read'] } },
    headers,
  );
  expect(created.errors).toBeUndefined();
  const key = { 'x-api-key': created.data!.createApiKey.secret };
  // Verified by Core and cached by the gateway (for up to 30 s).
  expect((await gql(READ, {}, key)).errors).toBeUndefined();
  expect((await gql(READ, {}, key)).errors).toBeUndefined();
  await removeMember(membershipId);
  await until(async () => (await gql(READ, {}, key)).status === 401, 2_000, 'the key refused');
});
