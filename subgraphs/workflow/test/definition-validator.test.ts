import { checkDefinition, MAX_DEFINITION_BYTES, validateDefinition } from '../src/modules/definitions/definition.validator';
import { findCycles } from '../src/modules/definitions/definition-graph';

const step = (id: string, type = 'transform', config: Record<string, unknown> = { expression: '$' }) => ({ id, type, config });
const condition = (id: string) => step(id, 'condition', { expression: 'input.ok = true' });
const errorsOf = (definition: unknown) => checkDefinition(definition).errors;

describe('a valid definition', () => {
  it('passes with every step type and fills in config defaults', () => {
    const definition = validateDefinition({
      steps: [
        step('fetch', 'http_request', { url: 'https://api.example.com/items' }),
        condition('check'),
        step('shape'),
        step('wait', 'delay', { ms: 1000 }),
        step('post', 'connector_action', { connector: 'slack', action: 'post_message', input: { channel: '#x' } }),
        step('tell', 'notify', { message: 'done' }),
      ],
      edges: [
        { from: 'fetch', to: 'check' },
        { from: 'check', to: 'shape', when: 'true' },
        { from: 'check', to: 'wait', when: 'false' },
        { from: 'shape', to: 'post' },
        { from: 'wait', to: 'post' },
        { from: 'post', to: 'tell' },
      ],
    });
    expect(definition.steps[0].config).toEqual({ method: 'GET', url: 'https://api.example.com/items', headers: {} });
    expect(definition.steps[5].config).toEqual({ eventType: 'workflow.notification', message: 'done' });
    expect(definition.edges).toHaveLength(6);
  });

  it('accepts an empty definition and one without edges', () => {
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ steps: [step('a'), step('b')] })).toEqual([]);
  });

  it('accepts JSONata in {{ }} for an http url and body', () => {
    expect(
      errorsOf({ steps: [step('a', 'http_request', { url: '{{ input.url }}', method: 'POST', body: '{{ { "n": input.n } }}' })] }),
    ).toEqual([]);
  });
});

describe('one entry per problem, pointing at the step', () => {
  it('reports an unknown step type at its type', () => {
    expect(errorsOf({ steps: [step('a'), step('b', 'send_email', {})] })).toEqual([
      { field: 'definition.steps[1].type', message: expect.stringContaining("Unknown step type 'send_email'") },
    ]);
  });

  it('reports duplicate step ids at the second one', () => {
    expect(errorsOf({ steps: [step('a'), step('b'), step('a')] })).toEqual([
      { field: 'definition.steps[2].id', message: "Duplicate step id 'a' (already used by steps[0])" },
    ]);
  });

  it('reports missing required inputs per step type', () => {
    const errors = errorsOf({
      steps: [
        step('h', 'http_request', { method: 'GET' }),
        step('t', 'transform', {}),
        step('d', 'delay', {}),
        step('c', 'connector_action', { connector: 'slack' }),
        step('n', 'notify', {}),
      ],
    });
    expect(errors).toEqual([
      { field: 'definition.steps[0].config.url', message: 'Required for http_request steps' },
      { field: 'definition.steps[1].config.expression', message: 'Required for transform steps' },
      { field: 'definition.steps[2].config.ms', message: 'Required for delay steps' },
      { field: 'definition.steps[3].config.action', message: 'Required for connector_action steps' },
      { field: 'definition.steps[4].config.message', message: 'Required for notify steps' },
    ]);
  });

  it('reports wrong config values with the schema message', () => {
    const errors = errorsOf({
      steps: [
        step('h', 'http_request', { url: 'https://x', method: 'BREW' }),
        step('d', 'delay', { ms: -5 }),
        step('c', 'connector_action', { connector: 'fax', action: 'send' }),
      ],
    });
    expect(errors.map((e) => e.field)).toEqual([
      'definition.steps[0].config.method',
      'definition.steps[1].config.ms',
      'definition.steps[2].config.connector',
    ]);
  });

  it('reports bad step ids, retry policies and timeouts', () => {
    const errors = errorsOf({
      steps: [
        { id: '1bad', type: 'transform', config: { expression: '$' } },
        { ...step('r'), retry: { maxAttempts: 99 } },
        { ...step('t'), timeoutMs: 0 },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual([
      'definition.steps[0].id',
      'definition.steps[1].retry.maxAttempts',
      'definition.steps[2].timeoutMs',
    ]);
  });

  it('reports a JSONata expression that does not parse, with where', () => {
    const errors = errorsOf({
      steps: [
        step('t', 'transform', { expression: 'foo bar(' }),
        step('c', 'condition', { expression: '$x := ' }),
        step('h', 'http_request', { url: '{{ ] }}' }),
        step('k', 'connector_action', { connector: 'slack', action: 'post', input: { text: '{{ "a" & }}', list: ['ok', '{{ ( }}'] } }),
      ],
      edges: [
        { from: 'c', to: 't', when: 'true' },
        { from: 'c', to: 'h', when: 'false' },
      ],
    });
    expect(errors.every((e) => e.message.startsWith('Not a valid JSONata expression'))).toBe(true);
    expect(errors.map((e) => e.field)).toEqual([
      'definition.steps[0].config.expression',
      'definition.steps[1].config.expression',
      'definition.steps[2].config.url',
      'definition.steps[3].config.input.text',
      'definition.steps[3].config.input.list[1]',
    ]);
  });

  it('reports a dangling edge at the end naming the missing step', () => {
    expect(
      errorsOf({
        steps: [step('a')],
        edges: [
          { from: 'a', to: 'ghost' },
          { from: 'nobody', to: 'a' },
        ],
      }),
    ).toEqual([
      { field: 'definition.edges[0].to', message: "No step has the id 'ghost'" },
      { field: 'definition.edges[1].from', message: "No step has the id 'nobody'" },
    ]);
  });

  it('reports `when` on an edge that does not leave a condition step', () => {
    expect(errorsOf({ steps: [step('a'), step('b')], edges: [{ from: 'a', to: 'b', when: 'true' }] })).toEqual([
      { field: 'definition.edges[0].when', message: expect.stringContaining("Only edges leaving a condition step take 'when'") },
    ]);
  });

  it('reports a condition step missing a branch, and its edge lacking `when`', () => {
    const errors = errorsOf({
      steps: [condition('c'), step('a'), step('b')],
      edges: [
        { from: 'c', to: 'a', when: 'true' },
        { from: 'c', to: 'b' },
      ],
    });
    expect(errors).toEqual([
      { field: 'definition.edges[1].when', message: "Edges leaving condition step 'c' must say when: 'true' or 'false'" },
      { field: 'definition.steps[0]', message: "Condition step 'c' needs an edge for each branch; missing: when 'false'" },
    ]);
  });

  it('reports a condition step with no branches at all', () => {
    expect(errorsOf({ steps: [condition('c')] })).toEqual([
      { field: 'definition.steps[0]', message: "Condition step 'c' needs an edge for each branch; missing: when 'true', when 'false'" },
    ]);
  });

  it('reports a cycle naming the steps on it, in order', () => {
    const errors = errorsOf({
      steps: [step('start'), step('a'), step('b'), step('c')],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ],
    });
    expect(errors).toEqual([{ field: 'definition.steps[1]', message: 'Steps form a cycle: a → b → c → a' }]);
  });

  it('reports a self-loop and two separate cycles, one entry each', () => {
    const errors = errorsOf({
      steps: [step('x'), step('p'), step('q'), step('m'), step('n')],
      edges: [
        { from: 'x', to: 'x' },
        { from: 'p', to: 'q' },
        { from: 'q', to: 'p' },
        { from: 'm', to: 'n' },
        { from: 'n', to: 'm' },
      ],
    });
    expect(errors.map((e) => e.message)).toEqual([
      'Steps form a cycle: x → x',
      'Steps form a cycle: p → q → p',
      'Steps form a cycle: m → n → m',
    ]);
  });

  it('reports a repeated edge', () => {
    expect(
      errorsOf({
        steps: [step('a'), step('b')],
        edges: [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'b' },
        ],
      }),
    ).toEqual([{ field: 'definition.edges[1]', message: "Repeats an earlier edge from 'a' to 'b'" }]);
  });

  it('reports many problems of one definition together', () => {
    const errors = errorsOf({
      steps: [step('a', 'teleport'), step('a'), step('h', 'http_request', {}), condition('c')],
      edges: [
        { from: 'a', to: 'zzz' },
        { from: 'h', to: 'a', when: 'false' },
        { from: 'c', to: 'h' },
      ],
    });
    expect(errors.map((e) => e.field).sort()).toEqual(
      [
        'definition.steps[0].type',
        'definition.steps[1].id',
        'definition.steps[2].config.url',
        'definition.edges[0].to',
        'definition.edges[1].when',
        'definition.edges[2].when',
        'definition.steps[3]',
      ].sort(),
    );
  });

  it('refuses a definition that is not an object, lists that are not lists, and too many steps', () => {
    expect(errorsOf([])).toEqual([{ field: 'definition', message: 'Must be an object with steps and edges' }]);
    expect(errorsOf({ steps: 'a', edges: {} }).map((e) => e.field)).toEqual(['definition.steps', 'definition.edges']);
    expect(errorsOf({ steps: Array.from({ length: 101 }, (_, i) => step(`s${i}`)) })).toEqual([
      { field: 'definition.steps', message: 'At most 100 steps (got 101)' },
    ]);
  });

  it('refuses a definition over 256 KiB', () => {
    const big = { steps: [step('a', 'notify', { message: 'x' })], edges: [], padding: 'x'.repeat(MAX_DEFINITION_BYTES) };
    expect(errorsOf(big)).toEqual([{ field: 'definition', message: expect.stringContaining(`at most ${MAX_DEFINITION_BYTES} bytes`) }]);
  });

  it('throws one VALIDATION_ERROR carrying every entry', () => {
    let caught: unknown;
    try {
      validateDefinition({ steps: [step('a', 'nope'), step('a')] });
    } catch (error) {
      caught = error;
    }
    expect((caught as { extensions: Record<string, unknown> }).extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'definition.steps[0].type' }, { field: 'definition.steps[1].id' }],
    });
  });
});

describe('findCycles', () => {
  it('finds none in a diamond', () => {
    const steps = ['a', 'b', 'c', 'd'].map((id, index) => ({ id, index, type: 'transform' }));
    expect(
      findCycles(steps, [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'b', to: 'd' },
        { from: 'c', to: 'd' },
      ]),
    ).toEqual([]);
  });
});
