import { randomUUID } from 'node:crypto';
import { startFederation, type Federation } from '../support/federation-kit';
import { ContractViolation, openApiContract, type OpenApiDocumentLike } from '../support/openapi-contract';

let federation: Federation;
let base: string;
/** Every answer `call` sees is checked against the OpenAPI document the gateway serves. */
let contract: ReturnType<typeof openApiContract>;
let credentials: { email: string; password: string };
let auth: Record<string, string>;

beforeAll(async () => {
  federation = await startFederation({ BODY_LIMIT: '1mb' });
  base = federation.gateway.url.replace(/\/graphql$/, '/api/v1');
  contract = openApiContract((await (await fetch(`${base}/openapi.json`)).json()) as OpenApiDocumentLike);
  credentials = { email: `${randomUUID()}@example.com`, password: 'correct horse battery staple' };
  const signUp = await fetch(federation.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      variables: { input: { ...credentials, name: 'Ada', organizationName: 'Engines' } },
    }),
  });
  const { data } = (await signUp.json()) as { data: { signUp: { accessToken: string } } };
  auth = { authorization: `Bearer ${data.signUp.accessToken}` };
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
  if (process.env.DEBUG_REST) console.log(method, path, response.status, text.slice(0, 400));
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
