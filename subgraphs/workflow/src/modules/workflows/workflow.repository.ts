import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor } from '@flowgraph/kernel';
import { WorkflowEntity, type Workflow } from './workflow.entity';

/** Workflow queries. Row-level security limits every one to the request's organization. */
export class WorkflowRepository {
  constructor(private readonly em: EntityManager) {}

  findByIds(ids: readonly string[]): Promise<Workflow[]> {
    return this.em.find(WorkflowEntity, { id: { $in: [...ids] } });
  }

  /**
   * The first `limit` workflows of each owner, newest first, in one statement (a window
   * function ranks rows per owner), so listing many users' workflows is not N+1.
   */
  async firstPageByOwners(userIds: readonly string[], limit: number): Promise<Workflow[]> {
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select * from (
         select w.*, row_number() over (partition by user_id order by created_at desc, id desc) as rank
         from workflow.workflows w where user_id in (?)
       ) ranked where rank <= ? order by created_at desc, id desc`,
      [[...userIds], limit],
    );
    return rows.map((row) => this.em.map(WorkflowEntity, row));
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
