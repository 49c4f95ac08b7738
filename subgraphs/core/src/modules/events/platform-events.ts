import { PLATFORM_TOOL } from '@flowgraph/contracts';
import type { Role } from '@flowgraph/kernel';
import type { EventRepository } from './event.repository';

/** Idempotency keys of platform events start with this; clients may not use it (nor the tool). */
export const PLATFORM_KEY_PREFIX = 'flowgraph:';

export const PLATFORM_EVENT_TYPES = {
  /** A new account, in the organization created with it. */
  userSignedUp: 'user.signed_up',
  /** An existing user added to an organization, or creating another one. */
  memberJoined: 'member.joined',
  /** An admin invited an email address (the notification; the token itself is never in it). */
  invitationCreated: 'invitation.created',
} as const;

/**
 * Records membership milestones as platform events in the caller's transaction, so an event
 * exists exactly when its change does, and so does its outbox row, which the relay publishes to the
 * stream (Analytics' activation funnel reads them). The key is per user and organization: a user
 * removed and added again keeps the first join only. The organization must be the transaction's
 * row-level-security scope.
 */
export class PlatformEvents {
  constructor(
    private readonly events: EventRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async userSignedUp(orgId: string, userId: string): Promise<void> {
    await this.record(orgId, userId, PLATFORM_EVENT_TYPES.userSignedUp, {});
  }

  async memberJoined(orgId: string, userId: string, role: Role): Promise<void> {
    await this.record(orgId, userId, PLATFORM_EVENT_TYPES.memberJoined, { role });
  }

  /** One per invitation, recorded as the inviting admin; the key is the invitation's, not a user's. */
  async invitationCreated(
    orgId: string,
    inviterId: string,
    invitation: { invitationId: string; email: string; role: Role; expiresAt: string },
  ): Promise<void> {
    await this.record(orgId, inviterId, PLATFORM_EVENT_TYPES.invitationCreated, invitation, invitation.invitationId);
  }

  private async record(orgId: string, userId: string, eventType: string, payload: Record<string, unknown>, keyId = userId): Promise<void> {
    await this.events.insertNew(orgId, userId, [
      { idempotencyKey: `${PLATFORM_KEY_PREFIX}${eventType}:${keyId}`, eventType, tool: PLATFORM_TOOL, occurredAt: this.now(), payload },
    ]);
  }
}
