import type { EntityManager } from '@mikro-orm/postgresql';
import { ACCESS_TOKEN_TTL_SECONDS, accessChangedChannel, revokedSessionKey, type Redis } from '@flowgraph/kernel';

/**
 * Ends a person's (or an organization's) access in `em`'s transaction: their sessions and API
 * keys are deleted and each session marked revoked before the transaction commits (decision
 * 0021), so a Redis failure fails the change rather than leaving tokens working. Gateways are told
 * to forget the person's verified API keys and close their subscriptions. Idempotent.
 */
export async function endAccess(
  em: EntityManager,
  redis: { client: Redis; prefix: string },
  subject: { user?: string; org?: string },
): Promise<void> {
  const rows = await em.execute<{ id: string }[]>(`select core.end_access(?, ?) as id`, [subject.user ?? null, subject.org ?? null]);
  if (rows.length > 0) {
    const batch = redis.client.multi();
    for (const { id } of rows) batch.set(revokedSessionKey(redis.prefix, id), '1', 'EX', ACCESS_TOKEN_TTL_SECONDS);
    await batch.exec();
  }
  // The message is not stored: nothing in Redis keeps the person's id.
  if (subject.user) await redis.client.publish(accessChangedChannel(redis.prefix), JSON.stringify({ userId: subject.user }));
}
