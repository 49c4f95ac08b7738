import type { SubjectStatements } from '@flowgraph/kernel';

const usersWorkflows = `select id from workflow.workflows where user_id = :user`;
const usersRuns = `select id from workflow.executions where started_by = :user`;

/**
 * What Workflow holds about a person. Workflows and their versions belong to the organization
 * and outlive their author there: erasure keeps them with the pseudonym as author. The runs the
 * person started go (their inputs and outputs may carry anything about them); runs a trigger
 * started stay. An organization's erasure deletes all of it. Secrets (webhook signing keys) are
 * never exported. A change to eraseUser or eraseOrganization needs a migration (kernel
 * subjectErasureMigration), as the erasure runs in owner functions.
 */
export const workflowSubjectStatements: SubjectStatements = {
  exportUser: {
    workflows: `select id, org_id, name, description, tags, is_active, live_version, latest_version, created_at, updated_at, deleted_at
                from workflow.workflows where user_id = :user`,
    workflowVersions: `select id, org_id, workflow_id, version, definition, created_at from workflow.workflow_versions where created_by = :user`,
    triggers: `select id, org_id, workflow_id, kind, enabled, config, created_at, updated_at from workflow.triggers
               where workflow_id in (${usersWorkflows})`,
    executions: `select id, org_id, workflow_id, version, status, trigger_kind, input, output, error, queued_at, started_at, finished_at
                 from workflow.executions where started_by = :user or workflow_id in (${usersWorkflows})`,
  },
  eraseUser: {
    workflows: `update workflow.workflows set user_id = :pseudonym where user_id = :user`,
    workflowVersions: `update workflow.workflow_versions set created_by = :pseudonym where created_by = :user`,
    reruns: `update workflow.executions set rerun_of = null where rerun_of in (${usersRuns})`,
    webhookDeliveries: `update workflow.webhook_deliveries set execution_id = null where execution_id in (${usersRuns})`,
    executions: `delete from workflow.executions where started_by = :user`,
  },
  eraseOrganization: {
    stepRuns: `delete from workflow.step_runs where org_id = :org`,
    webhookDeliveries: `delete from workflow.webhook_deliveries where org_id = :org`,
    executions: `delete from workflow.executions where org_id = :org`,
    triggers: `delete from workflow.triggers where org_id = :org`,
    workflowVersions: `delete from workflow.workflow_versions where org_id = :org`,
    workflows: `delete from workflow.workflows where org_id = :org`,
  },
};
