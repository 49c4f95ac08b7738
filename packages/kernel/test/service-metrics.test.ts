import type { MikroORM } from '@mikro-orm/postgresql';
import gql from 'graphql-tag';
import {
  AppError,
  ErrorCode,
  createLogger,
  createOrm,
  createServiceMetrics,
  inScopedTransaction,
  observeSqlDurations,
  startSubgraphServer,
  type RunningServer,
  type ServiceMetrics,
} from '../src';
import { createTestDatabase, postGraphQL, type TestDatabase } from '../src/testing';

const ORG = '00000000-0000-4000-8000-0000000000a1';
const secret = 'service-metrics-test-secret-0123456789abcdef';

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase('svcmetrics');
  orm = await createOrm({ url: db.appUrl, entities: [], poolMax: 2 });
});

afterAll(async () => {
  await orm.close(true);
  await db.drop();
});

/** A histogram's observation count and how many were at most `le` seconds. */
async function histogram(metrics: ServiceMetrics, name: string, labels: Record<string, string> = {}, le = 0.1) {
  // prom-client's type leaves out the series name its histogram values carry.
  const values = (await metrics.registry.getSingleMetric(name)!.get()).values as {
    metricName?: string;
    labels: Record<string, unknown>;
    value: number;
  }[];
  const match = (v: { labels: Record<string, unknown> }) => Object.entries(labels).every(([k, value]) => v.labels[k] === value);
  const count = values.find((v) => v.metricName === `${name}_count` && match(v))?.value ?? 0;
  const within = values.find((v) => v.metricName === `${name}_bucket` && v.labels.le === le && match(v))?.value ?? 0;
  return { count, over: count - within };
}

describe('SQL durations', () => {
  it('time every round trip, inside transactions too, and tell the ones over 100 ms apart', async () => {
    const metrics = createServiceMetrics('sql-probe');
    observeSqlDurations(orm, metrics.sqlDuration);
    await orm.em.getConnection().execute('select 1');
    await orm.em.getConnection().execute('select pg_sleep(0.15)');
    // The scoped BEGIN, the statement, COMMIT: three round trips.
    await inScopedTransaction(orm.em, { orgId: ORG }, (em) => em.execute('select 2'));
    // The 150 ms sleep is over 100 ms; on a busy machine a quick one may be too, so "at least".
    const { count, over } = await histogram(metrics, 'db_query_duration_seconds');
    expect(count).toBe(5);
    expect(over).toBeGreaterThanOrEqual(1);
    expect(await metrics.registry.metrics()).toMatch(/^db_query_duration_seconds_count\{service="sql-probe"\} 5$/m);
  });
});

describe("a subgraph server's metrics", () => {
  let server: RunningServer;
  let metrics: ServiceMetrics;

  beforeAll(async () => {
    metrics = createServiceMetrics('probe');
    server = await startSubgraphServer(
      {
        name: 'probe',
        typeDefs: gql`
          type Query {
            ok: Boolean
            missing: Boolean
          }
        `,
        resolvers: {
          Query: {
            ok: () => true,
            missing: () => {
              throw new AppError(ErrorCode.NOT_FOUND, 'nothing here');
            },
          },
        },
        orm,
        logger: createLogger('probe', 'silent'),
        identitySecret: secret,
        extendContext: (base) => base,
        routes: (app) => app.get('/internal/things/:id', (_req, res) => void res.json({})),
        metrics,
      },
      0,
    );
  });

  afterAll(() => server.stop());

  it('count operations by type, errors by code, and HTTP requests by route pattern and status', async () => {
    expect((await postGraphQL(server.url, '{ ok }', {}, { secret })).data).toEqual({ ok: true });
    const failed = await postGraphQL(server.url, '{ missing }', {}, { secret });
    expect(failed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await postGraphQL(server.url, '{ ok }', {}, { secret: null })).status).toBe(401);
    const origin = new URL(server.url).origin;
    for (const id of ['a', 'b']) expect((await fetch(`${origin}/internal/things/${id}`)).status).toBe(200);
    expect((await fetch(`${origin}/nowhere`)).status).toBe(404);
    // The response's finish event comes a moment after the client has read it.
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect((await histogram(metrics, 'subgraph_operation_duration_seconds', { type: 'query' })).count).toBe(2);
    expect((await metrics.errors.get()).values).toEqual([expect.objectContaining({ labels: { code: 'NOT_FOUND' }, value: 1 })]);
    const http = (labels: Record<string, string>) => histogram(metrics, 'http_request_duration_seconds', labels);
    expect((await http({ route: '/graphql', status: '200' })).count).toBe(2);
    expect((await http({ route: '/graphql', status: '401' })).count).toBe(1);
    expect((await http({ route: '/internal/things/:id', method: 'GET', status: '200' })).count).toBe(2);
    expect((await http({ route: 'other', status: '404' })).count).toBe(1);
    // Every series says which process it came from.
    expect(await metrics.registry.metrics()).toMatch(/^subgraph_operation_duration_seconds_count\{service="probe",type="query"\} 2$/m);
  });
});
