import { validationError, type FieldError } from '@flowgraph/kernel';
import type { z } from 'zod';
import {
  edgeSchema,
  MAX_STEPS,
  STEP_TYPES,
  stepConfigSchemas,
  stepSchema,
  type StepDefinition,
  type StepType,
  type WorkflowDefinition,
} from './definition';
import { graphProblems, type GraphEdge, type GraphStep } from './definition-graph';
import { embeddedExpression, expressionProblem } from './expression-check';
import { fieldPath } from './field-path';

/** A saved definition's JSON is at most this many bytes. */
export const MAX_DEFINITION_BYTES = 256 * 1024;
/** Past this many problems the rest are summed up in one entry; nobody reads the 500th. */
const MAX_REPORTED = 100;

export type DefinitionCheck = { definition: WorkflowDefinition; errors: [] } | { definition?: undefined; errors: FieldError[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStepType = (t: string): t is StepType => (STEP_TYPES as readonly string[]).includes(t);

/**
 * Checks a definition as a whole and reports every problem at once, each pointing at the step or
 * edge it concerns (`definition.steps[2].config.url`): shape, step types and their required
 * config, JSONata syntax, ids, edges, condition branches and cycles.
 */
export function checkDefinition(input: unknown, prefix = 'definition'): DefinitionCheck {
  if (!isRecord(input)) return { errors: [{ field: prefix, message: 'Must be an object with steps and edges' }] };
  const bytes = Buffer.byteLength(JSON.stringify(input));
  if (bytes > MAX_DEFINITION_BYTES) {
    return { errors: [{ field: prefix, message: `Must be at most ${MAX_DEFINITION_BYTES} bytes of JSON (got ${bytes})` }] };
  }
  const errors: FieldError[] = [];
  const rawSteps = listOf(input, 'steps', MAX_STEPS, prefix, errors);
  const rawEdges = listOf(input, 'edges', MAX_STEPS * 4, prefix, errors);

  const steps: StepDefinition[] = [];
  const graphSteps: GraphStep[] = [];
  const firstIndexOf = new Map<string, number>();
  rawSteps.forEach((raw, index) => {
    const at = `${prefix}.steps[${index}]`;
    const parsed = stepSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(...issues(parsed.error, at, raw));
      return;
    }
    const step = parsed.data;
    const earlier = firstIndexOf.get(step.id);
    if (earlier !== undefined) {
      errors.push({ field: `${at}.id`, message: `Duplicate step id '${step.id}' (already used by steps[${earlier}])` });
      return;
    }
    firstIndexOf.set(step.id, index);
    graphSteps.push({ index, id: step.id, type: step.type });
    if (!isStepType(step.type)) {
      errors.push({ field: `${at}.type`, message: `Unknown step type '${step.type}'; expected one of ${STEP_TYPES.join(', ')}` });
      return;
    }
    const config = stepConfigSchemas[step.type].safeParse(step.config);
    if (!config.success) {
      errors.push(...issues(config.error, `${at}.config`, step.config, step.type));
      return;
    }
    errors.push(...expressionProblems(step.type, config.data as Record<string, unknown>, `${at}.config`));
    steps.push({ ...step, type: step.type, config: config.data as Record<string, unknown> });
  });

  const edges: GraphEdge[] = [];
  rawEdges.forEach((raw, index) => {
    const parsed = edgeSchema.safeParse(raw);
    if (parsed.success) edges.push({ ...parsed.data, index });
    else errors.push(...issues(parsed.error, `${prefix}.edges[${index}]`, raw));
  });
  errors.push(...graphProblems(graphSteps, edges, prefix));

  if (errors.length > 0) return { errors: capped(errors, prefix) };
  return { definition: { steps, edges: edges.map(({ index: _index, ...edge }) => edge) }, errors: [] };
}

/** The definition as saved (defaults filled in), or one VALIDATION_ERROR listing every problem. */
export function validateDefinition(input: unknown, prefix = 'definition'): WorkflowDefinition {
  const result = checkDefinition(input, prefix);
  if (!result.definition) throw validationError(result.errors, 'Invalid workflow definition');
  return result.definition;
}

function listOf(input: Record<string, unknown>, key: 'steps' | 'edges', max: number, prefix: string, errors: FieldError[]): unknown[] {
  const value = input[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push({ field: `${prefix}.${key}`, message: 'Must be a list' });
    return [];
  }
  if (value.length > max) {
    errors.push({ field: `${prefix}.${key}`, message: `At most ${max} ${key} (got ${value.length})` });
    return [];
  }
  return value;
}

/** Zod issues as field errors; a missing required input says so plainly. */
function issues(error: z.ZodError, at: string, raw: unknown, stepType?: StepType): FieldError[] {
  return error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined;
    const message = missing ? (stepType ? `Required for ${stepType} steps` : 'Required') : issue.message;
    return { field: fieldPath(at, issue.path), message };
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * JSONata must parse now, not fail on the first run: the expression of transform and condition
 * steps, and any config string that is a whole `{{ }}` (a URL, a body, a connector input value).
 */
function expressionProblems(type: StepType, config: Record<string, unknown>, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const check = (expression: string, field: string) => {
    const problem = expressionProblem(expression);
    if (problem) errors.push({ field, message: problem });
  };
  const walk = (value: unknown, field: string): void => {
    const embedded = embeddedExpression(value);
    if (embedded !== null) check(embedded, field);
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${field}[${i}]`));
    else if (isRecord(value)) for (const [key, item] of Object.entries(value)) walk(item, `${field}.${key}`);
  };
  for (const [key, value] of Object.entries(config)) {
    if ((type === 'transform' || type === 'condition') && key === 'expression') check(value as string, `${at}.${key}`);
    else walk(value, `${at}.${key}`);
  }
  return errors;
}

function capped(errors: FieldError[], prefix: string): FieldError[] {
  if (errors.length <= MAX_REPORTED) return errors;
  return [...errors.slice(0, MAX_REPORTED), { field: prefix, message: `…and ${errors.length - MAX_REPORTED} more problems` }];
}
