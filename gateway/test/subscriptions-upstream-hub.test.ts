import type { Client, ClientOptions, FormattedExecutionResult, Sink, SubscribePayload } from 'graphql-ws';
import type { Identity } from '@flowgraph/kernel';
import { UpstreamHub } from '../src/plugins/subscriptions/upstream-hub';

/**
 * The hub's sharing rules, against a recording stand-in for graphql-ws clients (the real sockets
 * are exercised in subscriptions.test.ts): identical subscriptions of one caller share one
 * upstream subscription, callers never share, and everything is released when the last leaves.
 */
interface FakeClient {
  options: ClientOptions;
  subscriptions: { payload: SubscribePayload; sink: Sink<FormattedExecutionResult>; completed: boolean }[];
  disposed: boolean;
}

function hub() {
  const clients: FakeClient[] = [];
  const upstream = new UpstreamHub({
    urls: { analytics: 'http://127.0.0.1:1/graphql' },
    identitySecret: 'test-secret-test-secret-test-secret',
    createClient: (options) => {
      const fake: FakeClient = { options, subscriptions: [], disposed: false };
      clients.push(fake);
      return {
        subscribe: (payload: SubscribePayload, sink: Sink<FormattedExecutionResult>) => {
          const entry = { payload, sink, completed: false };
          fake.subscriptions.push(entry);
          return () => (entry.completed = true);
        },
        dispose: async () => {
          fake.disposed = true;
        },
      } as unknown as Client;
    },
  });
  return { upstream, clients };
}

const ada = (requestId: string): Identity => ({
  requestId,
  authMethod: 'jwt',
  userId: 'u1',
  orgId: 'o1',
  role: 'member',
  scopes: [],
  sessionId: 's1',
});
const payload: SubscribePayload = { query: 'subscription { suggestionAdded { id } }' };
const sink = () => {
  const received: unknown[] = [];
  return {
    received,
    sink: {
      next: (v: unknown) => received.push(v),
      error: (e: unknown) => received.push({ error: e }),
      complete: () => received.push('complete'),
    },
  };
};

it('shares one upstream subscription between identical subscriptions of one caller and fans events out', () => {
  const { upstream, clients } = hub();
  const a = sink();
  const b = sink();
  const leaveA = upstream.subscribe(ada('r1'), 'analytics', payload, a.sink);
  const leaveB = upstream.subscribe(ada('r2'), 'analytics', payload, b.sink); // another tab: other request id
  expect(clients).toHaveLength(1);
  expect(clients[0].subscriptions).toHaveLength(1);
  expect(clients[0].options.url).toBe('ws://127.0.0.1:1/graphql');
  expect(upstream.size).toBe(1);

  const event = { data: { suggestionAdded: { id: 's' } } };
  clients[0].subscriptions[0].sink.next(event);
  expect(a.received).toEqual([event]);
  expect(b.received[0]).toBe(event); // the same object: resolved once per event downstream

  leaveA();
  leaveA(); // idempotent
  expect(clients[0].subscriptions[0].completed).toBe(false);
  leaveB();
  expect(clients[0].subscriptions[0].completed).toBe(true);
  expect(clients[0].disposed).toBe(true);
  expect(upstream.size).toBe(0);
});

it('never shares between callers, and shares a socket but not a subscription for other operations', () => {
  const { upstream, clients } = hub();
  const leaveAda = upstream.subscribe(ada('r1'), 'analytics', payload, sink().sink);
  const leaveOther = upstream.subscribe({ ...ada('r2'), userId: 'u2' }, 'analytics', payload, sink().sink);
  const leaveVariant = upstream.subscribe(ada('r3'), 'analytics', { ...payload, variables: { x: 1 } }, sink().sink);
  expect(clients).toHaveLength(2); // one socket per caller and subgraph
  expect(clients[0].subscriptions).toHaveLength(2); // Ada's two operations on her socket
  expect(upstream.size).toBe(3);
  leaveAda();
  expect(clients[0].disposed).toBe(false);
  leaveVariant();
  expect(clients[0].disposed).toBe(true);
  leaveOther();
  expect(clients[1].disposed).toBe(true);
});

it('passes an upstream completion or error to every subscriber and forgets the subscription', () => {
  const { upstream, clients } = hub();
  const a = sink();
  const b = sink();
  upstream.subscribe(ada('r1'), 'analytics', payload, a.sink);
  upstream.subscribe(ada('r2'), 'analytics', payload, b.sink);
  clients[0].subscriptions[0].sink.error([{ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } }]);
  expect(a.received).toEqual([{ error: [{ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } }] }]);
  expect(b.received).toHaveLength(1);
  expect(upstream.size).toBe(0);
  expect(clients[0].disposed).toBe(true);
  // A new subscription opens afresh.
  upstream.subscribe(ada('r3'), 'analytics', payload, sink().sink);
  expect(clients).toHaveLength(2);
});
