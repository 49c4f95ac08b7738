import { randomUUID } from 'node:crypto';
import { loadConfig, signIdentity } from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { startCoreHarness, signUp, type Account, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
let account: Account;

beforeAll(async () => {
  h = await startCoreHarness('dboutage');
  account = await signUp(h);
});
afterAll(async () => {
  await h?.close();
});

/** A notify step's call: one event, signed as the workflow worker signs it. */
function recordEvent(idempotencyKey: string) {
  const identity = {
    requestId: randomUUID(),
    orgId: account.orgId,
    userId: account.userId,
    role: 'member' as const,
    scopes: [],
    authMethod: 'service' as const,
  };
  const url = new URL('/internal/events', h.server.url).toString();
  const body = JSON.stringify({
    events: [{ idempotencyKey, eventType: 'workflow.notification', tool: 'flowgraph', occurredAt: new Date().toISOString(), payload: {} }],
  });
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signIdentity(identity, h.config.IDENTITY_SECRET, { method: 'POST', target: url, body }),
    },
    body,
  });
}

it('answers POST /internal/events with 503 UNAVAILABLE and Retry-After while its database refuses connections, and stores the retry once after', async () => {
  const key = randomUUID();
  // Only this test's database: no new connections for the app role, and its open ones are ended.
  await h.owner(`alter database ${h.db.name} connection limit 0`);
  await h.owner(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = $2`, [
    h.db.name,
    loadConfig().DATABASE_APP_ROLE,
  ]);
  try {
    const refused = await recordEvent(key);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({
      error: {
        code: 'UNAVAILABLE',
        message: 'Service temporarily unavailable, retry later',
        retryAfter: 5,
        request_id: expect.any(String),
      },
    });
  } finally {
    await h.owner(`alter database ${h.db.name} connection limit -1`);
  }
  // The same call again, as the notify step retries it: stored once.
  const stored = await until(
    async () => {
      const response = await recordEvent(key);
      return response.status === 200 ? ((await response.json()) as { results: { status: string }[] }) : null;
    },
    10_000,
    'core to store the event',
  );
  expect(stored.results[0]!.status).toBe('CREATED');
  expect(await h.owner(`select count(*)::int as n from core.events where idempotency_key = $1`, [key])).toEqual([{ n: 1 }]);
});
