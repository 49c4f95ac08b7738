import { decodeCursor, isUuid, validationError, type CursorValue } from '@flowgraph/kernel';
import type { Workflow } from './workflow.entity';

export type WorkflowOrderField = 'CREATED_AT' | 'UPDATED_AT' | 'NAME';
export type OrderDirection = 'ASC' | 'DESC';

export interface WorkflowOrder {
  field: WorkflowOrderField;
  direction: OrderDirection;
}

export const DEFAULT_WORKFLOW_ORDER: WorkflowOrder = { field: 'CREATED_AT', direction: 'DESC' };

/** The allow-list: each order's column (a constant; client input never reaches SQL) and cursor value. */
export const ORDER_COLUMNS: Record<WorkflowOrderField, { column: string; cast: string; valueOf: (w: Workflow) => string }> = {
  CREATED_AT: { column: 'created_at', cast: 'timestamptz', valueOf: (w) => w.createdAt.toISOString() },
  UPDATED_AT: { column: 'updated_at', cast: 'timestamptz', valueOf: (w) => w.updatedAt.toISOString() },
  NAME: { column: 'name', cast: 'text', valueOf: (w) => w.name },
};

/** A keyset position in one order: the sort value and id of the last row seen. */
export interface WorkflowPosition {
  value: string;
  id: string;
}

const orderTag = (order: WorkflowOrder) => `${order.field}:${order.direction}`;

/** Cursors carry their order, so a cursor from one order cannot be replayed in another. */
export function workflowCursor(order: WorkflowOrder): (w: Workflow) => CursorValue[] {
  const { valueOf } = ORDER_COLUMNS[order.field];
  return (w) => [orderTag(order), valueOf(w), w.id];
}

export function decodeWorkflowCursor(order: WorkflowOrder, cursor: string): WorkflowPosition {
  const [tag, value, id] = decodeCursor(cursor, 3);
  if (tag !== orderTag(order)) {
    throw validationError([{ field: 'after', message: `This cursor belongs to another order (${String(tag)}); start again without 'after'` }]);
  }
  const valid =
    typeof value === 'string' && isUuid(String(id)) && (order.field === 'NAME' || !Number.isNaN(new Date(value).getTime()));
  if (!valid) throw validationError([{ field: 'after', message: 'Invalid cursor' }]);
  return { value: value as string, id: String(id) };
}
