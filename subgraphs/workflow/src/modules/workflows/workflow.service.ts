import { paginate, requireRole, type Connection, type Identity, type MemberIdentity, type PageArgs } from '@flowgraph/kernel';
import type { WorkflowDefinition } from '../definitions/definition';
import type { WorkflowVersion } from '../versions/workflow-version.entity';
import type { VersionLoaders } from '../versions/workflow-version.loaders';
import type { Workflow } from './workflow.entity';
import {
  idempotencyKeyReused,
  noSuchVersion,
  notAnEarlierVersion,
  nothingPublished,
  workflowDeleted,
  workflowNotFound,
} from './workflow.errors';
import { checkWorkflowFields, type WorkflowFields, type WorkflowFieldsInput } from './workflow-input';
import type { WorkflowLoaders } from './workflow.loaders';
import { DEFAULT_WORKFLOW_ORDER, workflowOrder, type WorkflowOrder } from './workflow-order';
import { versionKey, type WorkflowVersionRepository } from '../versions/workflow-version.repository';
import {
  RESTORE_WINDOW_DAYS,
  type NewWorkflow,
  type WorkflowFilter,
  type WorkflowIdempotency,
  type WorkflowRepository,
} from './workflow.repository';

export const EMPTY_DEFINITION: WorkflowDefinition = { steps: [], edges: [] };
export const DEFAULT_CONCURRENCY_LIMIT = 5;

const EMPTY_CONNECTION: Connection<Workflow> = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

/**
 * Told after a workflow's activity or deletion changed (flushed, same transaction), so that
 * schedules follow at once; the triggers module provides it.
 */
export type WorkflowStateListener = (workflowId: string) => Promise<void>;

export interface WorkflowListArgs extends PageArgs {
  filter?: { isActive?: boolean | null; tag?: string | null } | null;
  orderBy?: WorkflowOrder | null;
}

/** A new workflow of the caller's from checked fields (`name` among them), with the defaults. */
function newWorkflow(caller: MemberIdentity, fields: WorkflowFields): NewWorkflow {
  return {
    orgId: caller.orgId,
    userId: caller.userId,
    name: fields.name!,
    description: fields.description ?? '',
    tags: fields.tags ?? [],
    concurrencyLimit: fields.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT,
  };
}

/** Workflow rules: who may do what, version numbering, publishing and the restore window. */
export class WorkflowService {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly versions: WorkflowVersionRepository,
    private readonly loaders: { workflows: WorkflowLoaders; versions: VersionLoaders },
    private readonly onStateChange: WorkflowStateListener = async () => {},
  ) {}

  list(identity: Identity, args: WorkflowListArgs): Promise<Connection<Workflow>> {
    const caller = requireRole(identity, 'viewer', 'workflows:read');
    const order = args.orderBy ?? DEFAULT_WORKFLOW_ORDER;
    const filter: WorkflowFilter = {};
    if (args.filter?.isActive != null) filter.isActive = args.filter.isActive;
    if (args.filter?.tag != null) filter.tag = args.filter.tag.trim();
    return paginate(args, {
      ...workflowOrder(order),
      firstRows: (count) => this.workflows.page(caller.orgId, filter, order, count),
      rowsAfter: (count, position) => this.workflows.page(caller.orgId, filter, order, count, position),
    });
  }

  /** A workflow of the caller's organization (row-level security), null if there is none. */
  get(identity: Identity, id: string): Promise<Workflow | null> {
    requireRole(identity, 'viewer', 'workflows:read');
    return this.loaders.workflows.byId.load(id);
  }

  /** Organization.workflows: only the caller's organization has workflows to show; any other is empty, not an error. */
  listOfOrganization(identity: Identity, orgId: string, args: PageArgs): Promise<Connection<Workflow>> {
    const caller = requireRole(identity, 'viewer', 'workflows:read');
    if (orgId !== caller.orgId) return Promise.resolve(EMPTY_CONNECTION);
    return this.list(identity, args);
  }

  /** User.workflows: an owner's workflows, newest first; the first page of every owner in one query. */
  listOwned(identity: Identity, userId: string, args: PageArgs): Promise<Connection<Workflow>> {
    requireRole(identity, 'viewer', 'workflows:read');
    return paginate(args, {
      ...workflowOrder(DEFAULT_WORKFLOW_ORDER),
      firstRows: (count) => this.loaders.workflows.firstPageByOwner(count).load(userId),
      rowsAfter: (count, position) => this.workflows.pageByOwner(userId, count, position),
    });
  }

  /** Workflow.versions: newest first; the first page of every workflow in one query. */
  listVersions(identity: Identity, workflowId: string, args: PageArgs): Promise<Connection<WorkflowVersion>> {
    requireRole(identity, 'viewer', 'workflows:read');
    return paginate(args, {
      order: 'versions:VERSION:DESC',
      keyOf: (v) => [v.version],
      position: ([version, ...rest]) => (rest.length === 0 && Number.isInteger(version) ? (version as number) : null),
      firstRows: (count) => this.loaders.versions.firstPageByWorkflow(count).load(workflowId),
      rowsAfter: (count, before) => this.versions.pageByWorkflow(workflowId, count, before),
    });
  }

  /** The published version a workflow runs, if any (the workflow itself was authorized by the field that returned it). */
  liveVersion(workflow: Workflow): Promise<WorkflowVersion | null> {
    return workflow.liveVersion == null
      ? Promise.resolve(null)
      : this.loaders.versions.byNumber.load(versionKey(workflow.id, workflow.liveVersion));
  }

  async latestVersion(workflow: Workflow): Promise<WorkflowVersion> {
    const version = await this.loaders.versions.byNumber.load(versionKey(workflow.id, workflow.latestVersion));
    // latest_version is bumped in the same transaction that inserts the version: it always exists.
    if (!version) throw new Error(`workflow ${workflow.id} lacks its latest version ${workflow.latestVersion}`);
    return version;
  }

  async isLive(version: WorkflowVersion): Promise<boolean> {
    return (await this.loaders.workflows.byId.load(version.workflowId))?.liveVersion === version.version;
  }

  /** Creates an inactive workflow and its version 1 (the given definition, or an empty one). */
  async create(identity: Identity, input: WorkflowFieldsInput & { name: string }, definition?: WorkflowDefinition): Promise<Workflow> {
    const caller = requireRole(identity, 'admin', 'workflows:write');
    // `name` is required here: an absent one is checked as empty, so it is reported.
    const fields = checkWorkflowFields({ ...input, name: input.name ?? '' });
    const workflow = this.workflows.create(newWorkflow(caller, fields));
    await this.workflows.flush();
    await this.saveVersion(caller, workflow, 1, definition ?? fields.definition ?? EMPTY_DEFINITION);
    return workflow;
  }

  /**
   * `create` at most once per (organization, idempotency key): the first call creates the
   * workflow (`created: true`); a later or concurrent one with the same key returns that workflow
   * as it is now and creates nothing, or is a CONFLICT if the key was used for another request.
   */
  async createOnce(
    identity: Identity,
    idempotency: WorkflowIdempotency,
    input: WorkflowFieldsInput & { name: string },
    definition: WorkflowDefinition,
  ): Promise<{ workflow: Workflow; created: boolean }> {
    const caller = requireRole(identity, 'admin', 'workflows:write');
    const fields = checkWorkflowFields({ ...input, name: input.name ?? '' });
    const earlier = await this.workflows.findByIdempotencyKey(caller.orgId, idempotency);
    if (earlier) return { workflow: this.repeatOf(earlier, idempotency.key), created: false };
    const workflow = await this.workflows.insertOnce(newWorkflow(caller, fields), idempotency);
    if (!workflow) {
      // A concurrent request with the same key committed first: its workflow is visible now.
      const winner = await this.workflows.findByIdempotencyKey(caller.orgId, idempotency);
      if (!winner) throw new Error(`idempotency key ${idempotency.key} is taken but its workflow is not visible`);
      return { workflow: this.repeatOf(winner, idempotency.key), created: false };
    }
    await this.saveVersion(caller, workflow, 1, definition);
    return { workflow, created: true };
  }

  /** Changes details; a definition becomes version N+1, saved but not live. */
  async update(identity: Identity, id: string, input: WorkflowFieldsInput): Promise<Workflow> {
    const caller = requireRole(identity, 'admin', 'workflows:write');
    const fields = checkWorkflowFields(input);
    const workflow = await this.editable(id);
    if (fields.name !== undefined) workflow.name = fields.name;
    if (fields.description !== undefined) workflow.description = fields.description;
    if (fields.tags !== undefined) workflow.tags = fields.tags;
    if (fields.concurrencyLimit !== undefined) workflow.concurrencyLimit = fields.concurrencyLimit;
    if (fields.definition) {
      workflow.latestVersion += 1;
      await this.saveVersion(caller, workflow, workflow.latestVersion, fields.definition);
    }
    workflow.updatedAt = new Date();
    await this.workflows.flush();
    return workflow;
  }

  /** Makes a saved version live; new executions use it from now on. */
  async publish(identity: Identity, id: string, version: number): Promise<Workflow> {
    requireRole(identity, 'admin', 'workflows:write');
    const workflow = await this.editable(id);
    if (!Number.isInteger(version) || version < 1 || version > workflow.latestVersion)
      throw noSuchVersion('version', version, workflow.latestVersion);
    return this.makeLive(workflow, version);
  }

  /** Makes an earlier version live again (it must be older than the live one). */
  async rollback(identity: Identity, id: string, toVersion: number): Promise<Workflow> {
    requireRole(identity, 'admin', 'workflows:write');
    const workflow = await this.editable(id);
    const live = workflow.liveVersion ?? null;
    if (live === null || !Number.isInteger(toVersion) || toVersion >= live) {
      throw notAnEarlierVersion(toVersion, live);
    }
    if (toVersion < 1) throw noSuchVersion('toVersion', toVersion, workflow.latestVersion);
    return this.makeLive(workflow, toVersion);
  }

  async setActive(identity: Identity, id: string, active: boolean): Promise<Workflow> {
    requireRole(identity, 'admin', 'workflows:write');
    const workflow = await this.editable(id);
    if (active && workflow.liveVersion == null) throw nothingPublished();
    if (workflow.isActive === active) return workflow;
    workflow.isActive = active;
    workflow.updatedAt = new Date();
    await this.workflows.flush();
    await this.onStateChange(workflow.id);
    return workflow;
  }

  /** Soft delete: hidden from lists, triggers stop; restorable until the returned date. */
  async delete(identity: Identity, id: string): Promise<{ workflow: Workflow; restorableUntil: Date }> {
    requireRole(identity, 'admin', 'workflows:write');
    const workflow = await this.workflows.findForUpdate(id);
    if (!workflow) throw workflowNotFound();
    if (!workflow.deletedAt) {
      workflow.deletedAt = new Date();
      await this.workflows.flush();
      await this.onStateChange(workflow.id);
    }
    return { workflow, restorableUntil: restorableUntil(workflow.deletedAt) };
  }

  /** Undoes a delete within the restore window; after it the workflow is NOT_FOUND. */
  async restore(identity: Identity, id: string): Promise<Workflow> {
    requireRole(identity, 'admin', 'workflows:write');
    const workflow = await this.workflows.findForUpdate(id);
    if (!workflow) throw workflowNotFound();
    if (workflow.deletedAt) {
      workflow.deletedAt = null;
      workflow.updatedAt = new Date();
      await this.workflows.flush();
      await this.onStateChange(workflow.id);
    }
    return workflow;
  }

  /** The workflow, locked; a deleted one must be restored before it is edited. */
  private async editable(id: string): Promise<Workflow> {
    const workflow = await this.workflows.findForUpdate(id);
    if (!workflow) throw workflowNotFound();
    if (workflow.deletedAt) throw workflowDeleted();
    return workflow;
  }

  private repeatOf(earlier: { workflow: Workflow; sameRequest: boolean }, key: string): Workflow {
    if (!earlier.sameRequest) throw idempotencyKeyReused(key, earlier.workflow.id);
    return earlier.workflow;
  }

  private async makeLive(workflow: Workflow, version: number): Promise<Workflow> {
    if (workflow.liveVersion === version) return workflow;
    workflow.liveVersion = version;
    workflow.updatedAt = new Date();
    await this.workflows.flush();
    return workflow;
  }

  private async saveVersion(caller: MemberIdentity, workflow: Workflow, version: number, definition: WorkflowDefinition): Promise<void> {
    await this.versions.insert({ orgId: caller.orgId, workflowId: workflow.id, version, definition, createdBy: caller.userId });
  }
}

export function restorableUntil(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + RESTORE_WINDOW_DAYS * 86_400_000);
}
