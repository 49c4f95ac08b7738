import type { FieldError } from '@flowgraph/kernel';
import type { EdgeDefinition } from './definition';

/** A step as the graph checks see it: its position in `steps` and its (known or unknown) type. */
export interface GraphStep {
  index: number;
  id: string;
  type: string;
}

/** An edge that parsed, with its position in `edges`. */
export interface GraphEdge extends EdgeDefinition {
  index: number;
}

/**
 * The graph rules of a definition: edges name existing steps, `when` only leaves condition steps,
 * every condition step has both branches, no edge repeats, and no cycles. One entry per problem.
 */
export function graphProblems(steps: GraphStep[], edges: GraphEdge[], prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map(steps.map((s) => [s.id, s]));
  const linked: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    const at = `${prefix}.edges[${edge.index}]`;
    let dangling = false;
    for (const end of ['from', 'to'] as const) {
      if (!byId.has(edge[end])) {
        errors.push({ field: `${at}.${end}`, message: `No step has the id '${edge[end]}'` });
        dangling = true;
      }
    }
    if (dangling) continue;
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.when ?? ''}`;
    if (seen.has(key)) {
      errors.push({ field: at, message: `Repeats an earlier edge from '${edge.from}' to '${edge.to}'` });
      continue;
    }
    seen.add(key);
    const source = byId.get(edge.from)!;
    if (source.type === 'condition' && edge.when === undefined) {
      errors.push({ field: `${at}.when`, message: `Edges leaving condition step '${source.id}' must say when: 'true' or 'false'` });
    } else if (source.type !== 'condition' && edge.when !== undefined) {
      errors.push({ field: `${at}.when`, message: `Only edges leaving a condition step take 'when' ('${source.id}' is ${source.type})` });
    }
    linked.push(edge);
  }

  for (const step of steps) {
    if (step.type !== 'condition') continue;
    const branches = new Set(linked.filter((e) => e.from === step.id).map((e) => e.when));
    const missing = (['true', 'false'] as const).filter((b) => !branches.has(b));
    if (missing.length > 0) {
      errors.push({
        field: `${prefix}.steps[${step.index}]`,
        message: `Condition step '${step.id}' needs an edge for each branch; missing: ${missing.map((b) => `when '${b}'`).join(', ')}`,
      });
    }
  }

  for (const cycle of findCycles(steps, linked)) {
    const first = byId.get(cycle[0])!;
    errors.push({ field: `${prefix}.steps[${first.index}]`, message: `Steps form a cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }
  return errors;
}

/**
 * One cycle per strongly connected component that has one (Tarjan), each starting at the
 * component's first step in definition order, so the message names the steps on it.
 */
export function findCycles(steps: GraphStep[], edges: EdgeDefinition[]): string[][] {
  const next = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const order = new Map(steps.map((s, i) => [s.id, i]));

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const s of steps) if (!index.has(s.id)) visit(s.id);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = component.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
    const selfLoop = next.get(start)!.includes(start);
    if (component.length === 1 && !selfLoop) continue;
    cycles.push(selfLoop ? [start] : shortestLoop(start, members, next));
  }
  return cycles.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/** Breadth-first from `start` back to it, staying inside its component. */
function shortestLoop(start: string, members: Set<string>, next: Map<string, string[]>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(parent.get(path[0])!);
        return path;
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}
