/**
 * bench/stack: the whole product under load, as `npm start` runs it, against a baseline checkout
 * measured in the same invocation. Run: `npx tsx bench/stack/run.ts` (see README.md).
 * Prints JSON lines and tables; asserts nothing.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { percentile, print, repoRoot, round } from '../gateway/bench-kit';
import { copyRowsPerSecond, ingestRowsPerSecond } from './ingest';
import { laterPageCursor, operations, type Operation } from './operations';
import { drivePaced } from './paced';
import { drive, untilQuiet, withCpu } from './load';
import { seedOrganization, waitForExecutions, type SeededOrganization } from './seed';
import { prepareBaseline, startStack, type Stack } from './stack';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? 'main';
const INGEST_ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 20_000);
const LATER_PAGE = Number(process.env.BENCH_LATER_PAGE ?? 10);
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
/** The paced window's rate as a fraction of the operation's measured maximum (0: no paced window). */
const PACED = Number(process.env.BENCH_PACED ?? 0.7);
/** Where CPU profiles of each measured window go (see bench/support/cpu-profile.cjs); unset: none. */
const CPU_PROF = process.env.BENCH_CPU_PROF;

interface Running {
  stack: Stack;
  org: SeededOrganization;
  ops: Operation[];
  db: Client;
}

interface Row {
  checkout: string;
  round: number;
  op: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  graphqlErrors: number;
  /** Executions still unfinished when the bench stopped waiting (their work is not all counted). */
  unfinishedExecutions: number;
  cpuMsPerRequest: Record<string, number>;
  totalCpuMsPerRequest: number;
  /** The same operation paced at `PACED` of this row's req/s (null without a paced window). */
  paced: {
    rps: number;
    failed: number;
    cpuMsPerRequest: Record<string, number>;
    totalCpuMsPerRequest: number;
    p95: number;
    p99: number;
    targetP95: number | null;
  } | null;
}

async function measure(running: Running, op: Operation, round_: number): Promise<Row> {
  const { stack } = running;
  if (WARMUP > 0) await drive(op, WARMUP, CONNECTIONS);
  if (op.queuesWork) await settle(running);
  let unfinishedExecutions = 0;
  const processes = Object.entries(stack.processes);
  toggleProfilers(processes);
  const { result, times, cpuMsPerRequest } = await withCpu(
    stack,
    async () => {
      const driven = await drive(op, DURATION, CONNECTIONS);
      toggleProfilers(processes);
      return driven;
    },
    // Work the operation queued (events to publish, executions to run) is part of its cost.
    async () => (unfinishedExecutions = op.queuesWork ? await settle(running) : 0),
  );
  const row: Row = {
    checkout: stack.label,
    round: round_,
    op: op.name,
    rps: round(times.length / DURATION),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    requests: times.length,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors: result.mismatches,
    unfinishedExecutions,
    cpuMsPerRequest,
    totalCpuMsPerRequest: sum(cpuMsPerRequest),
    paced: null,
  };
  if (CPU_PROF) await collectProfiles(processes, `${stack.label}-r${round_}-${op.name.replace(/[^\w]+/g, '_')}`);
  if (PACED > 0) row.paced = await paced(running, op, row.rps);
  print({ bench: 'stack', ...row });
  return row;
}

const sum = (perProcess: Record<string, number>) =>
  round(
    Object.values(perProcess).reduce((a, b) => a + b, 0),
    2,
  );

/** Latency at `PACED` of the measured maximum: what a caller sees when the stack is busy but not saturated. */
async function paced(running: Running, op: Operation, maxRps: number): Promise<Row['paced']> {
  const rate = Math.max(1, maxRps * PACED);
  const { times, failed, cpuMsPerRequest } = await withCpu(
    running.stack,
    () => drivePaced(op, DURATION, rate, CONNECTIONS),
    async () => {
      if (op.queuesWork) await settle(running);
    },
  );
  return {
    rps: round(times.length / DURATION),
    failed,
    cpuMsPerRequest,
    totalCpuMsPerRequest: sum(cpuMsPerRequest),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    targetP95: op.p95TargetMs ?? null,
  };
}

/** Starts, or stops and writes, each process's profile (a no-op unless BENCH_CPU_PROF is set). */
function toggleProfilers(processes: [string, number][]): void {
  if (!CPU_PROF) return;
  for (const [, pid] of processes) process.kill(pid, 'SIGUSR2');
}

/** How many profiles each process has written. */
const profilesWritten = new Map<number, number>();

/** Waits for the profiles the processes write after the window and names them by window and process. */
async function collectProfiles(processes: [string, number][], window: string): Promise<void> {
  mkdirSync(path.join(CPU_PROF!, 'by-window'), { recursive: true });
  for (const [name, pid] of processes) {
    const n = (profilesWritten.get(pid) ?? 0) + 1;
    const file = path.join(CPU_PROF!, `${pid}-${n}.cpuprofile`);
    for (let waited = 0; !existsSync(file) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(file)) continue;
    profilesWritten.set(pid, n);
    renameSync(file, path.join(CPU_PROF!, 'by-window', `${window}-${name}.cpuprofile`));
  }
}

/**
 * Waits (at most `BENCH_SETTLE_TIMEOUT_MS`, 20 s) for the workers to run what was queued, then a
 * moment for the event relay; returns how many executions are still unfinished.
 */
async function settle(running: Running): Promise<number> {
  const unfinished = await waitForExecutions(running.db, Number(process.env.BENCH_SETTLE_TIMEOUT_MS ?? 20_000));
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 1500)));
  return unfinished;
}

async function prepare(label: string, dir: string): Promise<Running> {
  const started = Date.now();
  const stack = await startStack(label, dir);
  try {
    const org = await seedOrganization(stack);
    const ops = operations(stack, org, await laterPageCursor(stack, org, LATER_PAGE)).filter(
      (op) => !ONLY || ONLY.some((o) => op.name.startsWith(o)),
    );
    const db = new Client({ connectionString: stack.ownerUrl });
    await db.connect();
    const quietAfter = await untilQuiet(stack);
    print({
      bench: 'stack ready',
      checkout: label,
      dir,
      processes: stack.processes,
      members: org.members.length,
      seconds: round((Date.now() - started) / 1000),
      quietAfterSeconds: quietAfter,
    });
    return { stack, org, ops, db };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function summarize(rows: Row[], ingest: Record<string, { api: number[]; copy: number[] }>) {
  const byOp = new Map<string, Map<string, Row[]>>();
  for (const row of rows) {
    const checkouts = byOp.get(row.op) ?? new Map<string, Row[]>();
    checkouts.set(row.checkout, [...(checkouts.get(row.checkout) ?? []), row]);
    byOp.set(row.op, checkouts);
  }
  const table = [...byOp].map(([op, checkouts]) => {
    const side = (label: string) => {
      const rs = checkouts.get(label) ?? [];
      const perProcess: Record<string, number> = {};
      for (const name of Object.keys(rs[0]?.cpuMsPerRequest ?? {}))
        perProcess[name] = round(mean(rs.map((r) => r.cpuMsPerRequest[name])), 2);
      return {
        rps: round(mean(rs.map((r) => r.rps))),
        p95: round(mean(rs.map((r) => r.p95))),
        pacedP95: rs.some((r) => r.paced) ? round(mean(rs.map((r) => r.paced?.p95 ?? 0))) : null,
        pacedCpu: rs.some((r) => r.paced) ? round(mean(rs.map((r) => r.paced?.totalCpuMsPerRequest ?? 0)), 2) : null,
        targetP95: rs[0]?.paced?.targetP95 ?? null,
        cpu: round(mean(rs.map((r) => r.totalCpuMsPerRequest)), 2),
        perProcess,
        failed: rs.reduce((n, r) => n + r.errors + r.non2xx + r.graphqlErrors + (r.paced?.failed ?? 0), 0),
      };
    };
    const ours = side('ours');
    const baseline = checkouts.has('baseline') ? side('baseline') : null;
    const line = {
      op,
      ours,
      ...(baseline
        ? {
            baseline,
            ratio: {
              rps: round(ours.rps / baseline.rps, 2),
              cpuPerRequest: round(ours.cpu / baseline.cpu, 2),
              p95: round(ours.p95 / baseline.p95, 2),
            },
          }
        : {}),
    };
    print({ bench: 'stack summary', ...line });
    return line;
  });
  const short = (perProcess: Record<string, number>) =>
    Object.entries(perProcess)
      .filter(([, ms]) => ms >= 0.05)
      .map(([name, ms]) => `${name.replace('-worker', '-w')} ${ms}`)
      .join(', ');
  console.table(
    table.map((t) => ({
      op: t.op,
      'rps ours': t.ours.rps,
      'rps base': t.baseline?.rps,
      'rps ×': t.ratio?.rps,
      'p95 ours': t.ours.p95,
      'p95 base': t.baseline?.p95,
      'cpu ms/req ours': t.ours.cpu,
      'cpu ms/req base': t.baseline?.cpu,
      'cpu ×': t.ratio?.cpuPerRequest,
      failed: t.ours.failed + (t.baseline?.failed ?? 0),
    })),
  );
  if (PACED > 0)
    console.table(
      table.map((t) => ({
        op: t.op,
        [`p95 at ${PACED * 100} % of max, ours`]: t.ours.pacedP95,
        baseline: t.baseline?.pacedP95,
        'target p95 (§7.1)': t.ours.targetP95 ?? '',
        'ours within target': t.ours.targetP95 == null ? '' : t.ours.pacedP95! <= t.ours.targetP95 ? 'yes' : 'NO',
        'cpu ms/req at pace, ours': t.ours.pacedCpu,
        'cpu ms/req at pace, base': t.baseline?.pacedCpu,
      })),
    );
  console.table(
    table.map((t) => ({
      op: t.op,
      'ours: cpu ms/req by process': short(t.ours.perProcess),
      baseline: t.baseline ? short(t.baseline.perProcess) : '',
    })),
  );
  const ingestTable = Object.entries(ingest).map(([checkout, { api, copy }]) => {
    const line = {
      checkout,
      ingestEventsRowsPerSecond: Math.round(mean(api)),
      copyRowsPerSecond: Math.round(mean(copy)),
      ratio: round(mean(api) / mean(copy), 2),
    };
    print({ bench: 'stack ingest summary', ...line });
    return line;
  });
  console.table(ingestTable);
}

async function main(): Promise<void> {
  const baselineDir = BASELINE_REF === 'none' ? null : prepareBaseline(BASELINE_REF);
  print({
    bench: 'stack settings',
    durationSeconds: DURATION,
    warmupSeconds: WARMUP,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    baselineRef: BASELINE_REF,
    baselineDir: baselineDir?.dir,
    ingestRows: INGEST_ROWS,
    pacedFraction: PACED,
    node: process.version,
  });
  const sides: Running[] = [];
  // Ctrl-C or SIGTERM still stops both stacks and drops their databases (the finally below).
  let interrupted: () => void = () => {};
  const interruption = new Promise<never>((_, reject) => (interrupted = () => reject(new Error('interrupted'))));
  process.once('SIGINT', () => interrupted());
  process.once('SIGTERM', () => interrupted());
  try {
    await Promise.race([measureAll(sides, baselineDir), interruption]);
  } finally {
    for (const side of sides) {
      await side.db.end().catch(() => undefined);
      await side.stack.stop();
    }
    if (baselineDir && !process.env.BENCH_KEEP_BASELINE) baselineDir.remove();
  }
}

async function measureAll(sides: Running[], baselineDir: { dir: string } | null): Promise<void> {
  sides.push(await prepare('ours', repoRoot));
  if (baselineDir) sides.push(await prepare('baseline', baselineDir.dir));
  const rows: Row[] = [];
  const ingest: Record<string, { api: number[]; copy: number[] }> = {};
  for (let r = 1; r <= ROUNDS; r++) {
    for (const side of sides) {
      for (const op of side.ops) rows.push(await measure(side, op, r));
      if (INGEST_ROWS > 0) {
        const api = await ingestRowsPerSecond(side.stack, side.org, INGEST_ROWS, r);
        await settle(side);
        const copy = copyRowsPerSecond(side.stack, side.org, api.rows);
        print({
          bench: 'stack ingest',
          checkout: side.stack.label,
          round: r,
          ingestEvents: api,
          copy,
          ratio: round(api.rowsPerSecond / copy.rowsPerSecond, 2),
        });
        const entry = (ingest[side.stack.label] ??= { api: [], copy: [] });
        entry.api.push(api.rowsPerSecond);
        entry.copy.push(copy.rowsPerSecond);
      }
    }
  }
  summarize(rows, ingest);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
