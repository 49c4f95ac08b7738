import type { Role } from '../../generated/graphql';

/** Creating, editing, publishing, (de)activating, triggers, delete and restore: admins (docs/workflows.md, Roles). */
export function canEditWorkflows(role: Role | undefined): boolean {
  return role === 'ADMIN' || role === 'OWNER';
}

/** executeWorkflow: members and up; viewers only read. */
export function canRunWorkflows(role: Role | undefined): boolean {
  return role !== undefined && role !== 'VIEWER';
}
