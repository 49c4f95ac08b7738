import { randomUUID } from 'node:crypto';
import { INTERNAL_ACTIVITY_PATH, workflowActivityResponse, type WorkflowActivity } from '@flowgraph/contracts';
import { internalClient, type InternalClient } from '@flowgraph/kernel';

/** Where the daily aggregates get workflow activity from (the Workflow subgraph; tests may stand in). */
export interface WorkflowActivitySource {
  activity(orgId: string, range: { from: string; to: string }): Promise<WorkflowActivity>;
}

export interface WorkflowActivityClientOptions {
  /** The Workflow subgraph's origin, e.g. http://127.0.0.1:4002 (WORKFLOW_ORIGIN). */
  origin: string;
  /** IDENTITY_SECRET: Workflow checks the signature like the gateway's. */
  identitySecret: string;
  /** Longest wait for an answer. Default: 30 s (a year of activity is one aggregate query). */
  timeoutMs?: number;
}

/**
 * The Workflow subgraph's activity endpoint, called with a signed `service` identity acting in
 * one organization (Workflow's row-level security then shows that organization only). Workflow
 * owns workflows and executions; Analytics never reads its tables.
 */
export class WorkflowActivityClient implements WorkflowActivitySource {
  private readonly workflow: InternalClient;

  constructor(options: WorkflowActivityClientOptions) {
    this.workflow = internalClient({
      name: 'Workflow',
      origin: options.origin,
      identitySecret: options.identitySecret,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  }

  activity(orgId: string, range: { from: string; to: string }): Promise<WorkflowActivity> {
    return this.workflow.call({
      method: 'GET',
      path: INTERNAL_ACTIVITY_PATH,
      query: range,
      identity: { requestId: randomUUID(), orgId, scopes: [], authMethod: 'service' },
      response: workflowActivityResponse,
    });
  }
}
