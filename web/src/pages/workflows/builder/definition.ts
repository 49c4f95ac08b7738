/**
 * A workflow definition as the builder edits it (docs/workflows.md, Definitions). The server
 * keeps only these keys (it drops any other, so node positions cannot be stored in it).
 */
export interface StepDefinition {
  id: string;
  type: string;
  name?: string;
  config: Record<string, unknown>;
  retry?: { maxAttempts?: number; backoffMs?: number };
  timeoutMs?: number;
}

export type Branch = 'true' | 'false';

export interface EdgeDefinition {
  from: string;
  to: string;
  /** Only on edges leaving a condition step. */
  when?: Branch;
}

export interface WorkflowDefinition {
  steps: StepDefinition[];
  edges: EdgeDefinition[];
}

/** A problem with a definition, named by the server's field path (`definition.steps[2].config.url`). */
export interface FieldProblem {
  field: string;
  message: string;
}

export const CONDITION = 'condition';
export const CONNECTOR_ACTION = 'connector_action';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A saved definition read leniently: what is not a step or an edge is left out rather than
 * refused, since versions were checked when saved and the builder's checks run before the next save.
 */
export function readDefinition(raw: Record<string, unknown> | null): WorkflowDefinition {
  const steps = Array.isArray(raw?.steps) ? raw.steps.filter(isRecord) : [];
  const edges = Array.isArray(raw?.edges) ? raw.edges.filter(isRecord) : [];
  return {
    steps: steps.map((step) => {
      const read: StepDefinition = {
        id: String(step.id ?? ''),
        type: String(step.type ?? ''),
        config: isRecord(step.config) ? step.config : {},
      };
      if (typeof step.name === 'string') read.name = step.name;
      if (isRecord(step.retry)) read.retry = step.retry;
      if (typeof step.timeoutMs === 'number') read.timeoutMs = step.timeoutMs;
      return read;
    }),
    edges: edges.map((edge) => {
      const read: EdgeDefinition = { from: String(edge.from ?? ''), to: String(edge.to ?? '') };
      if (edge.when === 'true' || edge.when === 'false') read.when = edge.when;
      return read;
    }),
  };
}

/** `base`, or `base_2`, `base_3`… : the first id no step has yet. */
export function uniqueStepId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean =
    base
      .replace(/[^A-Za-z0-9_-]/g, '_')
      .replace(/^[^A-Za-z]+/, '')
      .slice(0, 60) || 'step';
  if (!used.has(clean)) return clean;
  let n = 2;
  while (used.has(`${clean}_${n}`)) n++;
  return `${clean}_${n}`;
}
