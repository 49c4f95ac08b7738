import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { supergraphPath } from '@flowgraph/supergraph';
import { compileErrors, validate } from '@readme/openapi-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { openApiDocument, openApiPath, shapeSchema, type JsonSchema } from '../src/rest/openapi';
import { restRoutes } from '../src/rest/routes';
import { repositoryRoot } from '../src/root';

const apiSchema = Supergraph.build(readFileSync(supergraphPath(repositoryRoot()), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();
const routes = restRoutes(apiSchema);
const document = openApiDocument(routes, apiSchema);
const operation = (path: string, method: string) => document.paths[path][method] as JsonSchema & { responses: Record<string, JsonSchema> };
const dataOf = (path: string, method = 'get') => {
  const ok = operation(path, method).responses['200'] as {
    content: { 'application/json': { schema: { properties: { data: JsonSchema } } } };
  };
  return ok.content['application/json'].schema.properties.data as JsonSchema & {
    properties: Record<string, JsonSchema>;
    items: JsonSchema;
  };
};

describe('the OpenAPI document of /api/v1', () => {
  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    const result = await validate(structuredClone(document) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.warnings).toEqual([]);
  });

  it("passes Redocly's recommended rules without errors or warnings", async () => {
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      // A private product's API: there is no public license to name.
      config: await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } }),
    });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('has every route of the table, by its operation, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${String(op.operationId)}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${openApiPath(r.path)} ${r.operation}`).sort());
    expect(document.servers).toEqual([{ url: '/api/v1' }]);
  });

  it('takes parameters and bodies from the zod schemas: path, strict query with defaults, JSON body', () => {
    expect(operation('/workflows/{id}', 'get').parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: expect.objectContaining({ type: 'string', format: 'uuid' }) },
    ]);
    expect(operation('/events', 'get').parameters).toEqual(
      expect.arrayContaining([
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        { name: 'from', in: 'query', required: false, schema: expect.objectContaining({ type: 'string', format: 'date-time' }) },
      ]),
    );
    const login = operation('/auth/login', 'post');
    expect(login.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: expect.objectContaining({ type: 'object', required: ['email', 'password'], additionalProperties: false }),
        },
      },
    });
    expect(login.responses['415']).toEqual({ $ref: '#/components/responses/UnsupportedMediaType' });
  });

  it('derives answers from the GraphQL types: snake_case keys, scalars, enums, nullability and descriptions', () => {
    const workflow = dataOf('/workflows/{id}');
    expect(workflow.required).toEqual(expect.arrayContaining(['id', 'is_active', 'live_version', 'created_at']));
    expect(workflow.additionalProperties).toBe(false);
    expect(workflow.properties.concurrency_limit).toEqual(expect.objectContaining({ type: 'integer', description: expect.any(String) }));
    expect(workflow.properties.created_at).toEqual(expect.objectContaining({ type: 'string', format: 'date-time' }));
    expect(workflow.properties.live_version.type).toEqual(['object', 'null']);
    const event = dataOf('/events').items as { properties: Record<string, JsonSchema> };
    expect(event.properties.payload).toEqual(expect.objectContaining({ type: 'object', additionalProperties: true }));
    const membership = (dataOf('/me').properties.memberships.items as { properties: Record<string, JsonSchema> }).properties;
    expect(membership.role).toEqual(expect.objectContaining({ type: 'string', enum: expect.arrayContaining(['OWNER']) }));
    expect(shapeSchema({ kind: 'enum', nullable: true, values: ['A'] })).toEqual({ type: ['string', 'null'], enum: ['A', null] });
    expect(() => shapeSchema({ kind: 'scalar', nullable: false, scalar: 'Upload' })).toThrow(
      /no JSON Schema for the GraphQL scalar Upload/,
    );
  });

  it('documents pages, caching, errors and credentials the way the shim answers', () => {
    const list = operation('/events', 'get').responses;
    expect(list['200']).toEqual(
      expect.objectContaining({
        headers: expect.objectContaining({ Link: { $ref: '#/components/headers/Link' }, ETag: { $ref: '#/components/headers/ETag' } }),
      }),
    );
    expect(list['304']).toEqual({ $ref: '#/components/responses/NotModified' });
    expect(Object.keys(list)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '405', '429', '500', '503']));
    expect(document.components.responses.TooManyRequests.headers).toEqual(
      expect.objectContaining({ 'Retry-After': { $ref: '#/components/headers/Retry-After' } }),
    );
    expect(Object.keys(operation('/events', 'post').responses)).toEqual(expect.arrayContaining(['409', '413', '415']));
    expect(operation('/auth/login', 'post').security).toEqual([]);
    expect(operation('/me', 'get').security).toBeUndefined(); // the document's: bearer JWT or x-api-key
    expect(document.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
  });
});
