import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signIdentity } from '@flowgraph/kernel';
import { testIdentity, until } from '@flowgraph/kernel/testing';
import { suggestionAddedChannel } from '@flowgraph/analytics/testing';
import { ISSUES_TO_TEAMS, PR_TO_SLACK, startSuggestionsHarness, type SuggestionsHarness } from '../support/suggestions-harness';

let h: SuggestionsHarness;
const orgA = randomUUID();
const orgB = randomUUID();

beforeAll(async () => {
  h = await startSuggestionsHarness('an_sugsub');
});

afterAll(async () => {
  await h.close();
});

const wsUrl = () => h.analytics.url.replace('http', 'ws');
const SUBSCRIPTION = 'subscription { suggestionAdded { id status title user { id } pattern { id } } }';

interface Added {
  id: string;
  status: string;
  title: string;
  user: { id: string };
  pattern: { id: string };
}

/** A signed subscriber collecting what it receives; `next()` waits for the next one. */
function subscriber(identity: { userId: string; orgId: string; role: 'viewer' | 'member' }) {
  const client: Client = createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: () => signIdentity(testIdentity(identity), h.config.IDENTITY_SECRET, { method: 'GET', target: wsUrl() }),
  });
  const received: Added[] = [];
  const waiting: ((added: Added) => void)[] = [];
  const failures: unknown[] = [];
  const stop = client.subscribe<{ suggestionAdded: Added }>(
    { query: SUBSCRIPTION },
    {
      next: (message) => {
        if (message.errors) failures.push(message.errors);
        const added = message.data?.suggestionAdded;
        if (!added) return;
        const resolve = waiting.shift();
        if (resolve) resolve(added);
        else received.push(added);
      },
      error: (error) => failures.push(error),
      complete: () => undefined,
    },
  );
  return {
    failures,
    next: () => new Promise<Added>((resolve) => (received.length > 0 ? resolve(received.shift()!) : waiting.push(resolve))),
    async leave() {
      stop();
      await client.dispose();
    },
  };
}

/** Subscribers of a Redis channel, as Redis counts them. */
async function subscribersOf(channel: string): Promise<number> {
  const [, count] = (await h.redis.pubsub('NUMSUB', channel)) as [string, number];
  return Number(count);
}

async function offer(orgId: string, userId: string, sequence = PR_TO_SLACK): Promise<string> {
  const patternId = await h.insertPattern(orgId, userId, { sequence, support: 9 });
  expect(await h.mine(orgId, userId)).toBe(true);
  const [row] = await h.owner<{ id: string }>('select id from analytics.suggestions where pattern_id = $1', [patternId]);
  return row.id;
}

it('closes an unsigned connection with 4403', async () => {
  const unsigned = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  const closeCode = await new Promise<number>((resolve) => unsigned.on('closed', (event) => resolve((event as { code: number }).code)));
  expect(closeCode).toBe(4403);
  await unsigned.dispose();
});

it('delivers a user’s own suggestions only: not another user’s, not another organization’s; leaving unsubscribes the channel', async () => {
  const me = { userId: randomUUID(), orgId: orgA, role: 'viewer' as const };
  const colleague = { userId: randomUUID(), orgId: orgA, role: 'member' as const };
  const channel = suggestionAddedChannel(h.config.REDIS_PREFIX, orgA, me.userId);
  const mine = subscriber(me);
  const theirs = subscriber(colleague);
  await until(
    async () =>
      (await subscribersOf(channel)) === 1 &&
      (await subscribersOf(suggestionAddedChannel(h.config.REDIS_PREFIX, orgA, colleague.userId))) === 1,
  );

  // Published first: the colleague's suggestion, the same user id's in another organization, and a stray message on my channel naming another organization.
  const colleagues = await offer(orgA, colleague.userId);
  await offer(orgB, me.userId);
  await h.pubsub.publish(channel, { suggestionId: colleagues, orgId: orgB, userId: me.userId });
  const own = await offer(orgA, me.userId, ISSUES_TO_TEAMS);

  const received = await mine.next();
  expect(received).toEqual({
    id: own,
    status: 'OPEN',
    title: 'Mirror GitLab issues to Teams',
    user: { id: me.userId },
    pattern: { id: expect.any(String) },
  });
  expect((await theirs.next()).id).toBe(colleagues);
  expect(mine.failures).toEqual([]);

  await mine.leave();
  await theirs.leave();
  await until(async () => (await subscribersOf(channel)) === 0);
});

it('refuses a subscription without suggestions:read', async () => {
  const client = createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: () =>
      signIdentity(
        testIdentity({ userId: randomUUID(), orgId: orgA, role: 'admin', authMethod: 'api_key', scopes: ['patterns:read'] }),
        h.config.IDENTITY_SECRET,
        { method: 'GET', target: wsUrl() },
      ),
  });
  try {
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: SUBSCRIPTION },
        { next: (message) => resolve(message.errors), error: resolve, complete: () => resolve(undefined) },
      );
    });
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  } finally {
    await client.dispose();
  }
});
