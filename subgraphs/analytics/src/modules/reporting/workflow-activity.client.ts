import { randomUUID } from 'node:crypto';
import { signIdentity } from '@flowgraph/kernel';

/** Workflow activity of one UTC day, as the Workflow subgraph reports it. */
export interface WorkflowActivityDay {
  day: string;
  workflowsCreated: number;
  executionsSucceeded: number;
  executionsFailed: number;
}

/** A workflow owner's first workflow and first successful run (ISO-8601; null: not yet). */
export interface WorkflowOwnerMilestones {
  userId: string;
  firstWorkflowAt: string;
  firstSuccessfulRunAt: string | null;
}

/** The answer of Workflow's `GET /internal/activity` (its activity module owns the format). */
export interface WorkflowActivity {
  from: string;
  to: string;
  /** Every day of the range, oldest first. */
  days: WorkflowActivityDay[];
  users: WorkflowOwnerMilestones[];
}

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
  constructor(private readonly options: WorkflowActivityClientOptions) {}

  async activity(orgId: string, range: { from: string; to: string }): Promise<WorkflowActivity> {
    const url = new URL('/internal/activity', this.options.origin);
    url.searchParams.set('from', range.from);
    url.searchParams.set('to', range.to);
    const identity = signIdentity({ requestId: randomUUID(), orgId, scopes: [], authMethod: 'service' }, this.options.identitySecret, { method: 'GET', target: url });
    const response = await fetch(url, { headers: identity, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new Error(`Workflow answered ${response.status} to ${url.pathname}: ${text.slice(0, 300)}`);
    }
    return (await response.json()) as WorkflowActivity;
  }
}
