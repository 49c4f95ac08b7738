import type { Platform } from '@mikro-orm/core';
import type { Pattern, PatternExample, PatternStep } from './pattern.entity';

/**
 * An `analytics.patterns` row as `em.execute` returns it: jsonb parsed, float8 a number,
 * timestamps still Postgres text (MikroORM's pg type parsers leave them to the platform).
 */
export interface PatternRow {
  id: string;
  org_id: string;
  user_id: string;
  sequence: PatternStep[];
  key: string | null;
  support: number;
  confidence: number;
  active: boolean;
  examples: PatternExample[];
  support_last_week: number;
  support_previous_week: number;
  first_seen_at: string;
  last_seen_at: string;
  created_at: string;
  updated_at: string;
}

/**
 * A pattern as `User.patterns` returns it: a plain object of the entity's shape, not a managed
 * entity (hydration was the ORM's CPU cost on hot lists, docs/decisions/0026); only the miner
 * writes patterns, through its own entities.
 */
export function patternFromRow(row: PatternRow, platform: Platform): Pattern {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    sequence: row.sequence,
    key: row.key,
    support: row.support,
    confidence: row.confidence,
    active: row.active,
    examples: row.examples,
    supportLastWeek: row.support_last_week,
    supportPreviousWeek: row.support_previous_week,
    firstSeenAt: platform.parseDate(row.first_seen_at),
    lastSeenAt: platform.parseDate(row.last_seen_at),
    createdAt: platform.parseDate(row.created_at),
    updatedAt: platform.parseDate(row.updated_at),
  };
}
