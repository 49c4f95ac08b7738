import type { Role } from '@flowgraph/kernel';
import { roleRank } from '../../role.mapper';
import { sha256 } from '../../secrets';
import type { ApiKeyRepository } from './api-key.repository';

/** What the gateway learns about a verified key (the internal verify endpoint's body). */
export interface VerifiedApiKey {
  apiKeyId: string;
  userId: string;
  orgId: string;
  role: Role;
  scopes: string[];
  /** The client application the key is bound to (trusted documents), or null. */
  clientName: string | null;
}

/**
 * Checks a presented key (live, unexpired, creator still a member) and stamps its last use.
 * The key acts as its creator with at most the creator's current role.
 */
export async function verifyApiKey(keys: ApiKeyRepository, key: string): Promise<VerifiedApiKey | null> {
  const used = await keys.useBySecretHash(sha256(key));
  if (!used) return null;
  const role = roleRank(used.role) <= roleRank(used.creatorRole) ? used.role : used.creatorRole;
  return { apiKeyId: used.id, userId: used.createdBy, orgId: used.orgId, role, scopes: used.scopes, clientName: used.clientName };
}
