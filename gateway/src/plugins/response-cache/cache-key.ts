import { createHash } from 'node:crypto';
import type { Identity } from '@flowgraph/kernel';

/** Where a response may be stored: shared (`public`) or for one caller (`private`, absent for anonymous callers). */
export interface CacheKeys {
  public: string;
  private?: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` variables share an entry. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Who may share a PUBLIC entry. PUBLIC data is the same for everyone allowed to see it, but the
 * subgraphs decide who is allowed (role, organization, an API key's scopes): a hit skips them, so
 * entries are shared only among callers those checks would treat alike. Anonymous callers never
 * share with members.
 */
function accessClass(identity: Identity | undefined): string {
  if (!identity || identity.authMethod === 'anonymous') return 'anonymous';
  return stableStringify([identity.authMethod, identity.role ?? null, Boolean(identity.orgId), [...identity.scopes].sort()]);
}

/**
 * PRIVATE entries belong to one caller in one organization; an API key is a caller of its own
 * (its scopes may hide what its user sees). Null when there is no user to own the entry.
 */
function owner(identity: Identity | undefined): string | null {
  if (!identity?.userId) return null;
  return stableStringify([
    identity.orgId ?? null,
    identity.userId,
    identity.apiKeyId ?? null,
    identity.role ?? null,
    [...identity.scopes].sort(),
  ]);
}

/** Entry keys (without the Redis prefix) for one operation: document hash, operation name, variables, caller. */
export function cacheKeys(input: {
  queryHash: string;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  identity?: Identity;
}): CacheKeys {
  const operation = stableStringify([input.queryHash, input.operationName ?? null, input.variables ?? {}]);
  const privateOwner = owner(input.identity);
  return {
    public: sha256(`${operation}|public|${accessClass(input.identity)}`),
    ...(privateOwner ? { private: sha256(`${operation}|private|${privateOwner}`) } : {}),
  };
}
