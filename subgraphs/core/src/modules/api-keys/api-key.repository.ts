import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, type Role } from '@flowgraph/kernel';
import { ApiKeyEntity, type ApiKey } from './api-key.entity';

/** A key as the verification lookup returns it, with its creator's current role. */
export interface UsedApiKey {
  id: string;
  orgId: string;
  createdBy: string;
  role: Role;
  scopes: string[];
  creatorRole: Role;
  clientName: string | null;
}

/** API key queries. RLS limits reads and writes to the current organization. */
export class ApiKeyRepository {
  constructor(private readonly em: EntityManager) {}

  listByOrg(orgId: string): Promise<ApiKey[]> {
    return this.em.find(ApiKeyEntity, { orgId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  findInOrg(orgId: string, id: string): Promise<ApiKey | null> {
    return isUuid(id) ? this.em.findOne(ApiKeyEntity, { id, orgId }) : Promise.resolve(null);
  }

  /**
   * Verification happens before any organization is known, so it goes through the
   * `core.use_api_key` SECURITY DEFINER function: one statement that checks the key is live,
   * stamps last_used_at and returns it.
   */
  async useBySecretHash(hash: string): Promise<UsedApiKey | null> {
    const rows = await this.em.execute<Record<string, unknown>[]>('select * from core.use_api_key(?)', [hash]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: String(row.id),
      orgId: String(row.org_id),
      createdBy: String(row.created_by),
      role: row.role as Role,
      scopes: row.scopes as string[],
      creatorRole: row.creator_role as Role,
      clientName: (row.client_name as string | null) ?? null,
    };
  }

  create(input: Omit<ApiKey, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): ApiKey {
    return this.em.create(ApiKeyEntity, { ...input, createdAt: new Date(), lastUsedAt: null, revokedAt: null });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
