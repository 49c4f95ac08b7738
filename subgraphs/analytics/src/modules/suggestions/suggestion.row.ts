import type { Platform } from '@mikro-orm/core';
import type { Suggestion, SuggestionStatus } from './suggestion.entity';

/** An `analytics.suggestions` row as `em.execute` returns it: jsonb parsed, timestamps still Postgres text. */
export interface SuggestionRow {
  id: string;
  org_id: string;
  user_id: string;
  pattern_id: string;
  template_id: string;
  status: SuggestionStatus;
  title: string;
  explanation: string;
  parameters: Record<string, string>;
  estimated_minutes_saved_per_week: number;
  support_at_offer: number;
  offered_at: string;
  dismissed_at: string | null;
  support_at_dismissal: number | null;
  accepted_at: string | null;
  workflow_id: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A suggestion as `User.suggestions` and `Pattern.suggestion` return it: a plain object of the
 * entity's shape, not a managed entity (docs/decisions/0026). Accepting and dismissing lock and
 * change their own entity (`findForUpdate`).
 */
export function suggestionFromRow(row: SuggestionRow, platform: Platform): Suggestion {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    patternId: row.pattern_id,
    templateId: row.template_id,
    status: row.status,
    title: row.title,
    explanation: row.explanation,
    parameters: row.parameters,
    estimatedMinutesSavedPerWeek: row.estimated_minutes_saved_per_week,
    supportAtOffer: row.support_at_offer,
    offeredAt: platform.parseDate(row.offered_at),
    dismissedAt: row.dismissed_at === null ? null : platform.parseDate(row.dismissed_at),
    supportAtDismissal: row.support_at_dismissal,
    acceptedAt: row.accepted_at === null ? null : platform.parseDate(row.accepted_at),
    workflowId: row.workflow_id,
    createdAt: platform.parseDate(row.created_at),
    updatedAt: platform.parseDate(row.updated_at),
  };
}
