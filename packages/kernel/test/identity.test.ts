import { IDENTITY_HEADER, IDENTITY_SIGNATURE_HEADER, IdentityError, requireRole, signIdentity, verifyIdentity } from '../src/identity';

const secret = 's'.repeat(40);
const identity = { requestId: 'r1', userId: 'u1', orgId: 'o1', role: 'member' as const, scopes: [], authMethod: 'jwt' as const };

describe('signed identity headers', () => {
  it('round-trips an identity signed with the shared secret', () => {
    expect(verifyIdentity(signIdentity(identity, secret), secret)).toEqual(identity);
  });

  it('rejects missing headers, a wrong secret, a tampered payload and a stale stamp', () => {
    expect(() => verifyIdentity({}, secret)).toThrow(IdentityError);
    expect(() => verifyIdentity(signIdentity(identity, 'x'.repeat(40)), secret)).toThrow('bad identity signature');
    const headers = signIdentity(identity, secret);
    const forged = Buffer.from(JSON.stringify({ ...identity, role: 'owner' })).toString('base64url');
    const tampered = { ...headers, [IDENTITY_HEADER]: headers[IDENTITY_HEADER].replace(/\..*$/, `.${forged}`) };
    expect(() => verifyIdentity(tampered, secret)).toThrow('bad identity signature');
    const old = signIdentity(identity, secret, Date.now() - 10 * 60 * 1000);
    expect(() => verifyIdentity(old, secret)).toThrow('stale identity');
    expect(() => verifyIdentity({ ...headers, [IDENTITY_SIGNATURE_HEADER]: 'short' }, secret)).toThrow(IdentityError);
  });
});

describe('requireRole', () => {
  it('orders roles viewer < member < admin < owner', () => {
    expect(requireRole(identity, 'viewer').role).toBe('member');
    expect(() => requireRole(identity, 'admin')).toThrow('Requires the admin role');
  });

  it('asks API keys for the scope as well', () => {
    const key = { ...identity, authMethod: 'api_key' as const, scopes: ['events:read'] };
    expect(requireRole(key, 'viewer', 'events:read').userId).toBe('u1');
    expect(() => requireRole(key, 'viewer', 'events:write')).toThrow('API key lacks the events:write scope');
  });

  it('refuses anonymous callers and callers without an organization', () => {
    expect(() => requireRole({ requestId: 'r', scopes: [], authMethod: 'anonymous' }, 'viewer')).toThrow('Authentication required');
    expect(() => requireRole({ ...identity, orgId: undefined }, 'viewer')).toThrow('No organization selected');
  });
});
