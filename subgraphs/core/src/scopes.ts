import type { EntityManager } from '@mikro-orm/postgresql';
import { setRowScope, type RowScope } from '@flowgraph/kernel';

/** API-key scopes Core checks (humans on a JWT are not limited by scopes). */
export const scopes = {
  organizationRead: 'organization:read',
  organizationWrite: 'organization:write',
  membersWrite: 'members:write',
  auditRead: 'audit:read',
} as const;

/**
 * The request transaction's row-level-security scope, readable by code so that explicit query
 * filters and RLS always agree. Anonymous flows (signUp, logIn, refreshSession) learn the user
 * and organization mid-request; createOrganization writes its new organization under that
 * organization's scope, then switches back.
 */
export class RequestScope {
  constructor(
    private readonly em: EntityManager,
    private scope: RowScope,
  ) {}

  get current(): RowScope {
    return this.scope;
  }

  async set(scope: RowScope): Promise<void> {
    await setRowScope(this.em, scope);
    this.scope = scope;
  }
}
