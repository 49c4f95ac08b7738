/**
 * bench/stack/gateway-peer.ts: our gateway against a bare `@apollo/gateway` in front of the same
 * running stack, so the gateway's share of an operation can be compared with what the gateway
 * package alone costs. Run: `npx tsx bench/stack/gateway-peer.ts` (see README.md). Prints JSON
 * lines and a table; asserts nothing.
 *
 * One stack of this checkout, seeded as run.ts seeds it. The peer is bench/gateway's gateway (b)
 * (`gateways/apollo.ts`: defaults, signing the owner's identity over each call), started on the
 * stack's subgraphs with the same Node options as ours. Both act for the owner on every request,
 * so both fetch the same data; they take turns per operation and round.
 */
import { print, round, lineFrom, startProcess, stopProcess, writeBenchSupergraph, OURS_NODE_OPTIONS } from '../gateway/bench-kit';
import { drive, untilQuiet, withCpu } from './load';
import { laterPageCursor, operations } from './operations';
import { seedOrganization } from './seed';
import { startStack, type Stack } from './stack';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Read operations only: the peer cannot log in, and writes would change what the next turn reads. */
const READS = [
  'me (uncached)',
  'events(first: 50)',
  'events(first: 50) later page',
  'me on four subgraphs',
  'dashboard (bench/gateway)',
  'patterns(first: 10)',
  'workflow(id)',
];
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()) ?? READS;

async function main(): Promise<void> {
  const stack = await startStack('ours', process.cwd());
  const peer = { stop: async () => {} };
  try {
    const org = await seedOrganization(stack);
    const owner = org.members[0];
    const cursor = await laterPageCursor(stack, org, 10);
    await untilQuiet(stack);
    const child = startProcess('bench/gateway/gateways/apollo.ts', {
      BENCH_SUPERGRAPH: writeBenchSupergraph(stack.subgraphUrls),
      BENCH_CALLER: JSON.stringify({ userId: owner.userId, orgId: org.orgId, sessionId: owner.sessionId }),
      NODE_OPTIONS: OURS_NODE_OPTIONS,
    });
    peer.stop = () => stopProcess(child);
    const peerStack: Stack = {
      ...stack,
      label: 'apollo-bare',
      gatewayUrl: (await lineFrom(child, 'ready ')).trim(),
      processes: { ...stack.processes, gateway: child.pid! },
    };
    const sides = [stack, peerStack].map((s) => ({
      label: s.label,
      stack: s,
      ops: operations(s, org, cursor, owner).filter((op) => READS.includes(op.name) && ONLY.includes(op.name)),
    }));
    const rows: { op: string; side: string; rps: number; gateway: number; total: number }[] = [];
    for (let r = 1; r <= ROUNDS; r++)
      for (let i = 0; i < sides[0].ops.length; i++)
        for (const side of sides) {
          const op = side.ops[i];
          await drive(op, WARMUP, CONNECTIONS);
          const measured = await withCpu(
            side.stack,
            () => drive(op, DURATION, CONNECTIONS),
            async () => {},
          );
          const failed = measured.result.errors + measured.result.non2xx + measured.result.mismatches;
          const { gateway } = measured.cpuMsPerRequest;
          // Only the gateway, the subgraphs and Postgres serve a read; the idle workers are left out.
          const total = round(
            gateway + ['core', 'workflow', 'integration', 'analytics', 'postgres'].reduce((sum, p) => sum + measured.cpuMsPerRequest[p], 0),
            2,
          );
          print({
            bench: 'gateway peer',
            round: r,
            op: op.name,
            gateway: side.label,
            rps: round(measured.times.length / DURATION),
            failed,
            cpuMsPerRequest: measured.cpuMsPerRequest,
            servingCpuMsPerRequest: total,
          });
          rows.push({ op: op.name, side: side.label, rps: measured.times.length / DURATION, gateway, total });
        }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const of = (op: string, side: string, key: 'rps' | 'gateway' | 'total') =>
      round(mean(rows.filter((x) => x.op === op && x.side === side).map((x) => x[key])), 2);
    console.table(
      sides[0].ops.map(({ name }) => ({
        op: name,
        'rps ours': of(name, 'ours', 'rps'),
        'rps bare': of(name, 'apollo-bare', 'rps'),
        'gateway ms ours': of(name, 'ours', 'gateway'),
        'gateway ms bare': of(name, 'apollo-bare', 'gateway'),
        'serving ms ours': of(name, 'ours', 'total'),
        'serving ms bare': of(name, 'apollo-bare', 'total'),
      })),
    );
  } finally {
    await peer.stop();
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
