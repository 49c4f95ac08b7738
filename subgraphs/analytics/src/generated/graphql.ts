import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Pattern as PatternModel } from '../modules/patterns/pattern.entity';
import type { Suggestion as SuggestionModel } from '../modules/suggestions/suggestion.entity';
import type { AnalyticsContext } from '../context';
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
  /** A calendar date (YYYY-MM-DD), in UTC. */
  Date: { input: string; output: string; }
  /** An ISO-8601 date-time in UTC. */
  DateTime: { input: Date | string; output: Date | string; }
  /** A JSON object. */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Options for acceptSuggestion; every field is optional. */
export type AcceptSuggestionInput = {
  /** Also publish and activate the workflow, in the same call to the Workflow subgraph, so its trigger fires at once. Default false: created inactive and unpublished. */
  activate?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name of the workflow; the suggestion's title when omitted. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Template parameters; given ones replace the suggestion's prefilled ones. */
  parameters?: InputMaybe<Scalars['JSONObject']['input']>;
};

/** What acceptSuggestion returns. */
export type AcceptSuggestionPayload = {
  __typename?: 'AcceptSuggestionPayload';
  /** The suggestion, now ACCEPTED. */
  suggestion: Suggestion;
  /** When the template's trigger is a WEBHOOK: its signing secret, shown only by the accept that created the workflow; null otherwise. */
  webhookSecret?: Maybe<Scalars['String']['output']>;
  /** The workflow created from the suggestion's template, with the template's trigger (inactive and unpublished unless `input.activate`). */
  workflow: Workflow;
};

/** How many members reached each step of activation, among those who signed up in the period. */
export type ActivationFunnel = {
  __typename?: 'ActivationFunnel';
  /** Of those, the members who have since sent an event from a connected tool. */
  firstEvent: Scalars['Int']['output'];
  /** Of those, the members with a workflow of theirs that has since succeeded at least once. */
  firstSuccessfulRun: Scalars['Int']['output'];
  /** Of those, the members who have since created a workflow. */
  firstWorkflow: Scalars['Int']['output'];
  /** Members who signed up with the organization or joined it in the period. */
  signedUp: Scalars['Int']['output'];
};

/** Activity of one day. */
export type ActivityDay = {
  __typename?: 'ActivityDay';
  /** Users with at least one event that day (DAU). */
  activeUsers: Scalars['Int']['output'];
  /** The day (UTC). */
  day: Scalars['Date']['output'];
  /** Succeeded over finished executions that day, from 0 to 1; null when none finished. */
  executionSuccessRate?: Maybe<Scalars['Float']['output']>;
  /** Executions that finished that day and failed (cancelled ones count in neither). */
  executionsFailed: Scalars['Int']['output'];
  /** Executions that finished that day and succeeded. */
  executionsSucceeded: Scalars['Int']['output'];
  /** Users with at least one event in the 30 days ending that day (MAU). */
  monthlyActiveUsers: Scalars['Int']['output'];
  /** Workflows created that day, deleted ones included. */
  workflowsCreated: Scalars['Int']['output'];
};

/** What dismissSuggestion returns. */
export type DismissSuggestionPayload = {
  __typename?: 'DismissSuggestionPayload';
  /** The suggestion, now DISMISSED. */
  suggestion: Suggestion;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Creates the suggested workflow with its trigger through the Workflow subgraph (which requires the admin role), published and active if `input.activate`, and marks the suggestion accepted. Accepting again returns the same workflow and changes nothing. The suggestion's own user or an admin. */
  acceptSuggestion: AcceptSuggestionPayload;
  /** Hides the suggestion until its pattern grows by the configured factor. The suggestion's own user or an admin. */
  dismissSuggestion: DismissSuggestionPayload;
  /** Recomputes the caller's organization's report figures now (at least yesterday and today, as the nightly job does) instead of waiting for 00:30 UTC, then returns the report for the days from `from` to `to`. Admins (an API key needs reports:read). */
  refreshOrganizationReport: RefreshOrganizationReportPayload;
};


export type MutationAcceptSuggestionArgs = {
  id: Scalars['ID']['input'];
  input?: InputMaybe<AcceptSuggestionInput>;
};


export type MutationDismissSuggestionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRefreshOrganizationReportArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};

/** The product dashboards of one organization, from the daily aggregates. */
export type OrganizationReport = {
  __typename?: 'OrganizationReport';
  /** How far the members who joined in the period have come. */
  activationFunnel: ActivationFunnel;
  /** One entry per day, oldest first, for the days aggregated so far (the job runs daily at 00:30 UTC, and whenever an admin calls refreshOrganizationReport); a day not yet aggregated has no entry. */
  activity: Array<ActivityDay>;
  /** When the figures were last computed: they count the events and suggestions Analytics had received by then, and Workflow's activity as it was then. Null: never computed yet (everything is empty). Figures of today are partial up to that instant. */
  aggregatedThrough?: Maybe<Scalars['DateTime']['output']>;
  /** Events per connected tool per day, by day then tool (Flowgraph's own events left out); a tool with no events on a day has no entry. */
  eventsPerToolPerDay: Array<ToolEventsDay>;
  /** The first day of the report (UTC), as asked. */
  from: Scalars['Date']['output'];
  /** Suggestions offered, accepted and dismissed in the period. */
  suggestions: SuggestionReport;
  /** The last day of the report (UTC, included), as asked. */
  to: Scalars['Date']['output'];
};

/** Relay page information, shared by every connection in the graph. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * A sequence of events a user repeats, found in their sessions by sequential-pattern mining
 * (PrefixSpan; see docs/decisions/0009).
 */
export type Pattern = {
  __typename?: 'Pattern';
  /** False once the latest mining no longer finds the pattern frequent; kept for history. */
  active: Scalars['Boolean']['output'];
  /** Support of the pattern divided by the support of its prefix (the pattern without its last step), from 0 to 1. */
  confidence: Scalars['Float']['output'];
  /** When mining first found it. */
  createdAt: Scalars['DateTime']['output'];
  /** A few sessions the pattern happened in, most recent first. */
  examples: Array<PatternExample>;
  /** Start of the earliest session containing it, within the mining window (by default the last 30 days). */
  firstSeenAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** End of the latest session containing it. */
  lastSeenAt: Scalars['DateTime']['output'];
  /** The steps, in the order they happen (other events may come between them). */
  sequence: Array<PatternStep>;
  /** The suggestion made from this pattern, if any. */
  suggestion?: Maybe<Suggestion>;
  /** Number of the user's sessions that contain the sequence. */
  support: Scalars['Int']['output'];
  /** How often it happened in the last 7 days against the 7 days before, as of the latest mining. */
  trend: PatternTrend;
  /** The user whose events it was found in. */
  user: User;
};

/** A page of patterns, most supported first. */
export type PatternConnection = {
  __typename?: 'PatternConnection';
  edges: Array<PatternEdge>;
  pageInfo: PageInfo;
};

export type PatternEdge = {
  __typename?: 'PatternEdge';
  cursor: Scalars['String']['output'];
  node: Pattern;
};

/** A session in which the pattern happened, as an example. */
export type PatternExample = {
  __typename?: 'PatternExample';
  /** When the session's last event happened. */
  endedAt: Scalars['DateTime']['output'];
  /** Number of events in the session. */
  eventCount: Scalars['Int']['output'];
  /** When the session's first event happened. */
  startedAt: Scalars['DateTime']['output'];
};

/** One step of a pattern: an event of a type, in a tool. */
export type PatternStep = {
  __typename?: 'PatternStep';
  /** The event type, in lower case as Core stores it, e.g. `pr.opened`. */
  eventType: Scalars['String']['output'];
  /** The tool, in lower case as Core stores it, e.g. `github`. */
  tool: Scalars['String']['output'];
};

/** How often the pattern happened in the last 7 days against the 7 days before. */
export type PatternTrend = {
  __typename?: 'PatternTrend';
  /** Which way it is going, from lastWeek and previousWeek. */
  direction: TrendDirection;
  /** Sessions containing the pattern in the last 7 days. */
  lastWeek: Scalars['Int']['output'];
  /** Sessions containing the pattern in the 7 days before those. */
  previousWeek: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Dashboards of the caller's organization for the days from `from` to `to` (at most 366 days). Admins. */
  organizationReport: OrganizationReport;
  /** A pattern of the caller's organization. */
  pattern?: Maybe<Pattern>;
  /** A suggestion of the caller's organization. */
  suggestion?: Maybe<Suggestion>;
};


export type QueryOrganizationReportArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


export type QueryPatternArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySuggestionArgs = {
  id: Scalars['ID']['input'];
};

/** What refreshOrganizationReport returns. */
export type RefreshOrganizationReportPayload = {
  __typename?: 'RefreshOrganizationReportPayload';
  /** The report for the days asked, with the figures just computed. */
  report: OrganizationReport;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Suggestions offered to the caller (new or reopened), in the caller's organization, as they happen. */
  suggestionAdded: Suggestion;
};

/**
 * "Automate this?": a pattern of the user's that a workflow template can do for them. At most one
 * per pattern; a dismissed suggestion comes back only when its pattern grows by a set factor.
 */
export type Suggestion = {
  __typename?: 'Suggestion';
  /** When it was accepted; null unless ACCEPTED. */
  acceptedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was first offered. */
  createdAt: Scalars['DateTime']['output'];
  /** When it was dismissed; null if it never was, or if it has reopened since. */
  dismissedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Estimated minutes a week the workflow would save, from how often the pattern happens. */
  estimatedMinutesSavedPerWeek: Scalars['Int']['output'];
  /** Why it is suggested, from the pattern, e.g. 'You opened a PR on GitHub and then posted in #reviews on Slack 14 times this week.' */
  explanation: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** When it was last offered (first offer, or reopened after its pattern grew). */
  offeredAt: Scalars['DateTime']['output'];
  /** Template parameters guessed from the pattern's events (for example the Slack channel); acceptSuggestion uses them unless given others. */
  parameters: Scalars['JSONObject']['output'];
  /** The pattern it was made from. */
  pattern: Pattern;
  /** Where it stands. */
  status: SuggestionStatus;
  /** The template that would automate the pattern. */
  template: WorkflowTemplate;
  /** The template's id, for the Workflow subgraph to fill the template's steps. */
  templateId: Scalars['ID']['output'];
  /** Short, e.g. 'Post to Slack when a PR is opened'. */
  title: Scalars['String']['output'];
  /** The user it is offered to: the one whose pattern it is. */
  user: User;
  /** The workflow created by accepting it. */
  workflow?: Maybe<Workflow>;
};

/** A page of suggestions, most recently offered first. */
export type SuggestionConnection = {
  __typename?: 'SuggestionConnection';
  edges: Array<SuggestionEdge>;
  pageInfo: PageInfo;
};

export type SuggestionEdge = {
  __typename?: 'SuggestionEdge';
  cursor: Scalars['String']['output'];
  node: Suggestion;
};

/** Suggestions over the report's period. */
export type SuggestionReport = {
  __typename?: 'SuggestionReport';
  /** Accepted over offered, from 0 to 1; null when none were offered. */
  acceptanceRate?: Maybe<Scalars['Float']['output']>;
  /** Suggestions accepted in the period. */
  accepted: Scalars['Int']['output'];
  /** Suggestions dismissed in the period. */
  dismissed: Scalars['Int']['output'];
  /** Suggestions offered in the period, counted on the day of their latest offer. */
  offered: Scalars['Int']['output'];
};

/** Where a suggestion stands. */
export type SuggestionStatus =
  /** Accepted: its workflow exists, and it stays accepted. */
  | 'ACCEPTED'
  /** Dismissed: it reopens (as OPEN) if its pattern's support grows by the configured factor (2 by default). */
  | 'DISMISSED'
  /** Offered and not yet answered. */
  | 'OPEN';

/** Events stored for one tool on one day. */
export type ToolEventsDay = {
  __typename?: 'ToolEventsDay';
  /** The day (UTC). */
  day: Scalars['Date']['output'];
  /** Events that happened in that tool that day (by occurredAt). */
  events: Scalars['Int']['output'];
  /** The connected tool, in lower case, e.g. `github`. */
  tool: Scalars['String']['output'];
};

/** Which way a pattern's weekly count is going. */
export type TrendDirection =
  /** Fewer than 0.8 times as many sessions last week as the week before (including none after some). */
  | 'FALLING'
  /** First seen within the last 7 days. */
  | 'NEW'
  /** More than 1.25 times as many sessions last week as the week before (including some after none). */
  | 'RISING'
  /** Within 25 % of the week before, or none in either week. */
  | 'STEADY';

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** Patterns found in this user's events in the caller's organization, most supported first (active ones only). */
  patterns: PatternConnection;
  /** Suggestions made to this user in the caller's organization, most recently offered first. */
  suggestions: SuggestionConnection;
};


export type UserPatternsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type UserSuggestionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<SuggestionStatus>;
};

export type Workflow = {
  __typename?: 'Workflow';
  id: Scalars['ID']['output'];
};

export type WorkflowTemplate = {
  __typename?: 'WorkflowTemplate';
  id: Scalars['ID']['output'];
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
  Pattern: Pattern;
  Suggestion: Suggestion;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Pattern:
    ( { __typename: 'Pattern' }
    & GraphQLRecursivePick<FederationTypes['Pattern'], {"id":true}> );
  Suggestion:
    ( { __typename: 'Suggestion' }
    & GraphQLRecursivePick<FederationTypes['Suggestion'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AcceptSuggestionInput: AcceptSuggestionInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AcceptSuggestionPayload: ResolverTypeWrapper<Omit<AcceptSuggestionPayload, 'suggestion' | 'workflow'> & { suggestion: ResolversTypes['Suggestion'], workflow: ResolversTypes['Workflow'] }>;
  ActivationFunnel: ResolverTypeWrapper<ActivationFunnel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ActivityDay: ResolverTypeWrapper<ActivityDay>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DismissSuggestionPayload: ResolverTypeWrapper<Omit<DismissSuggestionPayload, 'suggestion'> & { suggestion: ResolversTypes['Suggestion'] }>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  OrganizationReport: ResolverTypeWrapper<OrganizationReport>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Pattern: ResolverTypeWrapper<PatternModel>;
  PatternConnection: ResolverTypeWrapper<Omit<PatternConnection, 'edges'> & { edges: Array<ResolversTypes['PatternEdge']> }>;
  PatternEdge: ResolverTypeWrapper<Omit<PatternEdge, 'node'> & { node: ResolversTypes['Pattern'] }>;
  PatternExample: ResolverTypeWrapper<PatternExample>;
  PatternStep: ResolverTypeWrapper<PatternStep>;
  PatternTrend: ResolverTypeWrapper<PatternTrend>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefreshOrganizationReportPayload: ResolverTypeWrapper<RefreshOrganizationReportPayload>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Suggestion: ResolverTypeWrapper<SuggestionModel>;
  SuggestionConnection: ResolverTypeWrapper<Omit<SuggestionConnection, 'edges'> & { edges: Array<ResolversTypes['SuggestionEdge']> }>;
  SuggestionEdge: ResolverTypeWrapper<Omit<SuggestionEdge, 'node'> & { node: ResolversTypes['Suggestion'] }>;
  SuggestionReport: ResolverTypeWrapper<SuggestionReport>;
  SuggestionStatus: SuggestionStatus;
  ToolEventsDay: ResolverTypeWrapper<ToolEventsDay>;
  TrendDirection: TrendDirection;
  User: ResolverTypeWrapper<{ id: string }>;
  Workflow: ResolverTypeWrapper<{ id: string }>;
  WorkflowTemplate: ResolverTypeWrapper<{ id: string }>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AcceptSuggestionInput: AcceptSuggestionInput;
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
  AcceptSuggestionPayload: Omit<AcceptSuggestionPayload, 'suggestion' | 'workflow'> & { suggestion: ResolversParentTypes['Suggestion'], workflow: ResolversParentTypes['Workflow'] };
  ActivationFunnel: ActivationFunnel;
  Int: Scalars['Int']['output'];
  ActivityDay: ActivityDay;
  Float: Scalars['Float']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DismissSuggestionPayload: Omit<DismissSuggestionPayload, 'suggestion'> & { suggestion: ResolversParentTypes['Suggestion'] };
  JSONObject: Scalars['JSONObject']['output'];
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  OrganizationReport: OrganizationReport;
  PageInfo: PageInfo;
  Pattern: PatternModel;
  PatternConnection: Omit<PatternConnection, 'edges'> & { edges: Array<ResolversParentTypes['PatternEdge']> };
  PatternEdge: Omit<PatternEdge, 'node'> & { node: ResolversParentTypes['Pattern'] };
  PatternExample: PatternExample;
  PatternStep: PatternStep;
  PatternTrend: PatternTrend;
  Query: Record<PropertyKey, never>;
  RefreshOrganizationReportPayload: RefreshOrganizationReportPayload;
  Subscription: Record<PropertyKey, never>;
  Suggestion: SuggestionModel;
  SuggestionConnection: Omit<SuggestionConnection, 'edges'> & { edges: Array<ResolversParentTypes['SuggestionEdge']> };
  SuggestionEdge: Omit<SuggestionEdge, 'node'> & { node: ResolversParentTypes['Suggestion'] };
  SuggestionReport: SuggestionReport;
  ToolEventsDay: ToolEventsDay;
  User: { id: string };
  Workflow: { id: string };
  WorkflowTemplate: { id: string };
}>;

export type AcceptSuggestionPayloadResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['AcceptSuggestionPayload'] = ResolversParentTypes['AcceptSuggestionPayload']> = ResolversObject<{
  suggestion?: Resolver<ResolversTypes['Suggestion'], ParentType, ContextType>;
  webhookSecret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workflow?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType>;
}>;

export type ActivationFunnelResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['ActivationFunnel'] = ResolversParentTypes['ActivationFunnel']> = ResolversObject<{
  firstEvent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstSuccessfulRun?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstWorkflow?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signedUp?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ActivityDayResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['ActivityDay'] = ResolversParentTypes['ActivityDay']> = ResolversObject<{
  activeUsers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  day?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  executionSuccessRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  executionsFailed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  executionsSucceeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  monthlyActiveUsers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  workflowsCreated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DismissSuggestionPayloadResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['DismissSuggestionPayload'] = ResolversParentTypes['DismissSuggestionPayload']> = ResolversObject<{
  suggestion?: Resolver<ResolversTypes['Suggestion'], ParentType, ContextType>;
}>;

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type MutationResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acceptSuggestion?: Resolver<ResolversTypes['AcceptSuggestionPayload'], ParentType, ContextType, RequireFields<MutationAcceptSuggestionArgs, 'id'>>;
  dismissSuggestion?: Resolver<ResolversTypes['DismissSuggestionPayload'], ParentType, ContextType, RequireFields<MutationDismissSuggestionArgs, 'id'>>;
  refreshOrganizationReport?: Resolver<ResolversTypes['RefreshOrganizationReportPayload'], ParentType, ContextType, RequireFields<MutationRefreshOrganizationReportArgs, 'from' | 'to'>>;
}>;

export type OrganizationReportResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['OrganizationReport'] = ResolversParentTypes['OrganizationReport']> = ResolversObject<{
  activationFunnel?: Resolver<ResolversTypes['ActivationFunnel'], ParentType, ContextType>;
  activity?: Resolver<Array<ResolversTypes['ActivityDay']>, ParentType, ContextType>;
  aggregatedThrough?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eventsPerToolPerDay?: Resolver<Array<ResolversTypes['ToolEventsDay']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  suggestions?: Resolver<ResolversTypes['SuggestionReport'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PatternResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Pattern'] = ResolversParentTypes['Pattern'], FederationReferenceType extends FederationReferenceTypes['Pattern'] = FederationReferenceTypes['Pattern']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Pattern']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  examples?: Resolver<Array<ResolversTypes['PatternExample']>, ParentType, ContextType>;
  firstSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sequence?: Resolver<Array<ResolversTypes['PatternStep']>, ParentType, ContextType>;
  suggestion?: Resolver<Maybe<ResolversTypes['Suggestion']>, ParentType, ContextType>;
  support?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trend?: Resolver<ResolversTypes['PatternTrend'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type PatternConnectionResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['PatternConnection'] = ResolversParentTypes['PatternConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PatternEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type PatternEdgeResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['PatternEdge'] = ResolversParentTypes['PatternEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Pattern'], ParentType, ContextType>;
}>;

export type PatternExampleResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['PatternExample'] = ResolversParentTypes['PatternExample']> = ResolversObject<{
  endedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type PatternStepResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['PatternStep'] = ResolversParentTypes['PatternStep']> = ResolversObject<{
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tool?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PatternTrendResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['PatternTrend'] = ResolversParentTypes['PatternTrend']> = ResolversObject<{
  direction?: Resolver<ResolversTypes['TrendDirection'], ParentType, ContextType>;
  lastWeek?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  previousWeek?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  organizationReport?: Resolver<ResolversTypes['OrganizationReport'], ParentType, ContextType, RequireFields<QueryOrganizationReportArgs, 'from' | 'to'>>;
  pattern?: Resolver<Maybe<ResolversTypes['Pattern']>, ParentType, ContextType, RequireFields<QueryPatternArgs, 'id'>>;
  suggestion?: Resolver<Maybe<ResolversTypes['Suggestion']>, ParentType, ContextType, RequireFields<QuerySuggestionArgs, 'id'>>;
}>;

export type RefreshOrganizationReportPayloadResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['RefreshOrganizationReportPayload'] = ResolversParentTypes['RefreshOrganizationReportPayload']> = ResolversObject<{
  report?: Resolver<ResolversTypes['OrganizationReport'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  suggestionAdded?: SubscriptionResolver<ResolversTypes['Suggestion'], "suggestionAdded", ParentType, ContextType>;
}>;

export type SuggestionResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Suggestion'] = ResolversParentTypes['Suggestion'], FederationReferenceType extends FederationReferenceTypes['Suggestion'] = FederationReferenceTypes['Suggestion']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Suggestion']> | FederationReferenceType, FederationReferenceType, ContextType>;
  acceptedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dismissedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  estimatedMinutesSavedPerWeek?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  explanation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  offeredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  parameters?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  pattern?: Resolver<ResolversTypes['Pattern'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SuggestionStatus'], ParentType, ContextType>;
  template?: Resolver<ResolversTypes['WorkflowTemplate'], ParentType, ContextType>;
  templateId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  workflow?: Resolver<Maybe<ResolversTypes['Workflow']>, ParentType, ContextType>;
}>;

export type SuggestionConnectionResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['SuggestionConnection'] = ResolversParentTypes['SuggestionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['SuggestionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type SuggestionEdgeResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['SuggestionEdge'] = ResolversParentTypes['SuggestionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Suggestion'], ParentType, ContextType>;
}>;

export type SuggestionReportResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['SuggestionReport'] = ResolversParentTypes['SuggestionReport']> = ResolversObject<{
  acceptanceRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  accepted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dismissed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  offered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ToolEventsDayResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['ToolEventsDay'] = ResolversParentTypes['ToolEventsDay']> = ResolversObject<{
  day?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tool?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  patterns?: Resolver<ResolversTypes['PatternConnection'], ParentType, ContextType, Partial<UserPatternsArgs>>;
  suggestions?: Resolver<ResolversTypes['SuggestionConnection'], ParentType, ContextType, Partial<UserSuggestionsArgs>>;
}>;

export type WorkflowResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Workflow'] = ResolversParentTypes['Workflow']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WorkflowTemplateResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['WorkflowTemplate'] = ResolversParentTypes['WorkflowTemplate']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = AnalyticsContext> = ResolversObject<{
  AcceptSuggestionPayload?: AcceptSuggestionPayloadResolvers<ContextType>;
  ActivationFunnel?: ActivationFunnelResolvers<ContextType>;
  ActivityDay?: ActivityDayResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DismissSuggestionPayload?: DismissSuggestionPayloadResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  OrganizationReport?: OrganizationReportResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Pattern?: PatternResolvers<ContextType>;
  PatternConnection?: PatternConnectionResolvers<ContextType>;
  PatternEdge?: PatternEdgeResolvers<ContextType>;
  PatternExample?: PatternExampleResolvers<ContextType>;
  PatternStep?: PatternStepResolvers<ContextType>;
  PatternTrend?: PatternTrendResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RefreshOrganizationReportPayload?: RefreshOrganizationReportPayloadResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Suggestion?: SuggestionResolvers<ContextType>;
  SuggestionConnection?: SuggestionConnectionResolvers<ContextType>;
  SuggestionEdge?: SuggestionEdgeResolvers<ContextType>;
  SuggestionReport?: SuggestionReportResolvers<ContextType>;
  ToolEventsDay?: ToolEventsDayResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Workflow?: WorkflowResolvers<ContextType>;
  WorkflowTemplate?: WorkflowTemplateResolvers<ContextType>;
}>;

