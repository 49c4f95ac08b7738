import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { firstRowsPerKey, validUuids } from '@flowgraph/kernel';
import { WorkflowEntity, type Workflow } from './workflow.entity';
import { ORDER_COLUMNS, type WorkflowOrder, type WorkflowPosition } from './workflow-order';
import { workflowFromRow, type WorkflowRow } from './workflow.row';

/** A soft-deleted workflow can be restored for this many days; then it is gone (and purged). */
export const RESTORE_WINDOW_DAYS = 30;
/** Rows visible by id: not deleted, or deleted within the restore window. */
const VISIBLE = `(deleted_at is null or deleted_at > now() - interval '${RESTORE_WINDOW_DAYS} days')`;

/** The allow-listed filters of `workflows`; nothing else reaches SQL. */
export interface WorkflowFilter {
  isActive?: boolean;
  tag?: string;
}

export interface NewWorkflow {
  orgId: string;
  userId: string;
  name: string;
  description: string;
  tags: string[];
  concurrencyLimit: number;
}

/** A creation request's idempotency key (unique per organization) and what it asks for. */
export interface WorkflowIdempotency {
  key: string;
  request: Record<string, unknown>;
}

/**
 * Workflow queries. Lists name the organization explicitly and skip deleted workflows; row-level
 * security is the second line of defence, not the first. Reads for the API (lists, by id) return
 * plain objects (`workflowFromRow`) in the request's transaction; changes start from
 * `findForUpdate`'s entity.
 */
export class WorkflowRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly fromRow = (row: WorkflowRow): Workflow => workflowFromRow(row, this.em.getPlatform());

  /** By id, including workflows deleted within the restore window (they show `deletedAt`). */
  async findByIds(ids: readonly string[]): Promise<Workflow[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.em.execute<WorkflowRow[]>(`select * from workflow.workflows where id in (?) and ${VISIBLE}`, [valid]);
    return rows.map(this.fromRow);
  }

  /** One workflow locked for the rest of the transaction, so version numbers never race. */
  async findForUpdate(id: string): Promise<Workflow | null> {
    if (validUuids([id]).length === 0) return null;
    const workflow = await this.em.findOne(WorkflowEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!workflow || !workflow.deletedAt) return workflow;
    const windowEnd = workflow.deletedAt.getTime() + RESTORE_WINDOW_DAYS * 86_400_000;
    return windowEnd > Date.now() ? workflow : null;
  }

  /** A page of an organization's workflows in one allow-listed order, strictly after `position`. */
  async page(orgId: string, filter: WorkflowFilter, order: WorkflowOrder, limit: number, position?: WorkflowPosition): Promise<Workflow[]> {
    const { column, cast } = ORDER_COLUMNS[order.field];
    const direction = order.direction === 'ASC' ? 'asc' : 'desc';
    const where = ['org_id = ?', 'deleted_at is null'];
    const params: unknown[] = [orgId];
    if (filter.isActive !== undefined) {
      where.push('is_active = ?');
      params.push(filter.isActive);
    }
    if (filter.tag !== undefined) {
      where.push('tags @> array[?]::text[]');
      params.push(filter.tag);
    }
    if (position) {
      where.push(`(${column}, id) ${direction === 'asc' ? '>' : '<'} (?::${cast}, ?::uuid)`);
      params.push(position.value, position.id);
    }
    params.push(limit);
    const rows = await this.em.execute<WorkflowRow[]>(
      `select * from workflow.workflows where ${where.join(' and ')} order by ${column} ${direction}, id ${direction} limit ?`,
      params,
    );
    return rows.map(this.fromRow);
  }

  /** The first `limit` workflows of each owner, newest first, in one statement. */
  firstPageByOwners(userIds: readonly string[], limit: number): Promise<Workflow[]> {
    return firstRowsPerKey(this.em, {
      map: this.fromRow,
      table: 'workflow.workflows',
      keyColumn: 'user_id',
      orderBy: 'created_at desc, id desc',
      where: 't.deleted_at is null',
      keys: validUuids(userIds),
      limit,
    });
  }

  /** A later page of one owner's workflows, newest first, after a `(createdAt, id)` position. */
  async pageByOwner(userId: string, limit: number, position: WorkflowPosition): Promise<Workflow[]> {
    const rows = await this.em.execute<WorkflowRow[]>(
      `select * from workflow.workflows where user_id = ? and deleted_at is null
         and (created_at, id) < (?::timestamptz, ?::uuid)
       order by created_at desc, id desc limit ?`,
      [userId, position.value, position.id, limit],
    );
    return rows.map(this.fromRow);
  }

  create(input: NewWorkflow): Workflow {
    const now = new Date();
    return this.em.create(WorkflowEntity, {
      id: crypto.randomUUID(),
      ...input,
      isActive: false,
      liveVersion: null,
      latestVersion: 1,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  /**
   * Inserts a new workflow unless its organization already has one with `idempotency.key`:
   * returns it, or null when the key is taken. The unique index (org_id, idempotency_key) decides:
   * an insert racing a concurrent one with the same key waits for that transaction, then finds
   * the key taken (`on conflict do nothing`), without aborting the caller's transaction.
   */
  async insertOnce(input: NewWorkflow, idempotency: WorkflowIdempotency): Promise<Workflow | null> {
    const id = crypto.randomUUID();
    const inserted = await this.em.execute<{ id: string }[]>(
      `insert into workflow.workflows
         (id, org_id, user_id, name, description, tags, is_active, concurrency_limit, live_version, latest_version,
          idempotency_key, idempotency_request, created_at, updated_at)
       values (?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), false, ?, null, 1, ?, ?::jsonb, clock_timestamp(), clock_timestamp())
       on conflict (org_id, idempotency_key) do nothing returning id`,
      [
        id,
        input.orgId,
        input.userId,
        input.name,
        input.description,
        JSON.stringify(input.tags),
        input.concurrencyLimit,
        idempotency.key,
        JSON.stringify(idempotency.request),
      ],
    );
    if (inserted.length === 0) return null;
    return this.em.findOneOrFail(WorkflowEntity, { id });
  }

  /**
   * The workflow created with `idempotency.key` in the organization (even a deleted one: it holds
   * the key until it is purged), and whether it was created for the same request (jsonb
   * equality: key order does not matter).
   */
  async findByIdempotencyKey(
    orgId: string,
    idempotency: WorkflowIdempotency,
  ): Promise<{ workflow: Workflow; sameRequest: boolean } | null> {
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select *, idempotency_request = ?::jsonb as same_request from workflow.workflows
       where org_id = ? and idempotency_key = ?`,
      [JSON.stringify(idempotency.request), orgId, idempotency.key],
    );
    if (rows.length === 0) return null;
    const { same_request: sameRequest, ...row } = rows[0];
    return { workflow: this.em.map(WorkflowEntity, row), sameRequest: sameRequest === true };
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
