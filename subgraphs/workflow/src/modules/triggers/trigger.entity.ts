import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const triggerKinds = ['manual', 'cron', 'webhook', 'event'] as const;
export type TriggerKindName = (typeof triggerKinds)[number];

/** Kind-specific settings, stored as JSON: cron `{ pattern, timezone }`, event `{ tool?, eventType? }`. */
export interface TriggerConfig {
  pattern?: string;
  timezone?: string;
  tool?: string | null;
  eventType?: string | null;
}

/** What starts a workflow's executions. */
export const TriggerEntity = defineEntity({
  name: 'Trigger',
  tableName: 'workflow.triggers',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    workflowId: p.uuid(),
    kind: p.text().$type<TriggerKindName>(),
    enabled: p.boolean(),
    config: p.json<TriggerConfig>(),
    /** AES-256-GCM ciphertext (webhook triggers); never returned by the API. */
    webhookSecret: p.text().nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

export type Trigger = InferEntity<typeof TriggerEntity>;
