import {
  IDENTITY_HEADER,
  IDENTITY_MAX_AGE_MS,
  IDENTITY_MAX_SKEW_MS,
  IDENTITY_SIGNATURE_HEADER,
  IdentityError,
  requireRole,
  signIdentity,
  verifyIdentity,
} from '../src/identity';

const secret = 's'.repeat(40);
const identity = { requestId: 'r1', userId: 'u1', orgId: 'o1', role: 'member' as const, scopes: [], authMethod: 'jwt' as const };
const call = { method: 'POST', target: 'http://core:4001/graphql', body: '{"query":"{ me { id } }"}' };

describe('signed identity headers', () => {
  it('round-trips an identity signed with the shared secret for the call received', () => {
    expect(verifyIdentity(signIdentity(identity, secret, call), secret, call)).toEqual(identity);
    // The subgraph sees the path only; a Buffer of the same bytes is the same body.
    expect(
      verifyIdentity(signIdentity(identity, secret, call), secret, { method: 'POST', target: '/graphql', body: Buffer.from(call.body) }),
    ).toEqual(identity);
  });

  it('rejects missing headers, a wrong secret, a tampered payload and a stale stamp', () => {
    expect(() => verifyIdentity({}, secret, call)).toThrow(IdentityError);
    expect(() => verifyIdentity(signIdentity(identity, 'x'.repeat(40), call), secret, call)).toThrow('bad identity signature');
    const headers = signIdentity(identity, secret, call);
    const forged = Buffer.from(JSON.stringify({ ...identity, role: 'owner' })).toString('base64url');
    const tampered = { ...headers, [IDENTITY_HEADER]: headers[IDENTITY_HEADER].replace(/\..*$/, `.${forged}`) };
    expect(() => verifyIdentity(tampered, secret, call)).toThrow('bad identity signature');
    const old = signIdentity(identity, secret, call, Date.now() - 10 * 60 * 1000);
    expect(() => verifyIdentity(old, secret, call)).toThrow('stale identity');
    expect(() => verifyIdentity({ ...headers, [IDENTITY_SIGNATURE_HEADER]: 'short' }, secret, call)).toThrow(IdentityError);
  });

  it('refuses a captured header reused on a different body, path or method', () => {
    const captured = signIdentity(identity, secret, call);
    const otherBody = { ...call, body: '{"query":"mutation { deleteOrganization }"}' };
    expect(() => verifyIdentity(captured, secret, otherBody)).toThrow('bad identity signature');
    expect(() => verifyIdentity(captured, secret, { ...call, body: undefined })).toThrow('bad identity signature');
    expect(() => verifyIdentity(captured, secret, { ...call, target: 'http://core:4001/internal/events' })).toThrow(
      'bad identity signature',
    );
    expect(() => verifyIdentity(captured, secret, { ...call, target: 'http://core:4001/graphql?query=x' })).toThrow(
      'bad identity signature',
    );
    expect(() => verifyIdentity(captured, secret, { ...call, method: 'GET' })).toThrow('bad identity signature');
  });

  it(`accepts a stamp ${IDENTITY_MAX_AGE_MS / 1000} s old or a few seconds ahead, and nothing outside that window`, () => {
    const now = Date.now();
    expect(IDENTITY_MAX_AGE_MS).toBe(30_000);
    expect(verifyIdentity(signIdentity(identity, secret, call, now - IDENTITY_MAX_AGE_MS), secret, call, now)).toEqual(identity);
    expect(verifyIdentity(signIdentity(identity, secret, call, now + IDENTITY_MAX_SKEW_MS), secret, call, now)).toEqual(identity);
    expect(() => verifyIdentity(signIdentity(identity, secret, call, now - IDENTITY_MAX_AGE_MS - 1), secret, call, now)).toThrow(
      'stale identity',
    );
    expect(() => verifyIdentity(signIdentity(identity, secret, call, now + IDENTITY_MAX_SKEW_MS + 1), secret, call, now)).toThrow(
      'stale identity',
    );
    expect(() => verifyIdentity(signIdentity(identity, secret, call, now + 5 * 60 * 1000), secret, call, now)).toThrow('stale identity');
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
