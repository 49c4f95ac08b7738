import type { EntityManager } from '@mikro-orm/postgresql';
import { firstRowsPerKey, validUuids } from '@flowgraph/kernel';
import type { WorkflowDefinition } from '../definitions/definition';
import { WorkflowVersionEntity, type WorkflowVersion } from './workflow-version.entity';

/** Identifies one version: `<workflowId>:<version>`, the key of the by-number loader. */
export const versionKey = (workflowId: string, version: number) => `${workflowId}:${version}`;

/** Version queries. Versions are only ever inserted and read (the app role may do nothing else). */
export class WorkflowVersionRepository {
  constructor(private readonly em: EntityManager) {}

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
      entity: WorkflowVersionEntity,
      table: 'workflow.workflow_versions',
      keyColumn: 'workflow_id',
      orderBy: 'version desc',
      keys: validUuids(workflowIds),
      limit,
    });
  }

  /** Older versions of one workflow than `beforeVersion`, newest first. */
  pageByWorkflow(workflowId: string, limit: number, beforeVersion: number): Promise<WorkflowVersion[]> {
    return this.em.find(WorkflowVersionEntity, { workflowId, version: { $lt: beforeVersion } }, { orderBy: { version: 'desc' }, limit });
  }
}
