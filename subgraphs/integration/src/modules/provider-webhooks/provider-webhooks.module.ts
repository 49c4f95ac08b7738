import type { Express } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Redis, SecretKeyring } from '@flowgraph/kernel';
import type { IntegrationConfig } from '../../config';
import { CoreEventsClient } from '../core-events/core-events.client';
import { DeliveryReplayGuard } from './delivery-replay-guard';
import { ProviderWebhookService } from './provider-webhooks.service';
import { providerWebhooksRoute } from './provider-webhooks.route';
import { WebhookDeliveryService } from './webhook-delivery.service';

export interface ProviderWebhooksModuleDeps {
  orm: MikroORM;
  config: IntegrationConfig;
  /** A plain connection: delivery ids are claimed in it. */
  redis: Redis;
  logger: Logger;
  /** The process's one keyring (secretKeyringFromConfig). */
  keyring: SecretKeyring;
}

/** The delivery route's process-wide pieces: the replay guard, the verifiers and Core's client. */
export function createProviderWebhooksModule(deps: ProviderWebhooksModuleDeps): { route: (app: Express) => void } {
  const deliveries = new WebhookDeliveryService({
    root: deps.orm.em as EntityManager,
    keyring: deps.keyring,
    webhooks: new ProviderWebhookService(new DeliveryReplayGuard(deps.redis, deps.config.REDIS_PREFIX)),
    events: new CoreEventsClient({ origin: deps.config.CORE_ORIGIN, identitySecret: deps.config.IDENTITY_SECRET }),
    logger: deps.logger,
  });
  return { route: providerWebhooksRoute({ deliveries, logger: deps.logger }) };
}
