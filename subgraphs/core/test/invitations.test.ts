import { createHash, randomUUID } from 'node:crypto';
import {
  AUTH_FIELDS,
  addMember,
  codeOf,
  identityOf,
  invite,
  signUp,
  startCoreHarness,
  type Account,
  type CoreHarness,
} from '../src/testing/core-harness';

let h: CoreHarness;
let owner: Account;
let admin: Account['identity'];
beforeAll(async () => {
  h = await startCoreHarness('core_invitations');
  owner = await signUp(h);
  admin = (await addMember(h, owner, await signUp(h), 'admin')).identity;
});
afterAll(() => h.close());

const INVITE =
  'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id email role expiresAt acceptedAt revokedAt invitedBy { id } } } }';
const ACCEPT = `mutation($token: String!) { acceptInvitation(token: $token) { ${AUTH_FIELDS} } }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
const inviteAs = (identity: object, email: string, role = 'MEMBER') => h.call(INVITE, { input: { email, role } }, identity);
const accept = (identity: object, token: string) => h.call(ACCEPT, { token }, identity);
const newEmail = () => `${randomUUID()}@example.test`;
const invitationRow = async (id: string) =>
  (
    await h.owner<{ token_hash: string; accepted_at: Date | null; accepted_by: string | null; revoked_at: Date | null }>(
      'select * from core.invitations where id = $1',
      [id],
    )
  )[0];
const auditOf = (action: string, targetId: string) =>
  h.owner<{ actor_id: string; org_id: string; metadata: Record<string, unknown> }>(
    'select * from core.audit_log where action = $1 and target_id = $2',
    [action, targetId],
  );

it('answers the same whether or not the email has an account, stores only the token hash and notifies without the token', async () => {
  const existing = await signUp(h);
  const withAccount = await inviteAs(admin, existing.email, 'VIEWER');
  const withoutAccount = await inviteAs(admin, newEmail(), 'VIEWER');
  expect(withAccount.errors).toBeUndefined();
  expect(withoutAccount.errors).toBeUndefined();
  const shape = (r: typeof withAccount) => ({
    ...r.data!.inviteMember,
    token: typeof r.data!.inviteMember.token,
    invitation: { ...r.data!.inviteMember.invitation, id: 'id', email: 'email', expiresAt: 'at' },
  });
  expect(shape(withAccount)).toEqual(shape(withoutAccount));
  expect(withAccount.data!.inviteMember.invitation).toMatchObject({
    role: 'VIEWER',
    acceptedAt: null,
    revokedAt: null,
    invitedBy: { id: admin.userId },
  });

  const { token, invitation } = withAccount.data!.inviteMember;
  const expiresIn = new Date(invitation.expiresAt).getTime() - Date.now();
  expect(expiresIn).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
  expect(expiresIn).toBeLessThanOrEqual(7 * 24 * 3600_000);
  expect((await invitationRow(invitation.id)).token_hash).toBe(createHash('sha256').update(token).digest('hex'));

  const events = await h.owner<{ user_id: string; payload: Record<string, unknown> }>(
    `select user_id, payload from core.events where org_id = $1 and tool = 'flowgraph' and event_type = 'invitation.created' and payload->>'invitationId' = $2`,
    [owner.orgId, invitation.id],
  );
  expect(events).toEqual([
    {
      user_id: admin.userId,
      payload: { invitationId: invitation.id, email: existing.email, role: 'viewer', expiresAt: expect.any(String) },
    },
  ]);
  expect(JSON.stringify(events)).not.toContain(token);
  expect(await auditOf('invitation.created', invitation.id)).toEqual([
    expect.objectContaining({ actor_id: admin.userId, org_id: owner.orgId }),
  ]);
});

it('lets an existing account accept on its logged-in session, acting in the organization at once, and only once', async () => {
  const invitee = await signUp(h);
  const { invitationId, token } = await invite(h, { identity: admin }, invitee.email.toUpperCase(), 'member');
  const accepted = await accept(invitee.identity, token);
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data!.acceptInvitation).toMatchObject({
    role: 'MEMBER',
    user: { id: invitee.userId },
    organization: { id: owner.orgId },
  });
  const identity = await identityOf(h, accepted.data!.acceptInvitation.accessToken);
  expect(identity).toMatchObject({ orgId: owner.orgId, role: 'member' });
  const members = await h.call('{ currentOrganization { members(first: 50) { edges { node { role user { id } } } } } }', {}, identity);
  expect(members.data!.currentOrganization.members.edges).toContainEqual({ node: { role: 'MEMBER', user: { id: invitee.userId } } });

  expect(await invitationRow(invitationId)).toMatchObject({ accepted_at: expect.any(Date), accepted_by: invitee.userId });
  expect(await auditOf('invitation.accepted', invitationId)).toEqual([
    expect.objectContaining({ actor_id: invitee.userId, org_id: owner.orgId }),
  ]);
  expect(codeOf(await accept(invitee.identity, token))).toBe('NOT_FOUND');
});

it('lets only one of two simultaneous uses of a token through', async () => {
  const invitee = await signUp(h);
  const { invitationId, token } = await invite(h, { identity: admin }, invitee.email, 'member');
  const results = await Promise.all([accept(invitee.identity, token), accept(invitee.identity, token)]);
  // The loser finds the token used (NOT_FOUND) or, if the winner committed in between, the membership (CONFLICT).
  const outcomes = results.map((r) => (r.errors ? codeOf(r) : 'OK'));
  expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
  expect(outcomes.filter((o) => o !== 'OK')).toEqual([expect.stringMatching(/^(NOT_FOUND|CONFLICT)$/)]);
  expect(await h.owner('select 1 from core.memberships where org_id = $1 and user_id = $2', [owner.orgId, invitee.userId])).toHaveLength(1);
  expect(await auditOf('invitation.accepted', invitationId)).toHaveLength(1);
});

it('refuses the token to any other account with the answer an unknown token gets, and leaves the invitation pending', async () => {
  const { invitationId, token } = await invite(h, { identity: admin }, newEmail(), 'admin');
  const thief = await signUp(h);
  const stolen = await accept(thief.identity, token);
  const unknown = await accept(thief.identity, 'no-such-token');
  expect(codeOf(stolen)).toBe('NOT_FOUND');
  expect(stolen.errors![0].message).toBe(unknown.errors![0].message);
  expect(await invitationRow(invitationId)).toMatchObject({ accepted_at: null, accepted_by: null });
  const memberships = await h.owner('select 1 from core.memberships where org_id = $1 and user_id = $2', [owner.orgId, thief.userId]);
  expect(memberships).toHaveLength(0);
});

it('lets a new account sign up with the invitation and join that organization without creating one', async () => {
  const email = newEmail();
  const { invitationId, token } = await invite(h, { identity: admin }, email, 'admin');
  const organizations = async () => Number((await h.owner<{ n: string }>('select count(*) as n from core.organizations'))[0].n);
  const before = await organizations();
  const response = await h.call(SIGN_UP, { input: { email, password: 'correct horse battery', name: 'Invitee', invitationToken: token } });
  expect(response.errors).toBeUndefined();
  const payload = response.data!.signUp;
  expect(payload).toMatchObject({ role: 'ADMIN', organization: { id: owner.orgId }, user: { email } });
  expect(await organizations()).toBe(before);
  const memberships = await h.owner<{ org_id: string; role: string }>('select org_id, role from core.memberships where user_id = $1', [
    payload.user.id,
  ]);
  expect(memberships).toEqual([{ org_id: owner.orgId, role: 'admin' }]);
  expect(await invitationRow(invitationId)).toMatchObject({ accepted_by: payload.user.id });
  // Used up: a second sign-up (another address) cannot reuse it.
  const again = await h.call(SIGN_UP, {
    input: { email: newEmail(), password: 'correct horse battery', name: 'X', invitationToken: token },
  });
  expect(codeOf(again)).toBe('NOT_FOUND');
});

it('refuses a sign-up with another email than the invited one, creating nothing', async () => {
  const { invitationId, token } = await invite(h, { identity: admin }, newEmail(), 'member');
  const email = newEmail();
  const response = await h.call(SIGN_UP, { input: { email, password: 'correct horse battery', name: 'X', invitationToken: token } });
  expect(codeOf(response)).toBe('NOT_FOUND');
  expect(await h.owner('select 1 from core.users where email = $1', [email])).toHaveLength(0);
  expect(await invitationRow(invitationId)).toMatchObject({ accepted_at: null });
});

it('still needs an organization name to sign up without an invitation', async () => {
  const response = await h.call(SIGN_UP, { input: { email: newEmail(), password: 'correct horse battery', name: 'X' } });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'organizationName' }] });
});

it('lists pending invitations to admins and lets them revoke one, after which its token is refused', async () => {
  const { invitationId, token } = await invite(h, { identity: admin }, newEmail(), 'viewer');
  const listed = await h.call(
    '{ invitations(first: 1) { edges { node { id role invitedBy { id } } } pageInfo { hasNextPage } } }',
    {},
    admin,
  );
  expect(listed.errors).toBeUndefined();
  expect(listed.data!.invitations).toEqual({
    edges: [{ node: { id: invitationId, role: 'VIEWER', invitedBy: { id: admin.userId } } }],
    pageInfo: { hasNextPage: true },
  });
  const cursor = (await h.call('{ invitations(first: 1) { pageInfo { endCursor } } }', {}, admin)).data!.invitations.pageInfo.endCursor;
  const next = await h.call(
    'query($after: String) { invitations(first: 1, after: $after) { edges { node { id createdAt } } } }',
    { after: cursor },
    admin,
  );
  expect(next.data!.invitations.edges).toHaveLength(1);
  expect(next.data!.invitations.edges[0].node.id).not.toBe(invitationId);

  const revoked = await h.call(
    'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id revokedAt } } }',
    { id: invitationId },
    admin,
  );
  expect(revoked.data!.revokeInvitation.invitation).toEqual({ id: invitationId, revokedAt: expect.any(String) });
  expect(await auditOf('invitation.revoked', invitationId)).toEqual([expect.objectContaining({ actor_id: admin.userId })]);
  const after = await h.call('{ invitations(first: 100) { edges { node { id } } } }', {}, admin);
  expect(after.errors).toBeUndefined();
  expect(after.data!.invitations.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(invitationId);
  const email = (await h.owner<{ email: string }>('select email from core.invitations where id = $1', [invitationId]))[0].email;
  const signUp = await h.call(SIGN_UP, { input: { email, password: 'correct horse battery', name: 'X', invitationToken: token } });
  expect(codeOf(signUp)).toBe('NOT_FOUND');
});

it('refuses an expired token', async () => {
  const invitee = await signUp(h);
  const { invitationId, token } = await invite(h, { identity: admin }, invitee.email, 'member');
  await h.owner(`update core.invitations set expires_at = now() - interval '1 second' where id = $1`, [invitationId]);
  expect(codeOf(await accept(invitee.identity, token))).toBe('NOT_FOUND');
});

it('replaces the pending invitation of an email invited again', async () => {
  const invitee = await signUp(h);
  const first = await invite(h, { identity: admin }, invitee.email, 'viewer');
  const second = await invite(h, { identity: admin }, invitee.email, 'member');
  expect(codeOf(await accept(invitee.identity, first.token))).toBe('NOT_FOUND');
  const accepted = await accept(invitee.identity, second.token);
  expect(accepted.data?.acceptInvitation.role).toBe('MEMBER');
});

it('answers CONFLICT for an email that is already a member, which an admin can see anyway', async () => {
  expect(codeOf(await inviteAs(admin, owner.email.toUpperCase()))).toBe('CONFLICT');
});

it('lets only an owner invite as owner or revoke an owner invitation', async () => {
  expect(codeOf(await inviteAs(admin, newEmail(), 'OWNER'))).toBe('FORBIDDEN');
  const { invitationId } = await invite(h, owner, newEmail(), 'owner');
  const revoke = (identity: object) =>
    h.call('mutation($id: ID!) { revokeInvitation(id: $id) { invitation { revokedAt } } }', { id: invitationId }, identity);
  expect(codeOf(await revoke(admin))).toBe('FORBIDDEN');
  expect((await revoke(owner.identity)).errors).toBeUndefined();
});

it('validates the invited email', async () => {
  const response = await inviteAs(admin, 'not-an-email');
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'email' }] });
});

it('needs a logged-in session to accept: an API key of the invited user cannot', async () => {
  const invitee = await signUp(h);
  const { token } = await invite(h, { identity: admin }, invitee.email, 'member');
  const key = { ...invitee.identity, authMethod: 'api_key' as const, sessionId: undefined, scopes: ['members:write'] };
  expect(codeOf(await accept(key, token))).toBe('FORBIDDEN');
  expect(codeOf(await accept({}, token))).toBe('UNAUTHENTICATED');
});

it('does not answer revokeInvitation for another organization’s invitation', async () => {
  const other = await signUp(h);
  const { invitationId } = await invite(h, other, newEmail(), 'member');
  const response = await h.call(
    'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id } } }',
    { id: invitationId },
    owner.identity,
  );
  expect(codeOf(response)).toBe('NOT_FOUND');
  expect(await invitationRow(invitationId)).toMatchObject({ revoked_at: null });
});
