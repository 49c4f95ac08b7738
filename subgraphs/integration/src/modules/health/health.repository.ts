import type { EntityManager } from '@mikro-orm/postgresql';
import { validUuids } from '@flowgraph/kernel';
import type { IntegrationProviderValue, IntegrationStatus } from '../integrations/integration.entity';
import type { HealthStatus, HealthVerdict } from './health-status';

/** One recorded check, newest first in a history. */
export interface HealthCheckRecord {
  integrationId: string;
  status: HealthStatus;
  error: string | null;
  durationMs: number | null;
  checkedAt: Date;
}

/** An integration as a check needs it, with its current health. */
export interface CheckedIntegration {
  id: string;
  orgId: string;
  userId: string;
  provider: IntegrationProviderValue;
  status: IntegrationStatus;
  healthStatus: HealthStatus | null;
  unavailableStreak: number;
}

/** An integration due for a check, from every organization (ids and owner only). */
export interface IntegrationToCheck {
  id: string;
  orgId: string;
  userId: string;
}

type CheckRow = { integration_id: string; status: HealthStatus; error: string | null; duration_ms: number | null; checked_at: Date };

const recordOf = (row: CheckRow): HealthCheckRecord => ({
  integrationId: row.integration_id,
  status: row.status,
  error: row.error,
  durationMs: row.duration_ms,
  checkedAt: new Date(row.checked_at),
});

/** Health queries. Row-level security limits each to the transaction's organization, except the owner-run functions named. */
export class HealthRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every organization's integrations due for a check, by id after `afterId` (`integration.integrations_to_check`). */
  async integrationsToCheck(afterId: string, batchSize: number): Promise<IntegrationToCheck[]> {
    const rows = await this.em.execute<{ id: string; org_id: string; user_id: string }[]>(
      'select * from integration.integrations_to_check(?, ?)',
      [afterId, batchSize],
    );
    return rows.map((r) => ({ id: r.id, orgId: r.org_id, userId: r.user_id }));
  }

  /** Connected integrations of every organization counted by connector and health (`integration.connector_health_counts`). */
  async healthCounts(): Promise<{ connector: string; health: string; integrations: number }[]> {
    return this.em.execute('select connector, health, integrations from integration.connector_health_counts()');
  }

  /** The integration with its health; `lock` holds it until the transaction ends, so two checks record one after the other. */
  async integration(id: string, lock = false): Promise<CheckedIntegration | null> {
    if (validUuids([id]).length === 0) return null;
    const [row] = await this.em.execute<
      {
        id: string;
        org_id: string;
        user_id: string;
        provider: IntegrationProviderValue;
        status: IntegrationStatus;
        health_status: HealthStatus | null;
        health_unavailable_streak: number;
      }[]
    >(
      `select id, org_id, user_id, provider, status, health_status, health_unavailable_streak
       from integration.user_integrations where id = ?${lock ? ' for update' : ''}`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      orgId: row.org_id,
      userId: row.user_id,
      provider: row.provider,
      status: row.status,
      healthStatus: row.health_status,
      unavailableStreak: row.health_unavailable_streak,
    };
  }

  /** Sets the integration's health, adds the check to its history and prunes that to the newest `keep`. */
  async record(integration: CheckedIntegration, verdict: HealthVerdict, checkedAt: Date, durationMs: number | null, keep: number) {
    await this.em.execute(
      `update integration.user_integrations
       set health_status = ?, health_error = ?, health_checked_at = ?, health_unavailable_streak = ? where id = ?`,
      [verdict.status, verdict.error, checkedAt, verdict.unavailableStreak, integration.id],
    );
    await this.em.execute(
      `insert into integration.health_checks (org_id, integration_id, status, error, duration_ms, checked_at) values (?, ?, ?, ?, ?, ?)`,
      [integration.orgId, integration.id, verdict.status, verdict.error, durationMs, checkedAt],
    );
    await this.em.execute(
      `delete from integration.health_checks where integration_id = ? and id not in (
         select id from integration.health_checks where integration_id = ? order by checked_at desc, id desc limit ?)`,
      [integration.id, integration.id, keep],
    );
  }

  /** The newest `limit` checks of each integration, newest first, in one statement (for a loader). */
  async historyOf(integrationIds: readonly string[], limit: number): Promise<Map<string, HealthCheckRecord[]>> {
    const ids = validUuids(integrationIds);
    const history = new Map<string, HealthCheckRecord[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return history;
    const rows = await this.em.execute<CheckRow[]>(
      `select integration_id, status, error, duration_ms, checked_at from (
         select h.*, row_number() over (partition by integration_id order by checked_at desc, id desc) as position
         from integration.health_checks h where integration_id = any(?::uuid[])
       ) ranked where position <= ? order by integration_id, position`,
      [`{${ids.join(',')}}`, limit],
    );
    for (const row of rows) history.get(row.integration_id)!.push(recordOf(row));
    return history;
  }

  /** One integration's newest `limit` checks, newest first. */
  async history(integrationId: string, limit: number): Promise<HealthCheckRecord[]> {
    return (await this.historyOf([integrationId], limit)).get(integrationId) ?? [];
  }
}
