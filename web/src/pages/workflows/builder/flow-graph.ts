import type { Edge, Node, XYPosition } from '@xyflow/react';
import { CONDITION, type Branch, type FieldProblem, type StepDefinition, type WorkflowDefinition } from './definition';

/** A step on the canvas; `label` and `problem` are derived for display, never saved. */
export type StepNode = Node<{ step: StepDefinition; label?: string; problem?: boolean }, 'step'>;
export type StepEdge = Edge<{ when?: Branch }>;

/** Canvas spacing of the auto-layout: one row per layer, steps side by side within it. */
export const LAYER_GAP = 140;
export const COLUMN_GAP = 240;

let keys = 0;
/** A canvas key for a node or edge: stable while the step's id is renamed. */
export const newKey = (kind: 'step' | 'edge') => `${kind}-${++keys}`;

/**
 * The definition on the canvas. The format has no room for positions (the server drops unknown
 * keys), so steps are laid out in layers: each below every step it comes after.
 */
export function toFlow(definition: WorkflowDefinition): { nodes: StepNode[]; edges: StepEdge[] } {
  const positions = layeredLayout(definition);
  const keyOf = new Map<string, string>();
  const nodes = definition.steps.map((step, index): StepNode => {
    const key = newKey('step');
    if (!keyOf.has(step.id)) keyOf.set(step.id, key);
    return { id: key, type: 'step', position: positions[index]!, data: { step } };
  });
  const edges = definition.edges.flatMap((edge): StepEdge[] => {
    const source = keyOf.get(edge.from);
    const target = keyOf.get(edge.to);
    if (!source || !target) return [];
    return [flowEdge(source, target, edge.when)];
  });
  return { nodes, edges };
}

/** An edge of the canvas; a condition's branch leaves from the handle of the same name. */
export function flowEdge(source: string, target: string, when?: Branch): StepEdge {
  return {
    id: newKey('edge'),
    source,
    target,
    sourceHandle: when ?? null,
    label: when,
    className: when ? `branch-${when}` : undefined,
    data: when ? { when } : {},
  };
}

/** The canvas as a definition, with the canvas key of each step and edge in definition order (to place problems). */
export function fromFlow(nodes: StepNode[], edges: StepEdge[]): { definition: WorkflowDefinition; stepKeys: string[]; edgeKeys: string[] } {
  const stepOf = new Map(nodes.map((node) => [node.id, node.data.step]));
  const kept = edges.filter((edge) => stepOf.has(edge.source) && stepOf.has(edge.target));
  return {
    definition: {
      steps: nodes.map((node) => node.data.step),
      edges: kept.map((edge) => {
        const from = stepOf.get(edge.source)!;
        const when = edge.data?.when;
        return { from: from.id, to: stepOf.get(edge.target)!.id, ...(when ? { when } : {}) };
      }),
    },
    stepKeys: nodes.map((node) => node.id),
    edgeKeys: kept.map((edge) => edge.id),
  };
}

/** The branch a new edge from `source` carries: a condition's handle names it; other steps have none. */
export function branchOf(source: StepDefinition, sourceHandle: string | null | undefined): Branch | undefined {
  if (source.type !== CONDITION) return undefined;
  return sourceHandle === 'false' ? 'false' : 'true';
}

/**
 * Longest-path layering (Kahn's order): a step's layer is one more than its deepest parent's.
 * Steps on a cycle, which have no such order, go in one layer after the rest.
 */
export function layeredLayout({ steps, edges }: WorkflowDefinition): XYPosition[] {
  const ids = steps.map((s) => s.id);
  const parents = new Map<string, number>(ids.map((id) => [id, 0]));
  const children = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) {
    if (!parents.has(edge.from) || !parents.has(edge.to)) continue;
    children.get(edge.from)!.push(edge.to);
    parents.set(edge.to, parents.get(edge.to)! + 1);
  }
  const layer = new Map<string, number>();
  const queue = ids.filter((id) => parents.get(id) === 0);
  for (const id of queue) layer.set(id, 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const child of children.get(id)!) {
      layer.set(child, Math.max(layer.get(child) ?? 0, layer.get(id)! + 1));
      parents.set(child, parents.get(child)! - 1);
      if (parents.get(child) === 0) queue.push(child);
    }
  }
  const placed = ids.filter((id) => parents.get(id) === 0);
  const last = Math.max(-1, ...placed.map((id) => layer.get(id)!)) + 1;
  const used = new Map<number, number>();
  return ids.map((id) => {
    const row = parents.get(id)! > 0 ? last : (layer.get(id) ?? 0);
    const column = used.get(row) ?? 0;
    used.set(row, column + 1);
    return { x: column * COLUMN_GAP, y: row * LAYER_GAP };
  });
}

/** Where a problem belongs: a step (and the part of it its path names), an edge, or the whole workflow. */
export type ProblemPlace = { kind: 'step'; key: string; path: string } | { kind: 'edge'; key: string } | { kind: 'workflow' };

export interface PlacedProblem extends FieldProblem {
  place: ProblemPlace;
}

const DEFINITION_FIELD = /(?:^|\.)definition\.(steps|edges)\[(\d+)\](?:\.(.+))?$/;

/**
 * Places a problem by its field path: `definition.steps[2].config.channel` on the third step's
 * `config.channel`, `definition.edges[0].when` on the first edge. A path may be prefixed
 * (`input.definition…`); one naming no step or edge (`definition`, `name`) concerns the workflow.
 */
export function placeProblem(problem: FieldProblem, stepKeys: string[], edgeKeys: string[]): PlacedProblem {
  const match = DEFINITION_FIELD.exec(problem.field);
  const key = match && (match[1] === 'steps' ? stepKeys : edgeKeys)[Number(match[2])];
  if (!match || !key) return { ...problem, place: { kind: 'workflow' } };
  if (match[1] === 'edges') return { ...problem, place: { kind: 'edge', key } };
  return { ...problem, place: { kind: 'step', key, path: match[3] ?? '' } };
}
