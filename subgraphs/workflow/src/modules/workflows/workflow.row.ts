import type { Platform } from '@mikro-orm/core';
import type { Workflow } from './workflow.entity';

/**
 * A `workflow.workflows` row as `em.execute` returns it: text[] and jsonb parsed, timestamps
 * still Postgres text (MikroORM's pg type parsers leave them to the platform).
 */
export interface WorkflowRow {
  id: string;
  org_id: string;
  user_id: string;
  name: string;
  description: string;
  tags: string[];
  is_active: boolean;
  concurrency_limit: number;
  live_version: number | null;
  latest_version: number;
  deleted_at: string | null;
  idempotency_key: string | null;
  idempotency_request: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

/**
 * A workflow as lists and lookups by id return it: a plain object of the entity's shape, not a
 * managed entity (hydration was the ORM's CPU cost on hot lists, docs/decisions/0026). Changes
 * go through `findForUpdate`, which returns an entity. Timestamps are parsed by the platform,
 * as `em.map` parses them.
 */
export function workflowFromRow(row: WorkflowRow, platform: Platform): Workflow {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    name: row.name,
    description: row.description,
    tags: row.tags,
    isActive: row.is_active,
    concurrencyLimit: row.concurrency_limit,
    liveVersion: row.live_version,
    latestVersion: row.latest_version,
    deletedAt: row.deleted_at === null ? null : platform.parseDate(row.deleted_at),
    idempotencyKey: row.idempotency_key,
    idempotencyRequest: row.idempotency_request,
    createdAt: platform.parseDate(row.created_at),
    updatedAt: platform.parseDate(row.updated_at),
  };
}
