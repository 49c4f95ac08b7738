import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { post, startFederation, type Federation } from './federation-kit';
// Channel names as the subgraphs publish them (tests only; the gateway never imports subgraphs).
import { suggestionAddedChannel } from '@flowgraph/analytics/testing';
import { executionChannel } from '@flowgraph/workflow/testing';

export interface TestUser {
  token: string;
  userId: string;
  orgId: string;
  email: string;
  organizationName: string;
  headers: Record<string, string>;
}

/** A fresh user and organization, signed up through the gateway. */
export async function signUp(gatewayUrl: string): Promise<TestUser> {
  const email = `${randomUUID()}@example.com`;
  const organizationName = `Org ${randomUUID().slice(0, 8)}`;
  const signedUp = await post<{ signUp: { accessToken: string } }>(
    gatewayUrl,
    'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
    { input: { email, password: 'correct horse battery staple', name: 'Ada', organizationName } },
  );
  if (!signedUp.data) throw new Error(`signUp failed: ${signedUp.text}`);
  const token = signedUp.data.signUp.accessToken;
  const headers = { authorization: `Bearer ${token}` };
  const me = await post<{ me: { id: string }; currentOrganization: { id: string } }>(
    gatewayUrl,
    '{ me { id } currentOrganization { id } }',
    {},
    headers,
  );
  if (!me.data) throw new Error(`me failed: ${me.text}`);
  return { token, userId: me.data.me.id, orgId: me.data.currentOrganization.id, email, organizationName, headers };
}

/** A federation with owner-written rows and a user signed up through it: where each live-query test starts. */
export interface LiveFederation extends Federation {
  rows: Rows;
  user: TestUser;
}

/** Starts a federation (`env` as for `startFederation`), opens its Rows and signs a user up; `stop` also closes the Rows. */
export async function startLiveFederation(env: Record<string, string> = {}): Promise<LiveFederation> {
  const federation = await startFederation(env);
  const rows = await Rows.open(federation);
  const user = await signUp(federation.gateway.url);
  return {
    ...federation,
    rows,
    user,
    async stop() {
      await rows.close();
      await federation.stop();
    },
  };
}

/** Rows written as the database owner (what the miner and the workers would write). */
export class Rows {
  private constructor(private readonly pg: PgClient) {}

  static async open(federation: Federation): Promise<Rows> {
    const pg = new PgClient({ connectionString: federation.db.ownerUrl });
    await pg.connect();
    return new Rows(pg);
  }

  /** An open suggestion (with its pattern) offered to the user; `explanation` sets its size. */
  async suggestion(user: TestUser, explanation = 'You opened a PR and then posted in #reviews 9 times.'): Promise<string> {
    const patternId = randomUUID();
    const id = randomUUID();
    await this.pg.query(
      `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at)
       values ($1, $2, $3, $4::jsonb, 9, 0.8, now(), now())`,
      // One pattern per (user, sequence): each suggestion gets a sequence of its own.
      [
        patternId,
        user.orgId,
        user.userId,
        JSON.stringify([
          { tool: 'github', eventType: 'pr.opened' },
          { tool: 'slack', eventType: `message.posted.${patternId}` },
        ]),
      ],
    );
    await this.pg.query(
      `insert into analytics.suggestions (id, org_id, user_id, pattern_id, template_id, status, title, explanation, parameters, estimated_minutes_saved_per_week, support_at_offer, offered_at)
       values ($1, $2, $3, $4, 'github-pr-opened-to-slack', 'open', 'Post to Slack when a PR is opened', $5, '{"channel":"#reviews"}', 20, 9, now())`,
      [id, user.orgId, user.userId, patternId, explanation],
    );
    return id;
  }

  /** A queued execution of the workflow (as executeWorkflow would record it). */
  async execution(orgId: string, workflowId: string): Promise<string> {
    const id = randomUUID();
    await this.pg.query(
      `insert into workflow.executions (id, org_id, workflow_id, version, status, trigger_kind) values ($1, $2, $3, 1, 'queued', 'manual')`,
      [id, orgId, workflowId],
    );
    return id;
  }

  /** Sets an execution's status as the worker would record it (finished ones get a finish time). */
  async executionStatus(executionId: string, status: 'running' | 'succeeded' | 'failed' | 'cancelled'): Promise<void> {
    await this.pg.query(
      `update workflow.executions set status = $2, started_at = coalesce(started_at, now()), finished_at = case when $2 = 'running' then null else now() end where id = $1`,
      [executionId, status],
    );
  }

  async close(): Promise<void> {
    await this.pg.end();
  }
}

/** Announces a suggestion as the analytics worker does. */
export async function publishSuggestion(federation: Federation, user: TestUser, suggestionId: string): Promise<void> {
  await federation.redis.publish(
    suggestionChannel(federation, user),
    JSON.stringify({ suggestionId, orgId: user.orgId, userId: user.userId }),
  );
}

export const suggestionChannel = (federation: Federation, user: TestUser) =>
  suggestionAddedChannel(federation.config.REDIS_PREFIX, user.orgId, user.userId);

export async function publishExecution(federation: Federation, orgId: string, executionId: string): Promise<void> {
  await federation.redis.publish(executionChannel(federation.config.REDIS_PREFIX, executionId), JSON.stringify({ executionId, orgId }));
}

export const executionUpdatedChannel = (federation: Federation, executionId: string) =>
  executionChannel(federation.config.REDIS_PREFIX, executionId);

/** Subscribers of a Redis channel, as Redis counts them (the subgraph's upstream subscription). */
export async function subscribersOf(federation: Federation, channel: string): Promise<number> {
  const [, count] = (await federation.redis.pubsub('NUMSUB', channel)) as [string, number];
  return Number(count);
}

export const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/** A graphql-ws client of the gateway with the given connection params. */
export function wsClient(
  url: string,
  connectionParams: Record<string, unknown>,
  extra: Partial<Parameters<typeof createClient>[0]> = {},
): Client {
  return createClient({ url: wsUrl(url), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams, ...extra });
}

/** A subscription collecting what it receives; `next()` waits for the next result, `ended` when it completes or fails. */
export function collect<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: FormattedExecutionResult<T, unknown>[] = [];
  /** Everything received so far, whether or not `next()` took it. */
  const all: FormattedExecutionResult<T, unknown>[] = [];
  const waiting: ((result: FormattedExecutionResult<T, unknown>) => void)[] = [];
  let settle: (outcome: { error?: unknown }) => void = () => undefined;
  const ended = new Promise<{ error?: unknown }>((resolve) => (settle = resolve));
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        all.push(result);
        const take = waiting.shift();
        if (take) take(result);
        else received.push(result);
      },
      error: (error) => settle({ error }),
      complete: () => settle({}),
    },
  );
  return {
    all,
    ended,
    stop,
    next: (timeoutMs = 10_000) =>
      new Promise<FormattedExecutionResult<T, unknown>>((resolve, reject) => {
        if (received.length > 0) return resolve(received.shift()!);
        const timer = setTimeout(() => reject(new Error('no event within timeout')), timeoutMs);
        waiting.push((result) => {
          clearTimeout(timer);
          resolve(result);
        });
      }),
  };
}

/**
 * Six sessions, two hours apart three days ago, in each of which a PR opened on GitHub is followed
 * by a post in #reviews: the pattern that yields the "Post to Slack when a PR is opened" suggestion.
 */
export function prThenReviewPostSessions(): {
  idempotencyKey: string;
  tool: string;
  eventType: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}[] {
  const start = Date.now() - 3 * 86_400_000;
  return Array.from({ length: 6 }, (_, session) => {
    const at = (minutes: number) => new Date(start + session * 2 * 3_600_000 + minutes * 60_000).toISOString();
    return [
      { idempotencyKey: `pr-${session}`, tool: 'github', eventType: 'pr.opened', occurredAt: at(0), payload: { repository: 'acme/api' } },
      {
        idempotencyKey: `post-${session}`,
        tool: 'slack',
        eventType: 'message.posted',
        occurredAt: at(3),
        payload: { channel: '#reviews' },
      },
    ];
  }).flat();
}
