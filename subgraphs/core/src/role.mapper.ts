import { roles, type Role } from '@flowgraph/kernel';
import type { Role as GraphQLRole } from './generated/graphql';

/** The graph spells roles in upper case, the kernel and the database in lower case. */
export function toGraphQLRole(role: Role): GraphQLRole {
  return role.toUpperCase() as GraphQLRole;
}

export function fromGraphQLRole(role: GraphQLRole): Role {
  const lower = role.toLowerCase() as Role;
  if (!roles.includes(lower)) throw new Error(`unknown role ${role}`);
  return lower;
}

export function roleRank(role: Role): number {
  return roles.indexOf(role);
}
