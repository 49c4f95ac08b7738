/**
 * bench/stack/rest-shim.ts: what the /api/v1 shim costs per request over the same GraphQL
 * operation sent straight to /graphql (by its documentId, as a partner sends it). Run:
 * `npx tsx bench/stack/rest-shim.ts` (see README.md). Prints JSON lines and a table; asserts
 * nothing.
 *
 * One stack of this checkout, seeded as run.ts seeds it; every request as the owner. Per pair, the
 * REST route and its operation take turns in each round (which goes first alternates), with the same connections, warm-up and
 * window. CPU per request is summed over the processes that serve it (gateway, subgraphs,
 * Postgres).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseManifest } from '@flowgraph/supergraph';
import { percentile, print, repoRoot, round } from '../gateway/bench-kit';
import { drive, untilQuiet, withCpu } from './load';
import type { Operation } from './operations';
import { seedOrganization } from './seed';
import { startStack } from './stack';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SERVING = ['gateway', 'core', 'workflow', 'integration', 'analytics', 'postgres'];

/** The shim's registered operations by name (clients/rest-v1, as a partner reads its own manifest). */
const registered = new Map(
  [...parseManifest(JSON.parse(readFileSync(path.join(repoRoot, 'clients/rest-v1/persisted-documents.json'), 'utf8'))).values()].map(
    (d) => [d.name, d.id],
  ),
);

async function main(): Promise<void> {
  const stack = await startStack('ours', process.cwd());
  try {
    const org = await seedOrganization(stack);
    await untilQuiet(stack);
    const headers = { authorization: `Bearer ${org.members[0].token}` };
    const rest = (path: string): Operation => ({
      name: `GET /api/v1${path}`,
      method: 'GET',
      url: stack.gatewayUrl.replace(/\/graphql$/, `/api/v1${path}`),
      next: () => ({ headers }),
    });
    const graphql = (operation: string, variables: Record<string, unknown>): Operation => ({
      name: `${operation} by id`,
      url: stack.gatewayUrl,
      next: () => ({
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ documentId: `sha256:${registered.get(operation)!}`, operationName: operation, variables }),
      }),
    });
    const workflowId = org.workflowIds[0];
    const pairs: [Operation, Operation][] = [
      [rest('/events?limit=50'), graphql('RestListEvents', { first: 50 })],
      [rest('/me'), graphql('RestMe', {})],
      [rest(`/workflows/${workflowId}`), graphql('RestGetWorkflow', { id: workflowId })],
      [rest('/workflows?limit=20'), graphql('RestListWorkflows', { first: 20 })],
    ];
    const rows: { pair: number; side: 'rest' | 'graphql'; rps: number; p50: number; p95: number; cpu: number; gateway: number }[] = [];
    for (let r = 1; r <= ROUNDS; r++)
      for (const [i, pair] of pairs.entries())
        // Which goes first alternates by round: the first of a pair also warms what both share.
        for (const [side, op] of (r % 2 === 1
          ? [
              ['rest', pair[0]],
              ['graphql', pair[1]],
            ]
          : [
              ['graphql', pair[1]],
              ['rest', pair[0]],
            ]) as ['rest' | 'graphql', Operation][]) {
          await drive(op, WARMUP, CONNECTIONS);
          const measured = await withCpu(
            stack,
            () => drive(op, DURATION, CONNECTIONS),
            async () => {},
          );
          const failed = measured.result.errors + measured.result.non2xx + measured.result.mismatches;
          const cpu = round(
            SERVING.reduce((sum, p) => sum + measured.cpuMsPerRequest[p], 0),
            2,
          );
          const row = {
            pair: i,
            side,
            rps: measured.times.length / DURATION,
            p50: percentile(measured.times, 50),
            p95: percentile(measured.times, 95),
            cpu,
            gateway: measured.cpuMsPerRequest.gateway,
          };
          print({ bench: 'rest shim', round: r, op: op.name, ...row, failed, cpuMsPerRequest: measured.cpuMsPerRequest });
          rows.push(row);
        }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const of = (pair: number, side: string, key: 'rps' | 'p50' | 'p95' | 'cpu' | 'gateway') =>
      mean(rows.filter((x) => x.pair === pair && x.side === side).map((x) => x[key]));
    console.table(
      pairs.map(([restOp, graphqlOp], i) => ({
        'REST route': restOp.name,
        'GraphQL operation': graphqlOp.name,
        'p50 ms rest / graphql': `${round(of(i, 'rest', 'p50'))} / ${round(of(i, 'graphql', 'p50'))}`,
        'p95 ms rest / graphql': `${round(of(i, 'rest', 'p95'))} / ${round(of(i, 'graphql', 'p95'))}`,
        'CPU ms/req rest / graphql': `${round(of(i, 'rest', 'cpu'), 2)} / ${round(of(i, 'graphql', 'cpu'), 2)}`,
        'CPU ×': round(of(i, 'rest', 'cpu') / of(i, 'graphql', 'cpu'), 2),
        'gateway CPU ×': round(of(i, 'rest', 'gateway') / of(i, 'graphql', 'gateway'), 2),
        'req/s ×': round(of(i, 'rest', 'rps') / of(i, 'graphql', 'rps'), 2),
      })),
    );
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
