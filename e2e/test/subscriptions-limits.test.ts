import WebSocket from 'ws';
import { createLogger } from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { startGateway } from '@flowgraph/gateway';
import { post } from '../support/federation-kit';
import {
  Rows,
  collect,
  publishSuggestion,
  signUp,
  subscribersOf,
  suggestionChannel,
  wsClient,
  wsUrl,
  type TestUser,
  startLiveFederation,
  type LiveFederation,
} from '../support/live-kit';

/** Limits, backpressure and heartbeats of the gateway's WebSocket subscriptions (small limits set per test run). */
let federation: LiveFederation;
let rows: Rows;
let ada: TestUser;

const SMALL = 'subscription { suggestionAdded { id title } }';

beforeAll(async () => {
  federation = await startLiveFederation({
    SUBSCRIPTIONS_MAX_PER_CONNECTION: '2',
    SUBSCRIPTIONS_MAX_PER_USER: '3',
    SUBSCRIPTIONS_MAX_CONNECTIONS: '3',
    SUBSCRIPTIONS_MAX_BUFFERED_BYTES: '65536',
    SUBSCRIPTIONS_MAX_QUEUED_EVENTS: '5',
    SUBSCRIPTIONS_REAUTH_MS: '300',
  });
  ({ rows, user: ada } = federation);
});

afterAll(async () => {
  await federation.stop();
});

/** A hand-driven graphql-transport-ws socket, acknowledged, for what a library client would hide. */
async function rawSocket(options: { autoPong?: boolean; url?: string } = {}) {
  const socket = new WebSocket(wsUrl(options.url ?? federation.gateway.url), 'graphql-transport-ws', {
    autoPong: options.autoPong ?? true,
  });
  const closed = new Promise<{ code: number; at: number }>((resolve) => socket.on('close', (code) => resolve({ code, at: Date.now() })));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: ada.headers }));
  await new Promise<void>((resolve) => socket.once('message', () => resolve()));
  return { socket, closed };
}

const rateLimited = expect.arrayContaining([
  expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfter: 1, request_id: expect.any(String) }) }),
]);

it('refuses a subscription over the per-connection and per-user limits with RATE_LIMITED, and frees the slot when one ends', async () => {
  const first = wsClient(federation.gateway.url, ada.headers);
  const second = wsClient(federation.gateway.url, ada.headers);
  const open = [collect(first, SMALL), collect(first, SMALL)];
  const channel = suggestionChannel(federation, ada);
  await until(async () => (await subscribersOf(federation, channel)) === 1);

  const overConnection = await collect(first, SMALL).ended;
  expect(overConnection.error).toEqual(rateLimited);
  expect(JSON.stringify(overConnection.error)).toContain('on this connection');

  open.push(collect(second, SMALL)); // third for the user: allowed
  const overUser = await collect(second, SMALL).ended;
  expect(overUser.error).toEqual(rateLimited);
  expect(JSON.stringify(overUser.error)).toContain('for this user');

  open[0].stop();
  const again = collect(second, SMALL);
  const id = await rows.suggestion(ada);
  await until(
    async () => {
      await publishSuggestion(federation, ada, id);
      return again.all.length > 0;
    },
    10_000,
    'the freed slot serving',
  );
  expect(again.all[0].data).toEqual({ suggestionAdded: { id, title: 'Post to Slack when a PR is opened' } });
  await first.dispose();
  await second.dispose();
  await until(async () => (await subscribersOf(federation, channel)) === 0);
});

it('closes a connection over the per-replica connection limit with 4429', async () => {
  const sockets = await Promise.all([rawSocket(), rawSocket(), rawSocket()]);
  const extra = new WebSocket(wsUrl(federation.gateway.url), 'graphql-transport-ws');
  const code = await new Promise<number>((resolve) => extra.on('close', (c) => resolve(c)));
  expect(code).toBe(4429);
  for (const { socket, closed } of sockets) {
    socket.close();
    await closed;
  }
});

it('terminates a socket that does not answer pings, and keeps one that does', async () => {
  // A gateway of its own with a short heartbeat (elsewhere a paused client would be terminated before being dropped).
  const config = { ...federation.config, SUBSCRIPTIONS_HEARTBEAT_MS: 300 };
  const gateway = await startGateway({ config, logger: createLogger('test', 'silent'), redis: federation.redis }, 0, '127.0.0.1');
  try {
    const silent = await rawSocket({ autoPong: false, url: gateway.url });
    const polite = await rawSocket({ url: gateway.url });
    const started = Date.now();
    const { at } = await silent.closed;
    // Pinged at ~300 ms, terminated when no pong came 300 ms later: well under 2 s.
    expect(at - started).toBeLessThan(2_000);
    expect(polite.socket.readyState).toBe(WebSocket.OPEN);
    polite.socket.close();
    await polite.closed;
  } finally {
    await gateway.stop();
  }
});

it('drops a client that reads nothing with 1013, completing its upstream subscription', async () => {
  const channel = suggestionChannel(federation, ada);
  // ~200 KB per event: 10 aliases of a 20 KB explanation.
  const aliases = Array.from({ length: 10 }, (_, i) => `e${i}: explanation`).join(' ');
  const { socket, closed } = await rawSocket();
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { suggestionAdded { id ${aliases} } }` } }));
  await until(async () => (await subscribersOf(federation, channel)) === 1);
  (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

  const id = await rows.suggestion(ada, 'x'.repeat(20_000));
  // Published until the gateway gives up on the client (the kernel's socket buffers absorb the first few MB).
  await until(
    async () => {
      for (let i = 0; i < 10; i += 1) await publishSuggestion(federation, ada, id);
      return (await subscribersOf(federation, channel)) === 0;
    },
    20_000,
    'the slow client dropped and its upstream completed',
  );

  (socket as unknown as { _socket: { resume(): void } })._socket.resume();
  expect((await closed).code).toBe(1013);
});

it('closes a connection with 4403 once its session is logged out, completing its upstream subscription', async () => {
  const grace = await signUp(federation.gateway.url);
  const client = wsClient(federation.gateway.url, grace.headers);
  const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
  collect(client, SMALL);
  const channel = suggestionChannel(federation, grace);
  await until(async () => (await subscribersOf(federation, channel)) === 1);
  const loggedOut = await post(federation.gateway.url, 'mutation { logOut { __typename } }', {}, grace.headers);
  expect(loggedOut.errors).toBeUndefined();
  expect(await closed).toBe(4403);
  await until(async () => (await subscribersOf(federation, channel)) === 0, 5_000, 'upstream completed');
  await client.dispose();
});
