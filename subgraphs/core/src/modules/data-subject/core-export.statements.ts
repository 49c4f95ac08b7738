/**
 * What Core puts in a person's archive. Adding a table is one entry: `personal` runs once in the
 * person's own scope, `perOrganization` in each organization they belong to (row-level security
 * applies); SQL names `:user` and `:email`. Secrets (password and token hashes) are never exported.
 */
export const coreExportStatements = {
  personal: {
    user: `select id, email, name, created_at, last_org_id from core.users where id = :user`,
    memberships: `select org_id, role, created_at from core.memberships where user_id = :user`,
    sessions: `select id, org_id, user_agent, ip, created_at, last_used_at, expires_at, revoked_at from core.sessions where user_id = :user`,
    policyAcceptances: `select id, privacy_policy_version, terms_of_service_version, accepted_at, ip, user_agent
                        from core.policy_acceptances where user_id = :user order by accepted_at, id`,
  },
  perOrganization: {
    organization: `select id, name, event_retention_days, created_at from core.organizations where id = :org`,
    apiKeys: `select id, org_id, name, prefix, scopes, role, client_name, created_at, expires_at, last_used_at, revoked_at
              from core.api_keys where created_by = :user`,
    events: `select id, org_id, idempotency_key, event_type, tool, occurred_at, payload, created_at from core.events where user_id = :user`,
    invitationsSent: `select id, org_id, email, role, created_at, expires_at, accepted_at, revoked_at from core.invitations where invited_by = :user`,
    auditLog: `select id, org_id, action, target_type, target_id, ip, metadata, created_at from core.audit_log where actor_id = :user`,
  },
} as const;
