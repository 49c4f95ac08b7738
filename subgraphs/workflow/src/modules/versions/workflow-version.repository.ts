import type { EntityManager } from '@mikro-orm/postgresql';
import { firstRowsPerKey, validUuids } from '@flowgraph/kernel';
import type { WorkflowDefinition } from '../definitions/definition';
import { WorkflowVersionEntity, type WorkflowVersion } from './workflow-version.entity';
import { versionFromRow, type WorkflowVersionRow } from './workflow-version.row';

/** Identifies one version: `<workflowId>:<version>`, the key of the by-number loader. */
export const versionKey = (workflowId: string, version: number) => `${workflowId}:${version}`;

/**
 * Version queries. Versions are only ever inserted and read (the app role may do nothing else);
 * the `versions` list returns plain objects (`versionFromRow`) in the request's transaction.
 */
export class WorkflowVersionRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly fromRow = (row: WorkflowVersionRow): WorkflowVersion => versionFromRow(row, this.em.getPlatform());

  /** Inserts at once (not at flush), so the version exists before anything refers to it. */
  async insert(input: {
    orgId: string;
    workflowId: string;
    version: number;
    definition: WorkflowDefinition;
    createdBy: string;
  }): Promise<WorkflowVersion> {
    const row = { id: crypto.randomUUID(), ...input, createdAt: new Date() };
    await this.em.insert(WorkflowVersionEntity, row);
    return this.em.merge(WorkflowVersionEntity, row);
  }

  /** Versions by `versionKey`s, in one statement. */
  async findByKeys(keys: readonly string[]): Promise<WorkflowVersion[]> {
    const pairs = keys
      .map((key) => {
        const [workflowId, version] = key.split(':');
        return { workflowId, version: Number(version) };
      })
      .filter((p) => validUuids([p.workflowId]).length === 1 && Number.isInteger(p.version));
    if (pairs.length === 0) return [];
    return this.em.find(WorkflowVersionEntity, { $or: pairs });
  }

  /** The newest `limit` versions of each workflow, in one statement. */
  firstPageByWorkflows(workflowIds: readonly string[], limit: number): Promise<WorkflowVersion[]> {
    return firstRowsPerKey(this.em, {
      map: this.fromRow,
      table: 'workflow.workflow_versions',
      keyColumn: 'workflow_id',
      orderBy: 'version desc',
      keys: validUuids(workflowIds),
      limit,
    });
  }

  /** Older versions of one workflow than `beforeVersion`, newest first. */
  async pageByWorkflow(workflowId: string, limit: number, beforeVersion: number): Promise<WorkflowVersion[]> {
    const rows = await this.em.execute<WorkflowVersionRow[]>(
      'select * from workflow.workflow_versions where workflow_id = ? and version < ? order by version desc limit ?',
      [workflowId, beforeVersion, limit],
    );
    return rows.map(this.fromRow);
  }
}
