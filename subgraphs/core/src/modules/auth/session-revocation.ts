import { ACCESS_TOKEN_TTL_SECONDS, revokedSessionKey, type Redis } from '@flowgraph/kernel';

/**
 * Tells the gateway to refuse the still-valid access tokens of revoked sessions: a Redis marker
 * per session id that lives as long as the longest access token could. Set before the
 * transaction commits, so a failure here fails the revocation loudly rather than half-done.
 */
export class SessionRevocations {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async mark(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const batch = this.redis.multi();
    for (const id of sessionIds) batch.set(revokedSessionKey(this.prefix, id), '1', 'EX', ACCESS_TOKEN_TTL_SECONDS);
    await batch.exec();
  }
}
