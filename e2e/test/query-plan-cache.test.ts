import { randomUUID } from 'node:crypto';
import type { QueryPlan } from '@apollo/query-planner';
import { createGatewayMetrics, queryPlanCache } from '@flowgraph/gateway/testing';
import { bearer, post, startFederation, type Federation } from '../support/federation-kit';

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});

afterAll(async () => {
  await federation?.stop();
});

async function lookups(): Promise<{ hit: number; miss: number }> {
  const { values } = await federation.gateway.metrics.queryPlanCache.get();
  const of = (result: string) => values.find((v) => v.labels.result === result)?.value ?? 0;
  return { hit: of('hit'), miss: of('miss') };
}

it('plans an operation once and counts the repeat as a hit', async () => {
  const headers = await bearer({ userId: randomUUID(), orgId: randomUUID(), role: 'owner', sessionId: randomUUID() });
  // Not cacheable as a response, so the second call reaches the planner's cache too.
  const query = `query PlanCache${randomUUID().replace(/-/g, '')} { workflows { edges { node { id name owner { email } } } } }`;
  const before = await lookups();
  const first = await post(federation.gateway.url, query, {}, headers);
  expect(first.errors).toBeUndefined();
  const afterFirst = await lookups();
  expect(afterFirst).toEqual({ hit: before.hit, miss: before.miss + 1 });
  await post(federation.gateway.url, query, {}, headers);
  expect(await lookups()).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });
  const exposition = await federation.gateway.metrics.registry.metrics();
  expect(exposition).toMatch(/gateway_query_plan_cache_total\{result="hit"\} \d+/);
  expect(exposition).toMatch(/gateway_query_plan_cache_entries [1-9]/);
});

it('stays within its size limit by evicting the least recently used plans', async () => {
  const metrics = createGatewayMetrics({ defaultMetrics: false });
  // 2 KiB: room for two plans of about 700 bytes each, not three.
  const cache = queryPlanCache({ maxMiB: 2 / 1024, metrics });
  const plan = (n: number) =>
    ({
      kind: 'QueryPlan',
      node: { kind: 'Fetch', serviceName: 'core', operation: `query Q${n} { ${'x'.repeat(640)} }` },
    }) as unknown as QueryPlan;
  await cache.set('a', plan(1));
  await cache.set('b', plan(2));
  expect(await cache.get('a')).toBeDefined(); // a is now the most recently used
  await cache.set('c', plan(3));
  expect(await cache.get('b')).toBeUndefined();
  expect(await cache.get('a')).toBeDefined();
  expect(await cache.get('c')).toBeDefined();
  const exposition = await metrics.registry.metrics();
  expect(exposition).toContain('gateway_query_plan_cache_evictions_total 1');
  expect(exposition).toContain('gateway_query_plan_cache_entries 2');
  expect(exposition).toContain('gateway_query_plan_cache_total{result="hit"} 3');
  expect(exposition).toContain('gateway_query_plan_cache_total{result="miss"} 1');
});
