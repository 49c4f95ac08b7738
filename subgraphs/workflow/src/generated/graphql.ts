import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Workflow as WorkflowModel } from '../modules/workflows/workflow.entity';
import type { WorkflowVersion as WorkflowVersionModel } from '../modules/versions/workflow-version.entity';
import type { WorkflowTemplate as WorkflowTemplateModel } from '../modules/templates/workflow-template';
import type { Trigger as TriggerModel } from '../modules/triggers/trigger.entity';
import type { Execution as ExecutionModel } from '../modules/executions/execution.entity';
import type { StepRun as StepRunModel } from '../modules/executions/step-run.entity';
import type { WorkflowContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC. */
  DateTime: { input: Date | string; output: Date | string; }
  /** A JSON object. */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Exactly one of cron, webhook or event (or none, for MANUAL). */
export type AddTriggerInput = {
  /** The schedule: required for CRON, refused for other kinds. */
  cron?: InputMaybe<CronTriggerInput>;
  /** The event filter: required for EVENT, refused for other kinds. */
  event?: InputMaybe<EventTriggerInput>;
  /** The trigger's kind. */
  kind: TriggerKind;
  /** The workflow to add it to; not a deleted one. A workflow has at most 20 triggers. */
  workflowId: Scalars['ID']['input'];
};

/** What addTrigger returns. */
export type AddTriggerPayload = {
  __typename?: 'AddTriggerPayload';
  /** The new trigger, enabled. */
  trigger: Trigger;
  /** For WEBHOOK triggers: the signing secret, shown only here. */
  webhookSecret?: Maybe<Scalars['String']['output']>;
};

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** A workflow to create from a built-in template. */
export type CreateWorkflowFromTemplateInput = {
  /** Publish version 1 and activate the workflow in the same request, so its trigger fires at once. Default false: created inactive and unpublished. */
  activate?: InputMaybe<Scalars['Boolean']['input']>;
  /** Makes the request safe to repeat (1 to 200 characters, unique in the organization): a later or concurrent request with the same key returns the workflow the first one created, as it is now, and creates, triggers or publishes nothing (its name and activate are not used; webhookSecret is null). The same key with another templateId or other parameters is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The workflow's name, 1 to 200 characters; the template's name when omitted. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Values for the template's parameters (WorkflowTemplate.parameterSpecs). */
  parameters?: InputMaybe<Scalars['JSONObject']['input']>;
  /** The template's id, e.g. `github-pr-opened-to-slack`; NOT_FOUND when there is no such template. */
  templateId: Scalars['ID']['input'];
};

/** A new workflow. */
export type CreateWorkflowInput = {
  /** At most this many executions run at once, 1 to 100; 5 when omitted. */
  concurrencyLimit?: InputMaybe<Scalars['Int']['input']>;
  /** The first version's definition; an empty workflow when omitted. */
  definition?: InputMaybe<Scalars['JSONObject']['input']>;
  /** What it is for, up to 2,000 characters; empty when omitted. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The workflow's name, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** Up to 20 tags, each 1 to 50 characters; repeats are dropped. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** What createWorkflow and createWorkflowFromTemplate return. */
export type CreateWorkflowPayload = {
  __typename?: 'CreateWorkflowPayload';
  /** For createWorkflowFromTemplate with a template whose trigger is a WEBHOOK: the trigger's signing secret, shown only here, to the request that created the workflow (a repeat with the same idempotencyKey gets null); null otherwise. */
  webhookSecret?: Maybe<Scalars['String']['output']>;
  /** The new workflow: inactive, with version 1 saved but not published (unless createWorkflowFromTemplate was asked to activate it). */
  workflow: Workflow;
};

/** The schedule of a CRON trigger. */
export type CronSchedule = {
  __typename?: 'CronSchedule';
  /** The next run times. */
  nextRuns: Array<Scalars['DateTime']['output']>;
  /** A cron expression (5 or 6 fields). */
  pattern: Scalars['String']['output'];
  /** IANA time zone the pattern is read in. */
  timezone: Scalars['String']['output'];
};


/** The schedule of a CRON trigger. */
export type CronScheduleNextRunsArgs = {
  count?: InputMaybe<Scalars['Int']['input']>;
};

/** The schedule of a new CRON trigger. */
export type CronTriggerInput = {
  /** A cron pattern of 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first. */
  pattern: Scalars['String']['input'];
  /** IANA time zone; UTC when omitted. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** What deleteWorkflow returns. */
export type DeleteWorkflowPayload = {
  __typename?: 'DeleteWorkflowPayload';
  /** After this the workflow can no longer be restored. */
  restorableUntil: Scalars['DateTime']['output'];
  /** The deleted workflow, with deletedAt set. */
  workflow: Workflow;
};

/** Runs the workflow when Core ingests an event matching every given field. */
export type EventFilterTrigger = {
  __typename?: 'EventFilterTrigger';
  /** Events of this type (lower case); null matches any type. */
  eventType?: Maybe<Scalars['String']['output']>;
  /** Events from this tool (lower case); null matches any tool. */
  tool?: Maybe<Scalars['String']['output']>;
};

/** One (tool, event type) pair, in Core's event vocabulary. */
export type EventPatternStep = {
  __typename?: 'EventPatternStep';
  /** The event type, in lower case as Core stores it, e.g. `pr.opened`. */
  eventType: Scalars['String']['output'];
  /** The tool, in lower case as Core stores it, e.g. `github`. */
  tool: Scalars['String']['output'];
};

/** The filter of a new EVENT trigger: give tool, eventType or both; a missing one matches anything. */
export type EventTriggerInput = {
  /** Events of this type, e.g. `pr.opened` (compared in lower case). */
  eventType?: InputMaybe<Scalars['String']['input']>;
  /** Events from this tool, e.g. `github` (compared in lower case). */
  tool?: InputMaybe<Scalars['String']['input']>;
};

/** An execution to start. */
export type ExecuteWorkflowInput = {
  /** The same key twice returns the same execution. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The data the execution starts with (`input` in expressions), at most 256 KiB as JSON; `{}` when omitted. */
  input?: InputMaybe<Scalars['JSONObject']['input']>;
  /** The workflow to run: not a deleted one, and with a published version; it need not be active. */
  workflowId: Scalars['ID']['input'];
};

/** One run of a workflow, pinned to the version it started with. */
export type Execution = {
  __typename?: 'Execution';
  /** Milliseconds from startedAt to finishedAt; null until both are set. */
  durationMs?: Maybe<Scalars['Int']['output']>;
  /** Why it failed or was cancelled. */
  error?: Maybe<Scalars['String']['output']>;
  /** When it became SUCCEEDED, FAILED or CANCELLED; null before that. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The data it was started with: executeWorkflow's input, a webhook's JSON body, or what the cron or event trigger passes (docs/workflows.md, Triggers). */
  input: Scalars['JSONObject']['output'];
  /** The outputs of the steps nothing depends on, by step id, once it has run to the end; null before that or when it failed. */
  output?: Maybe<Scalars['JSONObject']['output']>;
  /** When it was recorded as QUEUED. */
  queuedAt: Scalars['DateTime']['output'];
  /** The execution this one re-ran from its failed step. */
  rerunOf?: Maybe<Execution>;
  /** When a worker started it; null while QUEUED, or if it was cancelled before starting. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where it is now. */
  status: ExecutionStatus;
  /** Each step's run, in the order they started. */
  steps: Array<StepRun>;
  /** What started it: MANUAL for executeWorkflow and re-runs, otherwise the kind of trigger that fired. */
  triggerKind: TriggerKind;
  /** The number of the workflow version it runs: the live one when it was queued (a re-run keeps the failed execution's). */
  version: Scalars['Int']['output'];
  /** While RUNNING, the dependency a step is waiting for because it cannot reach it (core, or the host an http_request calls); null otherwise. See docs/workflows.md, Waiting on a dependency. */
  waitingOn?: Maybe<Scalars['String']['output']>;
  /** The workflow it runs. */
  workflow: Workflow;
};

/** Executions, newest first. */
export type ExecutionConnection = {
  __typename?: 'ExecutionConnection';
  edges: Array<ExecutionEdge>;
  pageInfo: PageInfo;
};

export type ExecutionEdge = {
  __typename?: 'ExecutionEdge';
  cursor: Scalars['String']['output'];
  node: Execution;
};

/** What executeWorkflow, cancelExecution and rerunExecution return. */
export type ExecutionPayload = {
  __typename?: 'ExecutionPayload';
  /** The execution as it is now. */
  execution: Execution;
};

/** Where an execution is. SUCCEEDED, FAILED and CANCELLED are final. */
export type ExecutionStatus =
  /** Stopped by cancelExecution. */
  | 'CANCELLED'
  /** A step failed after its last attempt, or with an error not worth retrying; see error. rerunExecution can run it again. */
  | 'FAILED'
  /** Recorded and waiting for a worker, or for room under the workflow's concurrencyLimit. */
  | 'QUEUED'
  /** A worker is running its steps (waits for delays, retries and unreachable dependencies included; see waitingOn). */
  | 'RUNNING'
  /** Every step that had to run succeeded. */
  | 'SUCCEEDED';

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds a trigger to a workflow, enabled. For a WEBHOOK trigger, the signing secret is in the payload and never shown again. Admins. */
  addTrigger: AddTriggerPayload;
  /** Stops a queued or running execution after its current step. Members. */
  cancelExecution: ExecutionPayload;
  /** Creates an inactive workflow with its first version. Requires the admin role. */
  createWorkflow: CreateWorkflowPayload;
  /** Creates a workflow whose version 1 is the template with the given parameters filled in, with the template's trigger; inactive and unpublished unless `input.activate`. Requires the admin role. */
  createWorkflowFromTemplate: CreateWorkflowPayload;
  /** Soft delete: triggers stop; restorable for 30 days. Admins. */
  deleteWorkflow: DeleteWorkflowPayload;
  /** Queues an execution of the live version and returns at once. Members. */
  executeWorkflow: ExecutionPayload;
  /** Makes a saved version live. Admins. */
  publishWorkflow: WorkflowPayload;
  /** Deletes a trigger; it stops at once. Admins. */
  removeTrigger: RemoveTriggerPayload;
  /** Runs a failed execution again from its failed step, in a new execution. Members. */
  rerunExecution: ExecutionPayload;
  /** Undoes deleteWorkflow within 30 days of it; after that the workflow is NOT_FOUND. Admins. */
  restoreWorkflow: WorkflowPayload;
  /** Makes an earlier version live again. Admins. */
  rollbackWorkflow: WorkflowPayload;
  /** Enables or disables one trigger; the change takes effect at once. Admins. */
  setTriggerEnabled: Trigger;
  /** Turns the workflow's triggers on or off. Admins. */
  setWorkflowActive: WorkflowPayload;
  /** Renames or re-tags; a new definition becomes a new version. Admins. */
  updateWorkflow: WorkflowPayload;
};


export type MutationAddTriggerArgs = {
  input: AddTriggerInput;
};


export type MutationCancelExecutionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateWorkflowArgs = {
  input: CreateWorkflowInput;
};


export type MutationCreateWorkflowFromTemplateArgs = {
  input: CreateWorkflowFromTemplateInput;
};


export type MutationDeleteWorkflowArgs = {
  id: Scalars['ID']['input'];
};


export type MutationExecuteWorkflowArgs = {
  input: ExecuteWorkflowInput;
};


export type MutationPublishWorkflowArgs = {
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationRemoveTriggerArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRerunExecutionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRestoreWorkflowArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRollbackWorkflowArgs = {
  id: Scalars['ID']['input'];
  toVersion: Scalars['Int']['input'];
};


export type MutationSetTriggerEnabledArgs = {
  enabled: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationSetWorkflowActiveArgs = {
  active: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationUpdateWorkflowArgs = {
  id: Scalars['ID']['input'];
  input: UpdateWorkflowInput;
};

/** A sort direction. */
export type OrderDirection =
  /** Smallest first: oldest first, or A to Z. */
  | 'ASC'
  /** Largest first: newest first, or Z to A. */
  | 'DESC';

export type Organization = {
  __typename?: 'Organization';
  id: Scalars['ID']['output'];
  /** The organization's workflows, newest first (the caller's organization only). */
  workflows: WorkflowConnection;
};


export type OrganizationWorkflowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Relay page information, shared by every connection in the graph. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** An execution of the caller's organization; null when there is none with this id. */
  execution?: Maybe<Execution>;
  /** A workflow's executions, newest first. */
  executions: ExecutionConnection;
  /** A workflow of the caller's organization. */
  workflow?: Maybe<Workflow>;
  /** A built-in template by id, e.g. `github-pr-opened-to-slack`; null when there is none. */
  workflowTemplate?: Maybe<WorkflowTemplate>;
  /** Every built-in template (docs/workflows.md, Templates). */
  workflowTemplates: Array<WorkflowTemplate>;
  /** The caller's organization's workflows (deleted ones excluded). */
  workflows: WorkflowConnection;
};


export type QueryExecutionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExecutionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ExecutionStatus>;
  workflowId: Scalars['ID']['input'];
};


export type QueryWorkflowArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkflowTemplateArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkflowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkflowFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<WorkflowOrder>;
};

/** What removeTrigger returns. */
export type RemoveTriggerPayload = {
  __typename?: 'RemoveTriggerPayload';
  /** The id of the trigger that was removed. */
  removedTriggerId: Scalars['ID']['output'];
};

/** A step of an execution: what it got, what it gave back, how often it was tried. */
export type StepRun = {
  __typename?: 'StepRun';
  /** Attempts started so far, the first included (at most the step's retry.maxAttempts); 0 for a skipped step. Tries that could not reach a dependency are not counted. */
  attempts: Scalars['Int']['output'];
  /** Milliseconds from the start of its first attempt to its success or failure, retry waits included; 0 when skipped, otherwise null until then. */
  durationMs?: Maybe<Scalars['Int']['output']>;
  /** Why its latest attempt failed; null when none failed or once it succeeds. */
  error?: Maybe<Scalars['String']['output']>;
  /** When it succeeded, failed, was skipped or was cancelled; null while it runs or waits. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** What the step recorded as its input, such as the resolved URL of an http_request or a transform's expression; null until it succeeds (a delay step records it at once). */
  input?: Maybe<Scalars['JSONObject']['output']>;
  /** What the step returned, such as `{ status, body }` for http_request or `{ result }` for condition; null until it succeeds. */
  output?: Maybe<Scalars['JSONObject']['output']>;
  /** When its first attempt started. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the step is now. */
  status: StepRunStatus;
  /** The step's id in the definition. */
  stepId: Scalars['String']['output'];
  /** The step's type: http_request, transform, condition, delay, connector_action or notify. */
  type: Scalars['String']['output'];
  /** The dependency this step is waiting for while it cannot reach it (core, or the host an http_request calls: refused connection, 502/503/504, Core timing out); null otherwise. */
  waitingOn?: Maybe<Scalars['String']['output']>;
  /** When the current wait for waitingOn began; the step fails once it has waited WORKFLOW_DEPENDENCY_WAIT_MS (15 minutes by default). Null when not waiting. */
  waitingSince?: Maybe<Scalars['DateTime']['output']>;
};

/** Where a step of an execution is. */
export type StepRunStatus =
  /** The execution was cancelled while this step was waiting. */
  | 'CANCELLED'
  /** The step failed after its last attempt, or with an error not worth retrying. */
  | 'FAILED'
  /** An attempt failed and the next one waits for its retry delay, or for the dependency in waitingOn to be reachable again; see error. */
  | 'PENDING'
  /** An attempt is running (or a delay step is waiting). */
  | 'RUNNING'
  /** Not run: it is reachable only through a condition branch that was not taken. */
  | 'SKIPPED'
  /** The step succeeded; it never runs again in this execution or its re-runs. */
  | 'SUCCEEDED';

export type Subscription = {
  __typename?: 'Subscription';
  /** Every change of an execution's or its steps' status. */
  executionUpdated: Execution;
};


export type SubscriptionExecutionUpdatedArgs = {
  executionId: Scalars['ID']['input'];
};

export type Suggestion = {
  __typename?: 'Suggestion';
  id: Scalars['ID']['output'];
  parameters: Scalars['JSONObject']['output'];
  templateId: Scalars['ID']['output'];
  /** The template's definition with the suggestion's prefilled parameters filled in; parameters it could not guess stay as {{name}} placeholders. */
  workflowDefinition: Scalars['JSONObject']['output'];
};

/** A value the caller fills in when creating a workflow from a template. */
export type TemplateParameter = {
  __typename?: 'TemplateParameter';
  /** The value used when none is given; null when there is none. */
  default?: Maybe<Scalars['String']['output']>;
  /** What the value is for, e.g. `Slack channel, e.g. #reviews`. */
  description: Scalars['String']['output'];
  /** The key to give in createWorkflowFromTemplate's `parameters`, e.g. `channel`. */
  name: Scalars['String']['output'];
  /** Whether a value must be given; an optional parameter without one gets its default. */
  required: Scalars['Boolean']['output'];
  /** What kind of value it takes; a VALIDATION_ERROR names the parameter when a value is not of it. */
  type: TemplateParameterType;
};

/** The kind of value a template parameter takes. */
export type TemplateParameterType =
  /** Text, 1 to 2000 characters, without `{{` or `}}`. */
  | 'STRING'
  /** An absolute http:// or https:// URL. */
  | 'URL';

/** What starts a workflow's executions. Changes take effect at once, without restarts. */
export type Trigger = {
  __typename?: 'Trigger';
  /** When the trigger was added. */
  createdAt: Scalars['DateTime']['output'];
  /** The schedule, for CRON triggers; null for other kinds. */
  cron?: Maybe<CronSchedule>;
  /** Whether it fires. New triggers are enabled; even then, only triggers of an active, non-deleted workflow fire. */
  enabled: Scalars['Boolean']['output'];
  /** The event filter, for EVENT triggers; null for other kinds. */
  event?: Maybe<EventFilterTrigger>;
  id: Scalars['ID']['output'];
  /** What kind of trigger it is; fixed when it is added. */
  kind: TriggerKind;
  /** The URL to POST to, for WEBHOOK triggers; null for other kinds. */
  webhook?: Maybe<WebhookEndpoint>;
};

/** What starts an execution. */
export type TriggerKind =
  /** A cron schedule ticks. */
  | 'CRON'
  /** Core stores an event matching the trigger's filter. */
  | 'EVENT'
  /** Someone runs executeWorkflow (re-runs are MANUAL too). A MANUAL trigger needs no settings, and executeWorkflow works without one. */
  | 'MANUAL'
  /** A correctly signed POST reaches the trigger's URL. */
  | 'WEBHOOK';

/** Changes to a workflow; omitted fields stay as they are. */
export type UpdateWorkflowInput = {
  /** The new concurrency limit, 1 to 100. */
  concurrencyLimit?: InputMaybe<Scalars['Int']['input']>;
  /** Saving a definition creates a new version (not yet live). */
  definition?: InputMaybe<Scalars['JSONObject']['input']>;
  /** The new description, up to 2,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The new name, 1 to 200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The new tags, replacing the old ones: up to 20, each 1 to 50 characters. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** Workflows this user owns in the caller's organization, newest first. */
  workflows: WorkflowConnection;
};


export type UserWorkflowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Where a WEBHOOK trigger receives deliveries (docs/workflows.md, Webhooks). */
export type WebhookEndpoint = {
  __typename?: 'WebhookEndpoint';
  /** POST here with `X-Flowgraph-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
  url: Scalars['String']['output'];
};

/**
 * A workflow: a directed acyclic graph of steps, saved as immutable versions. One version is live
 * (published); executions are pinned to the version they started with.
 */
export type Workflow = {
  __typename?: 'Workflow';
  /** At most this many executions of the workflow run at once; the rest wait in the queue. */
  concurrencyLimit: Scalars['Int']['output'];
  /** When the workflow was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Set when the workflow is deleted; it can be restored for 30 days. */
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the workflow is for, up to 2,000 characters; empty when none was given. */
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Whether the workflow's triggers fire. Disabling stops its schedules. */
  isActive: Scalars['Boolean']['output'];
  /** The most recent execution, if any. */
  latestExecution?: Maybe<Execution>;
  /** The newest saved version. */
  latestVersion: WorkflowVersion;
  /** The published version; null until one is published. */
  liveVersion?: Maybe<WorkflowVersion>;
  /** The workflow's name, 1 to 200 characters. */
  name: Scalars['String']['output'];
  /** The organization the workflow belongs to. */
  organization: Organization;
  /** The user who created the workflow (for an API key, the key's creator). */
  owner: User;
  /** Labels to find it by (see WorkflowFilter.tag): up to 20, each 1 to 50 characters. */
  tags: Array<Scalars['String']['output']>;
  /** What starts its executions, oldest first; at most 20. */
  triggers: Array<Trigger>;
  /** When it was last updated, published, rolled back, activated or deactivated, or restored. */
  updatedAt: Scalars['DateTime']['output'];
  /** Saved versions, newest first. */
  versions: WorkflowVersionConnection;
};


/**
 * A workflow: a directed acyclic graph of steps, saved as immutable versions. One version is live
 * (published); executions are pinned to the version they started with.
 */
export type WorkflowVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of workflows. */
export type WorkflowConnection = {
  __typename?: 'WorkflowConnection';
  edges: Array<WorkflowEdge>;
  pageInfo: PageInfo;
};

export type WorkflowEdge = {
  __typename?: 'WorkflowEdge';
  cursor: Scalars['String']['output'];
  node: Workflow;
};

/** Which workflows `workflows` returns: every given field must match. */
export type WorkflowFilter = {
  /** Only active workflows (true) or only inactive ones (false). */
  isActive?: InputMaybe<Scalars['Boolean']['input']>;
  /** Workflows carrying this tag. */
  tag?: InputMaybe<Scalars['String']['input']>;
};

/**
 * The order of `workflows`; newest created first (CREATED_AT, DESC) when omitted. A cursor is valid only in the
 * order it came from: change the order and start again without `after`.
 */
export type WorkflowOrder = {
  /** Which way to sort. */
  direction: OrderDirection;
  /** What to sort by; ties are broken by id. */
  field: WorkflowOrderField;
};

/** What `workflows` can be sorted by. */
export type WorkflowOrderField =
  /** When the workflow was created. */
  | 'CREATED_AT'
  /** The workflow's name. */
  | 'NAME'
  /** When the workflow was last updated. */
  | 'UPDATED_AT';

/** What the mutations that change a workflow return. */
export type WorkflowPayload = {
  __typename?: 'WorkflowPayload';
  /** The workflow as it is now. */
  workflow: Workflow;
};

/** A built-in starting point; suggestions point at these. */
export type WorkflowTemplate = {
  __typename?: 'WorkflowTemplate';
  /** Connectors the template uses (github, gitlab, slack, teams, google_drive, dropbox, s3, http). */
  connectors: Array<Scalars['String']['output']>;
  /** The template's definition, with `{{name}}` placeholders where the parameters go. */
  definition: Scalars['JSONObject']['output'];
  /** What the template does; a workflow created from it gets this description. */
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The template's name; a workflow created from it gets this name unless given another. */
  name: Scalars['String']['output'];
  /** What the caller fills in when instantiating (createWorkflowFromTemplate's `parameters`), with what a form needs to ask for it. */
  parameterSpecs: Array<TemplateParameter>;
  /**
   * Names the caller fills in when instantiating, e.g. a Slack channel.
   * @deprecated Use parameterSpecs, which also gives each parameter's type, whether it is required, its default and a description.
   */
  parameters: Array<Scalars['String']['output']>;
  /** The events a person produces by hand today, starting with the trigger; a pattern with this sequence suggests the template. */
  pattern: Array<EventPatternStep>;
  /** The event that starts the work the template automates. */
  trigger: EventPatternStep;
  /** The trigger a workflow created from the template gets: EVENT (filtered on `trigger`) or WEBHOOK (the steps read the request body). */
  triggerKind: TriggerKind;
};

/**
 * An immutable saved definition. `definition` is `{ steps: [{ id, type, config, retry?, timeoutMs? }],
 * edges: [{ from, to, when? }] }`; see docs/workflows.md for the step types.
 */
export type WorkflowVersion = {
  __typename?: 'WorkflowVersion';
  /** When this version was saved. */
  createdAt: Scalars['DateTime']['output'];
  /** The user who saved this version. */
  createdBy: User;
  /** The definition saved as this version, never changed afterwards. */
  definition: Scalars['JSONObject']['output'];
  id: Scalars['ID']['output'];
  /** Whether this is the workflow's live version. */
  isLive: Scalars['Boolean']['output'];
  /** The version's number: 1 for the first saved definition, then one more for each definition saved after it. */
  version: Scalars['Int']['output'];
};

/** A page of a workflow's versions, newest first. */
export type WorkflowVersionConnection = {
  __typename?: 'WorkflowVersionConnection';
  edges: Array<WorkflowVersionEdge>;
  pageInfo: PageInfo;
};

export type WorkflowVersionEdge = {
  __typename?: 'WorkflowVersionEdge';
  cursor: Scalars['String']['output'];
  node: WorkflowVersion;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Execution: Execution;
  Organization: Organization;
  Suggestion: Suggestion;
  User: User;
  Workflow: Workflow;
  WorkflowTemplate: WorkflowTemplate;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Execution:
    ( { __typename: 'Execution' }
    & GraphQLRecursivePick<FederationTypes['Execution'], {"id":true}> );
  Organization:
    ( { __typename: 'Organization' }
    & GraphQLRecursivePick<FederationTypes['Organization'], {"id":true}> );
  Suggestion:
    ( { __typename: 'Suggestion' }
    & GraphQLRecursivePick<FederationTypes['Suggestion'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Suggestion'], {"templateId":true,"parameters":true}> ) );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
  Workflow:
    ( { __typename: 'Workflow' }
    & GraphQLRecursivePick<FederationTypes['Workflow'], {"id":true}> );
  WorkflowTemplate:
    ( { __typename: 'WorkflowTemplate' }
    & GraphQLRecursivePick<FederationTypes['WorkflowTemplate'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AddTriggerInput: AddTriggerInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AddTriggerPayload: ResolverTypeWrapper<Omit<AddTriggerPayload, 'trigger'> & { trigger: ResolversTypes['Trigger'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CacheControlScope: CacheControlScope;
  CreateWorkflowFromTemplateInput: CreateWorkflowFromTemplateInput;
  CreateWorkflowInput: CreateWorkflowInput;
  CreateWorkflowPayload: ResolverTypeWrapper<Omit<CreateWorkflowPayload, 'workflow'> & { workflow: ResolversTypes['Workflow'] }>;
  CronSchedule: ResolverTypeWrapper<TriggerModel>;
  CronTriggerInput: CronTriggerInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteWorkflowPayload: ResolverTypeWrapper<Omit<DeleteWorkflowPayload, 'workflow'> & { workflow: ResolversTypes['Workflow'] }>;
  EventFilterTrigger: ResolverTypeWrapper<TriggerModel>;
  EventPatternStep: ResolverTypeWrapper<EventPatternStep>;
  EventTriggerInput: EventTriggerInput;
  ExecuteWorkflowInput: ExecuteWorkflowInput;
  Execution: ResolverTypeWrapper<ExecutionModel>;
  ExecutionConnection: ResolverTypeWrapper<Omit<ExecutionConnection, 'edges'> & { edges: Array<ResolversTypes['ExecutionEdge']> }>;
  ExecutionEdge: ResolverTypeWrapper<Omit<ExecutionEdge, 'node'> & { node: ResolversTypes['Execution'] }>;
  ExecutionPayload: ResolverTypeWrapper<Omit<ExecutionPayload, 'execution'> & { execution: ResolversTypes['Execution'] }>;
  ExecutionStatus: ExecutionStatus;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OrderDirection: OrderDirection;
  Organization: ResolverTypeWrapper<{ id: string }>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RemoveTriggerPayload: ResolverTypeWrapper<RemoveTriggerPayload>;
  StepRun: ResolverTypeWrapper<StepRunModel>;
  StepRunStatus: StepRunStatus;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Suggestion: ResolverTypeWrapper<{ id: string; templateId: string; parameters: Record<string, unknown> }>;
  TemplateParameter: ResolverTypeWrapper<TemplateParameter>;
  TemplateParameterType: TemplateParameterType;
  Trigger: ResolverTypeWrapper<TriggerModel>;
  TriggerKind: TriggerKind;
  UpdateWorkflowInput: UpdateWorkflowInput;
  User: ResolverTypeWrapper<{ id: string }>;
  WebhookEndpoint: ResolverTypeWrapper<TriggerModel>;
  Workflow: ResolverTypeWrapper<WorkflowModel>;
  WorkflowConnection: ResolverTypeWrapper<Omit<WorkflowConnection, 'edges'> & { edges: Array<ResolversTypes['WorkflowEdge']> }>;
  WorkflowEdge: ResolverTypeWrapper<Omit<WorkflowEdge, 'node'> & { node: ResolversTypes['Workflow'] }>;
  WorkflowFilter: WorkflowFilter;
  WorkflowOrder: WorkflowOrder;
  WorkflowOrderField: WorkflowOrderField;
  WorkflowPayload: ResolverTypeWrapper<Omit<WorkflowPayload, 'workflow'> & { workflow: ResolversTypes['Workflow'] }>;
  WorkflowTemplate: ResolverTypeWrapper<WorkflowTemplateModel>;
  WorkflowVersion: ResolverTypeWrapper<WorkflowVersionModel>;
  WorkflowVersionConnection: ResolverTypeWrapper<Omit<WorkflowVersionConnection, 'edges'> & { edges: Array<ResolversTypes['WorkflowVersionEdge']> }>;
  WorkflowVersionEdge: ResolverTypeWrapper<Omit<WorkflowVersionEdge, 'node'> & { node: ResolversTypes['WorkflowVersion'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AddTriggerInput: AddTriggerInput;
  ID: Scalars['ID']['output'];
  AddTriggerPayload: Omit<AddTriggerPayload, 'trigger'> & { trigger: ResolversParentTypes['Trigger'] };
  String: Scalars['String']['output'];
  CreateWorkflowFromTemplateInput: CreateWorkflowFromTemplateInput;
  CreateWorkflowInput: CreateWorkflowInput;
  CreateWorkflowPayload: Omit<CreateWorkflowPayload, 'workflow'> & { workflow: ResolversParentTypes['Workflow'] };
  CronSchedule: TriggerModel;
  CronTriggerInput: CronTriggerInput;
  DateTime: Scalars['DateTime']['output'];
  DeleteWorkflowPayload: Omit<DeleteWorkflowPayload, 'workflow'> & { workflow: ResolversParentTypes['Workflow'] };
  EventFilterTrigger: TriggerModel;
  EventPatternStep: EventPatternStep;
  EventTriggerInput: EventTriggerInput;
  ExecuteWorkflowInput: ExecuteWorkflowInput;
  Execution: ExecutionModel;
  ExecutionConnection: Omit<ExecutionConnection, 'edges'> & { edges: Array<ResolversParentTypes['ExecutionEdge']> };
  ExecutionEdge: Omit<ExecutionEdge, 'node'> & { node: ResolversParentTypes['Execution'] };
  ExecutionPayload: Omit<ExecutionPayload, 'execution'> & { execution: ResolversParentTypes['Execution'] };
  JSONObject: Scalars['JSONObject']['output'];
  Mutation: Record<PropertyKey, never>;
  Organization: { id: string };
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RemoveTriggerPayload: RemoveTriggerPayload;
  StepRun: StepRunModel;
  Subscription: Record<PropertyKey, never>;
  Suggestion: { id: string; templateId: string; parameters: Record<string, unknown> };
  TemplateParameter: TemplateParameter;
  Trigger: TriggerModel;
  UpdateWorkflowInput: UpdateWorkflowInput;
  User: { id: string };
  WebhookEndpoint: TriggerModel;
  Workflow: WorkflowModel;
  WorkflowConnection: Omit<WorkflowConnection, 'edges'> & { edges: Array<ResolversParentTypes['WorkflowEdge']> };
  WorkflowEdge: Omit<WorkflowEdge, 'node'> & { node: ResolversParentTypes['Workflow'] };
  WorkflowFilter: WorkflowFilter;
  WorkflowOrder: WorkflowOrder;
  WorkflowPayload: Omit<WorkflowPayload, 'workflow'> & { workflow: ResolversParentTypes['Workflow'] };
  WorkflowTemplate: WorkflowTemplateModel;
  WorkflowVersion: WorkflowVersionModel;
  WorkflowVersionConnection: Omit<WorkflowVersionConnection, 'edges'> & { edges: Array<ResolversParentTypes['WorkflowVersionEdge']> };
  WorkflowVersionEdge: Omit<WorkflowVersionEdge, 'node'> & { node: ResolversParentTypes['WorkflowVersion'] };
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = WorkflowContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AddTriggerPayloadResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['AddTriggerPayload'] = ResolversParentTypes['AddTriggerPayload']> = ResolversObject<{
  trigger?: Resolver<ResolversTypes['Trigger'], ParentType, ContextType>;
  webhookSecret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CreateWorkflowPayloadResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['CreateWorkflowPayload'] = ResolversParentTypes['CreateWorkflowPayload']> = ResolversObject<{
  webhookSecret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workflow?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType>;
}>;

export type CronScheduleResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['CronSchedule'] = ResolversParentTypes['CronSchedule']> = ResolversObject<{
  nextRuns?: Resolver<Array<ResolversTypes['DateTime']>, ParentType, ContextType, RequireFields<CronScheduleNextRunsArgs, 'count'>>;
  pattern?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timezone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteWorkflowPayloadResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['DeleteWorkflowPayload'] = ResolversParentTypes['DeleteWorkflowPayload']> = ResolversObject<{
  restorableUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  workflow?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType>;
}>;

export type EventFilterTriggerResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['EventFilterTrigger'] = ResolversParentTypes['EventFilterTrigger']> = ResolversObject<{
  eventType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tool?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type EventPatternStepResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['EventPatternStep'] = ResolversParentTypes['EventPatternStep']> = ResolversObject<{
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tool?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ExecutionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Execution'] = ResolversParentTypes['Execution'], FederationReferenceType extends FederationReferenceTypes['Execution'] = FederationReferenceTypes['Execution']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Execution']> | FederationReferenceType, FederationReferenceType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  input?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  queuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  rerunOf?: Resolver<Maybe<ResolversTypes['Execution']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExecutionStatus'], ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['StepRun']>, ParentType, ContextType>;
  triggerKind?: Resolver<ResolversTypes['TriggerKind'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  waitingOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workflow?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType>;
}>;

export type ExecutionConnectionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['ExecutionConnection'] = ResolversParentTypes['ExecutionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ExecutionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type ExecutionEdgeResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['ExecutionEdge'] = ResolversParentTypes['ExecutionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Execution'], ParentType, ContextType>;
}>;

export type ExecutionPayloadResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['ExecutionPayload'] = ResolversParentTypes['ExecutionPayload']> = ResolversObject<{
  execution?: Resolver<ResolversTypes['Execution'], ParentType, ContextType>;
}>;

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type MutationResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addTrigger?: Resolver<ResolversTypes['AddTriggerPayload'], ParentType, ContextType, RequireFields<MutationAddTriggerArgs, 'input'>>;
  cancelExecution?: Resolver<ResolversTypes['ExecutionPayload'], ParentType, ContextType, RequireFields<MutationCancelExecutionArgs, 'id'>>;
  createWorkflow?: Resolver<ResolversTypes['CreateWorkflowPayload'], ParentType, ContextType, RequireFields<MutationCreateWorkflowArgs, 'input'>>;
  createWorkflowFromTemplate?: Resolver<ResolversTypes['CreateWorkflowPayload'], ParentType, ContextType, RequireFields<MutationCreateWorkflowFromTemplateArgs, 'input'>>;
  deleteWorkflow?: Resolver<ResolversTypes['DeleteWorkflowPayload'], ParentType, ContextType, RequireFields<MutationDeleteWorkflowArgs, 'id'>>;
  executeWorkflow?: Resolver<ResolversTypes['ExecutionPayload'], ParentType, ContextType, RequireFields<MutationExecuteWorkflowArgs, 'input'>>;
  publishWorkflow?: Resolver<ResolversTypes['WorkflowPayload'], ParentType, ContextType, RequireFields<MutationPublishWorkflowArgs, 'id' | 'version'>>;
  removeTrigger?: Resolver<ResolversTypes['RemoveTriggerPayload'], ParentType, ContextType, RequireFields<MutationRemoveTriggerArgs, 'id'>>;
  rerunExecution?: Resolver<ResolversTypes['ExecutionPayload'], ParentType, ContextType, RequireFields<MutationRerunExecutionArgs, 'id'>>;
  restoreWorkflow?: Resolver<ResolversTypes['WorkflowPayload'], ParentType, ContextType, RequireFields<MutationRestoreWorkflowArgs, 'id'>>;
  rollbackWorkflow?: Resolver<ResolversTypes['WorkflowPayload'], ParentType, ContextType, RequireFields<MutationRollbackWorkflowArgs, 'id' | 'toVersion'>>;
  setTriggerEnabled?: Resolver<ResolversTypes['Trigger'], ParentType, ContextType, RequireFields<MutationSetTriggerEnabledArgs, 'enabled' | 'id'>>;
  setWorkflowActive?: Resolver<ResolversTypes['WorkflowPayload'], ParentType, ContextType, RequireFields<MutationSetWorkflowActiveArgs, 'active' | 'id'>>;
  updateWorkflow?: Resolver<ResolversTypes['WorkflowPayload'], ParentType, ContextType, RequireFields<MutationUpdateWorkflowArgs, 'id' | 'input'>>;
}>;

export type OrganizationResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization'], FederationReferenceType extends FederationReferenceTypes['Organization'] = FederationReferenceTypes['Organization']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Organization']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  workflows?: Resolver<ResolversTypes['WorkflowConnection'], ParentType, ContextType, Partial<OrganizationWorkflowsArgs>>;
}>;

export type PageInfoResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  execution?: Resolver<Maybe<ResolversTypes['Execution']>, ParentType, ContextType, RequireFields<QueryExecutionArgs, 'id'>>;
  executions?: Resolver<ResolversTypes['ExecutionConnection'], ParentType, ContextType, RequireFields<QueryExecutionsArgs, 'workflowId'>>;
  workflow?: Resolver<Maybe<ResolversTypes['Workflow']>, ParentType, ContextType, RequireFields<QueryWorkflowArgs, 'id'>>;
  workflowTemplate?: Resolver<Maybe<ResolversTypes['WorkflowTemplate']>, ParentType, ContextType, RequireFields<QueryWorkflowTemplateArgs, 'id'>>;
  workflowTemplates?: Resolver<Array<ResolversTypes['WorkflowTemplate']>, ParentType, ContextType>;
  workflows?: Resolver<ResolversTypes['WorkflowConnection'], ParentType, ContextType, Partial<QueryWorkflowsArgs>>;
}>;

export type RemoveTriggerPayloadResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['RemoveTriggerPayload'] = ResolversParentTypes['RemoveTriggerPayload']> = ResolversObject<{
  removedTriggerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type StepRunResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['StepRun'] = ResolversParentTypes['StepRun']> = ResolversObject<{
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  input?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['StepRunStatus'], ParentType, ContextType>;
  stepId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  waitingOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  waitingSince?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  executionUpdated?: SubscriptionResolver<ResolversTypes['Execution'], "executionUpdated", ParentType, ContextType, RequireFields<SubscriptionExecutionUpdatedArgs, 'executionId'>>;
}>;

export type SuggestionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Suggestion'] = ResolversParentTypes['Suggestion'], FederationReferenceType extends FederationReferenceTypes['Suggestion'] = FederationReferenceTypes['Suggestion']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Suggestion']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  workflowDefinition?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
}>;

export type TemplateParameterResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['TemplateParameter'] = ResolversParentTypes['TemplateParameter']> = ResolversObject<{
  default?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TemplateParameterType'], ParentType, ContextType>;
}>;

export type TriggerResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Trigger'] = ResolversParentTypes['Trigger']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cron?: Resolver<Maybe<ResolversTypes['CronSchedule']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  event?: Resolver<Maybe<ResolversTypes['EventFilterTrigger']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TriggerKind'], ParentType, ContextType>;
  webhook?: Resolver<Maybe<ResolversTypes['WebhookEndpoint']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  workflows?: Resolver<ResolversTypes['WorkflowConnection'], ParentType, ContextType, Partial<UserWorkflowsArgs>>;
}>;

export type WebhookEndpointResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['WebhookEndpoint'] = ResolversParentTypes['WebhookEndpoint']> = ResolversObject<{
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WorkflowResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Workflow'] = ResolversParentTypes['Workflow'], FederationReferenceType extends FederationReferenceTypes['Workflow'] = FederationReferenceTypes['Workflow']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Workflow']> | FederationReferenceType, FederationReferenceType, ContextType>;
  concurrencyLimit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deletedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  latestExecution?: Resolver<Maybe<ResolversTypes['Execution']>, ParentType, ContextType>;
  latestVersion?: Resolver<ResolversTypes['WorkflowVersion'], ParentType, ContextType>;
  liveVersion?: Resolver<Maybe<ResolversTypes['WorkflowVersion']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  triggers?: Resolver<Array<ResolversTypes['Trigger']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  versions?: Resolver<ResolversTypes['WorkflowVersionConnection'], ParentType, ContextType, Partial<WorkflowVersionsArgs>>;
}>;

export type WorkflowConnectionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['WorkflowConnection'] = ResolversParentTypes['WorkflowConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WorkflowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type WorkflowEdgeResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['WorkflowEdge'] = ResolversParentTypes['WorkflowEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType>;
}>;

export type WorkflowPayloadResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['WorkflowPayload'] = ResolversParentTypes['WorkflowPayload']> = ResolversObject<{
  workflow?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType>;
}>;

export type WorkflowTemplateResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['WorkflowTemplate'] = ResolversParentTypes['WorkflowTemplate'], FederationReferenceType extends FederationReferenceTypes['WorkflowTemplate'] = FederationReferenceTypes['WorkflowTemplate']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WorkflowTemplate']> | FederationReferenceType, FederationReferenceType, ContextType>;
  connectors?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parameterSpecs?: Resolver<Array<ResolversTypes['TemplateParameter']>, ParentType, ContextType>;
  parameters?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  pattern?: Resolver<Array<ResolversTypes['EventPatternStep']>, ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['EventPatternStep'], ParentType, ContextType>;
  triggerKind?: Resolver<ResolversTypes['TriggerKind'], ParentType, ContextType>;
}>;

export type WorkflowVersionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['WorkflowVersion'] = ResolversParentTypes['WorkflowVersion']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isLive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WorkflowVersionConnectionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['WorkflowVersionConnection'] = ResolversParentTypes['WorkflowVersionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WorkflowVersionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type WorkflowVersionEdgeResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['WorkflowVersionEdge'] = ResolversParentTypes['WorkflowVersionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WorkflowVersion'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = WorkflowContext> = ResolversObject<{
  AddTriggerPayload?: AddTriggerPayloadResolvers<ContextType>;
  CreateWorkflowPayload?: CreateWorkflowPayloadResolvers<ContextType>;
  CronSchedule?: CronScheduleResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteWorkflowPayload?: DeleteWorkflowPayloadResolvers<ContextType>;
  EventFilterTrigger?: EventFilterTriggerResolvers<ContextType>;
  EventPatternStep?: EventPatternStepResolvers<ContextType>;
  Execution?: ExecutionResolvers<ContextType>;
  ExecutionConnection?: ExecutionConnectionResolvers<ContextType>;
  ExecutionEdge?: ExecutionEdgeResolvers<ContextType>;
  ExecutionPayload?: ExecutionPayloadResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RemoveTriggerPayload?: RemoveTriggerPayloadResolvers<ContextType>;
  StepRun?: StepRunResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Suggestion?: SuggestionResolvers<ContextType>;
  TemplateParameter?: TemplateParameterResolvers<ContextType>;
  Trigger?: TriggerResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  WebhookEndpoint?: WebhookEndpointResolvers<ContextType>;
  Workflow?: WorkflowResolvers<ContextType>;
  WorkflowConnection?: WorkflowConnectionResolvers<ContextType>;
  WorkflowEdge?: WorkflowEdgeResolvers<ContextType>;
  WorkflowPayload?: WorkflowPayloadResolvers<ContextType>;
  WorkflowTemplate?: WorkflowTemplateResolvers<ContextType>;
  WorkflowVersion?: WorkflowVersionResolvers<ContextType>;
  WorkflowVersionConnection?: WorkflowVersionConnectionResolvers<ContextType>;
  WorkflowVersionEdge?: WorkflowVersionEdgeResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = WorkflowContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
}>;
