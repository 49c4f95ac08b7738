import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { firstRowsPerKey, validUuids, type TimeIdPosition } from '@flowgraph/kernel';
import { IntegrationEntity, type Integration, type IntegrationProviderValue, type IntegrationStatus } from './integration.entity';
import { integrationFromRow, type IntegrationRow } from './integration.row';

/** Integration queries. Row-level security limits every one to the request's organization. */
export class IntegrationRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly fromRow = (row: IntegrationRow): Integration => integrationFromRow(row, this.em.getPlatform());

  /** Ids that are not UUIDs cannot exist; dropping them keeps Postgres from failing the whole batch. */
  findByIds(ids: readonly string[]): Promise<Integration[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.em.find(IntegrationEntity, { id: { $in: valid } });
  }

  /**
   * Up to `limit` integrations of each user, active first then newest first, in one statement;
   * plain objects (`integrationFromRow`, docs/decisions/0026), read in the request's transaction.
   */
  listByUsers(userIds: readonly string[], limit: number): Promise<Integration[]> {
    return firstRowsPerKey(this.em, {
      map: this.fromRow,
      table: 'integration.user_integrations',
      keyColumn: 'user_id',
      orderBy: 'is_active desc, created_at desc, id desc',
      keys: validUuids(userIds),
      limit,
    });
  }

  /** The organization's integrations (row-level security), newest first, after a position. */
  page(
    filter: { provider?: IntegrationProviderValue; status?: IntegrationStatus },
    count: number,
    after?: TimeIdPosition,
  ): Promise<Integration[]> {
    return this.em.find(
      IntegrationEntity,
      {
        ...(filter.provider ? { provider: filter.provider } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(after ? { $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, id: { $lt: after.id } }] } : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: count },
    );
  }

  /** The connection a step uses: `integrationId` if it is connected, else the most recently connected one of the connector. */
  async connectedFor(provider: IntegrationProviderValue, integrationId?: string): Promise<Integration | null> {
    const where = integrationId
      ? { id: integrationId, provider, status: 'connected' as const }
      : { provider, status: 'connected' as const };
    return this.em.findOne(IntegrationEntity, where, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  /** `pending` for a connection an OAuth flow has yet to authorise; connected by default. */
  create(input: {
    orgId: string;
    userId: string;
    provider: IntegrationProviderValue;
    displayName: string;
    status?: IntegrationStatus;
  }): Integration {
    const now = new Date();
    const status = input.status ?? 'connected';
    return this.em.create(IntegrationEntity, {
      id: crypto.randomUUID(),
      ...input,
      isActive: status === 'connected',
      status,
      disconnectedAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** One integration, its row locked until the transaction ends (status changes are serialised). */
  lockById(id: string): Promise<Integration | null> {
    return this.em.findOne(IntegrationEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
