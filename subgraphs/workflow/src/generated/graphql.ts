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
  cron?: InputMaybe<CronTriggerInput>;
  event?: InputMaybe<EventTriggerInput>;
  kind: TriggerKind;
  workflowId: Scalars['ID']['input'];
};

export type AddTriggerPayload = {
  __typename?: 'AddTriggerPayload';
  trigger: Trigger;
  /** For WEBHOOK triggers: the signing secret, shown only here. */
  webhookSecret?: Maybe<Scalars['String']['output']>;
};

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

export type CreateWorkflowFromTemplateInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  /** Values for the template's parameters. */
  parameters?: InputMaybe<Scalars['JSONObject']['input']>;
  templateId: Scalars['ID']['input'];
};

export type CreateWorkflowInput = {
  concurrencyLimit?: InputMaybe<Scalars['Int']['input']>;
  /** The first version's definition; an empty workflow when omitted. */
  definition?: InputMaybe<Scalars['JSONObject']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreateWorkflowPayload = {
  __typename?: 'CreateWorkflowPayload';
  workflow: Workflow;
};

export type CronSchedule = {
  __typename?: 'CronSchedule';
  /** The next run times. */
  nextRuns: Array<Scalars['DateTime']['output']>;
  /** A cron expression (5 or 6 fields). */
  pattern: Scalars['String']['output'];
  /** IANA time zone the pattern is read in. */
  timezone: Scalars['String']['output'];
};


export type CronScheduleNextRunsArgs = {
  count?: InputMaybe<Scalars['Int']['input']>;
};

export type CronTriggerInput = {
  pattern: Scalars['String']['input'];
  /** IANA time zone; UTC when omitted. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

export type DeleteWorkflowPayload = {
  __typename?: 'DeleteWorkflowPayload';
  /** After this the workflow can no longer be restored. */
  restorableUntil: Scalars['DateTime']['output'];
  workflow: Workflow;
};

/** Runs the workflow when Core ingests an event matching every given field. */
export type EventFilterTrigger = {
  __typename?: 'EventFilterTrigger';
  eventType?: Maybe<Scalars['String']['output']>;
  tool?: Maybe<Scalars['String']['output']>;
};

/** One (tool, event type) pair, in Core's event vocabulary. */
export type EventPatternStep = {
  __typename?: 'EventPatternStep';
  eventType: Scalars['String']['output'];
  tool: Scalars['String']['output'];
};

export type EventTriggerInput = {
  eventType?: InputMaybe<Scalars['String']['input']>;
  tool?: InputMaybe<Scalars['String']['input']>;
};

export type ExecuteWorkflowInput = {
  /** The same key twice returns the same execution. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input?: InputMaybe<Scalars['JSONObject']['input']>;
  workflowId: Scalars['ID']['input'];
};

/** One run of a workflow, pinned to the version it started with. */
export type Execution = {
  __typename?: 'Execution';
  durationMs?: Maybe<Scalars['Int']['output']>;
  /** Why it failed or was cancelled. */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  input: Scalars['JSONObject']['output'];
  output?: Maybe<Scalars['JSONObject']['output']>;
  queuedAt: Scalars['DateTime']['output'];
  /** The execution this one re-ran from its failed step. */
  rerunOf?: Maybe<Execution>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: ExecutionStatus;
  /** Each step's run, in the order they started. */
  steps: Array<StepRun>;
  triggerKind: TriggerKind;
  version: Scalars['Int']['output'];
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

export type ExecutionPayload = {
  __typename?: 'ExecutionPayload';
  execution: Execution;
};

export type ExecutionStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type Mutation = {
  __typename?: 'Mutation';
  addTrigger: AddTriggerPayload;
  /** Stops a queued or running execution after its current step. Members. */
  cancelExecution: ExecutionPayload;
  /** Creates an inactive workflow with its first version. Requires the admin role. */
  createWorkflow: CreateWorkflowPayload;
  createWorkflowFromTemplate: CreateWorkflowPayload;
  /** Soft delete: triggers stop; restorable for 30 days. Admins. */
  deleteWorkflow: DeleteWorkflowPayload;
  /** Queues an execution of the live version and returns at once. Members. */
  executeWorkflow: ExecutionPayload;
  /** Makes a saved version live. Admins. */
  publishWorkflow: WorkflowPayload;
  removeTrigger: RemoveTriggerPayload;
  /** Runs a failed execution again from its failed step, in a new execution. Members. */
  rerunExecution: ExecutionPayload;
  restoreWorkflow: WorkflowPayload;
  /** Makes an earlier version live again. Admins. */
  rollbackWorkflow: WorkflowPayload;
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

export type OrderDirection =
  | 'ASC'
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
  execution?: Maybe<Execution>;
  /** A workflow's executions, newest first. */
  executions: ExecutionConnection;
  /** A workflow of the caller's organization. */
  workflow?: Maybe<Workflow>;
  workflowTemplate?: Maybe<WorkflowTemplate>;
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

export type RemoveTriggerPayload = {
  __typename?: 'RemoveTriggerPayload';
  removedTriggerId: Scalars['ID']['output'];
};

/** A step of an execution: what it got, what it gave back, how often it was tried. */
export type StepRun = {
  __typename?: 'StepRun';
  attempts: Scalars['Int']['output'];
  durationMs?: Maybe<Scalars['Int']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  input?: Maybe<Scalars['JSONObject']['output']>;
  output?: Maybe<Scalars['JSONObject']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: StepRunStatus;
  stepId: Scalars['String']['output'];
  type: Scalars['String']['output'];
};

export type StepRunStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SKIPPED'
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

/** What starts a workflow's executions. Changes take effect at once, without restarts. */
export type Trigger = {
  __typename?: 'Trigger';
  createdAt: Scalars['DateTime']['output'];
  cron?: Maybe<CronSchedule>;
  enabled: Scalars['Boolean']['output'];
  event?: Maybe<EventFilterTrigger>;
  id: Scalars['ID']['output'];
  kind: TriggerKind;
  webhook?: Maybe<WebhookEndpoint>;
};

export type TriggerKind =
  | 'CRON'
  | 'EVENT'
  | 'MANUAL'
  | 'WEBHOOK';

export type UpdateWorkflowInput = {
  concurrencyLimit?: InputMaybe<Scalars['Int']['input']>;
  /** Saving a definition creates a new version (not yet live). */
  definition?: InputMaybe<Scalars['JSONObject']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
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
  createdAt: Scalars['DateTime']['output'];
  /** Set when the workflow is deleted; it can be restored for 30 days. */
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
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
  name: Scalars['String']['output'];
  organization: Organization;
  owner: User;
  tags: Array<Scalars['String']['output']>;
  triggers: Array<Trigger>;
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

export type WorkflowFilter = {
  isActive?: InputMaybe<Scalars['Boolean']['input']>;
  /** Workflows carrying this tag. */
  tag?: InputMaybe<Scalars['String']['input']>;
};

export type WorkflowOrder = {
  direction: OrderDirection;
  field: WorkflowOrderField;
};

export type WorkflowOrderField =
  | 'CREATED_AT'
  | 'NAME'
  | 'UPDATED_AT';

export type WorkflowPayload = {
  __typename?: 'WorkflowPayload';
  workflow: Workflow;
};

/** A built-in starting point; suggestions point at these. */
export type WorkflowTemplate = {
  __typename?: 'WorkflowTemplate';
  /** Connectors the template uses (github, gitlab, slack, teams, google_drive, dropbox, s3, http). */
  connectors: Array<Scalars['String']['output']>;
  definition: Scalars['JSONObject']['output'];
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Names the caller fills in when instantiating, e.g. a Slack channel. */
  parameters: Array<Scalars['String']['output']>;
  /** The events a person produces by hand today, starting with the trigger; a pattern with this sequence suggests the template. */
  pattern: Array<EventPatternStep>;
  /** The event that starts the work the template automates. */
  trigger: EventPatternStep;
};

/**
 * An immutable saved definition. `definition` is `{ steps: [{ id, type, config, retry?, timeoutMs? }],
 * edges: [{ from, to, when? }] }`; see docs/workflows.md for the step types.
 */
export type WorkflowVersion = {
  __typename?: 'WorkflowVersion';
  createdAt: Scalars['DateTime']['output'];
  createdBy: User;
  definition: Scalars['JSONObject']['output'];
  id: Scalars['ID']['output'];
  /** Whether this is the workflow's live version. */
  isLive: Scalars['Boolean']['output'];
  version: Scalars['Int']['output'];
};

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
}>;

export type SubscriptionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  executionUpdated?: SubscriptionResolver<ResolversTypes['Execution'], "executionUpdated", ParentType, ContextType, RequireFields<SubscriptionExecutionUpdatedArgs, 'executionId'>>;
}>;

export type SuggestionResolvers<ContextType = WorkflowContext, ParentType extends ResolversParentTypes['Suggestion'] = ResolversParentTypes['Suggestion'], FederationReferenceType extends FederationReferenceTypes['Suggestion'] = FederationReferenceTypes['Suggestion']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Suggestion']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  workflowDefinition?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
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
  parameters?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  pattern?: Resolver<Array<ResolversTypes['EventPatternStep']>, ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['EventPatternStep'], ParentType, ContextType>;
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
