import type { SubjectStatements } from '@flowgraph/kernel';

const usersIntegrations = `select id from integration.user_integrations where user_id = :user`;

/**
 * What Integration holds about a person: the integrations they connected (with their
 * credentials, webhook secrets, health and action records) and their OAuth flows. A connection
 * is its owner's: erasure deletes it (workflows of the organization that used it then fail at
 * that step until someone connects their own). Secrets are never exported, only that they exist.
 * A change to eraseUser or eraseOrganization needs a migration (kernel subjectErasureMigration).
 */
export const integrationSubjectStatements: SubjectStatements = {
  exportUser: {
    integrations: `select id, org_id, provider, display_name, is_active, status, health_status, created_at, updated_at, disconnected_at
                   from integration.user_integrations where user_id = :user`,
    credentials: `select integration_id, org_id, expires_at, updated_at from integration.credentials where integration_id in (${usersIntegrations})`,
    healthChecks: `select id, org_id, integration_id, status, error, duration_ms, checked_at from integration.health_checks
                   where integration_id in (${usersIntegrations})`,
    actionCalls: `select org_id, integration_id, connector, action, status, output, started_at, finished_at from integration.action_calls
                  where integration_id in (${usersIntegrations})`,
    oauthFlows: `select id, org_id, integration_id, connector, opened_at, expires_at, created_at from integration.oauth_flows where user_id = :user`,
  },
  eraseUser: {
    actionCalls: `delete from integration.action_calls where integration_id in (${usersIntegrations})`,
    healthChecks: `delete from integration.health_checks where integration_id in (${usersIntegrations})`,
    credentials: `delete from integration.credentials where integration_id in (${usersIntegrations})`,
    webhookSecrets: `delete from integration.webhook_secrets where integration_id in (${usersIntegrations})`,
    oauthFlows: `delete from integration.oauth_flows where user_id = :user or integration_id in (${usersIntegrations})`,
    integrations: `delete from integration.user_integrations where user_id = :user`,
  },
  eraseOrganization: {
    actionCalls: `delete from integration.action_calls where org_id = :org`,
    healthChecks: `delete from integration.health_checks where org_id = :org`,
    credentials: `delete from integration.credentials where org_id = :org`,
    webhookSecrets: `delete from integration.webhook_secrets where org_id = :org`,
    oauthFlows: `delete from integration.oauth_flows where org_id = :org`,
    integrations: `delete from integration.user_integrations where org_id = :org`,
  },
};
