import { stepConfigSchemas } from '../definitions/definition';
import { parseConfig } from './step-config';
import { DoNotRetryError } from './step.errors';
import type { StepContext, StepResult, StepRunner } from './step-runner';

/**
 * Calls an Integration connector's action. The Integration subgraph's internal API does not
 * exist yet, so this fails at once (not retried) with a message saying so. When it lands, the
 * call carries `idempotencyKey` (`<executionId>:<stepId>`) so connectors can drop repeats.
 */
export const connectorActionStep: StepRunner = {
  async run({ step, idempotencyKey }: StepContext): Promise<StepResult> {
    const config = parseConfig('connector_action', stepConfigSchemas.connector_action, step.config);
    throw new DoNotRetryError(
      `Connector not available: ${config.connector}.${config.action} cannot run until the Integration subgraph is deployed (idempotency key ${idempotencyKey})`,
    );
  },
};
