import type { Queue } from 'bullmq';
import type { Express } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Redis, SecretKeyring } from '@flowgraph/kernel';
import { ExecutionStarter } from '../executions/execution-starter';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookRateLimit } from './webhook-rate-limit';
import { webhookRoute } from './webhook.route';

export interface TriggerRouteDeps {
  orm: MikroORM;
  logger: Logger;
  cipher: SecretKeyring;
  /** Where webhook-started executions are enqueued. */
  executionQueue: Queue;
  /** Per-trigger rate limit; omitted, deliveries are not rate-limited. */
  rateLimit?: { redis: Redis; redisPrefix: string; perMinute: number };
}

/** The triggers module's HTTP routes on the workflow subgraph's server: the webhook receiver. */
export function triggerRoutes(deps: TriggerRouteDeps): (app: Express) => void {
  const root = deps.orm.em as EntityManager;
  const deliveries = new WebhookDeliveryService(root, (em) => new ExecutionStarter({ em, queue: deps.executionQueue }));
  const rateLimit = deps.rateLimit
    ? new WebhookRateLimit(deps.rateLimit.redis, deps.rateLimit.redisPrefix, deps.rateLimit.perMinute)
    : undefined;
  return webhookRoute({ root, deliveries, cipher: deps.cipher, rateLimit, logger: deps.logger });
}
