import http from 'node:http';
import { until } from '@flowgraph/kernel/testing';
import {
  Rows,
  publishSuggestion,
  subscribersOf,
  suggestionChannel,
  type TestUser,
  startLiveFederation,
  type LiveFederation,
} from '../support/live-kit';
import { openStream as openSse } from '../support/sse-kit';

/** GraphQL over Server-Sent Events on /graphql/stream (graphql-sse, distinct connections). */
let federation: LiveFederation;
let rows: Rows;
let ada: TestUser;

const QUERY = 'subscription { suggestionAdded { id title user { email } } }';

beforeAll(async () => {
  federation = await startLiveFederation({ SUBSCRIPTIONS_MAX_PER_USER: '2', SUBSCRIPTIONS_MAX_BUFFERED_BYTES: '65536' });
  ({ rows, user: ada } = federation);
});

afterAll(async () => {
  await federation.stop();
});

type ErrorBody = { errors: { extensions: Record<string, unknown> }[] };

const streamUrl = () => `${federation.gateway.url}/stream`;

const openStream = (init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; query?: string }) =>
  openSse(federation, { ...init, query: init.query ?? QUERY });

const sseGauge = async () =>
  (await federation.gateway.metrics.activeSubscriptions.get()).values.find((v) => v.labels.transport === 'sse')?.value ?? 0;

it('streams suggestionAdded with Core fields resolved, and completes upstream when the client disconnects', async () => {
  const channel = suggestionChannel(federation, ada);
  const stream = await openStream({ headers: ada.headers });
  expect(stream.response.status).toBe(200);
  await until(async () => (await subscribersOf(federation, channel)) === 1, 10_000, 'the upstream subscription');
  expect(await sseGauge()).toBe(1);

  const id = await rows.suggestion(ada);
  await publishSuggestion(federation, ada, id);
  await until(() => stream.events.length > 0, 10_000, 'an event');
  expect(stream.events[0]).toEqual({
    event: 'next',
    data: { data: { suggestionAdded: { id, title: 'Post to Slack when a PR is opened', user: { email: ada.email } } } },
  });

  stream.close();
  await until(async () => (await subscribersOf(federation, channel)) === 0, 10_000, 'upstream completed after disconnect');
  await until(async () => (await sseGauge()) === 0, 5_000, 'gauge back to 0');
});

it('accepts GET with the query in the URL', async () => {
  const stream = await openStream({ method: 'GET', headers: ada.headers });
  expect(stream.response.status).toBe(200);
  const channel = suggestionChannel(federation, ada);
  await until(async () => (await subscribersOf(federation, channel)) === 1);
  const id = await rows.suggestion(ada);
  await publishSuggestion(federation, ada, id);
  await until(() => stream.events.length > 0);
  expect(stream.events[0].data).toMatchObject({ data: { suggestionAdded: { id } } });
  stream.close();
  await until(async () => (await subscribersOf(federation, channel)) === 0);
});

it('refuses anonymous callers (401), invalid documents (400) and streams over the per-user limit (429)', async () => {
  const anonymous = await openStream({});
  expect(anonymous.response.status).toBe(401);
  expect(await anonymous.response.json()).toEqual({
    errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })],
  });

  const invalid = await openStream({ headers: ada.headers, query: 'subscription { nope }' });
  expect(invalid.response.status).toBe(400);
  expect(((await invalid.response.json()) as ErrorBody).errors[0].extensions).toMatchObject({
    code: 'VALIDATION_ERROR',
    request_id: expect.any(String),
  });

  const open = [await openStream({ headers: ada.headers }), await openStream({ headers: ada.headers })];
  const third = await openStream({ headers: ada.headers });
  expect(third.response.status).toBe(429);
  expect(((await third.response.json()) as ErrorBody).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
  for (const stream of open) stream.close();
  await until(async () => (await sseGauge()) === 0);
});

it('ends the stream of a client that reads nothing, completing its upstream subscription', async () => {
  const channel = suggestionChannel(federation, ada);
  const aliases = Array.from({ length: 10 }, (_, i) => `e${i}: explanation`).join(' ');
  const body = JSON.stringify({ query: `subscription { suggestionAdded { id ${aliases} } }` });
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request(
      streamUrl(),
      { method: 'POST', headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...ada.headers } },
      resolve,
    );
    request.on('error', reject);
    request.end(body);
  });
  expect(response.statusCode).toBe(200);
  response.pause(); // reads nothing from here on
  const ended = new Promise<void>((resolve) => response.once('close', () => resolve()));
  response.on('error', () => undefined); // the server cuts the stream short: "aborted"
  await until(async () => (await subscribersOf(federation, channel)) === 1);

  const id = await rows.suggestion(ada, 'x'.repeat(20_000));
  await until(
    async () => {
      for (let i = 0; i < 10; i += 1) await publishSuggestion(federation, ada, id);
      return (await subscribersOf(federation, channel)) === 0;
    },
    20_000,
    'the slow stream dropped and its upstream completed',
  );
  response.resume(); // reads what was buffered, then sees the connection closed
  await ended;
  expect(response.complete).toBe(false); // cut short, not a completed stream
  await until(async () => (await sseGauge()) === 0);
});
