import {
  notFound,
  paginate,
  requireRole,
  timeIdPosition,
  validationError,
  conflict,
  type Connection,
  type FieldError,
  type Identity,
  type PageArgs,
} from '@flowgraph/kernel';
import type { Connector } from '../connectors/connector';
import { connectorOf } from '../connectors/registry';
import type { CredentialStore } from '../credentials/credential-store';
import type { OAuthService } from '../oauth/oauth.service';
import type { Integration, IntegrationProviderValue, IntegrationStatus } from './integration.entity';
import type { IntegrationLoaders } from './integration.loaders';
import type { IntegrationRepository } from './integration.repository';

export const MAX_DISPLAY_NAME = 100;
const MAX_CREDENTIAL_LENGTH = 4096;

export interface CredentialValue {
  name: string;
  value: string;
}

export interface IntegrationServiceDeps {
  repository: IntegrationRepository;
  loaders: IntegrationLoaders;
  /** In the request's transaction. */
  credentials: CredentialStore;
  oauth: OAuthService;
}

/** An API_KEY connector's credentials, checked against its fields; errors name `credentials.<field>`, never a value. */
function apiKeyValues(connector: Connector, given: CredentialValue[] | null | undefined): Record<string, string> {
  if (connector.auth.kind !== 'api_key') throw new Error('not an API_KEY connector');
  const values: Record<string, string> = {};
  const problems: FieldError[] = [];
  for (const { name, value } of given ?? []) {
    if (!connector.auth.fieldNames.includes(name))
      problems.push({ field: `credentials.${name}`, message: `Not a credential of ${connector.displayName}` });
    else if (value.length > MAX_CREDENTIAL_LENGTH)
      problems.push({ field: `credentials.${name}`, message: `At most ${MAX_CREDENTIAL_LENGTH} characters` });
    else values[name] = value;
  }
  const parsed = connector.auth.fields.safeParse(values);
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems.push({ field: `credentials.${issue.path.join('.')}`, message: issue.message });
  if (problems.length > 0) throw validationError(problems);
  return parsed.data!;
}

export class IntegrationService {
  constructor(private readonly deps: IntegrationServiceDeps) {}

  /** Query.integration and Integration references: one integration, batched with the request's other lookups. */
  byId(identity: Identity, id: string): Promise<Integration | null> {
    requireRole(identity, 'viewer', 'integrations:read');
    return this.deps.loaders.byId.load(id);
  }

  /** Query.integrations: the organization's, newest first, filtered by connector and status. */
  list(
    identity: Identity,
    filter: { provider?: IntegrationProviderValue; status?: IntegrationStatus },
    args: PageArgs,
  ): Promise<Connection<Integration>> {
    requireRole(identity, 'viewer', 'integrations:read');
    const { repository } = this.deps;
    return paginate(args, {
      order: 'integrations:CREATED_AT:DESC',
      keyOf: (i) => [i.createdAt.toISOString(), i.id],
      position: timeIdPosition,
      firstRows: (count) => repository.page(filter, count),
      rowsAfter: (count, position) => repository.page(filter, count, position),
    });
  }

  /** User.integrations: a user's integrations (a bounded list), every user's in one query. */
  listForUser(identity: Identity, userId: string): Promise<Integration[]> {
    requireRole(identity, 'viewer', 'integrations:read');
    return this.deps.loaders.byUser.load(userId);
  }

  /**
   * Connects a tool for the caller's organization. OAuth connectors start a consent flow (the
   * integration stays pending until it completes); API-key connectors store their credentials,
   * encrypted; connectors without authorization are connected at once.
   */
  async connect(
    identity: Identity,
    input: { provider: IntegrationProviderValue; displayName: string; credentials?: CredentialValue[] | null },
  ): Promise<{ integration: Integration; authorizationUrl: string | null }> {
    const caller = requireRole(identity, 'admin', 'integrations:write');
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > MAX_DISPLAY_NAME) {
      throw validationError([{ field: 'displayName', message: `Must be 1 to ${MAX_DISPLAY_NAME} characters` }]);
    }
    const connector = connectorOf(input.provider)!;
    if (connector.auth.kind === 'oauth2') {
      if (input.credentials?.length) {
        throw validationError([
          { field: 'credentials', message: `${connector.displayName} connects through OAuth: credentials are not taken` },
        ]);
      }
      return this.deps.oauth.start(identity, connector, displayName);
    }
    const values = connector.auth.kind === 'api_key' ? apiKeyValues(connector, input.credentials) : null;
    const integration = this.deps.repository.create({ orgId: caller.orgId, userId: caller.userId, provider: input.provider, displayName });
    await this.deps.repository.flush();
    if (values) await this.deps.credentials.save(caller.orgId, integration.id, { kind: 'api_key', values });
    return { integration, authorizationUrl: null };
  }

  /** Replaces an API-key integration's credentials (a key rotated at the provider). */
  async updateCredentials(identity: Identity, id: string, credentials: CredentialValue[]): Promise<Integration> {
    const caller = requireRole(identity, 'admin', 'integrations:write');
    const integration = await this.deps.loaders.byId.load(id);
    if (!integration) throw notFound('Integration');
    const connector = connectorOf(integration.provider)!;
    if (connector.auth.kind !== 'api_key') throw conflict(`${connector.displayName} does not take credentials: connect it again instead`);
    if (integration.status === 'disconnected') throw conflict('The integration is disconnected: connect it again');
    await this.deps.credentials.save(caller.orgId, integration.id, { kind: 'api_key', values: apiKeyValues(connector, credentials) });
    integration.updatedAt = new Date();
    await this.deps.repository.flush();
    return integration;
  }

  /** Revokes (OAuth) and removes the credentials; the integration stays, DISCONNECTED. */
  disconnect(identity: Identity, id: string): Promise<Integration> {
    return this.deps.oauth.disconnect(identity, id);
  }
}
