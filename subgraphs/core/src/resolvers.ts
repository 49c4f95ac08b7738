import { dateTimeScalar, jsonObjectScalar } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { apiKeyResolvers } from './modules/api-keys/api-key.resolver';
import { auditResolvers } from './modules/audit/audit.resolver';
import { authResolvers } from './modules/auth/auth.resolver';
import { eventResolvers } from './modules/events';
import { membershipResolvers } from './modules/memberships/membership.resolver';
import { organizationResolvers } from './modules/organizations/organization.resolver';
import { userResolvers } from './modules/users/user.resolver';

const parts: Resolvers[] = [
  userResolvers,
  organizationResolvers,
  membershipResolvers,
  authResolvers,
  apiKeyResolvers,
  auditResolvers,
  eventResolvers,
];

/** Merges each module's resolvers type by type (several modules add fields to Query, Mutation, Organization). */
function merge(all: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of all) {
    for (const [type, fields] of Object.entries(part)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  }
  return merged as Resolvers;
}

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  JSONObject: jsonObjectScalar,
  ...merge(parts),
};
