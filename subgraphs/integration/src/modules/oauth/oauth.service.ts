import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  inScopedTransaction,
  isUuid,
  notFound,
  recordAudit,
  requireRole,
  validationError,
  type Identity,
  type Logger,
  type RowScope,
  type SecretKeyring,
} from '@flowgraph/kernel';
import type { Connector } from '../connectors/connector';
import { isProviderError } from '../connectors/provider-errors';
import { connectorOf } from '../connectors/registry';
import { CredentialStore, type StoredCredentials } from '../credentials/credential-store';
import type { Integration } from '../integrations/integration.entity';
import { IntegrationRepository } from '../integrations/integration.repository';
import { MAX_DISPLAY_NAME } from '../integrations/integration.service';
import { oauthClientOf, type OAuthConfig } from './oauth-client';
import { OAuthFlowRepository, hashOf, type TakenFlow } from './oauth-flow.repository';

/** How long an admin has to open the link and approve at the provider. */
export const FLOW_TTL_MS = 10 * 60_000;

export interface OAuthServiceDeps {
  orm: MikroORM;
  keyring: SecretKeyring;
  config: OAuthConfig;
  logger: Logger;
}

/** What `GET /oauth/authorize/:flowId` answers: the provider redirect and the secret for this browser, or why not. */
export type AuthorizeAnswer =
  { kind: 'redirect'; location: string; browserSecret: string } | { kind: 'refused'; reason: 'unknown' | 'already_opened' | 'expired' };

/** The provider's redirect back, as it arrived, plus the browser's secret for the flow the state names. */
export interface CallbackRequest {
  code?: string;
  state?: string;
  error?: string;
  browserSecretOf(flowId: string): string | undefined;
  requestId?: string;
  ip?: string;
}

/** Why a connection failed, as the web app is told (`?status=failed&reason=`): never a token or a provider's text. */
export type CallbackFailure =
  'invalid_state' | 'browser_mismatch' | 'expired' | 'provider_denied' | 'invalid_response' | 'exchange_failed' | 'not_pending';

const randomSecret = () => randomBytes(32).toString('base64url');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Connecting an integration with OAuth 2.0 (authorization code, PKCE S256) and disconnecting it
 * (decision 0024). The flow is bound to the browser that opened its link (a cookie whose hash
 * the flow keeps) and its state is single-use, so a redirect is completed once, by that browser.
 */
export class OAuthService {
  constructor(private readonly deps: OAuthServiceDeps) {}

  /** Creates a `pending` integration and its flow; the admin's browser opens `authorizationUrl` next. */
  async start(
    identity: Identity,
    connector: Connector,
    displayName: string,
  ): Promise<{ integration: Integration; authorizationUrl: string }> {
    const caller = requireRole(identity, 'admin', 'integrations:write');
    const name = displayName.trim();
    if (name.length === 0 || name.length > MAX_DISPLAY_NAME) {
      throw validationError([{ field: 'displayName', message: `Must be 1 to ${MAX_DISPLAY_NAME} characters` }]);
    }
    // Refuses a connector without an OAuth client before anything is stored.
    const codeVerifier = await oauthClientOf(connector, this.deps.config).newCodeVerifier();
    const flowId = randomUUID();
    const integration = await this.inScope(caller, async (em) => {
      const integrations = new IntegrationRepository(em);
      const created = integrations.create({
        orgId: caller.orgId,
        userId: caller.userId,
        provider: connector.id,
        displayName: name,
        status: 'pending',
      });
      await integrations.flush();
      await new OAuthFlowRepository(em).insert({
        id: flowId,
        orgId: caller.orgId,
        userId: caller.userId,
        integrationId: created.id,
        connector: connector.id,
        codeVerifier: this.deps.keyring.encrypt(codeVerifier, flowId),
        expiresAt: new Date(Date.now() + FLOW_TTL_MS),
      });
      return created;
    });
    return { integration, authorizationUrl: new URL(`/oauth/authorize/${flowId}`, this.deps.config.PUBLIC_URL).toString() };
  }

  /**
   * Opens a flow, once, before it expires. The state and the browser's secret are made now and
   * only their hashes kept: the provider URL carries the state, the browser's cookie the secret.
   */
  async authorize(flowId: string): Promise<AuthorizeAnswer> {
    if (!isUuid(flowId)) return { kind: 'refused', reason: 'unknown' };
    const state = randomSecret();
    const browserSecret = randomSecret();
    const opened = await new OAuthFlowRepository(this.root().fork()).open(flowId, state, browserSecret);
    if (opened.outcome !== 'opened') return { kind: 'refused', reason: opened.outcome };
    const connector = connectorOf(opened.connector)!;
    const verifier = this.deps.keyring.decrypt(opened.codeVerifier, flowId);
    const location = await oauthClientOf(connector, this.deps.config).authorizationUrl(state, verifier);
    return { kind: 'redirect', location, browserSecret };
  }

  /** Completes a flow from the provider's redirect; answers where the browser goes next. */
  async complete(request: CallbackRequest): Promise<string> {
    const flow = request.state ? await new OAuthFlowRepository(this.root().fork()).take(request.state) : null;
    if (!flow) return this.landing(null, 'invalid_state');
    const secret = request.browserSecretOf(flow.id);
    // A state from another browser's flow: said without naming that flow's integration.
    if (!secret || !sameHash(hashOf(secret), flow.browserSecretHash)) return this.landing(null, 'browser_mismatch');
    if (flow.expiresAt.getTime() <= Date.now()) return this.landing(flow, 'expired');
    if (request.error) return this.landing(flow, 'provider_denied');
    if (!request.code) return this.landing(flow, 'invalid_response');
    const connector = connectorOf(flow.connector)!;
    const client = oauthClientOf(connector, this.deps.config);
    let tokens: StoredCredentials & { kind: 'oauth2' };
    try {
      tokens = await client.exchangeCode(request.code, request.state!, this.deps.keyring.decrypt(flow.codeVerifier, flow.id));
    } catch (error) {
      if (!isProviderError(error)) throw error;
      this.deps.logger.warn({ connector: connector.id, integration: flow.integrationId, err: error.message }, 'oauth code exchange failed');
      return this.landing(flow, 'exchange_failed');
    }
    const connected = await this.inScope(flow, async (em) => {
      const integrations = new IntegrationRepository(em);
      const integration = await integrations.lockById(flow.integrationId);
      if (integration?.status !== 'pending') return false;
      await new CredentialStore(em, this.deps.keyring).save(flow.orgId, integration.id, tokens);
      Object.assign(integration, { status: 'connected', isActive: true, disconnectedAt: null, updatedAt: new Date() });
      await integrations.flush();
      await this.audit(em, flow, 'integration.connected', integration.id, { connector: connector.id }, request);
      return true;
    });
    if (connected) return this.landing(flow, null);
    // Disconnected or removed while the admin was at the provider: the new grant is not kept.
    await client.revoke(tokens).catch(() => undefined);
    return this.landing(flow, 'not_pending');
  }

  /** RFC 7009 revocation of stored OAuth credentials (nothing to do for other kinds or providers without the endpoint). */
  async revoke(connector: Connector, stored: StoredCredentials): Promise<void> {
    if (stored.kind !== 'oauth2') return;
    await oauthClientOf(connector, this.deps.config).revoke(stored);
  }

  /**
   * Revokes the grant at the provider, removes the credentials and marks the integration
   * disconnected. A provider that cannot be reached does not keep the connection alive: the
   * audit entry records whether revocation succeeded.
   */
  async disconnect(identity: Identity, integrationId: string): Promise<Integration> {
    const caller = requireRole(identity, 'admin', 'integrations:write');
    if (!isUuid(integrationId)) throw notFound('Integration');
    return this.inScope(caller, async (em) => {
      const integrations = new IntegrationRepository(em);
      const integration = await integrations.lockById(integrationId);
      if (!integration) throw notFound('Integration');
      if (integration.status === 'disconnected') return integration;
      const credentials = new CredentialStore(em, this.deps.keyring);
      // Locked: a token refresh running now finishes first, or finds the credentials gone.
      const stored = await credentials.load(integration.id, { forUpdate: true });
      const connector = connectorOf(integration.provider);
      let revoked: boolean | null = null;
      if (stored && connector) {
        revoked = await this.revoke(connector, stored).then(
          () => true,
          (error: unknown) => {
            this.deps.logger.warn(
              { connector: connector.id, integration: integration.id, err: (error as Error).message },
              'oauth revocation failed',
            );
            return false;
          },
        );
      }
      await credentials.remove(integration.id);
      const now = new Date();
      Object.assign(integration, { status: 'disconnected', isActive: false, disconnectedAt: now, updatedAt: now });
      await integrations.flush();
      await this.audit(em, caller, 'integration.disconnected', integration.id, { connector: integration.provider, revoked }, identity);
      return integration;
    });
  }

  private landing(flow: TakenFlow | null, failure: CallbackFailure | null): string {
    const url = new URL(flow ? `/integrations/${flow.integrationId}` : '/integrations', this.deps.config.WEB_APP_URL);
    url.searchParams.set('status', failure ? 'failed' : 'connected');
    if (failure) url.searchParams.set('reason', failure);
    return url.toString();
  }

  private audit(
    em: EntityManager,
    actor: { orgId: string; userId: string },
    action: string,
    integrationId: string,
    metadata: Record<string, unknown>,
    request: { requestId?: string; ip?: string | null },
  ) {
    return recordAudit(em, 'integration', {
      orgId: actor.orgId,
      actorId: actor.userId,
      action,
      targetType: 'integration',
      targetId: integrationId,
      requestId: request.requestId ?? null,
      ip: request.ip ?? null,
      metadata,
    });
  }

  private inScope<T>(scope: Required<RowScope>, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return inScopedTransaction(this.root(), scope, work);
  }

  private root(): EntityManager {
    return this.deps.orm.em as EntityManager;
  }
}
