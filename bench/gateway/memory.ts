/**
 * Does our gateway's memory settle under sustained load? Starts the subgraphs (seeded) and ours
 * (every feature on, as federated.ts runs it) with --expose-gc, then loads it in phases of
 * BENCH_MEMORY_PHASE_SECONDS (15) for BENCH_MEMORY_PHASES (6); after each phase a full GC and the
 * gateway's heap and RSS. A heap that keeps growing after GC phase after phase is a leak; RSS
 * alone is not (V8 keeps freed pages). Prints JSON lines; asserts nothing.
 *
 *     npx tsx bench/gateway/memory.ts            (BENCH_QUERY=cacheable: the response-cache path)
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signAccessToken } from '@flowgraph/kernel';
import {
  benchSecrets,
  createBenchDatabase,
  freePort,
  lineFrom,
  OURS_NODE_OPTIONS,
  print,
  round,
  startProcess,
  startSubgraphs,
  stopProcess,
  writeBenchSupergraph,
} from './bench-kit';
import { BENCH_QUERY, CACHEABLE_QUERY, seed } from './seed';

const PHASES = Number(process.env.BENCH_MEMORY_PHASES ?? 6);
const PHASE_SECONDS = Number(process.env.BENCH_MEMORY_PHASE_SECONDS ?? 15);
const QUERY =
  process.env.BENCH_QUERY === 'cacheable'
    ? { query: CACHEABLE_QUERY, operationName: 'Catalog' }
    : { query: BENCH_QUERY, operationName: 'Dashboard' };

async function main(): Promise<void> {
  const db = await createBenchDatabase(`flowgraph_gwmem_${Date.now()}`);
  const prefix = `gwmem_${randomUUID().slice(0, 8)}`;
  const subgraphs = await startSubgraphs(db, prefix);
  try {
    const caller = await seed(db, subgraphs.urls);
    const supergraph = writeBenchSupergraph(subgraphs.urls);
    const { token } = await signAccessToken(
      { userId: caller.userId, orgId: caller.orgId, role: 'admin', sessionId: caller.sessionId },
      benchSecrets.JWT_SECRET,
      3600,
    );
    const env = {
      BENCH_SUPERGRAPH: supergraph,
      CORE_URL: subgraphs.urls.core,
      WORKFLOW_URL: subgraphs.urls.workflow,
      INTEGRATION_URL: subgraphs.urls.integration,
      ANALYTICS_URL: subgraphs.urls.analytics,
      REDIS_PREFIX: prefix,
      NODE_ENV: 'production',
      NODE_OPTIONS: OURS_NODE_OPTIONS,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_IP_PER_MINUTE: '10000000',
      RATE_LIMIT_USER_PER_MINUTE: '10000000',
      RATE_LIMIT_OPERATION_PER_MINUTE: '10000000',
      METRICS_PORT: String(await freePort()),
    };
    const gateway = startProcess('bench/gateway/gateways/ours.ts', env, ['--expose-gc']);
    try {
      const url = await lineFrom(gateway, 'ready ');
      const memory = async () => {
        const line = lineFrom(gateway, 'memory ');
        gateway.kill('SIGUSR2');
        const { heapUsed, rss } = JSON.parse(await line) as NodeJS.MemoryUsage;
        return { heapUsedMiB: round(heapUsed / 2 ** 20), rssMiB: round(rss / 2 ** 20) };
      };
      print({ bench: 'gateway memory', phase: 0, requests: 0, ...(await memory()) });
      let total = 0;
      for (let phase = 1; phase <= PHASES; phase++) {
        const result = await autocannon({
          url,
          method: 'POST',
          connections: 20,
          duration: PHASE_SECONDS,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(QUERY),
        });
        total += result.requests.total;
        print({ bench: 'gateway memory', phase, requests: total, non2xx: result.non2xx, ...(await memory()) });
      }
    } finally {
      await stopProcess(gateway);
    }
  } finally {
    await subgraphs.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
