import type { Role } from '../../generated/graphql';

/** Weakest first, as the graph orders them. */
export const ROLES: Role[] = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'];

export const ROLE_LABELS: Record<Role, string> = { VIEWER: 'Viewer', MEMBER: 'Member', ADMIN: 'Admin', OWNER: 'Owner' };

export function isAdmin(role: Role | undefined): boolean {
  return role === 'ADMIN' || role === 'OWNER';
}

/** The roles `role` may give (an invitation, a role change, an API key): its own and below (docs/auth.md). */
export function rolesUpTo(role: Role): Role[] {
  return ROLES.slice(0, ROLES.indexOf(role) + 1);
}

/** Only an owner grants, takes away or removes the owner role; admins manage everyone else. */
export function canManageMember(callerRole: Role, memberRole: Role): boolean {
  return isAdmin(callerRole) && (memberRole !== 'OWNER' || callerRole === 'OWNER');
}
