import { addMember, codeOf, signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

/** Organization A must never see anything of organization B, from any list or by id. */
let h: CoreHarness;
let a: Account;
let b: Account;
let shared: Account;
let bKeyId: string;
let bMembershipId: string;
beforeAll(async () => {
  h = await startCoreHarness('core_isolation');
  a = await signUp(h, { organizationName: 'A' });
  b = await signUp(h, { organizationName: 'B' });
  // `shared` owns its own organization and is a member of A.
  shared = await signUp(h, { organizationName: 'Shared own' });
  await addMember(h, a, shared, 'member');
  bMembershipId = (await addMember(h, b, await signUp(h), 'admin')).membershipId;
  const key = await h.call('mutation { createApiKey(input: { name: "b key", scopes: [] }) { apiKey { id } } }', {}, b.identity);
  bKeyId = key.data!.createApiKey.apiKey.id;
});
afterAll(() => h.close());

it('hides another organization’s user and organization by id', async () => {
  const response = await h.call(
    'query($u: ID!, $o: ID!) { user(id: $u) { id } organization(id: $o) { id } }',
    { u: b.userId, o: b.orgId },
    a.identity,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({ user: null, organization: null });
});

it('hides them from federation references', async () => {
  const response = await h.call(
    'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id } ... on Organization { id } } }',
    {
      reps: [
        { __typename: 'User', id: b.userId },
        { __typename: 'Organization', id: b.orgId },
        { __typename: 'User', id: 'not-a-uuid' },
      ],
    },
    a.identity,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?._entities).toEqual([null, null, null]);
});

it('lists only the current organization’s members', async () => {
  const response = await h.call('{ currentOrganization { members { edges { node { user { id } } } } } }', {}, a.identity);
  const ids = response.data!.currentOrganization.members.edges.map((e: { node: { user: { id: string } } }) => e.node.user.id);
  expect(ids.sort()).toEqual([a.userId, shared.userId].sort());
});

it('shows another member’s memberships in the current organization only', async () => {
  const response = await h.call(
    'query($id: ID!) { user(id: $id) { memberships { organization { name } } } }',
    { id: shared.userId },
    a.identity,
  );
  expect(response.data?.user.memberships).toEqual([{ organization: { name: 'A' } }]);
  const own = await h.call('{ me { memberships { organization { name } } } }', {}, { ...shared.identity, orgId: a.orgId, role: 'member' });
  expect(own.data?.me.memberships.map((m: { organization: { name: string } }) => m.organization.name).sort()).toEqual(['A', 'Shared own']);
});

it('refuses members of an organization the caller is not acting in', async () => {
  const response = await h.call(
    'query($id: ID!) { organization(id: $id) { name members { edges { cursor } } } }',
    { id: shared.orgId },
    { ...shared.identity, orgId: a.orgId, role: 'member' },
  );
  expect(response.data?.organization).toBeNull();
  expect(codeOf(response)).toBe('FORBIDDEN');
});

it('lists no API keys, audit entries or sessions of another organization', async () => {
  const response = await h.call(
    '{ apiKeys { id } auditLog(first: 100) { edges { node { id targetId } } } sessions { id } }',
    {},
    a.identity,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!.apiKeys).toEqual([]);
  const bAudit = await h.owner<{ id: string }>('select id from core.audit_log where org_id = $1', [b.orgId]);
  const seen = new Set(response.data!.auditLog.edges.map((e: { node: { id: string } }) => e.node.id));
  expect(bAudit.length).toBeGreaterThan(0);
  expect(bAudit.some((e) => seen.has(e.id))).toBe(false);
  const bSessions = await h.owner<{ id: string }>('select id from core.sessions where user_id = $1', [b.userId]);
  expect(response.data!.sessions.map((s: { id: string }) => s.id)).not.toContain(bSessions[0].id);
});

it('cannot change, remove or revoke another organization’s members and keys', async () => {
  const change = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { membership { id } } }',
    { id: bMembershipId },
    a.identity,
  );
  const remove = await h.call(
    'mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }',
    { id: bMembershipId },
    a.identity,
  );
  const revoke = await h.call('mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }', { id: bKeyId }, a.identity);
  expect([codeOf(change), codeOf(remove), codeOf(revoke)]).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
  const [row] = await h.owner<{ role: string }>('select role from core.memberships where id = $1', [bMembershipId]);
  expect(row.role).toBe('admin');
});

it('cannot use an own membership elsewhere to act on that organization', async () => {
  // shared's owner membership in its own org is visible to it (user_id policy) but not changeable from A.
  const [own] = await h.owner<{ id: string }>('select id from core.memberships where org_id = $1', [shared.orgId]);
  const asAdminOfA = { ...shared.identity, orgId: a.orgId, role: 'admin' as const };
  const response = await h.call(
    'mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }',
    { id: own.id },
    asAdminOfA,
  );
  expect(codeOf(response)).toBe('NOT_FOUND');
});
