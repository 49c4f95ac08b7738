import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../src/pages/workflows/builder/definition';
import { checkDefinition, findCycles } from '../../src/pages/workflows/builder/definition-checks';
import { branching, connectors } from './fixtures';

const step = (id: string, type = 'transform', config: Record<string, unknown> = { expression: '1' }) => ({ id, type, config });

describe('checking a definition before saving', () => {
  it('finds nothing wrong with a valid definition with both branches', () => {
    expect(checkDefinition(branching, connectors)).toEqual([]);
  });

  it('names a condition step missing a branch', () => {
    const definition: WorkflowDefinition = { ...branching, edges: branching.edges.slice(0, 2) };
    expect(checkDefinition(definition, connectors)).toEqual([
      { field: 'definition.steps[1]', message: "Condition step 'big' needs an edge for each branch; missing: when 'false'" },
    ]);
  });

  it('names an edge from a condition without when, and when on an edge from another step', () => {
    const definition: WorkflowDefinition = {
      steps: branching.steps,
      edges: [
        { from: 'fetch', to: 'big', when: 'true' },
        { from: 'big', to: 'tell' },
        { from: 'big', to: 'skip', when: 'false' },
      ],
    };
    expect(checkDefinition(definition, connectors)).toEqual([
      { field: 'definition.edges[0].when', message: "Only edges leaving a condition step take 'when' ('fetch' is http_request)" },
      { field: 'definition.edges[1].when', message: "Edges leaving condition step 'big' must say when: 'true' or 'false'" },
      { field: 'definition.steps[1]', message: "Condition step 'big' needs an edge for each branch; missing: when 'true'" },
    ]);
  });

  it('names the steps of a cycle from its first step', () => {
    const definition: WorkflowDefinition = {
      steps: [step('a'), step('b'), step('c')],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ],
    };
    expect(checkDefinition(definition, connectors)).toEqual([
      { field: 'definition.steps[0]', message: 'Steps form a cycle: a → b → c → a' },
    ]);
    expect(findCycles(['x'], [{ from: 'x', to: 'x' }])).toEqual([['x']]);
  });

  it('names dangling and repeated edges', () => {
    const definition: WorkflowDefinition = {
      steps: [step('a'), step('b')],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'b' },
        { from: 'a', to: 'gone' },
      ],
    };
    expect(checkDefinition(definition, connectors)).toEqual([
      { field: 'definition.edges[1]', message: "Repeats an earlier edge from 'a' to 'b'" },
      { field: 'definition.edges[2].to', message: "No step has the id 'gone'" },
    ]);
  });

  it('names bad and duplicate ids, unknown types and missing or mistyped config', () => {
    const definition: WorkflowDefinition = {
      steps: [
        step('1st'),
        step('a'),
        step('a'),
        step('b', 'teleport', {}),
        step('c', 'http_request', { method: 'FETCH' }),
        step('d', 'delay', { ms: 1.5 }),
      ],
      edges: [],
    };
    expect(checkDefinition(definition, connectors)).toEqual([
      { field: 'definition.steps[0].id', message: 'Step ids are 1-64 letters, digits, _ or -, starting with a letter' },
      { field: 'definition.steps[2].id', message: "Duplicate step id 'a' (already used by steps[1])" },
      { field: 'definition.steps[3].type', message: "Unknown step type 'teleport'" },
      { field: 'definition.steps[4].config.url', message: 'Required for http_request steps' },
      { field: 'definition.steps[4].config.method', message: 'Must be one of GET, POST, PUT, PATCH, DELETE, HEAD' },
      { field: 'definition.steps[5].config.ms', message: 'Must be a whole number' },
    ]);
  });

  it("checks a connector step's input against its action's schema, letting expressions through", () => {
    const post = (input: Record<string, unknown>): WorkflowDefinition => ({
      steps: [step('post', 'connector_action', { connector: 'slack', action: 'post_message', input })],
      edges: [],
    });
    expect(checkDefinition(post({ text: 'hi' }), connectors)).toEqual([
      { field: 'definition.steps[0].config.input.channel', message: 'Required' },
    ]);
    expect(checkDefinition(post({ channel: '{{ input.channel }}', text: 'hi' }), connectors)).toEqual([]);
  });
});
