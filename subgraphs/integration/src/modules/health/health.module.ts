import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger, SecretKeyring } from '@flowgraph/kernel';
import type { IntegrationConfig } from '../../config';
import type { TokenRefresher } from '../actions/token-refresher';
import { createGuardedDispatcher } from '../connectors/http/guarded-dispatcher';
import { CoreEventsClient } from '../core-events/core-events.client';
import { IntegrationHealthService } from './health.service';

export interface HealthModuleDeps {
  orm: MikroORM;
  config: IntegrationConfig;
  logger: Logger;
  /** The process's one keyring (secretKeyringFromConfig). */
  keyring: SecretKeyring;
  tokens?: TokenRefresher;
}

/** The health service as a process builds it once: settings from config, events to Core, the guarded dispatcher. */
export function createHealthModule(deps: HealthModuleDeps): { health: IntegrationHealthService; close(): Promise<void> } {
  const { config } = deps;
  const guardedDispatcher = createGuardedDispatcher(config.INTEGRATION_HTTP_ALLOWED_HOSTS);
  const health = new IntegrationHealthService({
    orm: deps.orm,
    keyring: deps.keyring,
    config,
    network: { guardedDispatcher },
    events: new CoreEventsClient({ origin: config.CORE_ORIGIN, identitySecret: config.IDENTITY_SECRET }),
    settings: {
      timeoutMs: config.INTEGRATION_HEALTH_TIMEOUT_MS,
      slowMs: config.INTEGRATION_HEALTH_SLOW_MS,
      failingAfter: config.INTEGRATION_HEALTH_FAILING_AFTER,
      historyKept: config.INTEGRATION_HEALTH_HISTORY,
      concurrency: config.INTEGRATION_HEALTH_CONCURRENCY,
    },
    tokens: deps.tokens,
    logger: deps.logger,
  });
  return { health, close: () => guardedDispatcher.close() };
}
