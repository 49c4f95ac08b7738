import { isUuid, type CursorValue, type PageSource } from '@flowgraph/kernel';
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

/** How workflow lists in `order` name it in their cursors and read a position back. */
export function workflowOrder(order: WorkflowOrder): Pick<PageSource<Workflow, WorkflowPosition>, 'order' | 'keyOf' | 'position'> {
  const { valueOf } = ORDER_COLUMNS[order.field];
  return {
    order: `workflows:${order.field}:${order.direction}`,
    keyOf: (w) => [valueOf(w), w.id],
    position: ([value, id, ...rest]: CursorValue[]) => {
      const valid =
        rest.length === 0 &&
        typeof value === 'string' &&
        typeof id === 'string' &&
        isUuid(id) &&
        (order.field === 'NAME' || !Number.isNaN(new Date(value).getTime()));
      return valid ? { value, id } : null;
    },
  };
}
