import {
  ACCESS_TOKEN_TTL_SECONDS,
  NO_ROLE,
  accessChangedChannel,
  grantedRoleKey,
  revokedSessionKey,
  type AccessChangedMessage,
  type Redis,
  type Role,
} from '@flowgraph/kernel';

/**
 * Tells the gateway that access already granted has ended or changed, so it refuses the
 * still-valid access tokens concerned at their next request: a marker per revoked session, and
 * the role a user now holds in an organization (`NO_ROLE` once removed). Both live as long as
 * the longest access token issued before could. They are written before the transaction commits,
 * so a Redis failure fails the change loudly rather than leaving old tokens working.
 * `announce` (after commit) makes gateways re-check open subscriptions and forget cached API keys.
 */
export class AccessRevocations {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async revokeSessions(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const batch = this.redis.multi();
    for (const id of sessionIds) batch.set(revokedSessionKey(this.prefix, id), '1', 'EX', ACCESS_TOKEN_TTL_SECONDS);
    await batch.exec();
  }

  /** The user's role in the organization from now on; `null` when they no longer belong to it. */
  async grantRole(orgId: string, userId: string, role: Role | null): Promise<void> {
    await this.redis.set(grantedRoleKey(this.prefix, orgId, userId), role ?? NO_ROLE, 'EX', ACCESS_TOKEN_TTL_SECONDS);
  }

  async announce(message: AccessChangedMessage): Promise<void> {
    await this.redis.publish(accessChangedChannel(this.prefix), JSON.stringify(message));
  }
}
