import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS, revokedSessionKey } from '@flowgraph/kernel';
import { AUTH_FIELDS, addMember, codeOf, identityOf, signUp, startCoreHarness, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCoreHarness('core_auth');
});
afterAll(() => h.close());

const logIn = (email: string, password: string, organizationId?: string) =>
  h.call(
    `mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { email, password, organizationId } },
    { ip: '10.0.0.2', userAgent: 'Firefox' },
  );
const refresh = (refreshToken: string) =>
  h.call(`mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`, { t: refreshToken }, { ip: '10.0.0.3' });
const auditActions = async (orgId: string) =>
  (await h.owner<{ action: string }>('select action from core.audit_log where org_id = $1 order by created_at', [orgId])).map(
    (r) => r.action,
  );

it('signs up a user with an organization they own', async () => {
  const account = await signUp(h, { organizationName: 'Initech' });
  expect(account.identity.role).toBe('owner');
  const me = await h.call('{ me { id email memberships { role organization { name eventRetentionDays } } } }', {}, account.identity);
  expect(me.errors).toBeUndefined();
  expect(me.data?.me.memberships).toEqual([{ role: 'OWNER', organization: { name: 'Initech', eventRetentionDays: 90 } }]);
  expect(await auditActions(account.orgId)).toEqual(['organization.created', 'auth.signup']);
});

it('refuses a second account with the same email in another case', async () => {
  const account = await signUp(h);
  const again = await h.call('mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }', {
    input: { email: account.email.toUpperCase(), password: 'another password', name: 'X', organizationName: 'Y' },
  });
  expect(codeOf(again)).toBe('CONFLICT');
});

it('validates sign-up input field by field', async () => {
  const response = await h.call('mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }', {
    input: { email: 'not-an-email', password: 'short', name: ' ', organizationName: 'Y' },
  });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR' });
  expect((response.errors?.[0]?.extensions?.details as { field: string }[]).map((d) => d.field)).toEqual(['email', 'password', 'name']);
});

it('logs in with argon2id and answers the same for a wrong email and a wrong password', async () => {
  const account = await signUp(h);
  const hash = await h.owner<{ password_hash: string }>('select password_hash from core.users where id = $1', [account.userId]);
  expect(hash[0].password_hash).toMatch(/^\$argon2id\$/);
  const ok = await logIn(account.email.toUpperCase(), account.password);
  expect(ok.errors).toBeUndefined();
  expect(ok.data?.logIn).toMatchObject({ role: 'OWNER', user: { id: account.userId }, organization: { id: account.orgId } });
  const wrongPassword = await logIn(account.email, 'wrong password!');
  const wrongEmail = await logIn(`nobody-${account.email}`, account.password);
  expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
  expect(wrongPassword.errors?.[0]?.message).toBe(wrongEmail.errors?.[0]?.message);
  const failures = await h.owner<{ actor_id: string }>(
    `select actor_id from core.audit_log where action = 'auth.login_failed' and actor_id = $1`,
    [account.userId],
  );
  expect(failures).toHaveLength(1);
  expect(await auditActions(account.orgId)).toContain('auth.login');
});

it("writes a known account's failed login into each of its organizations' audit logs, readable through auditLog", async () => {
  const account = await signUp(h);
  const other = await signUp(h);
  await addMember(h, other, account, 'member');
  const requestId = randomUUID();
  const failed = await h.call(
    `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`,
    { input: { email: account.email, password: 'wrong password!' } },
    { ip: '10.0.0.9', requestId },
  );
  expect(codeOf(failed)).toBe('UNAUTHENTICATED');
  for (const admin of [account, other]) {
    const log = await h.call(
      '{ auditLog(first: 20) { edges { node { action actor { id } targetId requestId ip } } } }',
      {},
      admin.identity,
    );
    expect(log.errors).toBeUndefined();
    const nodes = log.data!.auditLog.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toContainEqual({
      action: 'auth.login_failed',
      actor: { id: account.userId },
      targetId: account.userId,
      requestId,
      ip: '10.0.0.9',
    });
  }
});

it('rotates refresh tokens within one family', async () => {
  const account = await signUp(h);
  const first = await refresh(account.refreshToken);
  expect(first.errors).toBeUndefined();
  const second = await refresh(first.data!.refreshSession.refreshToken);
  expect(second.errors).toBeUndefined();
  const rows = await h.owner<{ family_id: string; replaced_by: string | null }>(
    'select family_id, replaced_by from core.sessions where user_id = $1',
    [account.userId],
  );
  expect(rows).toHaveLength(3);
  expect(new Set(rows.map((r) => r.family_id)).size).toBe(1);
  expect(rows.filter((r) => r.replaced_by === null)).toHaveLength(1);
  expect(await auditActions(account.orgId)).toContain('auth.refresh');
});

it('rejects a replayed refresh token and revokes the whole family', async () => {
  const account = await signUp(h);
  const rotated = await refresh(account.refreshToken);
  const newest = rotated.data!.refreshSession;
  const replay = await refresh(account.refreshToken);
  expect(codeOf(replay)).toBe('UNAUTHENTICATED');
  // The family is gone: even the newest token no longer works.
  expect(codeOf(await refresh(newest.refreshToken))).toBe('UNAUTHENTICATED');
  const sessions = await h.owner<{ id: string; revoked_at: Date | null }>('select id, revoked_at from core.sessions where user_id = $1', [
    account.userId,
  ]);
  expect(sessions.length).toBe(2);
  expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
  for (const s of sessions) {
    const ttl = await h.redis.ttl(revokedSessionKey(h.config.REDIS_PREFIX, s.id));
    expect(ttl).toBeGreaterThan(ACCESS_TOKEN_TTL_SECONDS - 60);
  }
  expect(await auditActions(account.orgId)).toContain('auth.refresh_reuse_detected');
});

it('logs out the calling session and marks it revoked for the gateway', async () => {
  const account = await signUp(h);
  const response = await h.call('mutation { logOut { revoked } }', {}, account.identity);
  expect(response.data?.logOut.revoked).toBe(true);
  expect(await h.redis.exists(revokedSessionKey(h.config.REDIS_PREFIX, account.identity.sessionId))).toBe(1);
  expect(codeOf(await refresh(account.refreshToken))).toBe('UNAUTHENTICATED');
  expect(await auditActions(account.orgId)).toContain('auth.logout');
});

it('lists own sessions with device details and revokes only own sessions', async () => {
  const account = await signUp(h);
  const other = await logIn(account.email, account.password);
  const otherIdentity = await identityOf(h, other.data!.logIn.accessToken);
  const list = await h.call('{ sessions { id userAgent ip lastUsedAt current } }', {}, account.identity);
  expect(list.errors).toBeUndefined();
  const sessions = list.data!.sessions as { id: string; userAgent: string; ip: string; current: boolean }[];
  expect(sessions).toHaveLength(2);
  expect(sessions.find((s) => s.current)?.userAgent).toBe('jest');
  const firefox = sessions.find((s) => !s.current)!;
  expect(firefox).toMatchObject({ userAgent: 'Firefox', ip: '10.0.0.2' });

  const stranger = await signUp(h);
  const denied = await h.call('mutation($id: ID!) { revokeSession(id: $id) { session { id } } }', { id: firefox.id }, stranger.identity);
  expect(codeOf(denied)).toBe('NOT_FOUND');

  const revoked = await h.call('mutation($id: ID!) { revokeSession(id: $id) { session { id } } }', { id: firefox.id }, account.identity);
  expect(revoked.errors).toBeUndefined();
  expect(await h.redis.exists(revokedSessionKey(h.config.REDIS_PREFIX, otherIdentity.sessionId))).toBe(1);
  const after = await h.call('{ sessions { id } }', {}, account.identity);
  expect(after.data?.sessions).toHaveLength(1);
  expect(await auditActions(account.orgId)).toContain('auth.session_revoked');
});

it('switches to another organization the user belongs to, and only to those', async () => {
  const account = await signUp(h);
  const created = await h.call('mutation { createOrganization(input: { name: "Second" }) { organization { id } } }', {}, account.identity);
  const secondId = created.data!.createOrganization.organization.id as string;
  const switched = await h.call(
    `mutation($id: ID!) { switchOrganization(organizationId: $id) { ${AUTH_FIELDS} } }`,
    { id: secondId },
    account.identity,
  );
  expect(switched.errors).toBeUndefined();
  expect(switched.data?.switchOrganization).toMatchObject({ role: 'OWNER', organization: { id: secondId, name: 'Second' } });
  expect((await identityOf(h, switched.data!.switchOrganization.accessToken)).orgId).toBe(secondId);

  const stranger = await signUp(h);
  const denied = await h.call(
    'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }',
    { id: stranger.orgId },
    account.identity,
  );
  expect(codeOf(denied)).toBe('FORBIDDEN');
});

it('creates organizations only for a logged-in session, never for an API key', async () => {
  const account = await signUp(h);
  const { sessionId: _session, ...rest } = account.identity;
  const apiKey = { ...rest, authMethod: 'api_key' as const, apiKeyId: randomUUID(), scopes: ['organization:write'] };
  const refused = await h.call('mutation { createOrganization(input: { name: "By key" }) { organization { id } } }', {}, apiKey);
  expect(codeOf(refused)).toBe('FORBIDDEN');
  expect(await h.owner('select id from core.organizations where name = $1', ['By key'])).toEqual([]);
});
