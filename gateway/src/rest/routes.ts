import { isEnumType, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import type { persistedDocuments } from './generated/documents';

/** What a route reads from a request, validated: path parameters, query string, headers and JSON body. */
export interface RouteInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

/**
 * One /api/v1 route: a thin mapping to one named operation of `operations.graphql`. Everything
 * else (authentication, roles, rate limits, operation limits, caching, audit, tracing) is the
 * graph's, applied once by the gateway's own pipeline.
 */
export interface RestRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Express path under /api/v1, e.g. `/workflows/:id`. */
  path: string;
  operation: keyof typeof persistedDocuments;
  summary: string;
  /** The resource, for grouping (OpenAPI tags). */
  tag: string;
  /**
   * Answered without credentials (log-in, refresh). What the OpenAPI document says of the route;
   * who may run the operation stays the graph's decision, as for every route.
   */
  public?: true;
  params?: z.ZodObject;
  /** Strict: a query parameter not listed is a 400. */
  query?: z.ZodObject;
  /** Request headers the route reads (others are ignored). */
  headers?: z.ZodObject;
  /** Present when the route takes a JSON body (415 for another content type). Strict objects. */
  body?: z.ZodType;
  /** 200 unless said. */
  status?: number;
  variables(input: RouteInput): Record<string, unknown>;
  /**
   * Where the answer is in the operation's data: a dotted path of fields (`workflow`,
   * `createWorkflow.workflow`). `page`: it is a connection, answered as a page of its nodes. A
   * null there is 404.
   */
  result: { path: string; page?: true };
}

type Infer<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;

/** A route whose `variables` sees its input typed by its own schemas. */
function route<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  H extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  definition: Omit<RestRoute, 'params' | 'query' | 'headers' | 'body' | 'variables'> & {
    params?: P;
    query?: Q;
    headers?: H;
    body?: B;
    variables(input: { params: Infer<P>; query: Infer<Q>; headers: Infer<H>; body: Infer<B> }): Record<string, unknown>;
  },
): RestRoute {
  return definition as unknown as RestRoute;
}

/** `limit` and `cursor`, the same on every list: cursor-based, bounded. */
const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(512).optional(),
};
const pageVariables = (query: { limit: number; cursor?: string }) => ({ first: query.limit, after: query.cursor });

const byId = z.strictObject({ id: z.uuid() });
const noQuery = z.strictObject({});
const json = z.record(z.string(), z.unknown());

/** Only the fields given: REST's absent field is GraphQL's absent argument. */
const defined = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));

/**
 * The route table. Enumerated parameters take the GraphQL enum's values from `schema`, so a value
 * the graph adds is accepted here too.
 */
export function restRoutes(schema: GraphQLSchema): RestRoute[] {
  const enumOf = (name: string) => {
    const type = schema.getType(name);
    if (!isEnumType(type)) throw new Error(`${name} is not an enum of the API schema`);
    return z.enum(type.getValues().map((value) => value.name) as [string, ...string[]]);
  };
  const workflowFields = {
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    tags: z.array(z.string().min(1).max(50)).max(20).optional(),
    definition: json.optional(),
    concurrency_limit: z.number().int().min(1).optional(),
  };
  const workflowInput = (body: {
    name?: string;
    description?: string;
    tags?: string[];
    definition?: Record<string, unknown>;
    concurrency_limit?: number;
  }) =>
    defined({
      name: body.name,
      description: body.description,
      tags: body.tags,
      definition: body.definition,
      concurrencyLimit: body.concurrency_limit,
    });

  return [
    // ── auth ──
    route({
      method: 'POST',
      path: '/auth/login',
      tag: 'auth',
      operation: 'RestLogIn',
      summary: 'Log in with email and password; returns an access token and a refresh token.',
      public: true,
      body: z.strictObject({
        email: z.string().min(1).max(320),
        password: z.string().min(1).max(1024),
        organization_id: z.uuid().optional(),
      }),
      variables: ({ body }) => ({ input: defined({ email: body.email, password: body.password, organizationId: body.organization_id }) }),
      result: { path: 'logIn' },
    }),
    route({
      method: 'POST',
      path: '/auth/refresh',
      tag: 'auth',
      operation: 'RestRefreshSession',
      summary: 'Exchange a refresh token for a new pair of tokens (the old refresh token is spent).',
      public: true,
      body: z.strictObject({ refresh_token: z.string().min(1).max(2048) }),
      variables: ({ body }) => ({ refreshToken: body.refresh_token }),
      result: { path: 'refreshSession' },
    }),
    route({
      method: 'POST',
      path: '/auth/logout',
      tag: 'auth',
      operation: 'RestLogOut',
      summary: "Revoke the caller's session.",
      variables: () => ({}),
      result: { path: 'logOut' },
    }),
    // ── account ──
    route({
      method: 'GET',
      path: '/me',
      tag: 'account',
      operation: 'RestMe',
      summary: 'The caller: profile and memberships.',
      query: noQuery,
      variables: () => ({}),
      result: { path: 'me' },
    }),
    // ── events ──
    route({
      method: 'GET',
      path: '/events',
      tag: 'events',
      operation: 'RestListEvents',
      summary: "The organization's events, newest first; filters: event_type, tool, from, to.",
      query: z.strictObject({
        ...page,
        event_type: z.string().min(1).max(200).optional(),
        tool: z.string().min(1).max(100).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      }),
      variables: ({ query }) => {
        const filter = defined({ eventType: query.event_type, tool: query.tool, from: query.from, to: query.to });
        return { ...pageVariables(query), ...(Object.keys(filter).length > 0 ? { filter } : {}) };
      },
      result: { path: 'events', page: true },
    }),
    route({
      method: 'POST',
      path: '/events',
      tag: 'events',
      operation: 'RestIngestEvents',
      summary: 'Ingest a batch of 1 to 1,000 events; a result per item (created, duplicate or invalid).',
      body: z.strictObject({
        events: z
          .array(
            z.strictObject({
              idempotency_key: z.string().min(1).max(200),
              event_type: z.string().min(1).max(200),
              tool: z.string().min(1).max(100),
              occurred_at: z.iso.datetime({ offset: true }),
              payload: json,
            }),
          )
          .min(1)
          .max(1000),
      }),
      variables: ({ body }) => ({
        events: body.events.map((event) => ({
          idempotencyKey: event.idempotency_key,
          eventType: event.event_type,
          tool: event.tool,
          occurredAt: event.occurred_at,
          payload: event.payload,
        })),
      }),
      result: { path: 'ingestEvents' },
    }),
    // ── patterns and suggestions ──
    route({
      method: 'GET',
      path: '/patterns',
      tag: 'patterns',
      operation: 'RestListPatterns',
      summary: "The caller's patterns, strongest first.",
      query: z.strictObject(page),
      variables: ({ query }) => pageVariables(query),
      result: { path: 'me.patterns', page: true },
    }),
    route({
      method: 'GET',
      path: '/suggestions',
      tag: 'suggestions',
      operation: 'RestListSuggestions',
      summary: "The caller's suggestions; filter: status.",
      query: z.strictObject({ ...page, status: enumOf('SuggestionStatus').optional() }),
      variables: ({ query }) => ({ ...pageVariables(query), ...defined({ status: query.status }) }),
      result: { path: 'me.suggestions', page: true },
    }),
    route({
      method: 'POST',
      path: '/suggestions/:id/accept',
      tag: 'suggestions',
      operation: 'RestAcceptSuggestion',
      summary: 'Accept a suggestion: creates its workflow (optionally named, parameterised and activated).',
      params: byId,
      body: z
        .strictObject({ name: z.string().min(1).max(200).optional(), parameters: json.optional(), activate: z.boolean().optional() })
        .optional(),
      variables: ({ params, body }) => ({
        id: params.id,
        input: defined({ name: body?.name, parameters: body?.parameters, activate: body?.activate }),
      }),
      result: { path: 'acceptSuggestion' },
    }),
    route({
      method: 'POST',
      path: '/suggestions/:id/dismiss',
      tag: 'suggestions',
      operation: 'RestDismissSuggestion',
      summary: 'Dismiss a suggestion.',
      params: byId,
      variables: ({ params }) => ({ id: params.id }),
      result: { path: 'dismissSuggestion.suggestion' },
    }),
    // ── workflows ──
    route({
      method: 'GET',
      path: '/workflows',
      tag: 'workflows',
      operation: 'RestListWorkflows',
      summary: "The organization's workflows; filters: is_active, tag.",
      query: z.strictObject({ ...page, is_active: z.enum(['true', 'false']).optional(), tag: z.string().min(1).max(100).optional() }),
      variables: ({ query }) => {
        const filter = defined({ isActive: query.is_active === undefined ? undefined : query.is_active === 'true', tag: query.tag });
        return { ...pageVariables(query), ...(Object.keys(filter).length > 0 ? { filter } : {}) };
      },
      result: { path: 'workflows', page: true },
    }),
    route({
      method: 'POST',
      path: '/workflows',
      tag: 'workflows',
      operation: 'RestCreateWorkflow',
      summary: 'Create a workflow (inactive, version 1 unpublished).',
      status: 201,
      body: z.strictObject(workflowFields),
      variables: ({ body }) => ({ input: workflowInput(body) }),
      result: { path: 'createWorkflow.workflow' },
    }),
    route({
      method: 'GET',
      path: '/workflows/:id',
      tag: 'workflows',
      operation: 'RestGetWorkflow',
      summary: 'One workflow.',
      params: byId,
      query: noQuery,
      variables: ({ params }) => ({ id: params.id }),
      result: { path: 'workflow' },
    }),
    route({
      method: 'PATCH',
      path: '/workflows/:id',
      tag: 'workflows',
      operation: 'RestUpdateWorkflow',
      summary: 'Change a workflow; a new definition is saved as a new version.',
      params: byId,
      body: z.strictObject({ ...workflowFields, name: workflowFields.name.optional() }),
      variables: ({ params, body }) => ({ id: params.id, input: workflowInput(body) }),
      result: { path: 'updateWorkflow.workflow' },
    }),
    route({
      method: 'DELETE',
      path: '/workflows/:id',
      tag: 'workflows',
      operation: 'RestDeleteWorkflow',
      summary: 'Delete a workflow (restorable for 30 days).',
      params: byId,
      variables: ({ params }) => ({ id: params.id }),
      result: { path: 'deleteWorkflow' },
    }),
    route({
      method: 'POST',
      path: '/workflows/:id/publish',
      tag: 'workflows',
      operation: 'RestPublishWorkflow',
      summary: 'Make a version the live one.',
      params: byId,
      body: z.strictObject({ version: z.number().int().min(1) }),
      variables: ({ params, body }) => ({ id: params.id, version: body.version }),
      result: { path: 'publishWorkflow.workflow' },
    }),
    route({
      method: 'POST',
      path: '/workflows/:id/execute',
      tag: 'workflows',
      operation: 'RestExecuteWorkflow',
      summary: 'Run the live version; `Idempotency-Key` makes a retry return the same execution.',
      status: 202,
      params: byId,
      headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
      body: z.strictObject({ input: json.optional() }).optional(),
      variables: ({ params, headers, body }) => ({
        input: defined({ workflowId: params.id, input: body?.input, idempotencyKey: headers['idempotency-key'] }),
      }),
      result: { path: 'executeWorkflow.execution' },
    }),
    route({
      method: 'GET',
      path: '/workflows/:id/executions',
      tag: 'executions',
      operation: 'RestListExecutions',
      summary: "A workflow's executions, newest first; filter: status.",
      params: byId,
      query: z.strictObject({ ...page, status: enumOf('ExecutionStatus').optional() }),
      variables: ({ params, query }) => ({ workflowId: params.id, ...pageVariables(query), ...defined({ status: query.status }) }),
      result: { path: 'executions', page: true },
    }),
    route({
      method: 'GET',
      path: '/executions/:id',
      tag: 'executions',
      operation: 'RestGetExecution',
      summary: 'One execution with its steps.',
      params: byId,
      query: noQuery,
      variables: ({ params }) => ({ id: params.id }),
      result: { path: 'execution' },
    }),
    route({
      method: 'POST',
      path: '/executions/:id/cancel',
      tag: 'executions',
      operation: 'RestCancelExecution',
      summary: 'Cancel a queued or running execution.',
      params: byId,
      variables: ({ params }) => ({ id: params.id }),
      result: { path: 'cancelExecution.execution' },
    }),
    // ── integrations ──
    route({
      method: 'GET',
      path: '/integrations',
      tag: 'integrations',
      operation: 'RestListIntegrations',
      summary: "The organization's integrations; filters: connector, status.",
      query: z.strictObject({
        ...page,
        connector: enumOf('IntegrationProvider').optional(),
        status: enumOf('IntegrationStatus').optional(),
      }),
      variables: ({ query }) => ({ ...pageVariables(query), ...defined({ connector: query.connector, status: query.status }) }),
      result: { path: 'integrations', page: true },
    }),
    route({
      method: 'GET',
      path: '/connectors',
      tag: 'integrations',
      operation: 'RestListConnectors',
      summary: 'The connectors Flowgraph offers (a fixed catalog, answered whole).',
      query: noQuery,
      variables: () => ({}),
      result: { path: 'connectors' },
    }),
  ];
}
