import { CONDITION, CONNECTOR_ACTION, type EdgeDefinition, type FieldProblem, type WorkflowDefinition } from './definition';
import { checkValues } from './json-schema';
import { actionInputSchema, STEP_CONFIG_SCHEMAS, type ConnectorCatalog } from './step-catalog';

const STEP_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const MAX_STEPS = 100;

/**
 * The checks the workflow subgraph makes when a definition is saved (its definition.validator.ts
 * and definition-graph.ts), with the same field paths and wording, so a person sees problems before
 * saving and the server's answer lands in the same places. Connector inputs are also checked
 * against their action's schema (the server does that only when the step runs).
 */
export function checkDefinition(definition: WorkflowDefinition, connectors: ConnectorCatalog): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (definition.steps.length > MAX_STEPS)
    problems.push({ field: 'definition.steps', message: `At most ${MAX_STEPS} steps (got ${definition.steps.length})` });
  const firstIndexOf = new Map<string, number>();
  definition.steps.forEach((step, index) => {
    const at = `definition.steps[${index}]`;
    if (!STEP_ID.test(step.id)) {
      problems.push({ field: `${at}.id`, message: 'Step ids are 1-64 letters, digits, _ or -, starting with a letter' });
      return;
    }
    const earlier = firstIndexOf.get(step.id);
    if (earlier !== undefined) {
      problems.push({ field: `${at}.id`, message: `Duplicate step id '${step.id}' (already used by steps[${earlier}])` });
      return;
    }
    firstIndexOf.set(step.id, index);
    const schema = STEP_CONFIG_SCHEMAS[step.type];
    if (!schema) {
      problems.push({ field: `${at}.type`, message: `Unknown step type '${step.type}'` });
      return;
    }
    for (const [name, message] of Object.entries(checkValues(schema, step.config)))
      problems.push({ field: `${at}.config.${name}`, message: message === 'Required' ? `Required for ${step.type} steps` : message });
    const inputSchema = step.type === CONNECTOR_ACTION ? actionInputSchema(step, connectors) : undefined;
    const input = step.config.input;
    if (inputSchema && typeof input === 'object' && input !== null && !Array.isArray(input)) {
      for (const [name, message] of Object.entries(checkValues(inputSchema, input as Record<string, unknown>, true)))
        problems.push({ field: `${at}.config.input.${name}`, message });
    }
  });
  problems.push(...graphProblems(definition));
  return problems;
}

/** Edges name existing steps, `when` only leaves condition steps, conditions have both branches, no repeats, no cycles. */
export function graphProblems({ steps, edges }: WorkflowDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const indexOf = new Map<string, number>();
  steps.forEach((step, index) => {
    if (!indexOf.has(step.id)) indexOf.set(step.id, index);
  });
  const typeOf = (id: string) => steps[indexOf.get(id)!]!.type;
  const linked: EdgeDefinition[] = [];
  const seen = new Set<string>();
  edges.forEach((edge, index) => {
    const at = `definition.edges[${index}]`;
    const dangling = (['from', 'to'] as const).filter((end) => !indexOf.has(edge[end]));
    for (const end of dangling) problems.push({ field: `${at}.${end}`, message: `No step has the id '${edge[end]}'` });
    if (dangling.length > 0) return;
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.when ?? ''}`;
    if (seen.has(key)) {
      problems.push({ field: at, message: `Repeats an earlier edge from '${edge.from}' to '${edge.to}'` });
      return;
    }
    seen.add(key);
    const sourceType = typeOf(edge.from);
    if (sourceType === CONDITION && edge.when === undefined)
      problems.push({ field: `${at}.when`, message: `Edges leaving condition step '${edge.from}' must say when: 'true' or 'false'` });
    else if (sourceType !== CONDITION && edge.when !== undefined)
      problems.push({ field: `${at}.when`, message: `Only edges leaving a condition step take 'when' ('${edge.from}' is ${sourceType})` });
    linked.push(edge);
  });

  steps.forEach((step, index) => {
    if (step.type !== CONDITION || indexOf.get(step.id) !== index) return;
    const branches = new Set(linked.filter((e) => e.from === step.id).map((e) => e.when));
    const missing = (['true', 'false'] as const).filter((branch) => !branches.has(branch));
    if (missing.length > 0)
      problems.push({
        field: `definition.steps[${index}]`,
        message: `Condition step '${step.id}' needs an edge for each branch; missing: ${missing.map((b) => `when '${b}'`).join(', ')}`,
      });
  });

  for (const cycle of findCycles([...indexOf.keys()], linked))
    problems.push({
      field: `definition.steps[${indexOf.get(cycle[0]!)}]`,
      message: `Steps form a cycle: ${[...cycle, cycle[0]].join(' → ')}`,
    });
  return problems;
}

/**
 * The cycles a depth-first walk meets (one per back edge), each rotated to start at its step
 * that comes first in the definition and reported once.
 */
export function findCycles(ids: string[], edges: EdgeDefinition[]): string[][] {
  const order = new Map(ids.map((id, i) => [id, i]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) next.get(edge.from)?.push(edge.to);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles = new Map<string, string[]>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    for (const to of next.get(id)!) {
      if (state.get(to) === 'open') {
        const loop = path.slice(path.indexOf(to));
        const first = loop.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
        const start = loop.indexOf(first);
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.set(rotated.join('\u0000'), rotated);
      } else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return [...cycles.values()].sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}
