import type { EntityManager } from '@mikro-orm/postgresql';
import { IntegrationEntity, type Integration, type IntegrationProviderValue } from './integration.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Integration queries. Row-level security limits every one to the request's organization. */
export class IntegrationRepository {
  constructor(private readonly em: EntityManager) {}

  /** Ids that are not UUIDs cannot exist; dropping them keeps Postgres from failing the whole batch. */
  findByIds(ids: readonly string[]): Promise<Integration[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (valid.length === 0) return Promise.resolve([]);
    return this.em.find(IntegrationEntity, { id: { $in: valid } });
  }

  /**
   * Up to `limit` integrations of each user, active first then newest first, in one statement
   * (a window function ranks rows per user), so listing many users' integrations is not N+1.
   */
  async listByUsers(userIds: readonly string[], limit: number): Promise<Integration[]> {
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select * from (
         select i.*, row_number() over (partition by user_id order by is_active desc, created_at desc, id desc) as rank
         from integration.user_integrations i where user_id in (?)
       ) ranked where rank <= ? order by is_active desc, created_at desc, id desc`,
      [[...userIds], limit],
    );
    return rows.map((row) => this.em.map(IntegrationEntity, row));
  }

  create(input: { orgId: string; userId: string; provider: IntegrationProviderValue; displayName: string }): Integration {
    const now = new Date();
    return this.em.create(IntegrationEntity, {
      id: crypto.randomUUID(),
      ...input,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
