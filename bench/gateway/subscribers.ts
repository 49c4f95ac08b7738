/**
 * Client process of bench/gateway/subscriptions.ts (started by it, over IPC): opens one graphql-ws
 * connection per user it is given, authenticated with the user's access token in
 * `connection_init`, with `perConnection` `suggestionAdded` subscriptions on each; records the
 * wall-clock time (ms, sub-ms precision) of every event received, and reports them when asked.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signAccessToken } from '@flowgraph/kernel';
import { benchSecrets } from './bench-kit';

interface Start {
  type: 'start';
  url: string;
  orgId: string;
  users: string[];
  perConnection: number;
  query: string;
}

const now = () => performance.timeOrigin + performance.now();
const clients: Client[] = [];
const deliveries: { userId: string; at: number }[] = [];
let errors = 0;
let closedUnexpectedly = 0;

async function start(message: Start): Promise<void> {
  let opened = 0;
  // A few connections at a time: 5,000 handshakes at once would only measure the accept queue.
  const queue = [...message.users];
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      for (let userId = queue.shift(); userId !== undefined; userId = queue.shift()) {
        const { token } = await signAccessToken(
          { userId, orgId: message.orgId, role: 'member', sessionId: userId },
          benchSecrets.JWT_SECRET,
          3600,
        );
        const client = createClient({
          url: message.url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}` },
          retryAttempts: 0,
          lazy: false,
          on: { closed: () => void (closedUnexpectedly += stopping ? 0 : 1) },
        });
        clients.push(client);
        await new Promise<void>((resolve, reject) => {
          const off = client.on('connected', () => (off(), resolve()));
          client.on('error', reject);
        });
        for (let s = 0; s < message.perConnection; s++) {
          client.subscribe(
            { query: message.query },
            {
              next: (result) => (result.errors ? errors++ : deliveries.push({ userId, at: now() })),
              error: () => errors++,
              complete: () => {},
            },
          );
        }
        opened++;
      }
    }),
  );
  process.send!({ type: 'ready', connections: opened });
}

let stopping = false;

process.on('message', (message: Start | { type: 'report' } | { type: 'stop' }) => {
  if (message.type === 'start') {
    start(message).catch((error: unknown) => process.send!({ type: 'failed', error: String(error) }));
  } else if (message.type === 'report') {
    process.send!({
      type: 'deliveries',
      deliveries: deliveries.splice(0),
      errors,
      closedUnexpectedly,
      rssMiB: Math.round(process.memoryUsage().rss / 1048576),
    });
  } else if (message.type === 'stop') {
    stopping = true;
    void Promise.all(clients.map((c) => c.dispose())).then(() => process.exit(0));
  }
});
