import { addMember, codeOf, signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
let owner: Account;
const as: Record<'admin' | 'member' | 'viewer', Account['identity']> = {} as never;
const membershipOf: Record<string, string> = {};
beforeAll(async () => {
  h = await startCoreHarness('core_rbac');
  owner = await signUp(h);
  for (const role of ['admin', 'member', 'viewer'] as const) {
    const added = await addMember(h, owner, await signUp(h), role);
    as[role] = added.identity;
    membershipOf[role] = added.membershipId;
  }
});
afterAll(() => h.close());

const ownerMembershipId = async () =>
  (await h.owner<{ id: string }>(`select id from core.memberships where org_id = $1 and role = 'owner'`, [owner.orgId]))[0].id;

const adminOnly: [string, string][] = [
  ['updateOrganization', 'mutation { updateOrganization(input: { name: "Renamed" }) { organization { id } } }'],
  ['inviteMember', 'mutation { inviteMember(input: { email: "nobody@example.test", role: VIEWER }) { token } }'],
  ['invitations', '{ invitations { edges { node { id } } } }'],
  ['createApiKey', 'mutation { createApiKey(input: { name: "k", scopes: [] }) { secret } }'],
  ['apiKeys', '{ apiKeys { id } }'],
  ['auditLog', '{ auditLog { edges { node { id } } } }'],
];

describe.each(['member', 'viewer'] as const)('a %s', (role) => {
  it.each(adminOnly)('is refused %s', async (_name, query) => {
    expect(codeOf(await h.call(query, {}, as[role]))).toBe('FORBIDDEN');
  });

  it('can read the organization and its members', async () => {
    const response = await h.call('{ currentOrganization { name members { edges { node { role user { id } } } } } }', {}, as[role]);
    expect(response.errors).toBeUndefined();
    expect(response.data?.currentOrganization.members.edges).toHaveLength(4);
  });
});

it('refuses everything but logIn/signUp to an anonymous caller', async () => {
  for (const query of ['{ me { id } }', '{ currentOrganization { id } }', '{ sessions { id } }', ...adminOnly.map(([, q]) => q)]) {
    const code = codeOf(await h.call(query));
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(code);
  }
});

it('lets an admin manage members but not the owner role', async () => {
  const grantOwner = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: OWNER) { membership { role } } }',
    { id: membershipOf.viewer },
    as.admin,
  );
  expect(codeOf(grantOwner)).toBe('FORBIDDEN');
  const demoteOwner = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: MEMBER) { membership { role } } }',
    { id: await ownerMembershipId() },
    as.admin,
  );
  expect(codeOf(demoteOwner)).toBe('FORBIDDEN');
  const promote = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: MEMBER) { membership { role } } }',
    { id: membershipOf.viewer },
    as.admin,
  );
  expect(promote.data?.changeMemberRole.membership.role).toBe('MEMBER');
  const back = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { membership { role } } }',
    { id: membershipOf.viewer },
    as.admin,
  );
  expect(back.data?.changeMemberRole.membership.role).toBe('VIEWER');
  const actions = await h.owner<{ action: string }>(
    `select action from core.audit_log where org_id = $1 and action = 'member.role_changed'`,
    [owner.orgId],
  );
  expect(actions).toHaveLength(2);
});

it('never demotes or removes the last owner', async () => {
  const id = await ownerMembershipId();
  expect(
    codeOf(
      await h.call('mutation($id: ID!) { changeMemberRole(membershipId: $id, role: ADMIN) { membership { id } } }', { id }, owner.identity),
    ),
  ).toBe('CONFLICT');
  expect(
    codeOf(await h.call('mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }', { id }, owner.identity)),
  ).toBe('CONFLICT');
});

it('lets an owner hand over ownership, then step down', async () => {
  const other = await signUp(h);
  const { membershipId } = await addMember(h, owner, other, 'owner');
  const id = await h.owner<{ id: string }>(`select id from core.memberships where org_id = $1 and user_id = $2`, [
    owner.orgId,
    owner.userId,
  ]);
  const stepDown = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: ADMIN) { membership { role } } }',
    { id: id[0].id },
    owner.identity,
  );
  expect(stepDown.data?.changeMemberRole.membership.role).toBe('ADMIN');
  const restore = await h.call(
    'mutation($id: ID!) { changeMemberRole(membershipId: $id, role: OWNER) { membership { role } } }',
    { id: id[0].id },
    { ...other.identity, orgId: owner.orgId, role: 'owner' },
  );
  expect(restore.errors).toBeUndefined();
  const removed = await h.call(
    'mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }',
    { id: membershipId },
    owner.identity,
  );
  expect(removed.data?.removeMember.removedMembershipId).toBe(membershipId);
});

it('validates updateOrganization and records it', async () => {
  const bad = await h.call('mutation { updateOrganization(input: { eventRetentionDays: 0 }) { organization { id } } }', {}, as.admin);
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'eventRetentionDays' }] });
  const tooLong = await h.call(
    'mutation { updateOrganization(input: { eventRetentionDays: 3651 }) { organization { id } } }',
    {},
    as.admin,
  );
  expect(codeOf(tooLong)).toBe('VALIDATION_ERROR');
  const ok = await h.call(
    'mutation { updateOrganization(input: { eventRetentionDays: 3650, name: "Globex" }) { organization { name eventRetentionDays } } }',
    {},
    as.admin,
  );
  expect(ok.data?.updateOrganization.organization).toEqual({ name: 'Globex', eventRetentionDays: 3650 });
});

it('refuses an API key acting on member and key management without the scope', async () => {
  const key = { ...as.admin, authMethod: 'api_key' as const, sessionId: undefined, scopes: ['organization:read'] };
  expect(codeOf(await h.call('mutation { inviteMember(input: { email: "x@example.test", role: VIEWER }) { token } }', {}, key))).toBe(
    'FORBIDDEN',
  );
  expect(codeOf(await h.call('mutation { createApiKey(input: { name: "k", scopes: [] }) { secret } }', {}, key))).toBe('FORBIDDEN');
  expect(codeOf(await h.call('{ auditLog { edges { node { id } } } }', {}, key))).toBe('FORBIDDEN');
  expect((await h.call('{ currentOrganization { id } }', {}, key)).errors).toBeUndefined();
});

it('lists the audit log newest first with cursors', async () => {
  const first = await h.call(
    '{ auditLog(first: 2) { edges { node { action actor { id } createdAt } } pageInfo { hasNextPage endCursor } } }',
    {},
    owner.identity,
  );
  expect(first.errors).toBeUndefined();
  const page = first.data!.auditLog;
  expect(page.edges).toHaveLength(2);
  expect(page.pageInfo.hasNextPage).toBe(true);
  const next = await h.call(
    'query($after: String) { auditLog(first: 2, after: $after) { edges { node { createdAt } } } }',
    { after: page.pageInfo.endCursor },
    owner.identity,
  );
  expect(new Date(next.data!.auditLog.edges[0].node.createdAt).getTime()).toBeLessThanOrEqual(
    new Date(page.edges[1].node.createdAt).getTime(),
  );
});
