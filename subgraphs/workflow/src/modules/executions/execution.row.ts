import type { Platform } from '@mikro-orm/core';
import type { Execution, ExecutionStatus, TriggerKind } from './execution.entity';

/** A `workflow.executions` row as `em.execute` returns it: jsonb parsed, timestamps still Postgres text. */
export interface ExecutionRow {
  id: string;
  org_id: string;
  workflow_id: string;
  version: number;
  status: ExecutionStatus;
  trigger_kind: TriggerKind;
  trigger_id: string | null;
  idempotency_key: string | null;
  input: Record<string, unknown>;
  output: Record<string, unknown> | null;
  error: string | null;
  rerun_of: string | null;
  started_by: string | null;
  cancel_requested_at: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/**
 * An execution as the lists return it (`executions`, `latestExecution`): a plain object of the
 * entity's shape, not a managed entity (docs/decisions/0026). Cancelling and the worker load
 * their own. Timestamps are parsed by the platform, as `em.map` parses them.
 */
export function executionFromRow(row: ExecutionRow, platform: Platform): Execution {
  const date = (text: string | null) => (text === null ? null : platform.parseDate(text));
  return {
    id: row.id,
    orgId: row.org_id,
    workflowId: row.workflow_id,
    version: row.version,
    status: row.status,
    triggerKind: row.trigger_kind,
    triggerId: row.trigger_id,
    idempotencyKey: row.idempotency_key,
    input: row.input,
    output: row.output,
    error: row.error,
    rerunOf: row.rerun_of,
    startedBy: row.started_by,
    cancelRequestedAt: date(row.cancel_requested_at),
    queuedAt: platform.parseDate(row.queued_at),
    startedAt: date(row.started_at),
    finishedAt: date(row.finished_at),
  };
}
