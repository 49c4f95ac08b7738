import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export type SuggestionStatus = 'open' | 'accepted' | 'dismissed';

export const SuggestionEntity = defineEntity({
  name: 'Suggestion',
  tableName: 'analytics.suggestions',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    userId: p.uuid(),
    /** Unique: one suggestion per pattern, reopened in place. */
    patternId: p.uuid(),
    templateId: p.text(),
    status: p.text().$type<SuggestionStatus>(),
    title: p.text(),
    explanation: p.text(),
    parameters: p.json<Record<string, string>>(),
    estimatedMinutesSavedPerWeek: p.integer(),
    /** The pattern's support when it was last offered. */
    supportAtOffer: p.integer(),
    offeredAt: p.datetime(3),
    dismissedAt: p.datetime(3).nullable(),
    /** A dismissed suggestion reopens when its pattern's support reaches this times the resurface factor. */
    supportAtDismissal: p.integer().nullable(),
    acceptedAt: p.datetime(3).nullable(),
    workflowId: p.uuid().nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

export type Suggestion = InferEntity<typeof SuggestionEntity>;
