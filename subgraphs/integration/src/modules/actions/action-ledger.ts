import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * How long a `running` claim holds: past it, the process that claimed the call is taken to have
 * died mid-call and another attempt may run it (at-least-once for that rare case).
 */
export const ACTION_LEASE_MS = 2 * 60_000;

export type LedgerClaim =
  | { state: 'claimed' }
  | { state: 'succeeded'; output: Record<string, unknown> }
  /** Another attempt holds the call right now (a retry racing the first): come back in `retryAfterMs`. */
  | { state: 'running'; retryAfterMs: number };

export interface LedgerEntry {
  orgId: string;
  idempotencyKey: string;
  integrationId: string;
  connector: string;
  action: string;
}

/**
 * Completed connector calls by idempotency key (`<executionId>:<stepId>`), so a retried or
 * resumed step does not post twice where the provider has no idempotency of its own: the first
 * attempt claims the key, records the output when it succeeds, and releases the key when it fails.
 */
export class ActionLedger {
  constructor(private readonly em: EntityManager) {}

  async claim(entry: LedgerEntry): Promise<LedgerClaim> {
    // Inserts a claim, or takes over one whose lease ran out; no row back means the key is held or done.
    const [row] = await this.em.execute<{ claimed: number }[]>(
      `insert into integration.action_calls (org_id, idempotency_key, integration_id, connector, action, status, started_at)
       values (?, ?, ?, ?, ?, 'running', now())
       on conflict (org_id, idempotency_key) do update set started_at = now()
         where action_calls.status = 'running' and action_calls.started_at < now() - make_interval(secs => ?)
       returning 1 as claimed`,
      [entry.orgId, entry.idempotencyKey, entry.integrationId, entry.connector, entry.action, ACTION_LEASE_MS / 1000],
    );
    if (row) return { state: 'claimed' };
    const [existing] = await this.em.execute<
      { status: 'running' | 'succeeded'; output: Record<string, unknown> | null; started_at: Date }[]
    >('select status, output, started_at from integration.action_calls where org_id = ? and idempotency_key = ?', [
      entry.orgId,
      entry.idempotencyKey,
    ]);
    // Released between the two statements: the key is free again.
    if (!existing) return this.claim(entry);
    if (existing.status === 'succeeded') return { state: 'succeeded', output: existing.output ?? {} };
    const leaseLeft = new Date(existing.started_at).getTime() + ACTION_LEASE_MS - Date.now();
    return { state: 'running', retryAfterMs: Math.min(Math.max(leaseLeft, 1000), 5000) };
  }

  async succeed(orgId: string, idempotencyKey: string, output: Record<string, unknown>): Promise<void> {
    await this.em.execute(
      `update integration.action_calls set status = 'succeeded', output = ?, finished_at = now() where org_id = ? and idempotency_key = ?`,
      [JSON.stringify(output), orgId, idempotencyKey],
    );
  }

  /** The call failed: the key is free for the next attempt. */
  async release(orgId: string, idempotencyKey: string): Promise<void> {
    await this.em.execute(`delete from integration.action_calls where org_id = ? and idempotency_key = ? and status = 'running'`, [
      orgId,
      idempotencyKey,
    ]);
  }
}
