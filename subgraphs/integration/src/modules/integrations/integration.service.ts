import { paginate, requireRole, timeIdPosition, validationError, type Connection, type Identity, type PageArgs } from '@flowgraph/kernel';
import type { Integration, IntegrationProviderValue, IntegrationStatus } from './integration.entity';
import type { IntegrationLoaders } from './integration.loaders';
import type { IntegrationRepository } from './integration.repository';

export const MAX_DISPLAY_NAME = 100;

export class IntegrationService {
  constructor(
    private readonly repository: IntegrationRepository,
    private readonly loaders: IntegrationLoaders,
  ) {}

  /** Query.integration and Integration references: one integration, batched with the request's other lookups. */
  byId(identity: Identity, id: string): Promise<Integration | null> {
    requireRole(identity, 'viewer', 'integrations:read');
    return this.loaders.byId.load(id);
  }

  /** Query.integrations: the organization's, newest first, filtered by connector and status. */
  list(
    identity: Identity,
    filter: { provider?: IntegrationProviderValue; status?: IntegrationStatus },
    args: PageArgs,
  ): Promise<Connection<Integration>> {
    requireRole(identity, 'viewer', 'integrations:read');
    return paginate(args, {
      order: 'integrations:CREATED_AT:DESC',
      keyOf: (i) => [i.createdAt.toISOString(), i.id],
      position: timeIdPosition,
      firstRows: (count) => this.repository.page(filter, count),
      rowsAfter: (count, position) => this.repository.page(filter, count, position),
    });
  }

  /** User.integrations: a user's integrations (a bounded list), every user's in one query. */
  listForUser(identity: Identity, userId: string): Promise<Integration[]> {
    requireRole(identity, 'viewer', 'integrations:read');
    return this.loaders.byUser.load(userId);
  }

  /**
   * Records an active integration for the caller. No credentials are exchanged yet: the OAuth
   * flow that authorises the connection arrives in a later issue and will gate `isActive`.
   */
  async connect(identity: Identity, input: { provider: IntegrationProviderValue; displayName: string }): Promise<Integration> {
    const caller = requireRole(identity, 'admin', 'integrations:write');
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > MAX_DISPLAY_NAME) {
      throw validationError([{ field: 'displayName', message: `Must be 1 to ${MAX_DISPLAY_NAME} characters` }]);
    }
    const integration = this.repository.create({ orgId: caller.orgId, userId: caller.userId, provider: input.provider, displayName });
    await this.repository.flush();
    return integration;
  }
}
