import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { z } from 'zod';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { context, propagation, trace } from '@opentelemetry/api';
import { AppError, ErrorCode } from '../src/errors';
import { signIdentity, type Identity } from '../src/identity';
import { InternalCallError, internalClient, isFinalRefusal } from '../src/http/internal-client';
import { internalRoute } from '../src/http/internal-route';

const secret = 's'.repeat(40);
const logger = pino({ level: 'silent' });
const service: Identity = { requestId: randomUUID(), orgId: randomUUID(), userId: randomUUID(), scopes: [], authMethod: 'service' };
const echo = z.object({ text: z.string().max(5) });
const echoed = z.object({ text: z.string(), by: z.string() });
const seen: { traceparent?: string }[] = [];
let failWith: Error | null = null;
let delayMs = 0;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  app.use((req, _res, next) => {
    seen.push({ traceparent: req.headers.traceparent as string | undefined });
    next();
  });
  internalRoute({
    method: 'POST',
    path: '/internal/echo',
    input: echo,
    identitySecret: secret,
    logger,
    bodyLimit: '1kb',
    unsigned: 'A signed service identity is required',
    refuse: (identity) => (identity.authMethod === 'service' ? null : 'Only services may call'),
    handle: async ({ identity, input }) => {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (failWith) throw failWith;
      return { text: input.text, by: identity.userId! };
    },
  })(app);
  internalRoute({
    method: 'GET',
    path: '/internal/range',
    input: z.object({ from: z.string().regex(/^\d+$/) }),
    identitySecret: secret,
    logger,
    unsigned: 'Unsigned',
    handle: async ({ input }) => ({ from: Number(input.from) }),
  })(app);
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  failWith = null;
  delayMs = 0;
  seen.length = 0;
});

async function post(body: string, headers: Record<string, string>) {
  const response = await fetch(`${origin}/internal/echo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { error?: Record<string, unknown> },
  };
}

const signed = (body: string, identity: Identity = service) =>
  signIdentity(identity, secret, { method: 'POST', target: `${origin}/internal/echo`, body });

describe('internalRoute', () => {
  it('answers the handler’s result to a signed caller with a valid body', async () => {
    const body = JSON.stringify({ text: 'hi' });
    expect(await post(body, signed(body))).toMatchObject({ status: 200, body: { text: 'hi', by: service.userId } });
  });

  it('refuses unsigned calls, calls signed for another body and refused callers with 401 in the envelope', async () => {
    const body = JSON.stringify({ text: 'hi' });
    expect(await post(body, {})).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: 'A signed service identity is required' } },
    });
    expect(await post(JSON.stringify({ text: 'ho' }), signed(body))).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    const anonymous = await post(body, signed(body, { ...service, authMethod: 'anonymous' }));
    expect(anonymous).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: 'Only services may call', request_id: service.requestId } },
    });
  });

  it('validates the body against the contract and answers malformed or oversized JSON in the envelope', async () => {
    const long = JSON.stringify({ text: 'too long' });
    expect(await post(long, signed(long))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_ERROR', message: 'Invalid input', details: [{ field: 'text' }] } },
    });
    expect(await post('{"text":', signed('{"text":'))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_ERROR', message: 'Malformed JSON' } },
    });
    const big = JSON.stringify({ text: 'x'.repeat(2000) });
    expect(await post(big, signed(big))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_ERROR', message: 'Request body too large' } },
    });
  });

  it('answers an AppError with its code, an outage with 503 and Retry-After, anything else with 500', async () => {
    const body = JSON.stringify({ text: 'hi' });
    failWith = new AppError(ErrorCode.NOT_FOUND, 'No such thing');
    expect(await post(body, signed(body))).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'No such thing', request_id: service.requestId } },
    });
    failWith = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(await post(body, signed(body))).toMatchObject({ status: 503, retryAfter: '5', body: { error: { code: 'UNAVAILABLE' } } });
    failWith = new Error('a bug');
    expect(await post(body, signed(body))).toMatchObject({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'Internal server error' } },
    });
  });
});

describe('internalClient', () => {
  const client = (options: { timeoutMs?: number; injectTraceContext?: boolean } = {}) =>
    internalClient({ name: 'Echo', origin, identitySecret: secret, ...options });
  const call = (text: string, extra: { signal?: AbortSignal } = {}) =>
    client().call({ method: 'POST', path: '/internal/echo', body: { text }, identity: service, response: echoed, ...extra });
  const failure = (work: Promise<unknown>) =>
    work.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error,
    );

  it('signs the call (query included) and returns the answer validated against the contract', async () => {
    expect(await call('hi')).toEqual({ text: 'hi', by: service.userId });
    const range = await client().call({
      method: 'GET',
      path: '/internal/range',
      query: { from: '7' },
      identity: service,
      response: z.object({ from: z.number() }),
    });
    expect(range).toEqual({ from: 7 });
    await expect(
      client().call({
        method: 'GET',
        path: '/internal/range',
        query: { from: '7' },
        identity: service,
        response: z.object({ from: z.string() }),
      }),
    ).rejects.toThrow(z.ZodError);
  });

  it('maps a refusal to its status and code, final unless 408 or 429', async () => {
    const error = (await failure(call('too long'))) as InternalCallError;
    expect(error).toBeInstanceOf(InternalCallError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', unreachable: false });
    expect(error.message).toMatch(/^Echo answered 400 to \/internal\/echo: /);
    expect(isFinalRefusal(error)).toBe(true);
    const accepted = await client().call({
      method: 'POST',
      path: '/internal/echo',
      body: { text: 'too long' },
      identity: service,
      response: z.object({ error: z.object({ code: z.string() }) }),
      acceptStatus: () => true,
    });
    expect(accepted.error.code).toBe('VALIDATION_ERROR');
    const wrongSecret = internalClient({ name: 'Echo', origin, identitySecret: 'x'.repeat(40) });
    expect(
      await failure(
        wrongSecret.call({ method: 'POST', path: '/internal/echo', body: { text: 'hi' }, identity: service, response: echoed }),
      ),
    ).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('calls an outage unreachable: a 503, a refused connection, a timeout', async () => {
    failWith = Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
    expect(await failure(call('hi'))).toMatchObject({ status: 503, code: 'UNAVAILABLE', unreachable: true });
    failWith = null;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nobody = internalClient({ name: 'Echo', origin: `http://127.0.0.1:${port}`, identitySecret: secret });
    const refused = (await failure(
      nobody.call({ method: 'POST', path: '/internal/echo', body: { text: 'hi' }, identity: service, response: echoed }),
    )) as InternalCallError;
    expect(refused).toMatchObject({ status: null, unreachable: true, message: 'Echo unreachable (ECONNREFUSED)' });
    delayMs = 500;
    const slow = client({ timeoutMs: 50 }).call({
      method: 'POST',
      path: '/internal/echo',
      body: { text: 'hi' },
      identity: service,
      response: echoed,
    });
    expect(await failure(slow)).toMatchObject({ status: null, unreachable: true });
  });

  it('passes the caller’s own abort on as it is, not as an outage', async () => {
    delayMs = 500;
    const error = await failure(call('hi', { signal: AbortSignal.timeout(50) }));
    expect(error).not.toBeInstanceOf(InternalCallError);
    expect((error as Error).name).toBe('TimeoutError');
  });

  it('writes the active trace context when asked to', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const traceId = 'a'.repeat(32);
    const active = trace.setSpanContext(context.active(), { traceId, spanId: 'b'.repeat(16), traceFlags: 1 });
    await context.with(active, async () => {
      await client({ injectTraceContext: true }).call({
        method: 'POST',
        path: '/internal/echo',
        body: { text: 'hi' },
        identity: service,
        response: echoed,
      });
      await client().call({ method: 'POST', path: '/internal/echo', body: { text: 'hi' }, identity: service, response: echoed });
    });
    expect(seen.map((s) => s.traceparent)).toEqual([`00-${traceId}-${'b'.repeat(16)}-01`, undefined]);
  });
});
