import jsonata from 'jsonata';
import { DoNotRetryError } from './step.errors';

export const DEFAULT_EXPRESSION_TIMEOUT_MS = 1000;
/** Nesting and sequence budgets: a runaway expression stops with an error instead of a hung worker. */
const MAX_STACK = 500;
const MAX_SEQUENCE = 100_000;

type Guarded = (source: string, options: { timeout: number; stack: number; sequence: number }) => jsonata.Expression;

/**
 * Evaluates a JSONata expression over `data` with JSONata's own guardrails (time, depth and
 * sequence length, checked at every node). Failures are permanent: the same data gives the same error.
 */
export async function evaluateExpression(source: string, data: unknown, timeoutMs = DEFAULT_EXPRESSION_TIMEOUT_MS): Promise<unknown> {
  let expression: jsonata.Expression;
  try {
    // jsonata 2.2 takes guardrail options; its type declaration does not list them yet.
    expression = (jsonata as unknown as Guarded)(source, { timeout: timeoutMs, stack: MAX_STACK, sequence: MAX_SEQUENCE });
  } catch (error) {
    throw new DoNotRetryError(`Invalid expression: ${(error as Error).message}`);
  }
  try {
    return await expression.evaluate(data);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'D1012') throw new DoNotRetryError(`Expression took longer than ${timeoutMs} ms`);
    throw new DoNotRetryError(`Expression failed: ${message ?? String(error)}`);
  }
}

/** `{{ expr }}` strings are expressions; anything else is a literal. */
export function templateExpression(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*\{\{([\s\S]+)\}\}\s*$/.exec(value);
  return match ? match[1]!.trim() : null;
}

/** A literal stays as it is; a `{{ }}` string becomes its value; objects and arrays are resolved member by member. */
export async function resolveTemplate(value: unknown, data: unknown): Promise<unknown> {
  const expression = templateExpression(value);
  if (expression !== null) return evaluateExpression(expression, data);
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveTemplate(v, data)));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveTemplate(v, data)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}
