/**
 * Every metric the alert rules, their unit tests and the Grafana dashboards (deploy/monitoring)
 * read is one our processes register — collected from their registries, built as each process
 * builds them — or a standard exporter's, named below. PromQL is parsed with Prometheus's own
 * grammar (@prometheus-io/lezer-promql), so a name is a selector's, never a label or a function.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { parser as PromQLParser } from '@prometheus-io/lezer-promql' with { 'resolution-mode': 'import' };
import { parse } from 'yaml';
import { createLogger, createOrm, createRedis, createServiceMetrics, loadConfig, startWorkerMetrics, type Redis } from '@flowgraph/kernel';
import { createTestDatabase, uniqueName, type TestDatabase } from '@flowgraph/kernel/testing';
import { createGatewayMetrics, queryPlanCache } from '@flowgraph/gateway/testing';
import { connectorHealthGauge } from '@flowgraph/integration/testing';
import { platformFigureGauges, ReadReplica } from '@flowgraph/analytics/testing';

const monitoring = path.join(__dirname, '../../deploy/monitoring');

/** Metrics of standard exporters the rules and dashboards may read, and whose they are. */
const EXTERNAL: Record<string, string> = {
  up: 'Prometheus itself, one series per scrape target',
  probe_ssl_earliest_cert_expiry: "blackbox_exporter's TLS probe of the public endpoint",
};

let parser: typeof PromQLParser;
let db: TestDatabase;
let orm: MikroORM;
let redis: Redis;
let registered: Set<string>;

/** The series names of a registry's exposition: a histogram's `_bucket`, `_sum` and `_count`. */
function seriesNames(exposition: string): string[] {
  return [...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
    type === 'histogram'
      ? [`${name}_bucket`, `${name}_sum`, `${name}_count`]
      : type === 'summary'
        ? [name, `${name}_sum`, `${name}_count`]
        : [name],
  );
}

beforeAll(async () => {
  // An ES module: loaded with import(), which the CommonJS test file keeps as such.
  ({ parser } = await import('@prometheus-io/lezer-promql'));
  db = await createTestDatabase('monmetrics');
  orm = await createOrm({ url: db.appUrl, entities: [], poolMax: 2 });
  redis = createRedis(loadConfig().REDIS_URL);
  const gateway = createGatewayMetrics();
  queryPlanCache({ metrics: gateway });
  const subgraph = createServiceMetrics('core', { defaultMetrics: true });
  // The analytics server's replica metrics (db_replica_*), registered when the replica is made; never started here.
  new ReadReplica({ orm, logger: createLogger('monitoring-metrics', 'silent'), registry: subgraph.registry });
  // The workers' registry with every part a worker may add: streams (analytics), domain gauges (integration, analytics), SQL.
  const prefix = `${uniqueName('monmetrics')}:bull`;
  await redis.xgroup('CREATE', `${prefix}:stream`, 'readers', '$', 'MKSTREAM');
  const worker = await startWorkerMetrics({
    service: 'probe-worker',
    queues: ['probe'],
    streams: [{ key: `${prefix}:stream`, group: 'readers' }],
    connection: redis,
    prefix,
    orm,
    defaultMetrics: true,
    gauges: [connectorHealthGauge(orm), ...platformFigureGauges(orm)],
  });
  const expositions = await Promise.all([gateway.registry, subgraph.registry, worker.registry].map((r) => r.metrics()));
  await worker.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  registered = new Set(expositions.flatMap(seriesNames));
});

afterAll(async () => {
  redis?.disconnect();
  await orm?.close(true);
  await db?.drop();
});

interface RuleFile {
  groups: { rules: { alert?: string; record?: string; expr: string }[] }[];
}
interface RuleTests {
  tests: { input_series?: { series: string }[] }[];
}
interface Dashboard {
  panels: { title: string; targets?: { expr: string }[] }[];
}

const rules = (parse(readFileSync(path.join(monitoring, 'prometheus/alerts.yml'), 'utf8')) as RuleFile).groups.flatMap((g) => g.rules);
const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
const ruleTests = parse(readFileSync(path.join(monitoring, 'prometheus/alerts.test.yml'), 'utf8')) as RuleTests;
const dashboards = readdirSync(path.join(monitoring, 'grafana'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, dashboard: JSON.parse(readFileSync(path.join(monitoring, 'grafana', file), 'utf8')) as Dashboard }));

/** Where each PromQL expression comes from, for the failure message. */
const expressions: { where: string; expr: string }[] = [
  ...rules.map((r) => ({ where: `alerts.yml ${r.alert ?? r.record}`, expr: r.expr })),
  ...ruleTests.tests.flatMap((t, i) => (t.input_series ?? []).map((s) => ({ where: `alerts.test.yml test ${i + 1}`, expr: s.series }))),
  ...dashboards.flatMap(({ file, dashboard }) =>
    dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => ({ where: `${file} "${panel.title}"`, expr: t.expr }))),
  ),
];

/** Grafana's variables become what Prometheus would see after Grafana substituted them. */
const asPrometheusSees = (expr: string) => expr.replace(/\$__\w+/g, '5m').replace(/\$\{?\w+\}?/g, 'x');

/** The metric names an expression selects, and whether the grammar accepted all of it. */
function selectedMetrics(expr: string): { names: string[]; errors: number } {
  const source = asPrometheusSees(expr);
  const names: string[] = [];
  let errors = 0;
  const cursor = parser.parse(source).cursor();
  do {
    if (cursor.type.isError) errors++;
    const metric = cursor.name === 'VectorSelector' ? cursor.node.getChild('Identifier') : null;
    if (metric) names.push(source.slice(metric.from, metric.to));
  } while (cursor.next());
  return { names, errors };
}

it('parses every expression of the rules, their tests and the dashboards', () => {
  expect(expressions.length).toBeGreaterThan(50);
  expect(expressions.filter(({ expr }) => selectedMetrics(expr).errors > 0)).toEqual([]);
});

it('reads only metrics our processes register, the rules record, or a named exporter exports', () => {
  const unknown = expressions.flatMap(({ where, expr }) =>
    selectedMetrics(expr)
      .names.filter((name) => !registered.has(name) && !recorded.has(name) && !(name in EXTERNAL))
      .map((name) => `${name} (${where})`),
  );
  expect([...new Set(unknown)]).toEqual([]);
});

it('finds the figures of every kind of process in what was collected (the check above is not vacuous)', () => {
  for (const name of [
    'graphql_operation_duration_seconds_bucket',
    'gateway_query_plan_cache_entries',
    'subgraph_errors_total',
    'db_query_duration_seconds_bucket',
    'bullmq_oldest_waiting_job_age_seconds',
    'redis_stream_lag',
    'integration_connections',
    'analytics_activation_funnel',
    'process_cpu_seconds_total',
  ]) {
    expect({ name, registered: registered.has(name) }).toEqual({ name, registered: true });
  }
  expect(selectedMetrics('sum by (le) (rate(foo_bucket{code="x"}[5m])) / ignoring(code) bar').names).toEqual(['foo_bucket', 'bar']);
});
