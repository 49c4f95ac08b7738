import type { Platform } from '@mikro-orm/core';
import type { Organization } from './organization.entity';

/** A `core.organizations` row as `em.execute` returns it: timestamps still Postgres text. */
export interface OrganizationRow {
  id: string;
  name: string;
  event_retention_days: number;
  created_at: string;
}

/**
 * An organization as lookups by id return it: a plain object of the entity's shape, not a
 * managed entity (docs/decisions/0026). `updateOrganization` changes `findById`'s entity instead.
 * Timestamps are parsed by the platform, as `em.map` parses them.
 */
export function organizationFromRow(row: OrganizationRow, platform: Platform): Organization {
  return {
    id: row.id,
    name: row.name,
    eventRetentionDays: row.event_retention_days,
    createdAt: platform.parseDate(row.created_at),
  };
}
