import type { EdgeDefinition, StepDefinition, WorkflowDefinition } from '../definitions/definition';

/** What a step's incoming edges say once its parents have finished. */
export type Readiness = 'run' | 'skip' | 'wait';

export interface ParentState {
  status: 'succeeded' | 'skipped' | 'other';
  /** A condition parent's branch. */
  result?: boolean;
}

/**
 * The steps in a topological order (Kahn's algorithm, ties kept in definition order, so the
 * order is stable across re-entries). Saved definitions are validated acyclic; a cycle here
 * would be a bug, so it throws.
 */
export function topologicalOrder(definition: WorkflowDefinition): StepDefinition[] {
  const indegree = new Map(definition.steps.map((s) => [s.id, 0]));
  for (const e of definition.edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const byId = new Map(definition.steps.map((s) => [s.id, s]));
  const ready = definition.steps.filter((s) => indegree.get(s.id) === 0);
  const order: StepDefinition[] = [];
  while (ready.length > 0) {
    const step = ready.shift()!;
    order.push(step);
    for (const e of definition.edges) {
      if (e.from !== step.id) continue;
      const left = (indegree.get(e.to) ?? 0) - 1;
      indegree.set(e.to, left);
      if (left === 0) ready.push(byId.get(e.to)!);
    }
  }
  if (order.length !== definition.steps.length) throw new Error('Workflow definition has a cycle');
  return order;
}

export function incomingEdges(definition: WorkflowDefinition, stepId: string): EdgeDefinition[] {
  return definition.edges.filter((e) => e.to === stepId);
}

/**
 * An edge is live when its parent succeeded and, for a condition's edge, the branch matches.
 * A step runs when it is a root or at least one incoming edge is live, and every parent that was
 * not skipped succeeded (fan-in waits for all of them); it is skipped when every edge is dead.
 */
export function readiness(edges: EdgeDefinition[], parents: Map<string, ParentState>): Readiness {
  if (edges.length === 0) return 'run';
  let live = 0;
  for (const edge of edges) {
    const parent = parents.get(edge.from);
    if (!parent || parent.status === 'other') return 'wait';
    if (parent.status === 'skipped') continue;
    if (edge.when === undefined || String(Boolean(parent.result)) === edge.when) live++;
  }
  return live > 0 ? 'run' : 'skip';
}

/** Steps nothing depends on: their outputs make the execution's output. */
export function sinkSteps(definition: WorkflowDefinition): string[] {
  const hasChild = new Set(definition.edges.map((e) => e.from));
  return definition.steps.filter((s) => !hasChild.has(s.id)).map((s) => s.id);
}
