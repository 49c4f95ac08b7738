/**
 * Disaster recovery, end to end: the platform (npm start) under write load — events ingested
 * through the gateway, workflow executions running — is backed up with `npm run backup` while the
 * writes go on, restored with `npm run restore` into a fresh database and Redis prefix, and started
 * again on them. The restored stack must hold at least what was counted when the backup began, be
 * consistent across subgraphs (one snapshot), deliver what the streams had not yet delivered,
 * answer a federated query and run a workflow. Prints the restore time (RTO evidence) and the age
 * of the newest restored row at the backup's end (RPO evidence).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '@flowgraph/kernel';
import { uniqueName, until } from '@flowgraph/kernel/testing';
import { cleanEnv, runNode, startPlatform, type PlatformRun } from '../../scripts/test/helpers';

jest.setTimeout(600_000);

const SCHEMAS = ['core', 'workflow', 'integration', 'analytics'];
/** Outboxes are emptied by their relays as they publish: their counts go down by design. */
const SHRINKING_TABLES = /_outbox$/;

let source: PlatformRun | undefined;
let restored: PlatformRun | undefined;
let backupRoot: string;

afterAll(async () => {
  await restored?.cleanUp();
  await source?.cleanUp();
  if (backupRoot) rmSync(backupRoot, { recursive: true, force: true });
});

async function started(platform: PlatformRun): Promise<PlatformRun> {
  await platform.unlessExited(
    new Promise<void>((resolve) => {
      const check = () => platform.output().includes('Press Ctrl-C to stop.') && resolve();
      platform.child.stdout!.on('data', check);
      check();
    }),
  );
  return platform;
}

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Row counts of every table of the four schemas, by `schema.table`. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>(
    url,
    `select schemaname || '.' || tablename as name from pg_tables where schemaname = any($1) order by 1`,
    [SCHEMAS],
  );
  const counts = await sql<Record<string, number>>(
    url,
    `select ${tables.map((t, i) => `(select count(*)::int from ${t.name}) as c${i}`).join(', ')}`,
  );
  return Object.fromEntries(tables.map((t, i) => [t.name, counts[0][`c${i}`]]));
}

function gateway(platform: PlatformRun, token?: string) {
  return async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${platform.ports.GATEWAY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
    return body.data!;
  };
}

const INGEST = 'mutation($events: [EventInput!]!) { ingestEvents(events: $events) { createdCount invalidCount } }';
const EXECUTE = 'mutation($id: ID!) { executeWorkflow(input: { workflowId: $id }) { execution { id } } }';
const STATUS = 'query($id: ID!) { execution(id: $id) { status } }';

it('restores a backup taken under write load into a fresh database and Redis, and the stack runs on it', async () => {
  source = await started(await startPlatform('dr'));
  const anonymous = gateway(source);
  const signedUp = await anonymous<{ signUp: { accessToken: string; user: { id: string } } }>(
    'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }',
    {
      input: {
        email: `${randomUUID()}@example.com`,
        password: 'correct horse battery staple',
        name: 'Ada',
        organizationName: 'Restored Ltd',
      },
    },
  );
  const token = signedUp.signUp.accessToken;
  const call = gateway(source, token);
  const definition = { steps: [{ id: 'shape', type: 'transform', config: { expression: '{ "ok": true }' } }], edges: [] };
  const created = await call<{ createWorkflow: { workflow: { id: string } } }>(
    'mutation($d: JSONObject!) { createWorkflow(input: { name: "On PR", definition: $d, concurrencyLimit: 100 }) { workflow { id } } }',
    { d: definition },
  );
  const workflowId = created.createWorkflow.workflow.id;
  await call('mutation($id: ID!) { publishWorkflow(id: $id, version: 1) { workflow { id } } }', { id: workflowId });
  await call(
    'mutation($id: ID!) { addTrigger(input: { workflowId: $id, kind: EVENT, event: { tool: "github", eventType: "pr.opened" } }) { trigger { id } } }',
    { id: workflowId },
  );
  await call('mutation($id: ID!) { setWorkflowActive(id: $id, active: true) { workflow { id } } }', { id: workflowId });

  // Write load until told to stop: a batch of events (each starts the workflow through its trigger) and a direct run, over and over.
  let writing = true;
  let writes = 0;
  const load = (async () => {
    while (writing) {
      const events = Array.from({ length: 5 }, () => ({
        idempotencyKey: randomUUID(),
        tool: 'github',
        eventType: 'pr.opened',
        occurredAt: new Date().toISOString(),
        payload: { number: writes },
      }));
      const ingested = await call<{ ingestEvents: { createdCount: number } }>(INGEST, { events });
      expect(ingested.ingestEvents.createdCount).toBe(5);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await call(EXECUTE, { id: workflowId });
      writes += 1;
    }
  })();
  const url = source.databaseUrl;
  await until(
    async () => ((await sql(url, `select 1 from workflow.executions where status = 'succeeded' limit 1`)).length > 0 ? true : undefined),
    120_000,
    'a first execution to succeed',
  );

  backupRoot = mkdtempSync(path.join(os.tmpdir(), 'fg-dr-backups-'));
  const atStart = await rowCounts(url);
  const writesBefore = writes;
  const backup = await runNode(
    'scripts/backup.mjs',
    [],
    cleanEnv({ DATABASE_URL: url, REDIS_URL: loadConfig().REDIS_URL, REDIS_PREFIX: source.redisPrefix, BACKUP_DIR: backupRoot }),
  );
  const writesDuring = writes - writesBefore;
  writing = false;
  await load;
  expect(backup.stderr).toBe('');
  expect(backup.code).toBe(0);
  expect(writesDuring).toBeGreaterThan(0); // the backup did not stop the writes
  const backupDir = /backup: written (\S+) in/.exec(backup.stdout)![1];
  // Events the source itself never turned into an execution (its trigger consumer gave up on them): the restore cannot do better.
  const unstarted = `select e.id from core.events e where not exists (select 1 from workflow.executions x where x.idempotency_key like 'event:' || e.id || ':%')`;
  const notStartedAtSource = await until(
    async () => {
      const rows = await sql<{ id: string }>(url, unstarted);
      return rows.length === 0 ? rows : undefined;
    },
    60_000,
    'the source to start every event',
    500,
  ).catch(() => sql<{ id: string }>(url, unstarted));
  process.stdout.write(`DR: events the source never started an execution for: ${notStartedAtSource.length}\n`);
  const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
  await source.cleanUp(); // the disaster: the database and the Redis keys are gone
  source = undefined;

  // Restore into a database and prefix that do not exist yet, then start the stack on them.
  const database = uniqueName('fg_dr_restored');
  const redisPrefix = uniqueName('fgdrr');
  const restoredUrl = Object.assign(new URL(url), { pathname: `/${database}` }).toString();
  const restoreStarted = Date.now();
  const restore = await runNode(
    'scripts/restore.mjs',
    [backupDir],
    cleanEnv({ DATABASE_URL: restoredUrl, REDIS_URL: loadConfig().REDIS_URL, REDIS_PREFIX: redisPrefix }),
  );
  const restoreSeconds = (Date.now() - restoreStarted) / 1000;
  expect(restore.stderr).toBe('');
  expect(restore.code).toBe(0);
  // Nothing counted when the backup began is missing; the subgraphs agree with each other (one snapshot).
  const after = await rowCounts(restoredUrl);
  for (const [table, count] of Object.entries(atStart)) {
    if (!SHRINKING_TABLES.test(table)) expect({ table, atLeast: after[table] >= count }).toEqual({ table, atLeast: true });
  }
  expect(after['core.events']).toBeGreaterThan(0);
  const [newest] = await sql<{ at: Date }>(
    restoredUrl,
    'select greatest((select max(created_at) from core.events), (select max(queued_at) from workflow.executions)) as at',
  );
  const [orphans] = await sql<{ copies: number; runs: number }>(
    restoredUrl,
    `select (select count(*)::int from analytics.events a where not exists (select 1 from core.events e where e.id = a.id)) as copies,
            (select count(*)::int from workflow.executions x where x.idempotency_key like 'event:%'
               and not exists (select 1 from core.events e where x.idempotency_key like 'event:' || e.id || ':%')) as runs`,
  );
  expect(orphans).toEqual({ copies: 0, runs: 0 });

  const rpoSeconds = (new Date(manifest.finishedAt).getTime() - newest.at.getTime()) / 1000;
  process.stdout.write(
    `DR RPO evidence: the newest restored row (${newest.at.toISOString()}) is ${rpoSeconds.toFixed(1)} s older than the backup's end (${manifest.finishedAt}); the snapshot was taken at ${manifest.snapshotAt}\n`,
  );

  // The stack on the restored database and prefix (the queued-execution sweep made quick for the test).
  restored = await started(await startPlatform('drr', { database, redisPrefix, env: { WORKFLOW_SWEEP_INTERVAL_MS: '1000' } }));
  const readySeconds = (Date.now() - restoreStarted) / 1000;
  process.stdout.write(
    `DR RTO evidence: npm run restore took ${restoreSeconds.toFixed(1)} s; the restored stack answered ${readySeconds.toFixed(1)} s after the restore began\n`,
  );
  // What the streams and outboxes had not delivered is delivered now: every restored event reaches Analytics and starts its execution.
  let left = { copies: -1, runs: -1, queued: -1 };
  await until(
    async () => {
      [left] = await sql<{ copies: number; runs: number; queued: number }>(
        restoredUrl,
        `select (select count(*)::int from core.events e where not exists (select 1 from analytics.events a where a.id = e.id)) as copies,
                (select count(*)::int from core.events e where not exists (select 1 from workflow.executions x where x.idempotency_key like 'event:' || e.id || ':%')
                   and e.id <> all($1::uuid[])) as runs,
                (select count(*)::int from workflow.executions where status = 'queued') as queued`,
        [notStartedAtSource.map((r) => r.id)],
      );
      return left.copies + left.runs + left.queued === 0 ? true : undefined;
    },
    180_000,
    'the restored stack to deliver every restored event and run every queued execution',
    500,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; still missing: ${JSON.stringify(left)}`);
  });
  const [running] = await sql<{ n: number }>(restoredUrl, `select count(*)::int as n from workflow.executions where status = 'running'`);
  process.stdout.write(`DR: executions running at the snapshot and left running after the restore: ${running.n}\n`);

  // The restored graph answers across subgraphs with the session of before, and runs a workflow.
  const again = gateway(restored, token);
  const seen = await again<{ workflow: { name: string; owner: { id: string }; organization: { name: string } } }>(
    'query($id: ID!) { workflow(id: $id) { name owner { id } organization { name } } }',
    { id: workflowId },
  );
  expect(seen.workflow).toEqual({ name: 'On PR', owner: { id: signedUp.signUp.user.id }, organization: { name: 'Restored Ltd' } });
  const run = await again<{ executeWorkflow: { execution: { id: string } } }>(EXECUTE, { id: workflowId });
  const status = await until(
    async () => {
      const { execution } = await again<{ execution: { status: string } }>(STATUS, { id: run.executeWorkflow.execution.id });
      return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(execution.status) ? execution.status : undefined;
    },
    60_000,
    'the new execution to finish',
  );
  expect(status).toBe('SUCCEEDED');
});
