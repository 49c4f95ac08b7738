import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bearer, closedUrl, startFederation, type Federation } from '../support/federation-kit';
import { ContractViolation, openApiContract, type OpenApiDocumentLike } from '../support/openapi-contract';

let federation: Federation;
let base: string;
/** Every answer `call` sees is checked against the OpenAPI document the gateway serves. */
let contract: ReturnType<typeof openApiContract>;
let credentials: { email: string; password: string };
let auth: Record<string, string>;
let owner: { userId: string; orgId: string };

beforeAll(async () => {
  // Trusted documents enforced, as in production: a key bound to a client runs only its operations.
  federation = await startFederation({ BODY_LIMIT: '1mb', TRUSTED_DOCUMENTS_MODE: 'enforce' });
  base = federation.gateway.url.replace(/\/graphql$/, '/api/v1');
  contract = openApiContract((await (await fetch(`${base}/openapi.json`)).json()) as OpenApiDocumentLike);
  credentials = { email: `${randomUUID()}@example.com`, password: 'correct horse battery staple' };
  const signUp = await fetch(federation.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } organization { id } } }',
      variables: { input: { ...credentials, name: 'Ada', organizationName: 'Engines' } },
    }),
  });
  const { data } = (await signUp.json()) as {
    data: { signUp: { accessToken: string; user: { id: string }; organization: { id: string } } };
  };
  auth = { authorization: `Bearer ${data.signUp.accessToken}` };
  owner = { userId: data.signUp.user.id, orgId: data.signUp.organization.id };
});

afterAll(async () => {
  await federation.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: unknown;
    next_cursor?: string | null;
    error?: { code: string; message: string; details: { field: string; message: string }[]; request_id: string };
  };
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<Answer> {
  const json: Record<string, string> = options.body !== undefined ? { 'content-type': 'application/json' } : {};
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...json, ...options.headers },
    body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const text = await response.text();
  contract.check({ method, path, status: response.status, headers: response.headers, text });
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

const expectEnvelope = (answer: Answer, status: number, code: string) => {
  expect(answer.status).toBe(status);
  expect(answer.body.error).toEqual(expect.objectContaining({ code, message: expect.any(String), details: expect.any(Array) }));
  expect(answer.body.error!.request_id).toBe(answer.headers.get('x-request-id'));
};

describe('auth', () => {
  it('logs in, refreshes and logs out', async () => {
    const login = await call('POST', '/auth/login', { body: credentials });
    expect(login.status).toBe(200);
    const session = login.body.data as { access_token: string; refresh_token: string; user: { email: string }; role: string };
    expect(session.user.email).toBe(credentials.email);
    expect(session.role).toBe('OWNER');
    const refreshed = await call('POST', '/auth/refresh', { body: { refresh_token: session.refresh_token } });
    expect(refreshed.status).toBe(200);
    const { access_token } = refreshed.body.data as { access_token: string };
    const me = await call('GET', '/me', { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual(
      expect.objectContaining({ email: credentials.email, memberships: [expect.objectContaining({ role: 'OWNER' })] }),
    );
    const logout = await call('POST', '/auth/logout', { headers: { authorization: `Bearer ${access_token}` } });
    expect(logout.status).toBe(200);
    expect(logout.body.data).toEqual({ revoked: true });
    expectEnvelope(await call('GET', '/me', { headers: { authorization: `Bearer ${access_token}` } }), 401, 'UNAUTHENTICATED');
    // A spent refresh token is refused.
    expectEnvelope(await call('POST', '/auth/refresh', { body: { refresh_token: session.refresh_token } }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a wrong password, a malformed body and unknown fields with the envelope', async () => {
    expectEnvelope(await call('POST', '/auth/login', { body: { ...credentials, password: 'wrong wrong wrong' } }), 401, 'UNAUTHENTICATED');
    expectEnvelope(
      await call('POST', '/auth/login', { raw: '{"email":', headers: { 'content-type': 'application/json' } }),
      400,
      'VALIDATION_ERROR',
    );
    const unknown = await call('POST', '/auth/login', { body: { ...credentials, admin: true } });
    expectEnvelope(unknown, 400, 'VALIDATION_ERROR');
    expect(unknown.body.error!.details).toEqual([{ field: 'body.admin', message: 'Unknown field' }]);
    expect((await call('POST', '/auth/login', { raw: 'email=a', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });

  it('answers a bad token with 401 in the envelope', async () => {
    expectEnvelope(await call('GET', '/me', { headers: { authorization: 'Bearer not-a-token' } }), 401, 'UNAUTHENTICATED');
    expectEnvelope(await call('GET', '/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('events', () => {
  it('ingests a batch with per-item results, then pages through them with next_cursor and Link', async () => {
    const events = Array.from({ length: 5 }, (_, i) => ({
      idempotency_key: `rest-${i}`,
      event_type: 'push',
      tool: 'github',
      occurred_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      payload: { camelCase: i },
    }));
    const ingested = await call('POST', '/events', { body: { events: [...events, events[0]] }, headers: auth });
    expect(ingested.status).toBe(200);
    const result = ingested.body.data as {
      created_count: number;
      duplicate_count: number;
      results: { index: number; status: string }[];
    };
    expect(result.created_count).toBe(5);
    expect(result.duplicate_count).toBe(1);
    expect(result.results[5]).toEqual(expect.objectContaining({ index: 5, status: 'DUPLICATE' }));
    const malformed = await call('POST', '/events', { body: { events: [{ ...events[0], occurred_at: 'yesterday' }] }, headers: auth });
    expectEnvelope(malformed, 400, 'VALIDATION_ERROR');
    expect(malformed.body.error!.details).toEqual([{ field: 'body.events.0.occurred_at', message: expect.any(String) }]);

    const first = await call('GET', '/events?limit=2&tool=github', { headers: auth });
    expect(first.status).toBe(200);
    const page = first.body.data as { event_type: string; payload: Record<string, unknown> }[];
    expect(page).toHaveLength(2);
    expect(page[0].payload).toEqual({ camelCase: 4 }); // the caller's JSON keeps its keys
    expect(first.body.next_cursor).toEqual(expect.any(String));
    expect(first.headers.get('link')).toBe(
      `</api/v1/events?limit=2&tool=github&cursor=${encodeURIComponent(first.body.next_cursor!)}>; rel="next"`,
    );
    const second = await call('GET', `/events?limit=2&tool=github&cursor=${encodeURIComponent(first.body.next_cursor!)}`, {
      headers: auth,
    });
    expect((second.body.data as unknown[]).length).toBe(2);
    expect(second.body.data).not.toEqual(first.body.data);
  });

  it('refuses unknown parameters, a limit out of bounds and a tampered cursor with 400', async () => {
    const unknown = await call('GET', '/events?sort=desc', { headers: auth });
    expectEnvelope(unknown, 400, 'VALIDATION_ERROR');
    expect(unknown.body.error!.details).toEqual([{ field: 'query.sort', message: 'Unknown field' }]);
    expectEnvelope(await call('GET', '/events?limit=1000', { headers: auth }), 400, 'VALIDATION_ERROR');
    expectEnvelope(await call('GET', '/events?cursor=bm90LWEtY3Vyc29y', { headers: auth }), 400, 'VALIDATION_ERROR');
  });

  it('answers 304 to If-None-Match with the ETag of an unchanged list', async () => {
    const first = await call('GET', '/events?limit=3', { headers: auth });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    // The graph's policy (events carry no cache hint) and the credentials it depends on.
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('vary')).toMatch(/authorization, x-api-key/);
    const again = await call('GET', '/events?limit=3', { headers: { ...auth, 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('workflows', () => {
  it('lists workflows and answers 404 for an unknown one, 400 for a malformed id', async () => {
    const list = await call('GET', '/workflows?limit=5', { headers: auth });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [], next_cursor: null });
    expectEnvelope(await call('GET', `/workflows/${randomUUID()}`, { headers: auth }), 404, 'NOT_FOUND');
    expectEnvelope(await call('GET', '/workflows/not-a-uuid', { headers: auth }), 400, 'VALIDATION_ERROR');
  });
});

describe('paths and methods', () => {
  it('answers 404 for an unknown path and 405 with Allow for a known path with another method', async () => {
    expectEnvelope(await call('GET', '/nothing-here', { headers: auth }), 404, 'NOT_FOUND');
    const wrongMethod = await call('DELETE', '/events', { headers: auth });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
  });

  it('refuses an oversized body with 413 in the envelope', async () => {
    const big = await call('POST', '/events', {
      raw: JSON.stringify({ events: [{ payload: { pad: 'x'.repeat(1_100_000) } }] }),
      headers: { ...auth, 'content-type': 'application/json' },
    });
    expectEnvelope(big, 413, 'VALIDATION_ERROR');
  });
});

/** Writes as the database owner what the miner would (patterns and suggestions need days of history). */
async function asOwner(sql: string, values: unknown[]): Promise<void> {
  const client = new Client({ connectionString: federation.db.ownerUrl });
  await client.connect();
  try {
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** An open suggestion of the owner, with the pattern it came from. */
async function seedSuggestion(): Promise<{ patternId: string; suggestionId: string }> {
  const patternId = randomUUID();
  const suggestionId = randomUUID();
  await asOwner(
    `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at)
     values ($1, $2, $3, $4, 6, 0.8, now(), now())`,
    [
      patternId,
      owner.orgId,
      owner.userId,
      JSON.stringify([
        { tool: 'github', eventType: 'pr.opened' },
        { tool: 'slack', eventType: `message.${suggestionId}` },
      ]),
    ],
  );
  await asOwner(
    `insert into analytics.suggestions (id, org_id, user_id, pattern_id, template_id, status, title, explanation, parameters,
       estimated_minutes_saved_per_week, support_at_offer, offered_at)
     values ($1, $2, $3, $4, 'github-pr-opened-to-slack', 'open', 'Post PRs to Slack', 'You often do this', '{"channel": "#reviews"}', 10, 6, now())`,
    [suggestionId, owner.orgId, owner.userId, patternId],
  );
  return { patternId, suggestionId };
}

const definition = { steps: [{ id: 'first', type: 'transform', config: { expression: '{ "n": input.n }' } }], edges: [] };

describe('workflows and executions', () => {
  it('creates, reads, changes, publishes, runs (idempotently), lists and cancels, then deletes', async () => {
    const created = await call('POST', '/workflows', {
      body: { name: 'Nightly', tags: ['ops'], definition, concurrency_limit: 2 },
      headers: auth,
    });
    expect(created.status).toBe(201);
    const workflow = created.body.data as {
      id: string;
      name: string;
      is_active: boolean;
      concurrency_limit: number;
      latest_version: { version: number };
      live_version: null;
    };
    expect(workflow).toEqual(expect.objectContaining({ name: 'Nightly', is_active: false, concurrency_limit: 2, live_version: null }));
    const id = workflow.id;

    const read = await call('GET', `/workflows/${id}`, { headers: auth });
    expect(read.body.data).toEqual(workflow);
    const changed = await call('PATCH', `/workflows/${id}`, { body: { description: 'Every night' }, headers: auth });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toEqual(expect.objectContaining({ id, description: 'Every night', name: 'Nightly' }));
    expectEnvelope(await call('PATCH', `/workflows/${id}`, { body: { name: '' }, headers: auth }), 400, 'VALIDATION_ERROR');

    const noSuchVersion = await call('POST', `/workflows/${id}/publish`, { body: { version: 99 }, headers: auth });
    expectEnvelope(noSuchVersion, 400, 'VALIDATION_ERROR');
    expect(noSuchVersion.body.error!.details).toEqual([{ field: 'version', message: expect.stringMatching(/No version 99/) }]);
    const published = await call('POST', `/workflows/${id}/publish`, { body: { version: workflow.latest_version.version }, headers: auth });
    expect(published.status).toBe(200);
    expect(published.body.data).toEqual(expect.objectContaining({ live_version: { version: workflow.latest_version.version } }));

    const key = { ...auth, 'idempotency-key': `run-${randomUUID()}` };
    const run = await call('POST', `/workflows/${id}/execute`, { body: { input: { n: 1 } }, headers: key });
    expect(run.status).toBe(202);
    const execution = run.body.data as { id: string; status: string; input: Record<string, unknown>; workflow: { id: string } };
    expect(execution).toEqual(expect.objectContaining({ status: 'QUEUED', input: { n: 1 }, workflow: { id } }));
    const again = await call('POST', `/workflows/${id}/execute`, { body: { input: { n: 1 } }, headers: key });
    expect((again.body.data as { id: string }).id).toBe(execution.id);

    const executions = await call('GET', `/workflows/${id}/executions?status=QUEUED`, { headers: auth });
    expect(executions.body).toEqual({ data: [expect.objectContaining({ id: execution.id })], next_cursor: null });
    expectEnvelope(await call('GET', `/workflows/${id}/executions?status=DONE`, { headers: auth }), 400, 'VALIDATION_ERROR');
    const one = await call('GET', `/executions/${execution.id}`, { headers: auth });
    expect(one.body.data).toEqual(expect.objectContaining({ id: execution.id, steps: expect.any(Array) }));
    expectEnvelope(await call('GET', `/executions/${randomUUID()}`, { headers: auth }), 404, 'NOT_FOUND');

    const cancelled = await call('POST', `/executions/${execution.id}/cancel`, { headers: auth });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toEqual(expect.objectContaining({ id: execution.id, status: 'CANCELLED' }));
    // Cancelling again is answered with the execution as it is (the graph's cancel is idempotent).
    expect((await call('POST', `/executions/${execution.id}/cancel`, { headers: auth })).body.data).toEqual(
      expect.objectContaining({ status: 'CANCELLED' }),
    );

    const deleted = await call('DELETE', `/workflows/${id}`, { headers: auth });
    expect(deleted.status).toBe(200);
    expectEnvelope(await call('PATCH', `/workflows/${id}`, { body: { description: 'too late' }, headers: auth }), 409, 'CONFLICT');
    expect(deleted.body.data).toEqual(
      expect.objectContaining({
        restorable_until: expect.any(String),
        workflow: expect.objectContaining({ id }),
      }),
    );
    expectEnvelope(await call('DELETE', `/workflows/${randomUUID()}`, { headers: auth }), 404, 'NOT_FOUND');
  });
});

describe('patterns and suggestions', () => {
  it('lists patterns and suggestions, accepts one and dismisses another', async () => {
    const first = await seedSuggestion();
    const second = await seedSuggestion();
    const patterns = await call('GET', '/patterns?limit=1', { headers: auth });
    expect(patterns.status).toBe(200);
    expect(patterns.body.data).toEqual([
      expect.objectContaining({ support: 6, sequence: expect.arrayContaining([{ tool: 'github', event_type: 'pr.opened' }]) }),
    ]);
    expect(patterns.body.next_cursor).toEqual(expect.any(String));

    const open = await call('GET', '/suggestions?status=OPEN', { headers: auth });
    expect((open.body.data as { id: string }[]).map((s) => s.id).sort()).toEqual([first.suggestionId, second.suggestionId].sort());
    expectEnvelope(await call('GET', '/suggestions?status=open', { headers: auth }), 400, 'VALIDATION_ERROR');

    const accepted = await call('POST', `/suggestions/${first.suggestionId}/accept`, { body: { name: 'PRs to Slack' }, headers: auth });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toEqual(
      expect.objectContaining({
        suggestion: expect.objectContaining({ status: 'ACCEPTED', parameters: { channel: '#reviews' } }),
        workflow: expect.objectContaining({ name: 'PRs to Slack' }),
      }),
    );
    expectEnvelope(await call('POST', `/suggestions/${first.suggestionId}/dismiss`, { headers: auth }), 409, 'CONFLICT');
    const dismissed = await call('POST', `/suggestions/${second.suggestionId}/dismiss`, { headers: auth });
    expect(dismissed.body.data).toEqual(expect.objectContaining({ id: second.suggestionId, status: 'DISMISSED' }));
    expectEnvelope(await call('POST', `/suggestions/${randomUUID()}/dismiss`, { headers: auth }), 404, 'NOT_FOUND');
    expectEnvelope(await call('GET', '/patterns'), 401, 'UNAUTHENTICATED');
    expectEnvelope(await call('GET', '/suggestions'), 401, 'UNAUTHENTICATED');
  });
});

describe('integrations', () => {
  it('lists integrations and the connector catalog', async () => {
    const integrations = await call('GET', '/integrations?connector=GITHUB', { headers: auth });
    expect(integrations.body).toEqual({ data: [], next_cursor: null });
    expectEnvelope(await call('GET', '/integrations?connector=github', { headers: auth }), 400, 'VALIDATION_ERROR');
    const connectors = await call('GET', '/connectors', { headers: auth });
    expect(connectors.status).toBe(200);
    const github = (connectors.body.data as { id: string; auth_kind: string; actions: { input_schema: Record<string, unknown> }[] }[]).find(
      (c) => c.id === 'GITHUB',
    );
    expect(github).toEqual(expect.objectContaining({ auth_kind: 'OAUTH2' }));
    expectEnvelope(await call('GET', '/integrations'), 401, 'UNAUTHENTICATED');
  });
});

describe('every route', () => {
  const id = randomUUID();
  const event = { idempotency_key: 'k', event_type: 'push', tool: 'github', occurred_at: new Date().toISOString(), payload: {} };
  type Case = [method: string, path: string, body?: unknown];

  it('answers 401 in the envelope without a credential (all but log-in and refresh)', async () => {
    const cases: Case[] = [
      ['POST', '/auth/logout'],
      ['GET', '/me'],
      ['GET', '/events'],
      ['POST', '/events', { events: [event] }],
      ['GET', '/patterns'],
      ['GET', '/suggestions'],
      ['POST', `/suggestions/${id}/accept`, {}],
      ['POST', `/suggestions/${id}/dismiss`],
      ['GET', '/workflows'],
      ['POST', '/workflows', { name: 'x' }],
      ['GET', `/workflows/${id}`],
      ['PATCH', `/workflows/${id}`, { name: 'x' }],
      ['DELETE', `/workflows/${id}`],
      ['POST', `/workflows/${id}/publish`, { version: 1 }],
      ['POST', `/workflows/${id}/execute`],
      ['GET', `/workflows/${id}/executions`],
      ['GET', `/executions/${id}`],
      ['POST', `/executions/${id}/cancel`],
      ['GET', '/integrations'],
      ['GET', '/connectors'],
    ];
    for (const [method, path, body] of cases) expectEnvelope(await call(method, path, { body }), 401, 'UNAUTHENTICATED');
  });

  it('answers 400 with the field at fault for malformed input', async () => {
    const cases: [...Case, field: string][] = [
      ['POST', '/auth/refresh', {}, 'body.refresh_token'],
      ['GET', '/me?expand=all', undefined, 'query.expand'],
      ['GET', '/events?from=yesterday', undefined, 'query.from'],
      ['POST', '/events', { events: [] }, 'body.events'],
      ['GET', '/patterns?limit=0', undefined, 'query.limit'],
      ['POST', '/suggestions/not-a-uuid/accept', {}, 'params.id'],
      ['POST', `/suggestions/${id}/accept`, { activate: 'yes' }, 'body.activate'],
      ['POST', '/suggestions/not-a-uuid/dismiss', undefined, 'params.id'],
      ['GET', '/workflows?is_active=maybe', undefined, 'query.is_active'],
      ['POST', '/workflows', { description: 'no name' }, 'body.name'],
      ['PATCH', `/workflows/${id}`, { tags: 'ops' }, 'body.tags'],
      ['DELETE', '/workflows/not-a-uuid', undefined, 'params.id'],
      ['POST', `/workflows/${id}/publish`, { version: 0 }, 'body.version'],
      ['POST', `/workflows/${id}/execute`, { input: 'text' }, 'body.input'],
      ['GET', `/workflows/${id}/executions?limit=many`, undefined, 'query.limit'],
      ['GET', '/executions/not-a-uuid', undefined, 'params.id'],
      ['POST', '/executions/not-a-uuid/cancel', undefined, 'params.id'],
      ['GET', '/integrations?status=on', undefined, 'query.status'],
      ['GET', '/connectors?page=2', undefined, 'query.page'],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await call(method, path, { body, headers: auth });
      expectEnvelope(answer, 400, 'VALIDATION_ERROR');
      expect(answer.body.error!.details.map((d) => d.field)).toContain(field);
    }
  });

  it('answers 404 in the envelope for an id that does not exist', async () => {
    const cases: Case[] = [
      ['POST', `/suggestions/${id}/accept`, {}],
      ['POST', `/suggestions/${id}/dismiss`],
      ['GET', `/workflows/${id}`],
      ['PATCH', `/workflows/${id}`, { name: 'x' }],
      ['DELETE', `/workflows/${id}`],
      ['POST', `/workflows/${id}/publish`, { version: 1 }],
      ['POST', `/workflows/${id}/execute`],
      ['GET', `/executions/${id}`],
      ['POST', `/executions/${id}/cancel`],
    ];
    for (const [method, path, body] of cases) expectEnvelope(await call(method, path, { body, headers: auth }), 404, 'NOT_FOUND');
  });
});

describe('legacy paths', () => {
  it('answers the unprefixed paths with 308 to /api/v1, Deprecation, Sunset and a Link, and counts them', async () => {
    const origin = new URL(federation.gateway.url).origin;
    const counted = async () =>
      (await federation.gateway.metrics.restLegacyRedirects.get()).values.find((v) => v.labels.resource === 'events')?.value ?? 0;
    const before = await counted();
    const legacy = await fetch(`${origin}/events?limit=2&tool=github`, { headers: auth, redirect: 'manual' });
    expect(legacy.status).toBe(308);
    expect(legacy.headers.get('location')).toBe('/api/v1/events?limit=2&tool=github');
    expect(legacy.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(new Date(legacy.headers.get('sunset')!).getTime()).toBeGreaterThan(Date.now());
    expect(legacy.headers.get('link')).toMatch(/rel="deprecation"/);
    expect(await counted()).toBe(before + 1);
    // 308 keeps the method and body: a client that follows it gets the /api/v1 answer.
    const followed = await fetch(`${origin}/workflows`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Via legacy' }),
    });
    expect(followed.status).toBe(201);
    expect(((await followed.json()) as { data: { name: string } }).data.name).toBe('Via legacy');
    // Paths that never were REST stay 404.
    expect((await fetch(`${origin}/eventsX`, { redirect: 'manual' })).status).toBe(404);
  });
});

describe('API keys', () => {
  const createKey = async (scopes: string[], clientName?: string) => {
    const created = await fetch(federation.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
        variables: { input: { name: `rest-${randomUUID().slice(0, 8)}`, scopes, clientName } },
      }),
    });
    return { 'x-api-key': ((await created.json()) as { data: { createApiKey: { secret: string } } }).data.createApiKey.secret };
  };

  it("serves a key within its scopes, refuses it outside them (403), and refuses a key bound to another client's operations", async () => {
    const readOnly = await createKey(['workflows:read']);
    expect((await call('GET', '/workflows', { headers: readOnly })).status).toBe(200);
    expectEnvelope(await call('POST', '/workflows', { body: { name: 'Not allowed' }, headers: readOnly }), 403, 'FORBIDDEN');
    expectEnvelope(await call('GET', '/workflows', { headers: { 'x-api-key': 'fg_not_a_key' } }), 401, 'UNAUTHENTICATED');
    const partner = await createKey(['workflows:read'], 'partner-example');
    expectEnvelope(await call('GET', '/workflows', { headers: partner }), 403, 'FORBIDDEN');
  });
});

describe('a degraded graph', () => {
  let degraded: Federation;
  let degradedBase: string;
  let token: Record<string, string>;

  beforeAll(async () => {
    // Integration unreachable; at most 4 requests a minute per user.
    degraded = await startFederation({ INTEGRATION_URL: await closedUrl(), RATE_LIMIT_USER_PER_MINUTE: '4' });
    degradedBase = degraded.gateway.url.replace(/\/graphql$/, '/api/v1');
    token = await bearer({ userId: owner.userId, orgId: owner.orgId, role: 'owner', sessionId: randomUUID() });
  });

  afterAll(async () => {
    await degraded.stop();
  });

  it('answers a partial result with an error status, never a 200 with missing data, and 429 with Retry-After past the limit', async () => {
    const partial = await fetch(`${degradedBase}/integrations`, { headers: token });
    expect(partial.status).toBe(503);
    expect(partial.headers.get('retry-after')).toBe('5');
    expect(((await partial.json()) as Answer['body']).error).toEqual(expect.objectContaining({ code: 'UNAVAILABLE' }));
    let last: Response | undefined;
    for (let i = 0; i < 5 && last?.status !== 429; i++) last = await fetch(`${degradedBase}/integrations`, { headers: token });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last!.json()) as Answer['body']).error).toEqual(expect.objectContaining({ code: 'RATE_LIMITED' }));
  });
});

describe('OpenAPI document and docs page', () => {
  it('serves the OpenAPI 3.1 document of every route without credentials', async () => {
    const response = await fetch(`${base}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as OpenApiDocumentLike & { openapi: string };
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/auth/login', '/events', '/workflows/{id}']));
    expect(Object.keys(document.paths['/events'])).toEqual(['get', 'post']);
  });

  it('serves an offline docs page: its script from the gateway, no inline script, its own CSP', async () => {
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<redoc spec-url="openapi.json">');
    expect(html).toContain('<script src="docs/redoc.standalone.js"></script>');
    expect(html).not.toMatch(/<script>|https?:\/\//); // no inline script, nothing from another origin
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const script = await fetch(`${base}/docs/redoc.standalone.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('fails the contract check for a body, a status or a path the document does not describe', async () => {
    const me = await fetch(`${base}/me`, { headers: auth });
    const text = await me.text();
    const seen = { method: 'GET', path: '/me', status: me.status, headers: me.headers, text };
    expect(() => contract.check(seen)).not.toThrow();
    const body = JSON.parse(text) as { data: Record<string, unknown> };
    const wrong = (data: unknown) => ({ ...seen, text: JSON.stringify({ data }) });
    expect(() => contract.check(wrong({ ...body.data, email: 42 }))).toThrow(ContractViolation);
    expect(() => contract.check(wrong({ ...body.data, createdAt: body.data.created_at }))).toThrow(ContractViolation);
    const { memberships: _memberships, ...withoutMemberships } = body.data;
    expect(() => contract.check(wrong(withoutMemberships))).toThrow(ContractViolation);
    expect(() => contract.check({ ...seen, status: 418 })).toThrow(/status not documented/);
    expect(() => contract.check({ ...seen, path: '/nothing-here' })).toThrow(/expected 404/);
  });
});
