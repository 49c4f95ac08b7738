import type { Resolvers, TriggerKind } from '../../generated/graphql';

export const triggerResolvers: Resolvers = {
  Mutation: {
    addTrigger: (_parent, { input }, ctx) => ctx.triggers.add(ctx.identity, input),
    removeTrigger: async (_parent, { id }, ctx) => ({ removedTriggerId: await ctx.triggers.remove(ctx.identity, id) }),
    setTriggerEnabled: (_parent, { id, enabled }, ctx) => ctx.triggers.setEnabled(ctx.identity, id, enabled),
  },
  Workflow: {
    // The workflow itself was authorized by the field that returned it.
    triggers: (workflow, _args, ctx) => ctx.loaders.triggers.byWorkflow.load(workflow.id),
  },
  Trigger: {
    kind: (trigger) => trigger.kind.toUpperCase() as TriggerKind,
    cron: (trigger) => (trigger.kind === 'cron' ? trigger : null),
    webhook: (trigger) => (trigger.kind === 'webhook' ? trigger : null),
    event: (trigger) => (trigger.kind === 'event' ? trigger : null),
  },
  CronSchedule: {
    pattern: (trigger) => trigger.config.pattern ?? '',
    timezone: (trigger) => trigger.config.timezone ?? 'UTC',
    nextRuns: (trigger, { count }, ctx) => ctx.triggers.nextRuns(trigger, count),
  },
  WebhookEndpoint: {
    url: (trigger, _args, ctx) => ctx.triggers.webhookUrl(trigger),
  },
  EventFilterTrigger: {
    tool: (trigger) => trigger.config.tool ?? null,
    eventType: (trigger) => trigger.config.eventType ?? null,
  },
};
