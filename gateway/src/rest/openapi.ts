import { ErrorCode, httpStatusOf } from '@flowgraph/kernel';
import type { GraphQLSchema } from 'graphql';
import { z, type ZodType } from 'zod';
import { persistedDocuments } from './generated/documents';
import { answerShape, type Shape } from './operation-shape';
import type { RestRoute } from './routes';

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect) as written into the document. */
export type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.1 document of /api/v1, as plain JSON. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    headers: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

/**
 * The error answers every route may give, by status: the component's name, what it means and
 * the codes its envelope carries (405, 413 and 415 are VALIDATION_ERROR with HTTP's own status).
 */
const errorResponses = {
  400: { name: 'BadRequest', description: 'Invalid input: a path, query or body field (see `details`), or malformed JSON.' },
  401: { name: 'Unauthorized', description: 'Credentials missing, malformed, expired or revoked.' },
  403: { name: 'Forbidden', description: 'Not allowed: role, organization, or an API key bound to another client.' },
  404: { name: 'NotFound', description: 'No such resource (or no such endpoint).' },
  405: {
    name: 'MethodNotAllowed',
    description: 'The path exists with other methods (listed in `Allow`).',
    codes: [ErrorCode.VALIDATION_ERROR],
  },
  409: { name: 'Conflict', description: 'The change conflicts with the current state.' },
  413: { name: 'PayloadTooLarge', description: 'The body is over the size limit.', codes: [ErrorCode.VALIDATION_ERROR] },
  415: { name: 'UnsupportedMediaType', description: 'The body must be `application/json`.', codes: [ErrorCode.VALIDATION_ERROR] },
  429: { name: 'TooManyRequests', description: 'Rate limited: retry after `Retry-After` seconds.' },
  500: { name: 'InternalError', description: 'Unexpected error (masked; quote `request_id`).' },
  503: { name: 'Unavailable', description: 'A dependency is unavailable for now: safe to retry after `Retry-After` seconds.' },
} satisfies Record<number, { name: string; description: string; codes?: ErrorCode[] }>;
type ErrorStatus = keyof typeof errorResponses;

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const ref = (section: 'schemas' | 'responses', name: string) => ({ $ref: `#/components/${section}/${name}` });

/** The JSON Schema of a route's input (path, query or body), as a client sends it. */
function inputSchema(schema: ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema;
  return json;
}

const graphqlScalars: Record<string, JsonSchema> = {
  ID: { type: 'string' },
  String: { type: 'string' },
  Int: { type: 'integer' },
  Float: { type: 'number' },
  Boolean: { type: 'boolean' },
  DateTime: { type: 'string', format: 'date-time' },
  Date: { type: 'string', format: 'date' },
  JSON: { type: 'object', additionalProperties: true },
  JSONObject: { type: 'object', additionalProperties: true },
};

/** `schema`, also allowing null when `nullable` (type lists, and null among enum values). */
function orNull(schema: JsonSchema, nullable: boolean): JsonSchema {
  if (!nullable) return schema;
  return { ...schema, type: [schema.type, 'null'], ...(schema.enum ? { enum: [...(schema.enum as unknown[]), null] } : {}) };
}

/** The JSON Schema of what the shim answers for a value of `shape` (snake_case keys, as `toRest` writes them). */
export function shapeSchema(shape: Shape): JsonSchema {
  switch (shape.kind) {
    case 'object':
      return orNull(
        {
          type: 'object',
          properties: Object.fromEntries(
            shape.fields.map((field) => [
              field.restKey,
              field.description ? { ...shapeSchema(field.shape), description: field.description } : shapeSchema(field.shape),
            ]),
          ),
          required: shape.fields.map((field) => field.restKey),
          additionalProperties: false,
        },
        shape.nullable,
      );
    case 'list':
      return orNull({ type: 'array', items: shapeSchema(shape.of) }, shape.nullable);
    case 'enum':
      return orNull({ type: 'string', enum: shape.values }, shape.nullable);
    case 'scalar': {
      const schema = graphqlScalars[shape.scalar];
      if (!schema) throw new Error(`no JSON Schema for the GraphQL scalar ${shape.scalar}: add it to graphqlScalars`);
      return orNull(schema, shape.nullable);
    }
  }
}

/** The error envelope (architecture-target.md §3.2) whose `code` is one of `codes`. */
function errorSchema(codes: ErrorCode[]): JsonSchema {
  return { allOf: [ref('schemas', 'Error'), { properties: { error: { properties: { code: { enum: codes } } } } }] };
}

function components(): OpenApiDocument['components'] {
  const responses: Record<string, JsonSchema> = {
    NotModified: { description: 'Unchanged since the `ETag` sent in `If-None-Match`.', headers: { ETag: headerRef('ETag') } },
  };
  for (const [status, response] of Object.entries(errorResponses) as [string, (typeof errorResponses)[ErrorStatus]][]) {
    const codes = 'codes' in response ? response.codes : Object.values(ErrorCode).filter((code) => httpStatusOf[code] === Number(status));
    const headers: Record<string, JsonSchema> = { 'X-Request-Id': headerRef('X-Request-Id') };
    if (status === '405') headers.Allow = headerRef('Allow');
    if (status === '429' || status === '503') headers['Retry-After'] = headerRef('Retry-After');
    responses[response.name] = {
      description: response.description,
      headers,
      content: { 'application/json': { schema: errorSchema(codes) } },
    };
  }
  return {
    schemas: {
      Error: {
        type: 'object',
        description: 'Every error answer: a catalog code, a message, field-level details and the request id (also in `X-Request-Id`).',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string', enum: Object.values(ErrorCode) },
              message: { type: 'string' },
              details: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { field: { type: 'string', description: 'e.g. `body.events.0.occurred_at`' }, message: { type: 'string' } },
                  required: ['field', 'message'],
                  additionalProperties: false,
                },
              },
              request_id: { type: 'string' },
            },
            required: ['code', 'message', 'details', 'request_id'],
            additionalProperties: false,
          },
        },
        required: ['error'],
        additionalProperties: false,
      },
    },
    responses,
    headers: {
      ETag: { description: 'Weak validator of a GET answer; send it back in `If-None-Match` for a 304.', schema: { type: 'string' } },
      Link: { description: 'The next page: `</api/v1/…&cursor=…>; rel="next"` (absent on the last page).', schema: { type: 'string' } },
      'Retry-After': { description: 'Seconds to wait before retrying.', required: true, schema: { type: 'integer', minimum: 0 } },
      Allow: { description: 'The methods this path answers.', schema: { type: 'string' } },
      'X-Request-Id': { description: "This request's id (also the error envelope's `request_id`).", schema: { type: 'string' } },
    },
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from `POST /auth/login`.' },
      apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: "An organization's API key." },
    },
  };
}

/** The statuses of errors `route` may answer with. */
function errorStatusesOf(route: RestRoute): ErrorStatus[] {
  const write = route.method !== 'GET';
  return [400, 401, 403, 404, 405, ...(write ? [409, 413] : []), ...(route.body ? [415] : []), 429, 500, 503] as ErrorStatus[];
}

function operationOf(route: RestRoute, apiSchema: GraphQLSchema): JsonSchema {
  const parameters: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = inputSchema(schema);
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(json.properties as Record<string, JsonSchema>)) {
      const { description, ...rest } = property;
      parameters.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  const data = shapeSchema({ ...answerShape(apiSchema, persistedDocuments[route.operation].body, route.result), nullable: false });
  const body = route.result.page
    ? {
        type: 'object',
        properties: { data, next_cursor: { type: ['string', 'null'], description: "The next page's `cursor`; null on the last page." } },
        required: ['data', 'next_cursor'],
        additionalProperties: false,
      }
    : { type: 'object', properties: { data }, required: ['data'], additionalProperties: false };
  const get = route.method === 'GET';
  const headers = {
    'X-Request-Id': headerRef('X-Request-Id'),
    ...(get ? { ETag: headerRef('ETag') } : {}),
    ...(route.result.page ? { Link: headerRef('Link') } : {}),
  };
  const responses: Record<string, JsonSchema> = {
    [String(route.status ?? 200)]: { description: route.summary, headers, content: { 'application/json': { schema: body } } },
    ...(get ? { 304: ref('responses', 'NotModified') } : {}),
    ...Object.fromEntries(errorStatusesOf(route).map((status) => [String(status), ref('responses', errorResponses[status].name)])),
  };
  return {
    operationId: route.operation,
    summary: route.summary,
    description: `Runs the GraphQL operation \`${route.operation}\`.${route.query ? ' Unknown query parameters are refused (400).' : ''}`,
    tags: [route.tag],
    ...(route.public ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(route.body) } } } } : {}),
    responses,
  };
}

/** Express's `/workflows/:id` → OpenAPI's `/workflows/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** What each group of routes (`RestRoute.tag`) is about. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: 'Sessions: log in, refresh, log out.',
  account: 'The caller.',
  events: "The organization's events: list and ingest.",
  patterns: "Patterns found in the caller's events.",
  suggestions: 'Automations offered from patterns: list, accept, dismiss.',
  workflows: 'Workflows: create, change, publish, run, delete.',
  executions: 'Runs of a workflow.',
  integrations: 'Connected services and the connector catalog.',
};

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route table the server runs (one
 * source of truth): inputs from the routes' zod schemas, answers from their operations'
 * selections over the public API schema (`answerShape`), the error envelope as one component.
 */
export function openApiDocument(routes: RestRoute[], apiSchema: GraphQLSchema): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operationOf(route, apiSchema);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Flowgraph REST API',
      version: '1',
      description: [
        'The REST face of the Flowgraph graph: each route runs one named GraphQL operation through the gateway, with the',
        'same authentication, limits and caching. Answers are `{ "data": … }`; lists add `next_cursor` and a `Link`',
        'header (`limit` 1–100, default 20). Errors are always the `Error` envelope with the status of its code.',
      ].join(' '),
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }, { apiKey: [] }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name })),
    paths,
    components: components(),
  };
}
