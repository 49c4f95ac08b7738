import { stepConfigSchemas, type StepDefinition } from '../definitions/definition';
import { parseConfig } from './step-config';

/**
 * A delay is a wait, not work: the engine records when the step may finish (`resume_at`), moves
 * the execution's job to BullMQ's delayed set until then and succeeds the step on re-entry. No
 * worker sleeps, and a restart during the wait changes nothing.
 */
export function delayMs(step: StepDefinition): number {
  return parseConfig('delay', stepConfigSchemas.delay, step.config).ms;
}
