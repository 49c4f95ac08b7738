import { until } from '@flowgraph/kernel/testing';
import { ClientLoad, type LoadTarget } from './chaos-load';
import type { ChaosPlatform } from './chaos-platform';

/** A fault: what breaks, and how it is repaired (each resolves once done). */
export interface Fault {
  name: string;
  inject(): Promise<void>;
  repair(): Promise<void>;
}

/** One row of the table: what the clients saw and what the data shows afterwards. */
export interface FaultRow {
  fault: string;
  sent: number;
  acknowledged: number;
  refused503: number;
  otherErrors: number;
  /** Seconds from the repair until a request was acknowledged and an execution finished again. */
  recoverySeconds: number;
  /** Rows beyond one per acknowledged event, execution, or event-triggered execution. */
  duplicates: number;
  /** Acknowledged events or executions (or the executions their events trigger) not in the database. */
  lost: number;
  /** Executions still queued or running once the phase's wait is over. */
  stuck: number;
  /** Up to five of the `other` answers. */
  problems: string[];
  /** Executions of the phase that failed (the workflow cannot fail: an outage must not fail it either). */
  failed: number;
  /** The stuck and failed executions' state (status, error, step runs), to say where they stopped. */
  stuckExecutions: unknown[];
  /** What the services logged about the `other` answers' requests and the stuck executions. */
  serviceLog: string[];
}

export interface Timeline {
  /** Load before the fault, during it, and after the repair (ms). */
  beforeMs: number;
  outageMs: number;
  afterMs: number;
  /** One new event and one new execution every this many ms. */
  everyMs: number;
  /** How long retries may take to get everything acknowledged, and executions to finish. */
  settleMs: number;
}

export interface Subject extends LoadTarget {
  orgId: string;
  triggerId: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts by key of the rows `sql` returns as `(key, n)`. */
async function countsByKey(platform: ChaosPlatform, sql: string, params: unknown[]): Promise<Map<string, number>> {
  const rows = await platform.query<{ key: string; n: number }>(sql, params);
  return new Map(rows.map((row) => [row.key, Number(row.n)]));
}

/** Sums of what is beyond one (duplicates) and what is missing (lost) among `keys`. */
function tally(keys: string[], counts: Map<string, number>): { duplicates: number; lost: number } {
  let duplicates = 0;
  let lost = 0;
  for (const key of keys) {
    const n = counts.get(key) ?? 0;
    if (n === 0) lost++;
    else duplicates += n - 1;
  }
  return { duplicates, lost };
}

/**
 * Runs load across `fault`: steady traffic, the fault injected, repaired, traffic on; then every
 * refused item retried until acknowledged, executions given `settleMs` to finish, and the
 * database checked against what was acknowledged.
 */
export async function surviveFault(platform: ChaosPlatform, subject: Subject, fault: Fault, timeline: Timeline): Promise<FaultRow> {
  const load = new ClientLoad(subject, fault.name.replace(/\W+/g, '-'));
  let repairedAt: number;
  try {
    load.start(timeline.everyMs);
    await sleep(timeline.beforeMs);
    await fault.inject();
    await sleep(timeline.outageMs);
    await fault.repair();
    repairedAt = Date.now();
    await sleep(timeline.afterMs);
    load.stopSending();
    await load.settled(timeline.settleMs);
  } finally {
    load.abandon();
  }

  const events = load.items.filter((i) => i.kind === 'event');
  const executions = load.items.filter((i) => i.kind === 'execution');
  const triggeredKeys = events.map((e) => `event:${e.id}:${subject.triggerId}`);
  const open = () =>
    platform
      .query<{ n: number }>(`select count(*)::int as n from workflow.executions where org_id = $1 and status in ('queued', 'running')`, [
        subject.orgId,
      ])
      .then(([row]) => row.n);
  const triggered = () =>
    platform
      .query<{ n: number }>('select count(*)::int as n from workflow.executions where trigger_id = $1 and idempotency_key = any($2)', [
        subject.triggerId,
        triggeredKeys,
      ])
      .then(([row]) => row.n);
  // Every event starts its execution and every execution finishes within the settle time (an
  // entry a dead or failed consumer left pending is claimed after 60 s), or counts as lost or stuck.
  await until(
    async () => (await open()) === 0 && (await triggered()) >= triggeredKeys.length,
    timeline.settleMs,
    'executions to finish',
    // Each probe opens a connection: often enough to see the end, rarely enough not to load the machine.
    250,
  ).catch(() => undefined);
  const stuck = await open();
  const phaseKeys = [...executions.map((e) => e.key), ...triggeredKeys];
  const [{ n: failed }] = await platform.query<{ n: number }>(
    `select count(*)::int as n from workflow.executions where workflow_id = $1 and idempotency_key = any($2) and status = 'failed'`,
    [subject.workflowId, phaseKeys],
  );
  const stuckExecutions = await platform.query(
    `select e.id, e.status, e.trigger_kind, e.error,
            (select json_agg(json_build_object('step', s.step_id, 'status', s.status, 'attempts', s.attempts, 'waitingOn', s.waiting_on)) from workflow.step_runs s where s.execution_id = e.id) as steps
     from workflow.executions e
     where e.org_id = $1 and (e.status in ('queued', 'running') or (e.status = 'failed' and e.idempotency_key = any($2))) limit 5`,
    [subject.orgId, phaseKeys],
  );
  const serviceLog = platform
    .linesAbout([...load.problemRequestIds, ...stuckExecutions.map((e) => (e as { id: string }).id)])
    .slice(0, 60)
    .map((line) => line.slice(0, 2000));

  const storedEvents = await countsByKey(
    platform,
    'select idempotency_key as key, count(*)::int as n from core.events where org_id = $1 and idempotency_key = any($2) group by 1',
    [subject.orgId, events.map((e) => e.key)],
  );
  const storedExecutions = await countsByKey(
    platform,
    'select idempotency_key as key, count(*)::int as n from workflow.executions where workflow_id = $1 and idempotency_key = any($2) group by 1',
    [subject.workflowId, phaseKeys],
  );
  const checks = [
    tally(
      events.map((e) => e.key),
      storedEvents,
    ),
    tally(
      executions.map((e) => e.key),
      storedExecutions,
    ),
    tally(triggeredKeys, storedExecutions),
  ];
  const [finished] = await platform.query<{ at: Date | null }>(
    'select min(finished_at) as at from workflow.executions where org_id = $1 and finished_at > $2',
    [subject.orgId, new Date(repairedAt)],
  );
  const firstAcknowledged = load.acknowledgedAt.filter((at) => at >= repairedAt).sort((a, b) => a - b)[0];
  const recoveredAt = Math.max(firstAcknowledged ?? Infinity, finished.at?.getTime() ?? Infinity);

  return {
    fault: fault.name,
    sent: load.counts.sent,
    acknowledged: load.counts.acknowledged,
    refused503: load.counts.refused,
    otherErrors: load.counts.other,
    recoverySeconds: Math.max(0, (recoveredAt - repairedAt) / 1000),
    duplicates: checks.reduce((sum, c) => sum + c.duplicates, 0),
    lost: checks.reduce((sum, c) => sum + c.lost, 0),
    stuck,
    failed,
    problems: load.problems,
    stuckExecutions,
    serviceLog,
  };
}

const COLUMNS: [keyof FaultRow, string][] = [
  ['fault', 'fault'],
  ['sent', 'requests sent'],
  ['acknowledged', 'acknowledged'],
  ['refused503', 'refused 503'],
  ['otherErrors', 'other errors'],
  ['recoverySeconds', 'recovery'],
  ['duplicates', 'duplicates'],
  ['lost', 'lost'],
  ['stuck', 'stuck'],
  ['failed', 'failed'],
];

/** The rows as a Markdown table (recovery in seconds). */
export function faultTable(rows: FaultRow[]): string {
  const cell = (row: FaultRow, key: keyof FaultRow) =>
    key === 'recoverySeconds' ? `${row.recoverySeconds.toFixed(1)} s` : String(row[key as keyof FaultRow]);
  const lines = [
    `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `|${COLUMNS.map(([key]) => (key === 'fault' ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${COLUMNS.map(([key]) => cell(row, key)).join(' | ')} |`),
  ];
  return lines.join('\n');
}
