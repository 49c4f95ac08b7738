import { PLATFORM_TOOL } from '@flowgraph/contracts';
import { CoreRejectedError, type CoreClient } from './core-client';
import { stepConfigSchemas } from '../definitions/definition';
import { resolveTemplate } from './jsonata-expression';
import { parseConfig } from './step-config';
import { DoNotRetryError } from './step.errors';
import type { StepContext, StepResult, StepRunner } from './step-runner';

/**
 * Records a notification event in Core (tool `flowgraph`). The event's idempotency key is the
 * step's side-effect key, so a retried or resumed notify is stored once (Core answers DUPLICATE).
 */
export function createNotifyStep(core: CoreClient): StepRunner {
  return {
    dependency: 'core',
    async run({ step, data, idempotencyKey, executionId, orgId, ownerId, signal }: StepContext): Promise<StepResult> {
      const config = parseConfig('notify', stepConfigSchemas.notify, step.config);
      const message = String(await resolveTemplate(config.message, data));
      const event = {
        idempotencyKey,
        eventType: config.eventType,
        tool: PLATFORM_TOOL,
        occurredAt: new Date().toISOString(),
        payload: { message, executionId, stepId: step.id },
      };
      let results;
      try {
        results = await core.recordEvents({ orgId, userId: ownerId }, [event], signal);
      } catch (error) {
        if (error instanceof CoreRejectedError) throw new DoNotRetryError(error.message);
        throw error;
      }
      const result = results[0];
      if (!result || result.status === 'INVALID') {
        throw new DoNotRetryError(`Core refused the notification: ${JSON.stringify(result?.errors ?? [])}`);
      }
      return { input: { eventType: config.eventType, message }, output: { eventId: result.eventId, status: result.status } };
    },
  };
}
