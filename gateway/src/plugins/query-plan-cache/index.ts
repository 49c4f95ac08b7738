import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { QueryPlan, QueryPlanCache } from '@apollo/query-planner';
import { Counter, Gauge } from 'prom-client';
import type { GatewayMetrics } from '../../metrics';

export interface QueryPlanCacheOptions {
  /**
   * Memory the cached plans may take, in MiB (measured as their JSON size, as @apollo/gateway
   * does). Default: 30, @apollo/gateway's own default.
   */
  maxMiB?: number;
  /**
   * Where lookups are counted (`gateway_query_plan_cache_total{result}`); the cache also registers
   * `gateway_query_plan_cache_entries` and `gateway_query_plan_cache_evictions_total` on the
   * same registry. Default: not measured.
   */
  metrics?: Pick<GatewayMetrics, 'queryPlanCache' | 'registry'>;
}

/** Registers a metric on the gateway's registry, replacing one of the same name (a restarted gateway in one process). */
function register<T extends Counter | Gauge>(
  registry: GatewayMetrics['registry'],
  metric: (registers: GatewayMetrics['registry'][]) => T,
  name: string,
): T {
  registry.removeSingleMetric(name);
  return metric([registry]);
}

/**
 * The store @apollo/gateway keeps query plans in (`queryPlannerConfig.cache`): the same in-memory
 * LRU it builds by default, with a configurable size, counting hits and misses. The gateway looks
 * a plan up by operation (document hash + operation name) before planning, so every `get` is one
 * lookup; after a supergraph update it clears the store.
 */
export function queryPlanCache(options: QueryPlanCacheOptions = {}): QueryPlanCache {
  const metrics = options.metrics;
  let evictions: Counter | undefined;
  const inner = new InMemoryLRUCache<QueryPlan>({
    maxSize: Math.round((options.maxMiB ?? 30) * 2 ** 20),
    sizeCalculation: (plan) => Buffer.byteLength(JSON.stringify(plan), 'utf8'),
    dispose: (_plan, _key, reason) => {
      if (reason === 'evict') evictions?.inc();
    },
  });
  if (metrics) {
    evictions = register(
      metrics.registry,
      (registers) =>
        new Counter({
          name: 'gateway_query_plan_cache_evictions_total',
          help: 'Query plans evicted to stay within the size limit',
          registers,
        }),
      'gateway_query_plan_cache_evictions_total',
    );
    register(
      metrics.registry,
      (registers) =>
        new Gauge({
          name: 'gateway_query_plan_cache_entries',
          help: 'Query plans cached now',
          registers,
          collect() {
            this.set(inner.keys().length);
          },
        }),
      'gateway_query_plan_cache_entries',
    );
  }
  return {
    async get(key) {
      const plan = await inner.get(key);
      metrics?.queryPlanCache.inc({ result: plan ? 'hit' : 'miss' });
      return plan;
    },
    set: (key, plan, setOptions) => inner.set(key, plan, setOptions),
    delete: (key) => inner.delete(key),
    clear: () => inner.clear(),
  };
}
