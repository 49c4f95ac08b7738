import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { createLogger, createOrm, createRedis, type Redis } from '@flowgraph/kernel';
import { entities as coreEntities } from '@flowgraph/core';
import { bullPrefix, startWorkers, subjectClients, type SubjectClients } from '@flowgraph/core/testing';
import { post } from './federation-kit';
import { signUp, startLiveFederation, type LiveFederation, type TestUser } from './live-kit';
import { identitySecret } from './federation-kit';

const quiet = () => createLogger('test', process.env.TEST_LOG ?? 'silent');

/** A federation (gateway, four subgraphs, owner rows) and Core's worker running data-subject requests and the event relay. */
export interface DataSubjectPlatform extends LiveFederation {
  /** The subgraphs' data-subject clients as the worker uses them (a test may wrap them). */
  clients: SubjectClients;
  /** Starts (again) Core's worker with these clients; the previous one must be stopped first. */
  startWorker(clients?: SubjectClients): Promise<void>;
  stopWorker(): Promise<void>;
  owner<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function startDataSubjectPlatform(): Promise<DataSubjectPlatform> {
  const federation = await startLiveFederation();
  const origin = (url: string) => new URL(url).origin;
  const clients = subjectClients(
    {
      workflow: origin(federation.urls.workflow),
      integration: origin(federation.urls.integration),
      analytics: origin(federation.urls.analytics),
    },
    identitySecret,
  );
  const orm = await createOrm({ url: federation.db.appUrl, entities: coreEntities, poolMax: 3 });
  const pg = new PgClient({ connectionString: federation.db.ownerUrl });
  await pg.connect();
  const redisPrefix = federation.config.REDIS_PREFIX;
  let running: { close(): Promise<void>; connections: Redis[] } | undefined;
  const platform: DataSubjectPlatform = {
    ...federation,
    clients,
    async startWorker(workerClients = clients) {
      const connection = createRedis(federation.config.REDIS_URL, { forWorkers: true });
      const redis = createRedis(federation.config.REDIS_URL);
      const workers = await startWorkers({
        orm,
        connection,
        prefix: bullPrefix(redisPrefix),
        logger: quiet(),
        auditKeepDays: 365,
        eventRelay: { redis, redisPrefix, intervalMs: 50, batchSize: 100, maxLength: 10_000 },
        dataSubject: { redis, redisPrefix, clients: workerClients },
      });
      running = { close: () => workers.close(), connections: [connection, redis] };
    },
    async stopWorker() {
      await running?.close();
      for (const connection of running?.connections ?? []) connection.disconnect();
      running = undefined;
    },
    async owner<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await pg.query<T>(sql, params)).rows;
    },
    async stop() {
      await platform.stopWorker();
      // The worker's queue (its scheduler and jobs) lives under the federation's prefix, removed by its stop.
      await pg.end();
      await orm.close(true);
      await federation.stop();
    },
  };
  await platform.startWorker();
  return platform;
}

/** Calls the gateway as `user` (or with other headers); throws on GraphQL errors unless `allowErrors`. */
export async function call<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  platform: DataSubjectPlatform,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const answer = await post<T>(platform.gateway.url, query, variables, headers);
  if (!answer.data || answer.errors) throw new Error(`${query.slice(0, 60)}… failed: ${answer.text}`);
  return answer.data;
}

const definition = { steps: [{ id: 'first', type: 'transform', config: { expression: '1' } }], edges: [] };

/** What a person made in every subgraph (see `seedPerson`). */
export interface SeededPerson {
  user: TestUser;
  apiKey: string;
  workflowId: string;
  /** Their workflow in another person's organization, which lives on after they are erased. */
  sharedWorkflowId: string;
  /** The other person, owner of that organization. */
  colleague: TestUser;
  integrationId: string;
}

/**
 * A person with data in every subgraph: an API key, events (with their email in a payload),
 * a workflow run, an S3 integration with credentials, a pattern and suggestion, Analytics' copy
 * of events and milestones, a session; and a membership, with a workflow of theirs, in a
 * colleague's organization (invited and accepted).
 */
export async function seedPerson(platform: DataSubjectPlatform, user: TestUser = platform.user): Promise<SeededPerson> {
  const as = user.headers;
  const apiKey = (
    await call<{ createApiKey: { secret: string } }>(
      platform,
      as,
      'mutation { createApiKey(input: { name: "ci", scopes: ["workflows:read", "events:write"] }) { secret } }',
    )
  ).createApiKey.secret;
  await call(platform, as, 'mutation($events: [EventInput!]!) { ingestEvents(events: $events) { createdCount } }', {
    events: [
      {
        idempotencyKey: `e-${randomUUID()}`,
        tool: 'github',
        eventType: 'pr.opened',
        occurredAt: new Date().toISOString(),
        payload: { author: user.email },
      },
      {
        idempotencyKey: `e-${randomUUID()}`,
        tool: 'slack',
        eventType: 'message.posted',
        occurredAt: new Date().toISOString(),
        payload: { channel: '#reviews' },
      },
    ],
  });
  const workflowId = (
    await call<{ createWorkflow: { workflow: { id: string } } }>(
      platform,
      as,
      'mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { workflow { id } } }',
      { input: { name: 'Mine', definition } },
    )
  ).createWorkflow.workflow.id;
  await call(platform, as, 'mutation($id: ID!) { publishWorkflow(id: $id, version: 1) { workflow { id } } }', { id: workflowId });
  await call(
    platform,
    as,
    'mutation($id: ID!, $input: JSONObject) { executeWorkflow(input: { workflowId: $id, input: $input }) { execution { id } } }',
    {
      id: workflowId,
      input: { requestedBy: user.email },
    },
  );
  const integrationId = (
    await call<{ connectIntegration: { integration: { id: string } } }>(
      platform,
      as,
      'mutation { connectIntegration(input: { provider: S3, displayName: "Reports", credentials: [{ name: "accessKeyId", value: "AKIAIOSFODNN7EXAMPLE" }, { name: "secretAccessKey", value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }, { name: "region", value: "eu-west-1" }] }) { integration { id } } }',
    )
  ).connectIntegration.integration.id;
  await platform.rows.suggestion(user);
  await platform.owner(
    `insert into analytics.events (id, org_id, user_id, tool, event_type, occurred_at, attributes) values ($1, $2, $3, 'github', 'pr.opened', now(), $4)`,
    [randomUUID(), user.orgId, user.userId, JSON.stringify({ author: user.email })],
  );
  await platform.owner(`insert into analytics.user_milestones (org_id, user_id, signed_up_at) values ($1, $2, now())`, [
    user.orgId,
    user.userId,
  ]);
  // A colleague's organization the person joins, and a workflow they write there.
  const colleague = await signUp(platform.gateway.url);
  const token = (
    await call<{ inviteMember: { token: string } }>(
      platform,
      colleague.headers,
      'mutation($email: String!) { inviteMember(input: { email: $email, role: ADMIN }) { token } }',
      { email: user.email },
    )
  ).inviteMember.token;
  const joined = await call<{ acceptInvitation: { accessToken: string } }>(
    platform,
    as,
    'mutation($t: String!) { acceptInvitation(token: $t) { accessToken } }',
    { t: token },
  );
  const sharedWorkflowId = (
    await call<{ createWorkflow: { workflow: { id: string } } }>(
      platform,
      { authorization: `Bearer ${joined.acceptInvitation.accessToken}` },
      'mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { workflow { id } } }',
      { input: { name: 'Team report', definition } },
    )
  ).createWorkflow.workflow.id;
  return { user, apiKey, workflowId, sharedWorkflowId, colleague, integrationId };
}

/** A place a value was found: a table's column, or a Redis key (and where in it). */
export type Finding = string;

/**
 * Every column of every table of every schema but Postgres' own (found in the catalog, so a
 * schema or table added later is scanned without being listed) that holds one of `needles`:
 * text-like, JSON, uuid and array columns through their text form, bytea by its bytes.
 */
export async function scanDatabase(platform: DataSubjectPlatform, needles: readonly string[]): Promise<Finding[]> {
  const columns = await platform.owner<{ schema: string; table: string; column: string; type: string }>(
    `select n.nspname as schema, c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
     from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relkind in ('r', 'p', 'm') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
     order by 1, 2, 3`,
  );
  const findings: Finding[] = [];
  for (const { schema, table, column, type } of columns) {
    const target = `"${schema}"."${table}"`;
    const where =
      type === 'bytea'
        ? needles.map((_n, i) => `position(convert_to($${i + 1}, 'UTF8') in "${column}") > 0`).join(' or ')
        : needles.map((_n, i) => `strpos(lower("${column}"::text), lower($${i + 1})) > 0`).join(' or ');
    const [row] = await platform.owner<{ count: number }>(`select count(*)::int as count from ${target} where ${where}`, [...needles]);
    if (row.count > 0) findings.push(`${schema}.${table}.${column} (${row.count} rows)`);
  }
  if (columns.length === 0) throw new Error('the catalog listed no columns: the scan would prove nothing');
  return findings;
}

/** Every Redis key under `prefix` whose name or content (strings, hashes, lists, sets, sorted sets, streams) holds one of `needles`. */
export async function scanRedis(redis: Redis, prefix: string, needles: readonly string[]): Promise<{ findings: Finding[]; keys: number }> {
  const has = (text: string) => needles.some((needle) => text.toLowerCase().includes(needle.toLowerCase()));
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const findings: Finding[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    let texts: string[] = [key];
    if (type === 'string') texts.push((await redis.get(key)) ?? '');
    else if (type === 'hash') texts = texts.concat(Object.entries(await redis.hgetall(key)).flat());
    else if (type === 'list') texts = texts.concat(await redis.lrange(key, 0, -1));
    else if (type === 'set') texts = texts.concat(await redis.smembers(key));
    else if (type === 'zset') texts = texts.concat(await redis.zrange(key, '0', '-1'));
    else if (type === 'stream')
      texts = texts.concat(((await redis.xrange(key, '-', '+')) as [string, string[]][]).flatMap(([, fields]) => fields));
    if (texts.some(has)) findings.push(`${key} (${type})`);
  }
  return { findings, keys: keys.length };
}
