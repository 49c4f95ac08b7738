import type { Platform } from '@mikro-orm/core';
import type { HealthStatus } from '../health/health-status';
import type { Integration, IntegrationProviderValue, IntegrationStatus } from './integration.entity';

/** An `integration.user_integrations` row as `em.execute` returns it: timestamps still Postgres text. */
export interface IntegrationRow {
  id: string;
  org_id: string;
  user_id: string;
  provider: IntegrationProviderValue;
  display_name: string;
  is_active: boolean;
  status: IntegrationStatus;
  disconnected_at: string | null;
  health_status: HealthStatus | null;
  health_error: string | null;
  health_checked_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * An integration as `User.integrations` returns it: a plain object of the entity's shape, not a
 * managed entity (docs/decisions/0026). Changes start from an entity (`lockById`, the by-id
 * loader). Timestamps are parsed by the platform, as `em.map` parses them.
 */
export function integrationFromRow(row: IntegrationRow, platform: Platform): Integration {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    provider: row.provider,
    displayName: row.display_name,
    isActive: row.is_active,
    status: row.status,
    disconnectedAt: row.disconnected_at === null ? null : platform.parseDate(row.disconnected_at),
    healthStatus: row.health_status,
    healthError: row.health_error,
    healthCheckedAt: row.health_checked_at === null ? null : platform.parseDate(row.health_checked_at),
    createdAt: platform.parseDate(row.created_at),
    updatedAt: platform.parseDate(row.updated_at),
  };
}
