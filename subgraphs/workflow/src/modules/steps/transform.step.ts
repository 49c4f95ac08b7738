import { stepConfigSchemas } from '../definitions/definition';
import { evaluateExpression } from './jsonata-expression';
import { parseConfig } from './step-config';
import type { StepContext, StepResult, StepRunner } from './step-runner';

/** Evaluates a JSONata expression over the run's data; its value is the step's output (`{ value }` unless an object). */
export const transformStep: StepRunner = {
  async run({ step, data }: StepContext): Promise<StepResult> {
    const config = parseConfig('transform', stepConfigSchemas.transform, step.config);
    const value = await evaluateExpression(config.expression, data);
    const output =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value: value ?? null };
    return { input: { expression: config.expression }, output: JSON.parse(JSON.stringify(output)) as Record<string, unknown> };
  },
};
