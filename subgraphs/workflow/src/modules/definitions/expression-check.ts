import jsonata from 'jsonata';

/** `{{ expr }}` filling a whole string marks a JSONata expression evaluated over the run's data. */
const EMBEDDED = /^\s*\{\{([\s\S]*)\}\}\s*$/;

/** The expression inside a `{{ }}` string, or null when the string is a plain value. */
export function embeddedExpression(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = EMBEDDED.exec(value);
  return match ? match[1] : null;
}

/**
 * Why a JSONata expression does not parse, or null when it does. Only parses: evaluation happens
 * in the execution engine, over each run's data.
 */
export function expressionProblem(expression: string): string | null {
  try {
    jsonata(expression);
    return null;
  } catch (error) {
    const { message, position } = error as { message?: string; position?: number };
    const at = typeof position === 'number' ? ` at character ${position}` : '';
    return `Not a valid JSONata expression${at}: ${message ?? 'syntax error'}`;
  }
}
