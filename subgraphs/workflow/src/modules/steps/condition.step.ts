import { stepConfigSchemas } from '../definitions/definition';
import { evaluateExpression } from './jsonata-expression';
import { parseConfig } from './step-config';
import type { StepContext, StepResult, StepRunner } from './step-runner';

/**
 * Evaluates a JSONata expression to a branch: `{ result: true|false }`. Edges leaving the step
 * with `when: "true"` are taken when the result is truthy, `when: "false"` otherwise.
 */
export const conditionStep: StepRunner = {
  async run({ step, data }: StepContext): Promise<StepResult> {
    const config = parseConfig('condition', stepConfigSchemas.condition, step.config);
    const value = await evaluateExpression(config.expression, data);
    return { input: { expression: config.expression }, output: { result: Boolean(value) } };
  },
};
