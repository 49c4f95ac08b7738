import type { Redis } from '@flowgraph/kernel';

/**
 * How long a delivery id is remembered. Slack retries within minutes and GitHub/GitLab
 * redeliveries are manual, usually the same day; a day covers both without growing Redis without bound.
 */
export const DELIVERY_REPLAY_TTL_SECONDS = 24 * 60 * 60;

export const deliveryReplayKey = (redisPrefix: string, connector: string, integrationId: string, deliveryId: string) =>
  `${redisPrefix}:webhook-delivery:${connector}:${integrationId}:${deliveryId}`;

/** Remembers delivery ids per connector and integration, so a delivery is acted on once. */
export class DeliveryReplayGuard {
  constructor(
    private readonly redis: Redis,
    private readonly redisPrefix: string,
    private readonly ttlSeconds = DELIVERY_REPLAY_TTL_SECONDS,
  ) {}

  /** True the first time a delivery id is seen within the TTL; SET NX makes the claim atomic across gateways. */
  async claim(connector: string, integrationId: string, deliveryId: string): Promise<boolean> {
    const key = deliveryReplayKey(this.redisPrefix, connector, integrationId, deliveryId);
    return (await this.redis.set(key, '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  /** Undoes a claim (its processing failed): the next copy of the delivery is claimed afresh. */
  async release(connector: string, integrationId: string, deliveryId: string): Promise<void> {
    await this.redis.del(deliveryReplayKey(this.redisPrefix, connector, integrationId, deliveryId));
  }
}
