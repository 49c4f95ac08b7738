/**
 * bench/gateway/federated.ts: one federated query (Core, Workflow, Analytics, Integration; lists
 * and nested entities) through three gateways over the same subgraphs and supergraph file:
 * (a) ours with every issue-5 feature that has landed switched on, (b) bare @apollo/gateway +
 * @apollo/server, (c) @graphql-hive/gateway. Run: `npx tsx bench/gateway/federated.ts`.
 * Prints JSON lines and a table; asserts nothing.
 *
 * Processes: the four subgraphs (one each), one gateway at a time (never two at once: 2 cores),
 * and this process, which seeds, checks that every gateway returns the same data, and drives the
 * load with autocannon over loopback. Every response body is compared with the checked one
 * (autocannon `expectBody`): a wrong answer counts as a mismatch, not as throughput.
 *
 * `BENCH_SUBGRAPHS=mock`: the four subgraphs as light in-memory mocks in one process
 * (`mock-subgraphs.ts`: same schemas, same answers, no database), so the gateway, not the stack,
 * sets the rate. Default `real`.
 */
import type { ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { createRedis, signAccessToken } from '@flowgraph/kernel';
import {
  base,
  benchSecrets,
  createBenchDatabase,
  freePort,
  lineFrom,
  OURS_NODE_OPTIONS,
  percentile,
  print,
  round,
  startProcess,
  startSubgraphs,
  stopProcess,
  writeBenchSupergraph,
  type BenchCaller,
  type BenchDatabase,
  type RunningSubgraphs,
  type SubgraphUrls,
} from './bench-kit';
import { BENCH_QUERY, CACHEABLE_QUERY, seed } from './seed';

const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const ONLY = process.env.BENCH_ONLY?.split(',');
/**
 * `real` (default): the four subgraphs as deployed, over a seeded database (the stack sets the
 * rate: the subgraphs cost several times the gateway). `mock`: light in-memory subgraphs serving
 * the same schemas and answers (`mock-subgraphs.ts`, one process), so the gateway sets the rate.
 */
const SUBGRAPHS = process.env.BENCH_SUBGRAPHS ?? 'real';
if (SUBGRAPHS !== 'real' && SUBGRAPHS !== 'mock') throw new Error(`BENCH_SUBGRAPHS must be real or mock, not ${SUBGRAPHS}`);
/** `dashboard` (default): the federated query; `cacheable`: one the response cache can keep. */
const QUERY =
  process.env.BENCH_QUERY === 'cacheable'
    ? { query: CACHEABLE_QUERY, operationName: 'Catalog' }
    : { query: BENCH_QUERY, operationName: 'Dashboard' };

/**
 * Settings that switch on each issue-5 feature of our gateway for (a). A name the config loader
 * does not know yet is reported as `unknown` (the feature has not landed) and has no effect.
 * `BENCH_OURS_ENV` (JSON) adds or overrides settings.
 */
const OURS_FEATURES: Record<string, string> = {
  // Production: introspection and suggestions off, trusted documents enforced for bound API keys.
  NODE_ENV: 'production',
  LOG_LEVEL: process.env.BENCH_GATEWAY_LOG_LEVEL ?? 'info',
  // Every limit is checked on every request (Redis counters), set high enough that one user on one
  // IP driving the load is never refused: the work is measured, not the refusals.
  RATE_LIMIT_IP_PER_MINUTE: '10000000',
  RATE_LIMIT_USER_PER_MINUTE: '10000000',
  RATE_LIMIT_API_KEY_PER_MINUTE: '10000000',
  RATE_LIMIT_OPERATION_PER_MINUTE: '10000000',
  RESPONSE_CACHE_ENABLED: 'true',
  TRUSTED_DOCUMENTS_MODE: 'enforce',
  // OTLP_ENDPOINT and METRICS_PORT are added at run time (a local OTLP sink, a free port).
  ...(JSON.parse(process.env.BENCH_OURS_ENV ?? '{}') as Record<string, string>),
};
/** Traces exported (to a local sink) by every process, when BENCH_TELEMETRY is not 0. */
const TELEMETRY = process.env.BENCH_TELEMETRY !== '0';
/**
 * More runs of ours, each with settings on top of (a)'s, to attribute its cost feature by feature:
 * `BENCH_OURS_VARIANTS='{"ours-no-otel":{"BENCH_OURS_INSTRUMENT":"0"},"ours-no-export":{"OTEL_EXPORTER_OTLP_ENDPOINT":""}}'`.
 * They run after (a) and (a) without the response cache, in every round.
 */
const OURS_VARIANTS = JSON.parse(process.env.BENCH_OURS_VARIANTS ?? '{}') as Record<string, Record<string, string>>;
/** For the run of ours where the response cache is off (when the feature exists). */
const RESPONSE_CACHE_OFF: Record<string, string> = { RESPONSE_CACHE_ENABLED: 'false' };

interface GatewayVariant {
  name: string;
  script: string;
  env: Record<string, string>;
  headers: Record<string, string>;
}

/** An OTLP/HTTP collector stand-in: accepts every export (200) and counts what it received. */
async function startOtlpSink(): Promise<{ url: string; received: () => { requests: number; bytes: number }; close(): void }> {
  let requests = 0;
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      requests++;
      res
        .writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' })
        .end(req.headers['content-type']?.includes('json') ? '{}' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => ({ requests, bytes }),
    close: () => server.close(),
  };
}

/** The response-cache and query-plan-cache counters from ours' /metrics. */
async function cacheCounters(metricsUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const read = (name: string, result: string) => Number(new RegExp(`${name}\\{result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return {
    responseCacheHit: read('gateway_response_cache_total', 'hit'),
    responseCacheMiss: read('gateway_response_cache_total', 'miss'),
    queryPlanCacheHit: read('gateway_query_plan_cache_total', 'hit'),
    queryPlanCacheMiss: read('gateway_query_plan_cache_total', 'miss'),
  };
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? round(Number(match[1]) / 1024) : NaN;
}

let shownMismatches = 0;

async function load(url: string, headers: Record<string, string>, expectBody: string, seconds: number) {
  const times: number[] = [];
  // Without a callback autocannon returns its instance, which is both a promise of the result and an emitter.
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(QUERY),
    connections: CONNECTIONS,
    duration: seconds,
    // Counted as a mismatch when false; the first few are shown (a wrong answer must be visible).
    verifyBody: (body) => {
      if (body === expectBody) return true;
      if (shownMismatches++ < 3) console.error(`mismatched body: ${String(body).slice(0, 600)}`);
      return false;
    },
  }) as unknown as Promise<autocannon.Result> & EventEmitter;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { result, times };
}

/** CPU seconds of every postgres process (the server is shared: other work on the machine shows here too). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(Number(pid));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

async function runVariant(variant: GatewayVariant, supergraph: string, reference: { data: string } | null, subgraphPids: number[]) {
  const child: ChildProcess = startProcess(variant.script, { BENCH_SUPERGRAPH: supergraph, ...variant.env });
  const ours = variant.script.endsWith('ours.ts');
  const settings = ours ? lineFrom(child, 'settings ') : Promise.resolve(null);
  const metrics = ours && variant.env.METRICS_PORT ? lineFrom(child, 'metrics ') : Promise.resolve(null);
  try {
    const url = await lineFrom(child, 'ready ');
    const loaded = await settings;
    const metricsUrl = await metrics;
    // One request first: the same data as the other gateways, no errors; its body is what every loaded response must equal.
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...variant.headers },
      body: JSON.stringify(QUERY),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
    if (response.status !== 200 || body.errors || !body.data)
      throw new Error(`${variant.name} answered ${response.status}: ${text.slice(0, 1000)}`);
    const data = JSON.stringify(body.data);
    if (reference && data !== reference.data) throw new Error(`${variant.name} returned different data from the first gateway`);
    if (WARMUP > 0) await load(url, variant.headers, text, WARMUP);
    const pid = child.pid!;
    const countersBefore = metricsUrl ? await cacheCounters(metricsUrl) : null;
    const cpuBefore = cpuSeconds(pid);
    const subgraphsBefore = subgraphPids.map(cpuSeconds);
    const postgresBefore = postgresCpuSeconds();
    const { result, times } = await load(url, variant.headers, text, DURATION);
    const cpu = cpuSeconds(pid) - cpuBefore;
    const subgraphsCpu = subgraphPids.map((p, i) => cpuSeconds(p) - subgraphsBefore[i]);
    const postgresCpu = postgresCpuSeconds() - postgresBefore;
    const perRequest = (seconds: number) => round((seconds * 1000) / Math.max(1, times.length), 2);
    const countersAfter = metricsUrl ? await cacheCounters(metricsUrl) : null;
    const caches =
      countersBefore && countersAfter
        ? Object.fromEntries(Object.entries(countersAfter).map(([k, v]) => [k, v - countersBefore[k]]))
        : undefined;
    const row = {
      gateway: variant.name,
      rps: round(result.requests.average),
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      p99: round(percentile(times, 99)),
      requests: times.length,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      mismatches: result.mismatches,
      gatewayCpuMsPerRequest: perRequest(cpu),
      // core, workflow, integration, analytics (mock: the one process holding the four)
      subgraphCpuMsPerRequest: subgraphsCpu.map(perRequest).join('/'),
      postgresCpuMsPerRequest: perRequest(postgresCpu),
      gatewayRssMiB: rssMiB(pid),
      responseBytes: Buffer.byteLength(text),
      ...(caches ? { caches } : {}),
      ...(loaded ? { settings: JSON.parse(loaded) as unknown } : {}),
    };
    print({ bench: 'federated', subgraphs: SUBGRAPHS, ...row });
    return { row, data };
  } finally {
    await stopProcess(child);
  }
}

/** The mock subgraphs (`mock-subgraphs.ts`): one process, four servers, fixed data and caller. */
async function startMockSubgraphs(): Promise<{ subgraphs: RunningSubgraphs; caller: BenchCaller }> {
  const child = startProcess('bench/gateway/mock-subgraphs.ts', {});
  const ready = JSON.parse(await lineFrom(child, 'ready ')) as SubgraphUrls & { caller: BenchCaller };
  const { caller, ...urls } = ready;
  return { subgraphs: { urls, children: [child], stop: () => stopProcess(child) }, caller };
}

async function main(): Promise<void> {
  const db: BenchDatabase | null = SUBGRAPHS === 'real' ? await createBenchDatabase(`flowgraph_gwbench_${Date.now()}`) : null;
  const prefix = `gwbench_${randomUUID().slice(0, 8)}`;
  let stopSubgraphs = async () => {};
  let supergraph = '';
  let sink: Awaited<ReturnType<typeof startOtlpSink>> | undefined;
  try {
    sink = TELEMETRY ? await startOtlpSink() : undefined;
    let subgraphs: RunningSubgraphs;
    let caller: BenchCaller;
    if (db) {
      subgraphs = await startSubgraphs(db, prefix, sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } : {});
      stopSubgraphs = subgraphs.stop;
      caller = await seed(db, subgraphs.urls);
    } else {
      ({ subgraphs, caller } = await startMockSubgraphs());
      stopSubgraphs = subgraphs.stop;
    }
    supergraph = writeBenchSupergraph(subgraphs.urls);
    const { token } = await signAccessToken(
      { userId: caller.userId, orgId: caller.orgId, role: 'admin', sessionId: caller.sessionId },
      benchSecrets.JWT_SECRET,
      3600,
    );
    const callerEnv = { BENCH_CALLER: JSON.stringify(caller) };
    const subgraphEnv = {
      CORE_URL: subgraphs.urls.core,
      WORKFLOW_URL: subgraphs.urls.workflow,
      INTEGRATION_URL: subgraphs.urls.integration,
      ANALYTICS_URL: subgraphs.urls.analytics,
      REDIS_PREFIX: prefix,
    };
    const runtime = { METRICS_PORT: String(await freePort()), ...(sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } : {}) };
    const oursEnv = { ...OURS_FEATURES, ...runtime };
    const ours = { ...subgraphEnv, NODE_OPTIONS: OURS_NODE_OPTIONS, ...oursEnv, BENCH_FEATURE_KEYS: JSON.stringify(Object.keys(oursEnv)) };
    const bearer = { authorization: `Bearer ${token}` };
    const variants: GatewayVariant[] = [
      { name: 'ours', script: 'bench/gateway/gateways/ours.ts', env: ours, headers: bearer },
      {
        name: 'ours-no-response-cache',
        script: 'bench/gateway/gateways/ours.ts',
        env: { ...ours, ...RESPONSE_CACHE_OFF, BENCH_FEATURE_KEYS: JSON.stringify(Object.keys({ ...oursEnv, ...RESPONSE_CACHE_OFF })) },
        headers: bearer,
      },
      ...Object.entries(OURS_VARIANTS).map(([name, env]) => ({
        name,
        script: 'bench/gateway/gateways/ours.ts',
        env: {
          ...ours,
          ...env,
          BENCH_FEATURE_KEYS: JSON.stringify(Object.keys({ ...oursEnv, ...env }).filter((k) => !k.startsWith('BENCH_'))),
        },
        headers: bearer,
      })),
      // The peers get ours's Node flags: a user could set them too (issue 15).
      {
        name: 'apollo-bare',
        script: 'bench/gateway/gateways/apollo.ts',
        env: { ...callerEnv, NODE_ENV: 'production', NODE_OPTIONS: OURS_NODE_OPTIONS },
        headers: {},
      },
      {
        name: 'hive-gateway',
        script: 'bench/gateway/gateways/hive.ts',
        env: { ...callerEnv, NODE_ENV: 'production', NODE_OPTIONS: OURS_NODE_OPTIONS },
        headers: {},
      },
    ].filter((v) => !ONLY || ONLY.includes(v.name));
    print({
      bench: 'federated settings',
      subgraphs: SUBGRAPHS,
      query: QUERY.operationName,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      oursEnv,
      nodeOptions: OURS_NODE_OPTIONS,
      oursVariants: OURS_VARIANTS,
      subgraphTraces: TELEMETRY && SUBGRAPHS === 'real',
      node: process.version,
    });

    let reference: { data: string } | null = null;
    const rows: Record<string, { rps: number[]; p95: number[] }> = {};
    const table: Record<string, unknown>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const variant of variants) {
        const { row, data } = await runVariant(
          variant,
          supergraph,
          reference,
          subgraphs.children.map((c) => c.pid!),
        );
        reference ??= { data };
        table.push(row);
        (rows[variant.name] ??= { rps: [], p95: [] }).rps.push(row.rps);
        rows[variant.name].p95.push(row.p95);
      }
    }
    console.table(table.map(({ settings: _s, ...row }) => row));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratio = (a: string, b: string) =>
      rows[a] && rows[b]
        ? { rps: round(mean(rows[a].rps) / mean(rows[b].rps), 2), p95: round(mean(rows[a].p95) / mean(rows[b].p95), 2) }
        : null;
    print({
      bench: 'federated ratios (rps: higher is better; p95: lower is better)',
      'ours/apollo-bare': ratio('ours', 'apollo-bare'),
      'ours/hive-gateway': ratio('ours', 'hive-gateway'),
      'ours-no-response-cache/apollo-bare': ratio('ours-no-response-cache', 'apollo-bare'),
      'ours-no-response-cache/hive-gateway': ratio('ours-no-response-cache', 'hive-gateway'),
      ...Object.fromEntries(
        Object.keys(OURS_VARIANTS).flatMap((name) => [
          [`${name}/apollo-bare`, ratio(name, 'apollo-bare')],
          [`${name}/ours`, ratio(name, 'ours')],
        ]),
      ),
    });
  } finally {
    await stopSubgraphs();
    if (sink) print({ bench: 'federated otlp sink', ...sink.received() });
    sink?.close();
    if (supergraph) rmSync(supergraph, { force: true });
    const redis = createRedis(base.REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db?.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
