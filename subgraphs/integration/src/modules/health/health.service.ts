import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { InternalEventInput } from '@flowgraph/contracts';
import { inScopedTransaction, requireRole, type Identity, type Logger, type RowScope, type SecretKeyring } from '@flowgraph/kernel';
import { resolveEndpoints } from '../../config';
import { isProviderError } from '../connectors/provider-errors';
import { connectorOf, providerHttpFor, type ProviderNetwork } from '../connectors/registry';
import { expiresSoon, type TokenRefresher } from '../actions/token-refresher';
import type { CoreEventsClient } from '../core-events/core-events.client';
import { CredentialStore, type StoredCredentials } from '../credentials/credential-store';
import { probe, redact } from './health-probe';
import { nextHealth, raisesEvent, type CheckOutcome, type HealthPolicy, type HealthStatus } from './health-status';
import { HealthRepository, type CheckedIntegration } from './health.repository';

export const HEALTH_CHANGED_EVENT = 'integration.health_changed';

export interface HealthSettings extends HealthPolicy {
  /** A check not answered within this is an outage. */
  timeoutMs: number;
  /** Checks kept in each integration's history. */
  historyKept: number;
  /** Integrations checked at once by `checkAll`. */
  concurrency: number;
}

export interface IntegrationHealthServiceDeps {
  orm: MikroORM;
  keyring: SecretKeyring;
  /** For connector endpoint overrides (CONNECTOR_<ID>_<NAME>_URL). */
  config: Record<string, unknown>;
  /** The SSRF-guarded dispatcher, for connectors that call user-given URLs. */
  network: ProviderNetwork;
  events: Pick<CoreEventsClient, 'record'>;
  settings: HealthSettings;
  /** Refreshes an expiring or refused OAuth token before judging it; without it, an expired token is failing. */
  tokens?: TokenRefresher;
  logger: Logger;
}

export interface HealthCheckResult {
  integrationId: string;
  status: HealthStatus;
  previousStatus: HealthStatus | null;
  error: string | null;
  /** How long the provider took; null when it was not called (disconnected). */
  durationMs: number | null;
  checkedAt: Date;
  /** `integration.health_changed` was recorded in Core. */
  eventRaised: boolean;
}

export interface HealthSweep {
  checked: number;
  /** Checks that could not be recorded (Postgres or Core unreachable): retried at the next run. */
  failed: number;
}

const BATCH = 100;
const BEFORE_EVERY_ID = '00000000-0000-0000-0000-000000000000';

type Prepared = { integration: CheckedIntegration; stored: StoredCredentials | null; outcome?: CheckOutcome };

/**
 * Checks integrations against their providers and records what it found. A check reads the
 * integration and its credentials in one transaction, calls the provider outside any, then locks
 * the integration row to record the result, so two checks of one integration never both see the
 * old status; a change to failing or disconnected is recorded in Core inside that transaction,
 * so it is recorded there at least once, or the check is not recorded at all.
 */
export class IntegrationHealthService {
  constructor(private readonly deps: IntegrationHealthServiceDeps) {}

  /** `testIntegration`: checks one integration of the caller's organization now; null when it has none by that id. */
  checkNow(identity: Identity, integrationId: string): Promise<HealthCheckResult | null> {
    const caller = requireRole(identity, 'admin', 'integrations:write');
    return this.check({ orgId: caller.orgId, userId: caller.userId }, integrationId);
  }

  /** Checks one integration in `scope`'s organization (no role check: for workers and callers that made theirs). */
  async check(scope: Required<RowScope>, integrationId: string): Promise<HealthCheckResult | null> {
    const prepared = await this.inScope(scope, (em) => this.prepare(em, integrationId));
    if (!prepared) return null;
    const { integration, stored } = prepared;
    let outcome = prepared.outcome;
    if (!outcome) outcome = await this.call(scope, integration, stored);
    const checkedAt = new Date();
    return this.inScope(scope, (em) => this.record(em, integrationId, outcome, checkedAt));
  }

  /** The scheduled check: every organization's integrations, a few at a time; one failing to record does not stop the rest. */
  async checkAll(): Promise<HealthSweep> {
    const sweep: HealthSweep = { checked: 0, failed: 0 };
    const repository = new HealthRepository(this.deps.orm.em.fork() as EntityManager);
    for (let afterId = BEFORE_EVERY_ID; ;) {
      const due = await repository.integrationsToCheck(afterId, BATCH);
      let next = 0;
      const lane = async () => {
        while (next < due.length) {
          const { id, orgId, userId } = due[next++]!;
          try {
            // The owner's scope: the event is theirs, and RLS shows the worker their organization only.
            await this.check({ orgId, userId }, id);
            sweep.checked += 1;
          } catch (error) {
            sweep.failed += 1;
            this.deps.logger.warn(
              { integrationId: id, err: error instanceof Error ? error.message : String(error) },
              'health check not recorded',
            );
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.deps.settings.concurrency, due.length) }, lane));
      if (due.length < BATCH) return sweep;
      afterId = due[due.length - 1]!.id;
    }
  }

  private async prepare(em: EntityManager, integrationId: string): Promise<Prepared | null> {
    const integration = await new HealthRepository(em).integration(integrationId);
    if (!integration) return null;
    if (integration.status !== 'connected')
      return { integration, stored: null, outcome: { kind: 'disconnected', error: `Integration ${integration.status}` } };
    const connector = connectorOf(integration.provider);
    if (!connector)
      return {
        integration,
        stored: null,
        outcome: { kind: 'failed', failure: 'rejected', error: `Unknown connector ${integration.provider}`, durationMs: 0 },
      };
    let stored: StoredCredentials | null;
    try {
      stored = await new CredentialStore(em, this.deps.keyring).load(integration.id);
    } catch {
      // No configured key decrypts them (a key removed from SECRET_KEYS too early): an operator's fix, not the provider's.
      return {
        integration,
        stored: null,
        outcome: {
          kind: 'failed',
          failure: 'unauthorized',
          error: 'Stored credentials cannot be decrypted with the configured keys',
          durationMs: 0,
        },
      };
    }
    if (!stored && connector.auth.kind !== 'none') {
      return { integration, stored, outcome: { kind: 'disconnected', error: `No credentials; connect ${connector.displayName} again` } };
    }
    return { integration, stored };
  }

  /** The provider's answer, with an OAuth token refreshed first when it is about to expire and once after a refusal. */
  private async call(scope: Required<RowScope>, integration: CheckedIntegration, initial: StoredCredentials | null): Promise<CheckOutcome> {
    const connector = connectorOf(integration.provider)!;
    const http = providerHttpFor(connector, resolveEndpoints(connector, this.deps.config), this.deps.network);
    const { timeoutMs } = this.deps.settings;
    const tokens = this.deps.tokens;
    let stored = initial;
    try {
      if (tokens && stored?.kind === 'oauth2' && stored.refreshToken && expiresSoon(stored)) {
        stored = await tokens.refresh(scope, integration.id, connector, stored);
      }
      const first = await probe(connector, http, stored, timeoutMs);
      if (!tokens || first.kind !== 'failed' || first.failure !== 'unauthorized' || stored?.kind !== 'oauth2' || !stored.refreshToken) {
        return first;
      }
      return await probe(connector, http, await tokens.refresh(scope, integration.id, connector, stored), timeoutMs);
    } catch (error) {
      // A refresh refused (the grant is gone) is the answer; any other refresh failure is an outage.
      const failure = isProviderError(error) ? error.failure : 'unavailable';
      const message = `Token refresh failed: ${error instanceof Error ? error.message : String(error)}`;
      return { kind: 'failed', failure, error: redact(message, stored), durationMs: 0 };
    }
  }

  private async record(
    em: EntityManager,
    integrationId: string,
    outcome: CheckOutcome,
    checkedAt: Date,
  ): Promise<HealthCheckResult | null> {
    const repository = new HealthRepository(em);
    // Locked: a concurrent check of the same integration records after this one, from its result.
    const integration = await repository.integration(integrationId, true);
    if (!integration) return null;
    // Disconnected while the provider was being called: that is what holds now.
    if (integration.status !== 'connected') outcome = { kind: 'disconnected', error: `Integration ${integration.status}` };
    const verdict = nextHealth(
      { status: integration.healthStatus, unavailableStreak: integration.unavailableStreak },
      outcome,
      this.deps.settings,
    );
    const durationMs = outcome.kind === 'disconnected' ? null : outcome.durationMs;
    await repository.record(integration, verdict, checkedAt, durationMs, this.deps.settings.historyKept);
    const eventRaised = raisesEvent(integration.healthStatus, verdict.status);
    if (eventRaised) {
      const event: InternalEventInput = {
        tool: 'flowgraph',
        eventType: HEALTH_CHANGED_EVENT,
        idempotencyKey: `health:${integration.id}:${checkedAt.toISOString()}`,
        occurredAt: checkedAt.toISOString(),
        payload: {
          integrationId: integration.id,
          connector: integration.provider,
          status: verdict.status,
          previousStatus: integration.healthStatus,
          error: verdict.error,
        },
      };
      const [result] = await this.deps.events.record({ orgId: integration.orgId, userId: integration.userId }, [event]);
      // Refused as invalid, it would be refused again at every check: the status stands, and the refusal is logged.
      if (result?.status === 'INVALID') this.deps.logger.error({ integrationId, errors: result.errors }, 'Core refused the health event');
    }
    return {
      integrationId: integration.id,
      status: verdict.status,
      previousStatus: integration.healthStatus,
      error: verdict.error,
      durationMs,
      checkedAt,
      eventRaised,
    };
  }

  private inScope<T>(scope: RowScope, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return inScopedTransaction(this.deps.orm.em as EntityManager, scope, work);
  }
}
