import { stepConfigSchemas } from '../definitions/definition';
import type { IntegrationClient } from './integration-client';
import { resolveTemplate } from './jsonata-expression';
import { parseConfig } from './step-config';
import { DependencyUnavailableError, DoNotRetryError, StepDeferredError } from './step.errors';
import type { StepContext, StepResult, StepRunner } from './step-runner';

/**
 * Runs a connector's action through the Integration subgraph, which holds the credentials. The
 * call carries the step's idempotency key, so a retried or resumed step gets the first call's
 * output instead of acting twice. Each outcome maps to what the engine does next.
 */
export function createConnectorActionStep(integration: IntegrationClient): StepRunner {
  return {
    dependency: 'integration',
    async run({ step, data, orgId, ownerId, idempotencyKey, signal }: StepContext): Promise<StepResult> {
      const config = parseConfig('connector_action', stepConfigSchemas.connector_action, step.config);
      const input = (await resolveTemplate(config.input, data)) as Record<string, unknown>;
      const request = { connector: config.connector, action: config.action, input, idempotencyKey, integrationId: config.integrationId };
      const answer = await integration.runAction({ orgId, userId: ownerId }, request, signal);
      switch (answer.outcome) {
        case 'succeeded':
          return {
            input: { connector: config.connector, action: config.action, integrationId: answer.integrationId, input },
            output: answer.output,
          };
        case 'not_connected':
        case 'rejected':
          throw new DoNotRetryError(answer.message);
        case 'retry_later':
          throw new StepDeferredError(answer.message, answer.retryAfterMs);
        case 'unavailable':
          throw new DependencyUnavailableError(config.connector, answer.message);
        case 'failed':
          throw new Error(answer.message);
      }
    },
  };
}
