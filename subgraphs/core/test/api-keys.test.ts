import { randomUUID } from 'node:crypto';
import { signIdentity } from '@flowgraph/kernel';
import { addMember, codeOf, signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
let owner: Account;
let admin: Account['identity'];
beforeAll(async () => {
  h = await startCoreHarness('core_apikeys');
  owner = await signUp(h);
  admin = (await addMember(h, owner, await signUp(h), 'admin')).identity;
});
afterAll(() => h.close());

const verifyUrl = () => h.server.url.replace(/\/graphql$/, '/internal/api-keys/verify');
/** Calls the internal endpoint as the gateway does: with a signed anonymous identity. */
const verify = async (key: unknown, signed = true) => {
  const requestId = randomUUID();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const body = JSON.stringify({ key });
  if (signed)
    Object.assign(
      headers,
      signIdentity({ requestId, scopes: [], authMethod: 'anonymous' }, h.config.IDENTITY_SECRET, {
        method: 'POST',
        target: verifyUrl(),
        body,
      }),
    );
  const response = await fetch(verifyUrl(), { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, any>, requestId }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const createKey = (input: Record<string, unknown>, identity: object = admin) =>
  h.call(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name prefix scopes createdBy { id } lastUsedAt revokedAt } } }',
    { input },
    identity,
  );

it('creates a key shown once, stores only its hash and verifies it for the gateway', async () => {
  const created = await createKey({ name: 'CI', scopes: ['workflows:read', 'events:write'], role: 'MEMBER' });
  expect(created.errors).toBeUndefined();
  const { secret, apiKey } = created.data!.createApiKey;
  expect(secret).toMatch(/^fg_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  expect(secret.startsWith(`${apiKey.prefix}_`)).toBe(true);
  expect(apiKey.createdBy.id).toBe(admin.userId);
  const stored = await h.owner<{ secret_hash: string }>('select secret_hash from core.api_keys where id = $1', [apiKey.id]);
  expect(stored[0].secret_hash).not.toContain(secret.slice(12));

  const verified = await verify(secret);
  expect(verified.status).toBe(200);
  expect(verified.body).toEqual({
    apiKeyId: apiKey.id,
    userId: admin.userId,
    orgId: owner.orgId,
    role: 'member',
    scopes: ['workflows:read', 'events:write'],
    clientName: null,
  });
  const listed = await h.call('{ apiKeys { id prefix lastUsedAt } }', {}, admin);
  expect(listed.data?.apiKeys).toEqual([{ id: apiKey.id, prefix: apiKey.prefix, lastUsedAt: expect.any(String) }]);
  expect(JSON.stringify(listed)).not.toContain(secret);
});

it('answers 401 in the error envelope for unknown, revoked and expired keys', async () => {
  const unknown = await verify('fg_deadbeef_nope');
  expect(unknown.status).toBe(401);
  expect(unknown.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String), request_id: unknown.requestId } });

  const created = (await createKey({ name: 'to revoke', scopes: [] })).data!.createApiKey;
  const revoked = await h.call('mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }', { id: created.apiKey.id }, admin);
  expect(revoked.data?.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
  expect((await verify(created.secret)).status).toBe(401);

  const expiring = (await createKey({ name: 'expiring', scopes: [], expiresAt: new Date(Date.now() + 60_000).toISOString() })).data!
    .createApiKey;
  expect((await verify(expiring.secret)).status).toBe(200);
  await h.owner(`update core.api_keys set expires_at = now() - interval '1 second' where id = $1`, [expiring.apiKey.id]);
  expect((await verify(expiring.secret)).status).toBe(401);

  const actions = await h.owner<{ action: string }>(`select action from core.audit_log where org_id = $1 and target_type = 'api_key'`, [
    owner.orgId,
  ]);
  expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['api_key.created', 'api_key.revoked']));
});

it('refuses verification calls that did not come through the gateway', async () => {
  const key = (await createKey({ name: 'unsigned', scopes: [] })).data!.createApiKey.secret;
  const response = await verify(key, false);
  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe('UNAUTHENTICATED');
});

it('caps a key’s role at its creator’s role', async () => {
  expect(codeOf(await createKey({ name: 'too strong', scopes: [], role: 'OWNER' }))).toBe('FORBIDDEN');
  const ownerKey = await createKey({ name: 'owner key', scopes: [], role: 'OWNER' }, owner.identity);
  expect(ownerKey.errors).toBeUndefined();
});

it('shows the role each key was created with, MEMBER when none was given', async () => {
  const viewerKey = (await createKey({ name: 'read only', scopes: ['workflows:read'], role: 'VIEWER' })).data!.createApiKey.apiKey;
  const defaultKey = (await createKey({ name: 'default role', scopes: [] })).data!.createApiKey.apiKey;
  const created = await h.call(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { role } } }',
    { input: { name: 'admin key', scopes: [], role: 'ADMIN' } },
    admin,
  );
  expect(created.data?.createApiKey.apiKey.role).toBe('ADMIN');
  const listed = await h.call('{ apiKeys { id role } }', {}, admin);
  expect(listed.errors).toBeUndefined();
  expect(listed.data?.apiKeys).toEqual(
    expect.arrayContaining([
      { id: viewerKey.id, role: 'VIEWER' },
      { id: defaultKey.id, role: 'MEMBER' },
    ]),
  );
});

it('validates scopes and expiry', async () => {
  const response = await createKey({ name: 'bad', scopes: ['events:read', 'workflow:raed'], expiresAt: '2001-01-01T00:00:00Z' });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR' });
  const details = response.errors?.[0]?.extensions?.details as { field: string; message: string }[];
  expect(details.map((d) => d.field)).toEqual(['scopes', 'expiresAt']);
  expect(details[0].message).toMatch(/^Unknown scopes workflow:raed; allowed: organization:read/);
});

it('grants the analytics scopes: patterns and reports', async () => {
  const created = await createKey({ name: 'dashboards', scopes: ['patterns:read', 'reports:read'] });
  expect(created.errors).toBeUndefined();
  expect(created.data!.createApiKey.apiKey.scopes).toEqual(['patterns:read', 'reports:read']);
});

it('stops working once its creator leaves the organization', async () => {
  const leaver = await signUp(h);
  const { membershipId, identity } = await addMember(h, owner, leaver, 'admin');
  const key = (await createKey({ name: 'leaver', scopes: [] }, identity)).data!.createApiKey.secret;
  expect((await verify(key)).status).toBe(200);
  await h.call('mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }', { id: membershipId }, owner.identity);
  expect((await verify(key)).status).toBe(401);
});

it('binds a key to a client application and tells the gateway which', async () => {
  const created = await h.call(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id clientName } } }',
    { input: { name: 'partner', scopes: ['workflows:read'], clientName: 'partner-example' } },
    admin,
  );
  expect(created.errors).toBeUndefined();
  const { secret, apiKey } = created.data!.createApiKey;
  expect(apiKey.clientName).toBe('partner-example');
  const verified = await verify(secret);
  expect(verified.status).toBe(200);
  expect(verified.body).toMatchObject({ apiKeyId: apiKey.id, clientName: 'partner-example' });
  const listed = await h.call('{ apiKeys { id clientName } }', {}, admin);
  expect(listed.data?.apiKeys).toContainEqual({ id: apiKey.id, clientName: 'partner-example' });
});

it('leaves a key without a client unbound', async () => {
  const { secret, apiKey } = (await createKey({ name: 'unbound', scopes: [] })).data!.createApiKey;
  expect((await verify(secret)).body).toMatchObject({ apiKeyId: apiKey.id, clientName: null });
});

it('refuses a client name that is not a lowercase slug', async () => {
  for (const clientName of ['Partner', '-partner', 'partner example', 'a'.repeat(64), '']) {
    const response = await createKey({ name: 'bad client', scopes: [], clientName });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'clientName', message: expect.any(String) }],
    });
  }
});
