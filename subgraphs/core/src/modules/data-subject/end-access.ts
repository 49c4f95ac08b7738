import type { EntityManager } from '@mikro-orm/postgresql';
import { ACCESS_TOKEN_TTL_SECONDS, accessChangedChannel, revokedSessionKey, type Redis } from '@flowgraph/kernel';

/**
 * Ends a person's (or an organization's) access in `em`'s transaction: their sessions and API
 * keys are deleted and each session marked revoked before the transaction commits (decision
 * 0021), so a Redis failure fails the change rather than leaving tokens working. Gateways are told
 * to forget the verified API keys of the person (or of the organization's members) and close
 * their subscriptions. Idempotent.
 */
export async function endAccess(
  em: EntityManager,
  redis: { client: Redis; prefix: string },
  subject: { user?: string; org?: string },
): Promise<void> {
  // An organization's members (as far as the scope shows them), read before their memberships go: each is announced.
  const members = subject.org
    ? await em.execute<{ userId: string }[]>(`select user_id as "userId" from core.memberships where org_id = ?`, [subject.org])
    : [];
  const rows = await em.execute<{ id: string }[]>(`select core.end_access(?, ?) as id`, [subject.user ?? null, subject.org ?? null]);
  if (rows.length > 0) {
    const batch = redis.client.multi();
    for (const { id } of rows) batch.set(revokedSessionKey(redis.prefix, id), '1', 'EX', ACCESS_TOKEN_TTL_SECONDS);
    await batch.exec();
  }
  // The messages are not stored: nothing in Redis keeps a person's id.
  const channel = accessChangedChannel(redis.prefix);
  if (subject.user) await redis.client.publish(channel, JSON.stringify({ userId: subject.user }));
  for (const { userId } of members) await redis.client.publish(channel, JSON.stringify({ userId, orgId: subject.org }));
}
