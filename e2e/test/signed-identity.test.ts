import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger, jsonKeepingBytes, signIdentity, verifyRequestIdentity, type Identity } from '@flowgraph/kernel';
import { postGraphQL } from '@flowgraph/kernel/testing';
import { SignedIdentityDataSource, httpFetcher } from '@flowgraph/gateway/testing';
import { bearer, identitySecret, post, startFederation, type Federation } from '../support/federation-kit';

const admin = { userId: randomUUID(), orgId: randomUUID(), role: 'admin' as const, sessionId: randomUUID() };
const listQuery = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { integrations { displayName } } } }';

describe('through the gateway', () => {
  let federation: Federation;

  beforeAll(async () => {
    federation = await startFederation();
  });

  afterAll(async () => {
    await federation.stop();
  });

  it('is the only way in: a subgraph called without the gateway’s signature answers 401, the same operation through the gateway works', async () => {
    const auth = await bearer(admin);
    const mutation = 'mutation { connectIntegration(input: { provider: HTTP, displayName: "Team" }) { integration { displayName } } }';
    const direct = await post(federation.urls.integration, mutation, {}, auth);
    expect(direct.status).toBe(401);
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await postGraphQL(federation.urls.integration, mutation, {}, { identity: admin, secret: 'f'.repeat(40) });
    expect(forged.status).toBe(401);

    const viaGateway = await post(federation.gateway.url, mutation, {}, auth);
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.data).toEqual({ connectIntegration: { integration: { displayName: 'Team' } } });
    // Exactly one integration exists: the refused direct calls wrote nothing.
    const listed = await postGraphQL<{ _entities: { integrations: unknown[] }[] }>(
      federation.urls.integration,
      listQuery,
      { reps: [{ __typename: 'User', id: admin.userId }] },
      { identity: admin, secret: identitySecret },
    );
    expect(listed.data?._entities[0].integrations).toEqual([{ displayName: 'Team' }]);
  });

  it('refuses an unsigned call whatever its body: malformed JSON answers 401 unsigned, 400 signed', async () => {
    const malformed = '{"query": ';
    const send = (headers: Record<string, string>) =>
      fetch(federation.urls.core, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: malformed });
    const unsigned = await send({});
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({
      errors: [{ message: 'Requests must come through the gateway', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const identity: Identity = { requestId: randomUUID(), scopes: [], authMethod: 'anonymous' };
    const signed = await send(signIdentity(identity, identitySecret, { method: 'POST', target: federation.urls.core, body: malformed }));
    expect(signed.status).toBe(400);
    expect(await signed.json()).toEqual({ errors: [{ message: 'Malformed JSON', extensions: { code: 'VALIDATION_ERROR' } }] });
  });

  it('binds each signature to its call: a captured header replayed on another body, or one dated 5 minutes ahead, answers 401', async () => {
    const owner = { userId: randomUUID(), orgId: randomUUID(), role: 'owner' as const, sessionId: randomUUID() };
    const identity: Identity = { requestId: randomUUID(), scopes: [], authMethod: 'jwt', ...owner };
    // What the gateway sends to a subgraph, captured on the wire.
    const captured: { headers: Record<string, string>; body: string }[] = [];
    const send = httpFetcher();
    const source = new SignedIdentityDataSource({
      url: federation.urls.integration,
      name: 'integration',
      identitySecret,
      logger: createLogger('test', 'silent'),
      fetcher: (url, init = {}) => {
        captured.push({ headers: { ...(init.headers as Record<string, string>) }, body: init.body as string });
        return send(url, init);
      },
    });
    const answer = await source.process({
      kind: 'health check',
      request: { query: listQuery, variables: { reps: [{ __typename: 'User', id: owner.userId }] } },
      context: { identity },
    } as never);
    expect(answer.errors).toBeUndefined();
    const [{ headers, body }] = captured;
    const replay = (sent: string, with_: Record<string, string> = headers) =>
      fetch(federation.urls.integration, { method: 'POST', headers: { ...with_, 'content-type': 'application/json' }, body: sent });

    const mutation = JSON.stringify({
      query: 'mutation { connectIntegration(input: { provider: HTTP, displayName: "Replayed" }) { integration { id } } }',
    });
    expect((await replay(mutation)).status).toBe(401);
    expect((await replay(body.replace('"query"', ' "query"'))).status).toBe(401); // one byte more is another body
    expect((await replay(body)).status).toBe(200); // the call it was signed for, within its 30 s

    const ahead = signIdentity(
      identity,
      identitySecret,
      { method: 'POST', target: federation.urls.integration, body: mutation },
      Date.now() + 5 * 60 * 1000,
    );
    expect((await replay(mutation, ahead)).status).toBe(401);
    const listed = await postGraphQL<{ _entities: { integrations: unknown[] }[] }>(
      federation.urls.integration,
      listQuery,
      { reps: [{ __typename: 'User', id: owner.userId }] },
      { identity: owner, secret: identitySecret },
    );
    expect(listed.data?._entities[0].integrations).toEqual([]);
  });

  it('accepts a subscription connection signed for its upgrade (GET of the path, no body) and closes one signed for another call with 4403', async () => {
    const url = federation.urls.workflow.replace(/^http/, 'ws');
    const identity: Identity = { requestId: randomUUID(), scopes: [], authMethod: 'jwt', ...admin };
    const connect = async (headers: Record<string, string>) => {
      const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: headers });
      const outcome = await new Promise<string>((resolve) => {
        client.on('connected', () => resolve('connected'));
        client.on('closed', (event) => resolve(`closed ${(event as { code: number }).code}`));
      });
      await client.dispose();
      return outcome;
    };
    expect(await connect(signIdentity(identity, identitySecret, { method: 'GET', target: url }))).toBe('connected');
    // A header captured from a POST /graphql cannot open a subscription, nor one for another path.
    expect(await connect(signIdentity(identity, identitySecret, { method: 'POST', target: url, body: '{"query":"{ __typename }"}' }))).toBe(
      'closed 4403',
    );
    expect(
      await connect(
        signIdentity(identity, identitySecret, { method: 'GET', target: new URL('/internal/activity', federation.urls.workflow) }),
      ),
    ).toBe('closed 4403');
  });
});

describe('a gateway whose identity secret the subgraphs do not share', () => {
  let federation: Federation;

  beforeAll(async () => {
    federation = await startFederation({ IDENTITY_SECRET: 'm'.repeat(40) });
  });

  afterAll(async () => {
    await federation.stop();
  });

  it('fails masked, without the subgraph’s URL or answer', async () => {
    const response = await post(federation.gateway.url, `query { integration(id: "${randomUUID()}") { id } }`, {}, await bearer(admin));
    expect(response.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL', masked: true } });
    expect(response.text).not.toContain('127.0.0.1');
    expect(response.text).not.toContain('gateway');
  });

  it('is not ready, naming each subgraph that refuses its signature', async () => {
    const response = await fetch(new URL('/readyz', federation.gateway.url));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, { status: string; error?: string }> };
    expect(body.checks.redis).toEqual({ status: 'ok' });
    for (const name of ['core', 'workflow', 'integration', 'analytics']) {
      expect(body.checks[name]).toEqual({
        status: 'down',
        error: `${name} refused the gateway's signed identity (is IDENTITY_SECRET the same?)`,
      });
    }
  });
});

describe('SignedIdentityDataSource', () => {
  let server: http.Server;
  let url: string;
  const received: http.IncomingHttpHeaders[] = [];
  const identities: Identity[] = [];

  beforeAll(async () => {
    const app = express();
    app.post('/graphql', jsonKeepingBytes({ limit: '1mb' }), (req, res) => {
      received.push(req.headers);
      identities.push(verifyRequestIdentity(req, identitySecret));
      res.json({ data: { ok: true } });
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('signs the caller’s identity and passes traceparent through unchanged', async () => {
    const source = new SignedIdentityDataSource({ url, name: 'fake', identitySecret, logger: createLogger('test', 'silent') });
    const identity: Identity = {
      requestId: 'r-1',
      userId: 'u-1',
      orgId: 'o-1',
      role: 'viewer',
      scopes: [],
      authMethod: 'jwt',
      ip: '10.0.0.1',
      userAgent: 'jest',
    };
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    // The options of a plain (non-operation) call: enough for willSendRequest, which is what is tested.
    await source.process({ kind: 'health check', request: { query: '{ ok }' }, context: { identity, traceparent } } as never);
    expect(received).toHaveLength(1);
    expect(identities).toEqual([identity]);
    expect(received[0]['x-flowgraph-unsigned-identity']).toBeUndefined();
    expect(received[0].traceparent).toBe(traceparent);
  });
});
