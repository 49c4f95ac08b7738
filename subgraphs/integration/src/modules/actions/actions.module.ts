import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Redis, SecretKeyring } from '@flowgraph/kernel';
import type { IntegrationConfig } from '../../config';
import { createGuardedDispatcher } from '../connectors/http/guarded-dispatcher';
import { AccountRateLimiter } from './account-rate-limiter';
import { ActionService } from './action.service';
import { ConnectorBreakers, type BreakerSettings } from './connector-breakers';
import type { TokenRefresher } from './token-refresher';

export interface ActionsModuleDeps {
  orm: MikroORM;
  config: IntegrationConfig;
  /** A plain connection: the shared per-account rate limits live in it. */
  redis: Redis;
  logger: Logger;
  /** The process's one keyring (secretKeyringFromConfig). */
  keyring: SecretKeyring;
  tokens?: TokenRefresher;
  breakers?: BreakerSettings;
}

/** The process-wide pieces of the actions module: one limiter and one set of breakers per process. */
export function createActionsModule(deps: ActionsModuleDeps): { actions: ActionService; close(): Promise<void> } {
  const breakers = new ConnectorBreakers(deps.breakers);
  const guardedDispatcher = createGuardedDispatcher(deps.config.INTEGRATION_HTTP_ALLOWED_HOSTS);
  const actions = new ActionService({
    orm: deps.orm,
    keyring: deps.keyring,
    config: deps.config,
    network: { guardedDispatcher },
    limiter: new AccountRateLimiter(deps.redis, deps.config.REDIS_PREFIX),
    breakers,
    tokens: deps.tokens,
    logger: deps.logger,
  });
  return {
    actions,
    close: async () => {
      breakers.shutdown();
      await guardedDispatcher.close();
    },
  };
}
