import { ApiKeyEntity } from './modules/api-keys/api-key.entity';
import { AuditEntryEntity } from './modules/audit/audit-entry.entity';
import { SessionEntity } from './modules/auth/session.entity';
import { EventEntity } from './modules/events/event.entity';
import { InvitationEntity } from './modules/invitations/invitation.entity';
import { MembershipEntity } from './modules/memberships/membership.entity';
import { OrganizationEntity } from './modules/organizations/organization.entity';
import { PolicyAcceptanceEntity } from './modules/policy-consent/policy-acceptance.entity';
import { UserEntity } from './modules/users/user.entity';

/** Every entity this subgraph maps, listed explicitly. */
export const entities = [
  UserEntity,
  OrganizationEntity,
  MembershipEntity,
  SessionEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  EventEntity,
  InvitationEntity,
  PolicyAcceptanceEntity,
];
