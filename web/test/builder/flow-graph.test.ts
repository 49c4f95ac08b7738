import { describe, expect, it } from 'vitest';
import { readDefinition } from '../../src/pages/workflows/builder/definition';
import { branchOf, flowEdge, fromFlow, layeredLayout, placeProblem, toFlow, LAYER_GAP } from '../../src/pages/workflows/builder/flow-graph';
import { branching } from './fixtures';

describe('definition ⇄ canvas', () => {
  it('gives back the same definition after a round trip through the canvas', () => {
    const { nodes, edges } = toFlow(branching);
    expect(nodes).toHaveLength(4);
    expect(edges).toHaveLength(3);
    expect(fromFlow(nodes, edges).definition).toEqual(branching);
  });

  it('keeps retry, timeout and name through the round trip', () => {
    const definition = readDefinition({
      steps: [{ id: 'wait', type: 'delay', name: 'Pause', config: { ms: 5 }, retry: { maxAttempts: 2 }, timeoutMs: 1000 }],
      edges: [],
    });
    const { nodes, edges } = toFlow(definition);
    expect(fromFlow(nodes, edges).definition.steps[0]).toEqual({
      id: 'wait',
      type: 'delay',
      name: 'Pause',
      config: { ms: 5 },
      retry: { maxAttempts: 2 },
      timeoutMs: 1000,
    });
  });

  it('draws a condition branch from the handle named after it, and saves it as when', () => {
    const { nodes, edges } = toFlow(branching);
    const [, big, tell, skip] = nodes;
    const toTell = edges.find((e) => e.target === tell!.id)!;
    const toSkip = edges.find((e) => e.target === skip!.id)!;
    expect(toTell).toMatchObject({ source: big!.id, sourceHandle: 'true', label: 'true', data: { when: 'true' } });
    expect(toSkip).toMatchObject({ source: big!.id, sourceHandle: 'false', data: { when: 'false' } });
    expect(edges.find((e) => e.source === nodes[0]!.id)!.sourceHandle).toBeNull();
  });

  it('gives an edge drawn from a condition the branch of its handle, and none to other steps', () => {
    const condition = branching.steps[1]!;
    expect(branchOf(condition, 'false')).toBe('false');
    expect(branchOf(condition, 'true')).toBe('true');
    expect(branchOf(branching.steps[0]!, null)).toBeUndefined();
    const { nodes } = toFlow(branching);
    const added = flowEdge(nodes[1]!.id, nodes[3]!.id, 'false');
    const saved = fromFlow(nodes, [added]).definition.edges;
    expect(saved).toEqual([{ from: 'big', to: 'skip', when: 'false' }]);
  });

  it('leaves out of the saved definition an edge whose step was deleted', () => {
    const { nodes, edges } = toFlow(branching);
    const result = fromFlow(nodes.slice(0, 3), edges);
    expect(result.definition.edges).toEqual([
      { from: 'fetch', to: 'big' },
      { from: 'big', to: 'tell', when: 'true' },
    ]);
    expect(result.edgeKeys).toEqual([edges[0]!.id, edges[1]!.id]);
  });

  it('lays each step out below every step it comes after', () => {
    const rows = layeredLayout(branching).map((p) => p.y / LAYER_GAP);
    expect(rows).toEqual([0, 1, 2, 2]);
    const positions = layeredLayout(branching);
    expect(positions[2]!.x).not.toBe(positions[3]!.x);
  });

  it('still lays out a definition with a cycle, putting the cycle last', () => {
    const rows = layeredLayout({
      steps: [
        { id: 'a', type: 'transform', config: {} },
        { id: 'b', type: 'transform', config: {} },
        { id: 'c', type: 'transform', config: {} },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'b' },
      ],
    }).map((p) => p.y / LAYER_GAP);
    expect(rows).toEqual([0, 1, 1]);
  });
});

describe('placing a server problem', () => {
  const stepKeys = ['step-a', 'step-b', 'step-c'];
  const edgeKeys = ['edge-x', 'edge-y'];

  it('puts a config problem on the step it names, with the config path', () => {
    const placed = placeProblem({ field: 'definition.steps[2].config.channel', message: 'Required' }, stepKeys, edgeKeys);
    expect(placed.place).toEqual({ kind: 'step', key: 'step-c', path: 'config.channel' });
  });

  it('reads a path prefixed with input. the same way', () => {
    const placed = placeProblem({ field: 'input.definition.edges[0].when', message: 'x' }, stepKeys, edgeKeys);
    expect(placed.place).toEqual({ kind: 'edge', key: 'edge-x' });
  });

  it('puts a whole-step problem (a missing branch) on the step with an empty path', () => {
    expect(placeProblem({ field: 'definition.steps[1]', message: 'x' }, stepKeys, edgeKeys).place).toEqual({
      kind: 'step',
      key: 'step-b',
      path: '',
    });
  });

  it('gives the workflow a problem naming no step or edge, or one past the end', () => {
    expect(placeProblem({ field: 'definition', message: 'x' }, stepKeys, edgeKeys).place).toEqual({ kind: 'workflow' });
    expect(placeProblem({ field: 'definition.steps[7].id', message: 'x' }, stepKeys, edgeKeys).place).toEqual({ kind: 'workflow' });
  });
});
