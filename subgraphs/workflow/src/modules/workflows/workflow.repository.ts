import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, firstRowsPerKey, validUuids } from '@flowgraph/kernel';
import { WorkflowEntity, type Workflow } from './workflow.entity';

/** Workflow queries. Row-level security limits every one to the request's organization. */
export class WorkflowRepository {
  constructor(private readonly em: EntityManager) {}

  findByIds(ids: readonly string[]): Promise<Workflow[]> {
    return this.em.find(WorkflowEntity, { id: { $in: validUuids(ids) } });
  }

  /** The first `limit` workflows of each owner, newest first, in one statement. */
  firstPageByOwners(userIds: readonly string[], limit: number): Promise<Workflow[]> {
    return firstRowsPerKey(this.em, {
      entity: WorkflowEntity,
      table: 'workflow.workflows',
      keyColumn: 'user_id',
      orderBy: 'created_at desc, id desc',
      keys: validUuids(userIds),
      limit,
    });
  }

  /** A later page of one owner's workflows, after a `(createdAt, id)` cursor. */
  pageByOwner(userId: string, limit: number, after: string): Promise<Workflow[]> {
    const [createdAt, id] = decodeCursor(after, 2);
    return this.em.find(
      WorkflowEntity,
      {
        userId,
        $or: [{ createdAt: { $lt: new Date(createdAt) } }, { createdAt: new Date(createdAt), id: { $lt: String(id) } }],
      },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit },
    );
  }

  create(input: { orgId: string; userId: string; name: string }): Workflow {
    const now = new Date();
    return this.em.create(WorkflowEntity, {
      id: crypto.randomUUID(),
      ...input,
      isActive: false,
      createdAt: now,
      updatedAt: now,
    });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
