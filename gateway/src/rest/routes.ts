import { z } from 'zod';
import type { persistedDocuments } from './generated/documents';

/** What a route reads from a request, validated: path parameters, query string and JSON body. */
export interface RouteInput {
  params: Record<string, string>;
  query: Record<string, unknown>;
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
  /**
   * Answered without credentials (log-in, refresh). What the OpenAPI document says of the route;
   * who may run the operation stays the graph's decision, as for every route.
   */
  public?: true;
  params?: z.ZodObject;
  /** Strict: a query parameter not listed is a 400. */
  query?: z.ZodObject;
  /** Present when the route takes a JSON body (415 for another content type). */
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

/** `limit` and `cursor`, the same on every list: cursor-based, bounded. */
const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(512).optional(),
};

const uuid = z.uuid();

export const routes: RestRoute[] = [
  {
    method: 'POST',
    path: '/auth/login',
    operation: 'RestLogIn',
    summary: 'Log in with email and password; returns an access token and a refresh token.',
    public: true,
    body: z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024), organization_id: uuid.optional() }),
    variables: ({ body }) => {
      const { email, password, organization_id } = body as { email: string; password: string; organization_id?: string };
      return { input: { email, password, ...(organization_id ? { organizationId: organization_id } : {}) } };
    },
    result: { path: 'logIn' },
  },
  {
    method: 'POST',
    path: '/auth/refresh',
    operation: 'RestRefreshSession',
    summary: 'Exchange a refresh token for a new pair of tokens (the old refresh token is spent).',
    public: true,
    body: z.strictObject({ refresh_token: z.string().min(1).max(2048) }),
    variables: ({ body }) => ({ refreshToken: (body as { refresh_token: string }).refresh_token }),
    result: { path: 'refreshSession' },
  },
  {
    method: 'POST',
    path: '/auth/logout',
    operation: 'RestLogOut',
    summary: "Revoke the caller's session.",
    variables: () => ({}),
    result: { path: 'logOut' },
  },
  {
    method: 'GET',
    path: '/me',
    operation: 'RestMe',
    summary: 'The caller: profile and memberships.',
    query: z.strictObject({}),
    variables: () => ({}),
    result: { path: 'me' },
  },
  {
    method: 'GET',
    path: '/events',
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
      const { limit, cursor, event_type, tool, from, to } = query as {
        limit: number;
        cursor?: string;
        event_type?: string;
        tool?: string;
        from?: string;
        to?: string;
      };
      const filter = { eventType: event_type, tool, from, to };
      const filtered = Object.values(filter).some((value) => value !== undefined);
      return { first: limit, after: cursor, ...(filtered ? { filter } : {}) };
    },
    result: { path: 'events', page: true },
  },
  {
    method: 'POST',
    path: '/events',
    operation: 'RestIngestEvents',
    summary: 'Ingest a batch of events; a result per item (created, duplicate or invalid).',
    body: z.strictObject({
      events: z
        .array(
          z.strictObject({
            idempotency_key: z.string().min(1).max(200),
            event_type: z.string().min(1).max(200),
            tool: z.string().min(1).max(100),
            occurred_at: z.iso.datetime({ offset: true }),
            payload: z.record(z.string(), z.unknown()),
          }),
        )
        .min(1)
        .max(1000),
    }),
    variables: ({ body }) => ({
      events: (
        body as { events: { idempotency_key: string; event_type: string; tool: string; occurred_at: string; payload: unknown }[] }
      ).events.map((event) => ({
        idempotencyKey: event.idempotency_key,
        eventType: event.event_type,
        tool: event.tool,
        occurredAt: event.occurred_at,
        payload: event.payload,
      })),
    }),
    result: { path: 'ingestEvents' },
  },
  {
    method: 'GET',
    path: '/workflows',
    operation: 'RestListWorkflows',
    summary: "The organization's workflows; filters: is_active, tag.",
    query: z.strictObject({ ...page, is_active: z.enum(['true', 'false']).optional(), tag: z.string().min(1).max(100).optional() }),
    variables: ({ query }) => {
      const { limit, cursor, is_active, tag } = query as { limit: number; cursor?: string; is_active?: 'true' | 'false'; tag?: string };
      const filter = { ...(is_active ? { isActive: is_active === 'true' } : {}), ...(tag ? { tag } : {}) };
      return { first: limit, after: cursor, ...(Object.keys(filter).length > 0 ? { filter } : {}) };
    },
    result: { path: 'workflows', page: true },
  },
  {
    method: 'GET',
    path: '/workflows/:id',
    operation: 'RestGetWorkflow',
    summary: 'One workflow.',
    params: z.strictObject({ id: uuid }),
    query: z.strictObject({}),
    variables: ({ params }) => ({ id: params.id }),
    result: { path: 'workflow' },
  },
];
