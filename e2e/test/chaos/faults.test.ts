import { randomUUID } from 'node:crypto';
import { faultTable, surviveFault, type Fault, type FaultRow, type Subject, type Timeline } from '../../support/chaos-faults';
import { startChaosPlatform, type ChaosPlatform, type ServiceName } from '../../support/chaos-platform';

/**
 * Chaos: Postgres restarted, Redis restarted (empty, as after a crash), a subgraph killed, a
 * worker killed, each while events are ingested and executions started through the gateway.
 * Afterwards every acknowledged event and execution (and the execution each event triggers) is
 * stored exactly once, none is left queued or running, the clients saw only acknowledgements
 * and clear 503s (UNAVAILABLE, Retry-After), and no process crashed. Prints the table of faults
 * survived (docs/operations.md, "Chaos tests").
 */
jest.setTimeout(600_000);

// Short stall, sweep and claim intervals: a killed worker's executions and events resume within seconds, not 30-75 s.
const PLATFORM_ENV = {
  WORKFLOW_LOCK_DURATION_MS: '3000',
  WORKFLOW_STALLED_INTERVAL_MS: '2000',
  WORKFLOW_SWEEP_INTERVAL_MS: '2000',
  WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS: '2000',
  // An event-stream entry a killed worker had read is claimed after 5 s, not 60 s.
  WORKFLOW_EVENT_CLAIM_IDLE_MS: '5000',
  WORKFLOW_EVENT_CLAIM_EVERY_MS: '1000',
  ARGON2_MEMORY_KIB: '1024',
  ARGON2_TIME_COST: '1',
  // The load is one client's: per-client limits would refuse it (429), which is not what is tested.
  RATE_LIMIT_IP_PER_MINUTE: '0',
  RATE_LIMIT_USER_PER_MINUTE: '0',
  RATE_LIMIT_API_KEY_PER_MINUTE: '0',
  RATE_LIMIT_OPERATION_PER_MINUTE: '0',
};
const TIMELINE: Timeline = { beforeMs: 2000, outageMs: 5000, afterMs: 3000, everyMs: 400, settleMs: 120_000 };
// A delay keeps executions running when a fault strikes.
const DEFINITION = {
  steps: [
    { id: 'wait', type: 'delay', config: { ms: 400 } },
    { id: 'shape', type: 'transform', config: { expression: '{ "key": input.key }' } },
  ],
  edges: [{ from: 'wait', to: 'shape' }],
};

let platform: ChaosPlatform;
let subject: Subject;
const rows: FaultRow[] = [];
/** Phases begun and not passed: their processes' output is kept for a look. */
let phasesFailed = 0;

async function graphql<T>(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(new URL('/graphql', platform.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`${query.slice(0, 60)}: ${response.status} ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** An account, an API key for events and executions, and a published, active workflow with an EVENT trigger. */
async function createSubject(): Promise<Subject> {
  const { signUp } = await graphql<{ signUp: { accessToken: string; user: { id: string } } }>(
    'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }',
    { input: { email: `chaos-${randomUUID()}@example.com`, password: 'chaos-password-1234', name: 'Chaos', organizationName: 'Chaos' } },
  );
  const admin = { authorization: `Bearer ${signUp.accessToken}` };
  const { createApiKey } = await graphql<{ createApiKey: { secret: string } }>(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
    { input: { name: 'chaos load', scopes: ['events:write', 'workflows:execute'] } },
    admin,
  );
  const { createWorkflow } = await graphql<{ createWorkflow: { workflow: { id: string } } }>(
    'mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { workflow { id } } }',
    { input: { name: 'Chaos', definition: DEFINITION, concurrencyLimit: 100 } },
    admin,
  );
  const workflowId = createWorkflow.workflow.id;
  await graphql('mutation($id: ID!) { publishWorkflow(id: $id, version: 1) { workflow { id } } }', { id: workflowId }, admin);
  const { addTrigger } = await graphql<{ addTrigger: { trigger: { id: string } } }>(
    'mutation($input: AddTriggerInput!) { addTrigger(input: $input) { trigger { id } } }',
    { input: { workflowId, kind: 'EVENT', event: { tool: 'chaos', eventType: 'ping' } } },
    admin,
  );
  await graphql('mutation($id: ID!) { setWorkflowActive(id: $id, active: true) { workflow { id } } }', { id: workflowId }, admin);
  const [{ org_id: orgId }] = await platform.query<{ org_id: string }>('select org_id from workflow.workflows where id = $1', [workflowId]);
  return {
    gatewayUrl: platform.gatewayUrl,
    apiKey: createApiKey.secret,
    workflowId,
    orgId,
    triggerId: addTrigger.trigger.id,
    tool: 'chaos',
    eventType: 'ping',
  };
}

beforeAll(async () => {
  platform = await startChaosPlatform(PLATFORM_ENV);
  subject = await createSubject();
});

afterAll(async () => {
  if (rows.length > 0) console.log(`Faults survived:\n${faultTable(rows)}`);
  if (phasesFailed > 0 && platform) console.log(`The processes' output is kept in ${platform.logDir}`);
  await platform?.stop({ keepLogs: phasesFailed > 0 });
});

const killed = (name: ServiceName, downMs: number): Fault => ({
  name: `${name} killed (SIGKILL, ${downMs / 1000} s down)`,
  inject: () => platform.services[name].kill(),
  repair: () => platform.services[name].start(),
});

const faults: Fault[] = [
  {
    name: 'Postgres restarted (immediate stop: a crash)',
    inject: () => platform.postgres.stop('immediate'),
    repair: () => platform.postgres.start(),
  },
  {
    name: 'Redis killed and restarted (append-only file, as deployed)',
    inject: () => platform.redis.stop(),
    repair: () => platform.redis.start(),
  },
  killed('core', TIMELINE.outageMs),
  killed('workflow-worker', TIMELINE.outageMs),
];

it.each(faults.map((fault) => [fault.name, fault] as const))('survives %s under load', async (_name, fault) => {
  phasesFailed++;
  const row = await surviveFault(platform, subject, fault, TIMELINE);
  rows.push(row);
  // One assertion, so a failure shows everything that went wrong in the phase.
  expect({
    crashes: platform.crashes(),
    otherErrors: row.otherErrors,
    problems: row.problems,
    duplicates: row.duplicates,
    lost: row.lost,
    stuck: row.stuck,
    failed: row.failed,
    stuckExecutions: row.stuckExecutions,
    serviceLog: row.serviceLog,
  }).toEqual({
    crashes: [],
    otherErrors: 0,
    problems: [],
    duplicates: 0,
    lost: 0,
    stuck: 0,
    failed: 0,
    stuckExecutions: [],
    serviceLog: [],
  });
  expect(row.acknowledged).toBeGreaterThan(0);
  phasesFailed--;
});
