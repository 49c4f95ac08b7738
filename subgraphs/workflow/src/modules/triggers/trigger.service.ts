import { notFound, requireRole, validationError, type FieldError, type Identity, type SecretKeyring } from '@flowgraph/kernel';
import { MAX_NEXT_RUNS, checkCronSchedule, nextRuns } from './cron-schedule';
import type { Trigger, TriggerConfig, TriggerKindName } from './trigger.entity';
import type { TriggerRepository } from './trigger.repository';
import type { TriggerScheduler } from './trigger-scheduler';
import { newWebhookSecret } from './webhook-secret.cipher';

export const MAX_TRIGGERS_PER_WORKFLOW = 20;
const FILTER_VALUE = /^[a-z0-9][a-z0-9_.:-]{0,99}$/;

export interface AddTriggerInput {
  workflowId: string;
  kind: 'MANUAL' | 'CRON' | 'WEBHOOK' | 'EVENT';
  cron?: { pattern: string; timezone?: string | null } | null;
  event?: { tool?: string | null; eventType?: string | null } | null;
}

export interface TriggerServiceDeps {
  scheduler: TriggerScheduler;
  cipher: SecretKeyring;
  /** Public origin webhook URLs start with (PUBLIC_URL). */
  publicUrl: string;
}

/** Checks the kind-specific part of an input: the kind's own block required, the others refused. */
function checkConfig(input: AddTriggerInput): { config: TriggerConfig; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const kind = input.kind;
  if (input.cron && kind !== 'CRON') errors.push({ field: 'cron', message: `Only for CRON triggers, not ${kind}` });
  if (input.event && kind !== 'EVENT') errors.push({ field: 'event', message: `Only for EVENT triggers, not ${kind}` });
  if (kind === 'CRON') {
    if (!input.cron) return { config: {}, errors: [...errors, { field: 'cron', message: 'Required for CRON triggers' }] };
    const pattern = input.cron.pattern.trim().replace(/\s+/g, ' ');
    const timezone = input.cron.timezone?.trim() || 'UTC';
    return { config: { pattern, timezone }, errors: [...errors, ...checkCronSchedule(pattern, timezone)] };
  }
  if (kind === 'EVENT') {
    if (!input.event) return { config: {}, errors: [...errors, { field: 'event', message: 'Required for EVENT triggers' }] };
    // Stored the way Core stores events (trimmed, lower case), so matching is plain equality.
    const tool = input.event.tool?.trim().toLowerCase() || null;
    const eventType = input.event.eventType?.trim().toLowerCase() || null;
    if (!tool && !eventType) errors.push({ field: 'event', message: 'Give tool, eventType or both' });
    if (tool && !FILTER_VALUE.test(tool)) errors.push({ field: 'event.tool', message: 'Must be 1 to 100 characters of a-z, 0-9, _ . : -' });
    if (eventType && !FILTER_VALUE.test(eventType))
      errors.push({ field: 'event.eventType', message: 'Must be 1 to 100 characters of a-z, 0-9, _ . : -' });
    return { config: { tool, eventType }, errors };
  }
  return { config: {}, errors };
}

/** Rules for triggers: admins manage them; cron changes reach the scheduler in the same call. */
export class TriggerService {
  constructor(
    private readonly repository: TriggerRepository,
    private readonly deps: TriggerServiceDeps,
  ) {}

  webhookUrl(trigger: Trigger): string {
    return new URL(`/webhooks/${trigger.id}`, this.deps.publicUrl).toString();
  }

  /** CronSchedule.nextRuns: the next `count` times (default 5) a cron trigger fires. */
  nextRuns(trigger: Trigger, count: number | null | undefined): Date[] {
    const n = count ?? 5;
    if (!Number.isInteger(n) || n < 1 || n > MAX_NEXT_RUNS) {
      throw validationError([{ field: 'count', message: `Must be 1 to ${MAX_NEXT_RUNS}` }]);
    }
    return nextRuns(trigger.config.pattern ?? '', trigger.config.timezone ?? 'UTC', n);
  }

  async add(identity: Identity, input: AddTriggerInput): Promise<{ trigger: Trigger; webhookSecret: string | null }> {
    const caller = requireRole(identity, 'admin', 'workflows:write');
    const { config, errors } = checkConfig(input);
    if (errors.length > 0) throw validationError(errors);
    // Locks the workflow row, so concurrent additions cannot pass the limit together.
    const state = await this.repository.lockWorkflow(input.workflowId);
    if (!state || state.deleted) throw notFound('Workflow');
    if ((await this.repository.countByWorkflow(input.workflowId)) >= MAX_TRIGGERS_PER_WORKFLOW) {
      throw validationError([{ field: 'workflowId', message: `A workflow has at most ${MAX_TRIGGERS_PER_WORKFLOW} triggers` }]);
    }
    const kind = input.kind.toLowerCase() as TriggerKindName;
    const id = crypto.randomUUID();
    const webhookSecret = kind === 'webhook' ? newWebhookSecret() : null;
    const trigger = this.repository.create({
      id,
      orgId: caller.orgId,
      workflowId: input.workflowId,
      kind,
      config,
      webhookSecret: webhookSecret ? this.deps.cipher.encrypt(webhookSecret, id) : null,
    });
    await this.repository.flush();
    if (kind === 'cron') await this.deps.scheduler.syncWorkflow(input.workflowId);
    return { trigger, webhookSecret };
  }

  async remove(identity: Identity, id: string): Promise<string> {
    requireRole(identity, 'admin', 'workflows:write');
    const trigger = await this.repository.findById(id);
    if (!trigger) throw notFound('Trigger');
    this.repository.remove(trigger);
    await this.repository.flush();
    if (trigger.kind === 'cron') await this.deps.scheduler.unschedule(trigger.id);
    return id;
  }

  async setEnabled(identity: Identity, id: string, enabled: boolean): Promise<Trigger> {
    requireRole(identity, 'admin', 'workflows:write');
    const trigger = await this.repository.findById(id);
    if (!trigger) throw notFound('Trigger');
    if (trigger.enabled !== enabled) {
      trigger.enabled = enabled;
      trigger.updatedAt = new Date();
      await this.repository.flush();
    }
    if (trigger.kind === 'cron') await this.deps.scheduler.syncWorkflow(trigger.workflowId);
    return trigger;
  }
}
