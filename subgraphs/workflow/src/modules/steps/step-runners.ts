import type { CoreClient } from './core-client';
import type { IntegrationClient } from './integration-client';
import type { StepType } from '../definitions/definition';
import type { AddressPolicy } from '@flowgraph/kernel';
import { conditionStep } from './condition.step';
import { createConnectorActionStep } from './connector-action.step';
import { createHttpRequestStep } from './http-request.step';
import { createNotifyStep } from './notify.step';
import type { StepRunner } from './step-runner';
import { transformStep } from './transform.step';

export interface StepRunnerDeps {
  core: CoreClient;
  integration: IntegrationClient;
  addressPolicy: AddressPolicy;
  maxResponseBytes?: number;
}

/** The runner of every step type except `delay`, which the engine handles as a wait. */
export type StepRunners = Record<Exclude<StepType, 'delay'>, StepRunner> & { close(): Promise<void> };

export function createStepRunners(deps: StepRunnerDeps): StepRunners {
  const http = createHttpRequestStep({ policy: deps.addressPolicy, maxResponseBytes: deps.maxResponseBytes });
  return {
    http_request: http,
    transform: transformStep,
    condition: conditionStep,
    connector_action: createConnectorActionStep(deps.integration),
    notify: createNotifyStep(deps.core),
    close: () => http.close(),
  };
}
