import { dateTimeScalar, jsonObjectScalar, mergeResolvers } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { apiKeyResolvers } from './modules/api-keys/api-key.resolver';
import { auditResolvers } from './modules/audit/audit.resolver';
import { dataSubjectResolvers } from './modules/data-subject/data-subject.resolver';
import { authResolvers } from './modules/auth/auth.resolver';
import { eventResolvers } from './modules/events/event.resolver';
import { invitationResolvers } from './modules/invitations/invitation.resolver';
import { membershipResolvers } from './modules/memberships/membership.resolver';
import { organizationResolvers } from './modules/organizations/organization.resolver';
import { policyConsentResolvers } from './modules/policy-consent/policy-consent.resolver';
import { userResolvers } from './modules/users/user.resolver';

const parts: Resolvers[] = [
  userResolvers,
  organizationResolvers,
  membershipResolvers,
  invitationResolvers,
  authResolvers,
  apiKeyResolvers,
  auditResolvers,
  eventResolvers,
  policyConsentResolvers,
  dataSubjectResolvers,
];

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  JSONObject: jsonObjectScalar,
  ...mergeResolvers(parts),
};
