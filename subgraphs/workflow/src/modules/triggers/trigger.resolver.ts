import { validationError } from '@flowgraph/kernel';
import type { Resolvers, TriggerKind } from '../../generated/graphql';
import { MAX_NEXT_RUNS, nextRuns } from './cron-schedule';

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
    nextRuns: (trigger, { count }) => {
      const n = count ?? 5;
      if (!Number.isInteger(n) || n < 1 || n > MAX_NEXT_RUNS) {
        throw validationError([{ field: 'count', message: `Must be 1 to ${MAX_NEXT_RUNS}` }]);
      }
      return nextRuns(trigger.config.pattern ?? '', trigger.config.timezone ?? 'UTC', n);
    },
  },
  WebhookEndpoint: {
    url: (trigger, _args, ctx) => ctx.triggers.webhookUrl(trigger),
  },
  EventFilterTrigger: {
    tool: (trigger) => trigger.config.tool ?? null,
    eventType: (trigger) => trigger.config.eventType ?? null,
  },
};
