/**
 * Load and its cost: an operation driven closed-loop with autocannon, and the CPU each process of
 * a stack (and its database's backends) spent on it, per completed request.
 */
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { round } from '../gateway/bench-kit';
import type { Operation } from './operations';
import { cpuOf, cpuSpent, postgresBackends } from './proc';
import type { Stack } from './stack';

let shownErrors = 0;

/** Drives `op` closed-loop over `connections` sockets for `seconds`; every response's latency, sorted. */
export async function drive(op: Operation, seconds: number, connections: number) {
  const times: number[] = [];
  // Without a callback autocannon returns its instance: a promise of the result and an emitter.
  const instance = autocannon({
    url: op.url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, method: op.method ?? 'POST', ...op.next() }) }],
    verifyBody: (body) => {
      // A GraphQL answer with errors, or the REST envelope.
      if (!String(body).includes('"errors"') && !String(body).startsWith('{"error":')) return true;
      if (shownErrors++ < 3) console.error(`${op.name}: ${String(body).slice(0, 600)}`);
      return false;
    },
  }) as unknown as Promise<autocannon.Result> & EventEmitter;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { result, times };
}

/**
 * Runs `load`, then `after` (work the load queued), and charges the CPU every process of the
 * stack and its database spent meanwhile to the requests `load` completed.
 */
export async function withCpu<T extends { times: number[] }>(
  stack: Stack,
  load: () => Promise<T>,
  after: () => Promise<unknown>,
): Promise<T & { cpuMsPerRequest: Record<string, number> }> {
  const processes = Object.entries(stack.processes);
  const before = processes.map(([, pid]) => cpuOf([pid]));
  const postgresBefore = cpuOf(postgresBackends(stack.database));
  const result = await load();
  await after();
  const spent = processes.map(([, pid], i) => cpuSpent(before[i], cpuOf([pid])));
  const postgres = cpuSpent(postgresBefore, cpuOf(postgresBackends(stack.database)));
  const perRequest = (seconds: number) => round((seconds * 1000) / Math.max(1, result.times.length), 2);
  const cpuMsPerRequest: Record<string, number> = Object.fromEntries([
    ...processes.map(([name], i) => [name, perRequest(spent[i])]),
    ['postgres', perRequest(postgres)],
  ]);
  return { ...result, cpuMsPerRequest };
}

/**
 * Waits (at most 120 s) until the stack's processes and its database together spend under 5 % of
 * a core: the workers consume the seeded events (triggers, analytics) for a while, and that work
 * must not land in the first measured window. Returns the seconds waited.
 */
export async function untilQuiet(stack: Stack): Promise<number> {
  const pids = Object.values(stack.processes);
  const all = () => cpuOf([...pids, ...postgresBackends(stack.database)]);
  const started = Date.now();
  for (;;) {
    const before = all();
    await new Promise((r) => setTimeout(r, 1000));
    if (cpuSpent(before, all()) < 0.05 || Date.now() - started > 120_000) return round((Date.now() - started) / 1000);
  }
}
