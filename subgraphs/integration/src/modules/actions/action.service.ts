import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { InternalActionRequest, InternalActionResponse } from '@flowgraph/contracts';
import { inScopedTransaction, type Identity, type Logger, type SecretKeyring } from '@flowgraph/kernel';
import { resolveEndpoints, resolveRateLimit } from '../../config';
import type { Connector, ConnectorAction, Credentials } from '../connectors/connector';
import { ProviderError, isProviderError } from '../connectors/provider-errors';
import { connectorOf, providerHttpFor, type ProviderNetwork } from '../connectors/registry';
import { CredentialStore, type StoredCredentials } from '../credentials/credential-store';
import type { Integration } from '../integrations/integration.entity';
import { IntegrationRepository } from '../integrations/integration.repository';
import type { AccountRateLimiter } from './account-rate-limiter';
import { ActionLedger } from './action-ledger';
import { CircuitOpenError, type ConnectorBreakers } from './connector-breakers';
import { expiresSoon, type TokenRefresher } from './token-refresher';

/** Tries of an idempotent action when the provider is unreachable, the first included. */
const IDEMPOTENT_TRIES = 3;
const RETRY_BASE_MS = 200;

export interface ActionServiceDeps {
  orm: MikroORM;
  keyring: SecretKeyring;
  /** For connector endpoint overrides (CONNECTOR_<ID>_<NAME>_URL). */
  config: Record<string, unknown>;
  /** The SSRF-guarded dispatcher for connectors that call user-given URLs. */
  network: ProviderNetwork;
  limiter: AccountRateLimiter;
  breakers: ConnectorBreakers;
  /** Refreshes OAuth tokens; without it an expired token fails as unauthorized. */
  tokens?: TokenRefresher;
  logger: Logger;
}

type Scope = { orgId: string; userId: string };

const notConnected = (connector: Connector, why = `connect ${connector.displayName} for this organization`): InternalActionResponse => ({
  outcome: 'not_connected',
  message: `INTEGRATION_NOT_CONNECTED: ${why}`,
});

/** Credentials as a connector sees them: the access token only, never the refresh token. */
function credentialsOf(stored: StoredCredentials | null): Credentials {
  if (!stored) return { kind: 'none' };
  return stored.kind === 'oauth2' ? { kind: 'oauth2', accessToken: stored.accessToken } : stored;
}

/**
 * Runs connector actions for workflow steps. Credentials are decrypted here, used for the call
 * and dropped: they never leave this service. Each call is claimed in the ledger by its
 * idempotency key, limited per account (shared in Redis), guarded by a circuit breaker per
 * account, and answered as an outcome the step knows how to act on.
 */
export class ActionService {
  constructor(private readonly deps: ActionServiceDeps) {}

  async run(identity: Identity, request: InternalActionRequest): Promise<InternalActionResponse> {
    const connector = connectorOf(request.connector);
    if (!connector) return { outcome: 'rejected', message: `Unknown connector ${request.connector}` };
    const action = connector.actions[request.action];
    if (!action) {
      const known = Object.keys(connector.actions).join(', ');
      return { outcome: 'rejected', message: `${connector.displayName} has no action ${request.action} (it has ${known})` };
    }
    const input = action.input.safeParse(request.input);
    if (!input.success) {
      const problems = input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      return { outcome: 'rejected', message: `Invalid input for ${connector.id}.${request.action}: ${problems}` };
    }
    const scope: Scope = { orgId: identity.orgId!, userId: identity.userId! };
    const entry = { orgId: scope.orgId, idempotencyKey: request.idempotencyKey, connector: connector.id, action: request.action };

    const found = await this.inScope(scope, async (em) => {
      const integration = await new IntegrationRepository(em).connectedFor(connector.id, request.integrationId);
      if (!integration) return null;
      const claim = await new ActionLedger(em).claim({ ...entry, integrationId: integration.id });
      const stored = claim.state === 'claimed' ? await new CredentialStore(em, this.deps.keyring).load(integration.id) : null;
      return { integration, claim, stored };
    });
    if (!found) return notConnected(connector);
    const { integration, claim } = found;
    if (claim.state === 'succeeded') return { outcome: 'succeeded', integrationId: integration.id, output: claim.output, replayed: true };
    if (claim.state === 'running') {
      return {
        outcome: 'retry_later',
        message: `An earlier attempt of ${request.idempotencyKey} is still running`,
        retryAfterMs: claim.retryAfterMs,
      };
    }
    const release = () => this.inScope(scope, (em) => new ActionLedger(em).release(scope.orgId, request.idempotencyKey));
    if (!found.stored && connector.auth.kind !== 'none') {
      await release();
      return notConnected(connector, `${integration.displayName} has no credentials; connect ${connector.displayName} again`);
    }

    const decision = await this.deps.limiter.take(connector.id, resolveRateLimit(connector, this.deps.config), integration.id);
    if (!decision.allowed) {
      await release();
      return {
        outcome: 'retry_later',
        message: `${connector.displayName} rate limit for this account reached`,
        retryAfterMs: decision.retryAfterMs,
      };
    }
    try {
      const output = await this.call(scope, connector, action, integration, found.stored, input.data, request.idempotencyKey);
      await this.inScope(scope, (em) => new ActionLedger(em).succeed(scope.orgId, request.idempotencyKey, output));
      return { outcome: 'succeeded', integrationId: integration.id, output, replayed: false };
    } catch (error) {
      await release();
      return this.outcomeOf(error, connector, integration, request);
    }
  }

  /** One action through the account's breaker: a token refreshed when near expiry and once after a 401; idempotent actions retried on outages. */
  private async call(
    scope: Scope,
    connector: Connector,
    action: ConnectorAction,
    integration: Integration,
    initial: StoredCredentials | null,
    input: unknown,
    idempotencyKey: string,
  ): Promise<Record<string, unknown>> {
    const http = providerHttpFor(connector, resolveEndpoints(connector, this.deps.config), this.deps.network);
    const idempotent = action.isIdempotent?.(input) ?? action.idempotent;
    let stored = initial;
    const tokens = this.deps.tokens;
    if (tokens && stored?.kind === 'oauth2' && expiresSoon(stored) && stored.refreshToken) {
      stored = await tokens.refresh(scope, integration.id, connector, stored);
    }
    const once = (credentials: StoredCredentials | null) =>
      this.deps.breakers.run(`${connector.id}:${integration.id}`, async () => {
        const signal = AbortSignal.timeout(60_000);
        const output = await action.run({ input, credentials: credentialsOf(credentials), http, signal, idempotencyKey });
        return action.output.parse(output) as Record<string, unknown>;
      });
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await once(stored);
      } catch (error) {
        if (tokens && isProviderError(error, 'unauthorized') && stored?.kind === 'oauth2' && stored.refreshToken) {
          stored = await tokens.refresh(scope, integration.id, connector, stored);
          // Refreshed once: a second 401 is the answer.
          return once(stored);
        }
        if (!idempotent || !isProviderError(error, 'unavailable') || attempt >= IDEMPOTENT_TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_BASE_MS * 2 ** attempt));
      }
    }
  }

  private async outcomeOf(error: unknown, connector: Connector, integration: Integration, request: InternalActionRequest) {
    const what = `${connector.id}.${request.action}`;
    if (error instanceof CircuitOpenError)
      return { outcome: 'unavailable', message: `${what}: ${error.message}`, retryAfterMs: error.retryAfterMs } as const;
    if (error instanceof ProviderError) {
      switch (error.failure) {
        case 'rate_limited': {
          const wait = error.retryAfterMs ?? 5_000;
          await this.deps.limiter.holdOff(connector.id, integration.id, wait);
          return { outcome: 'retry_later', message: `${what}: ${error.message}`, retryAfterMs: wait } as const;
        }
        case 'unavailable':
          return { outcome: 'unavailable', message: `${what}: ${error.message}`, retryAfterMs: error.retryAfterMs } as const;
        case 'unauthorized':
          return {
            outcome: 'rejected',
            message: `${what}: ${connector.displayName} refused the connection's credentials (${error.message}); connect ${connector.displayName} again`,
          } as const;
        case 'rejected':
          return { outcome: 'rejected', message: `${what}: ${error.message}` } as const;
      }
    }
    this.deps.logger.warn(
      { err: error instanceof Error ? error.message : String(error), connector: connector.id, action: request.action },
      'connector action failed',
    );
    return { outcome: 'failed', message: `${what} failed: ${error instanceof Error ? error.message : String(error)}` } as const;
  }

  private inScope<T>(scope: Scope, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return inScopedTransaction(this.deps.orm.em as EntityManager, scope, work);
  }
}
