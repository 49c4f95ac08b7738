import type { Platform } from '@mikro-orm/core';
import type { WorkflowDefinition } from '../definitions/definition';
import type { WorkflowVersion } from './workflow-version.entity';

/** A `workflow.workflow_versions` row as `em.execute` returns it: jsonb parsed, timestamps still Postgres text. */
export interface WorkflowVersionRow {
  id: string;
  org_id: string;
  workflow_id: string;
  version: number;
  definition: WorkflowDefinition;
  created_by: string;
  created_at: string;
}

/**
 * A version as the `versions` list returns it: a plain object of the entity's shape, not a
 * managed entity (docs/decisions/0026); versions are never changed once written.
 */
export function versionFromRow(row: WorkflowVersionRow, platform: Platform): WorkflowVersion {
  return {
    id: row.id,
    orgId: row.org_id,
    workflowId: row.workflow_id,
    version: row.version,
    definition: row.definition,
    createdBy: row.created_by,
    createdAt: platform.parseDate(row.created_at),
  };
}
