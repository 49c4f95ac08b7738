import { z } from 'zod';

/**
 * The shape of a saved workflow definition: a DAG of steps. This file is the one source of the
 * step types and their configs; graph rules (cycles, dangling edges) live in the validator and
 * behaviour in the step runners.
 */

export const STEP_TYPES = ['http_request', 'transform', 'condition', 'delay', 'connector_action', 'notify'] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const MAX_STEPS = 100;
export const MAX_ATTEMPTS = 10;
export const MAX_STEP_TIMEOUT_MS = 5 * 60 * 1000;
export const MAX_DELAY_MS = 30 * 24 * 60 * 60 * 1000;
/** A JSONata expression is small text; anything larger is a mistake or an attack. */
const expression = z.string().min(1).max(4000);

export const retryPolicySchema = z.object({
  /** Attempts in all, the first included. */
  maxAttempts: z.number().int().min(1).max(MAX_ATTEMPTS).default(3),
  /** First backoff; doubles each attempt, with full jitter. */
  backoffMs: z
    .number()
    .int()
    .min(0)
    .max(10 * 60 * 1000)
    .default(1000),
});

export const stepConfigSchemas = {
  http_request: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
    /** A URL, or a JSONata expression in `{{ }}` evaluated over the run's data. */
    url: z.string().min(1).max(2048),
    headers: z.record(z.string(), z.string().max(8192)).default({}),
    /** A JSON value sent as the body, or a JSONata expression string in `{{ }}`. */
    body: z.unknown().optional(),
  }),
  transform: z.object({ expression }),
  condition: z.object({ expression }),
  delay: z.object({ ms: z.number().int().min(0).max(MAX_DELAY_MS) }),
  connector_action: z.object({
    connector: z.enum(['github', 'gitlab', 'slack', 'teams', 'google_drive', 'dropbox', 's3', 'http']),
    action: z.string().min(1).max(100),
    /** Values, or JSONata expressions in `{{ }}` evaluated over the run's data. */
    input: z.record(z.string(), z.unknown()).default({}),
    /** A specific connection; by default the organization's most recently connected one for the connector. */
    integrationId: z.string().uuid().optional(),
  }),
  notify: z.object({
    /** Recorded in Core as an event with tool `flowgraph` and this type. */
    eventType: z.string().min(1).max(100).default('workflow.notification'),
    message: z.string().min(1).max(4000),
  }),
} satisfies Record<StepType, z.ZodTypeAny>;

export type StepConfig<T extends StepType> = z.infer<(typeof stepConfigSchemas)[T]>;

export const stepSchema = z.object({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'Step ids are 1-64 letters, digits, _ or -, starting with a letter'),
  type: z.string(),
  name: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  retry: retryPolicySchema.optional(),
  timeoutMs: z.number().int().min(1).max(MAX_STEP_TIMEOUT_MS).optional(),
});

export const edgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Only on edges leaving a condition step: the branch this edge belongs to. */
  when: z.enum(['true', 'false']).optional(),
});

export const definitionSchema = z.object({
  steps: z.array(stepSchema).max(MAX_STEPS).default([]),
  edges: z
    .array(edgeSchema)
    .max(MAX_STEPS * 4)
    .default([]),
});

export type StepDefinition = z.infer<typeof stepSchema> & { type: StepType };
export type EdgeDefinition = z.infer<typeof edgeSchema>;
export interface WorkflowDefinition {
  steps: StepDefinition[];
  edges: EdgeDefinition[];
}

export const DEFAULT_RETRY = { maxAttempts: 3, backoffMs: 1000 } as const;
export const DEFAULT_STEP_TIMEOUT_MS = 30_000;
