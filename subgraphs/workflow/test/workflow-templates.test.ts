import { checkDefinition } from '../src/modules/definitions/definition.validator';
import { templates } from '../src/modules/templates/template-catalog';
import {
  instantiateTemplate,
  previewTemplate,
  TEMPLATE_CONNECTORS,
  type WorkflowTemplate,
} from '../src/modules/templates/workflow-template';
import { codeOf, startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

const sampleValues = (template: WorkflowTemplate) =>
  Object.fromEntries(
    template.parameters
      .filter((p) => p.required)
      .map((p) => [p.name, p.type === 'URL' ? `https://example.com/${p.name}` : `value-of-${p.name}`]),
  );

const extensionsOf = (work: () => unknown): Record<string, unknown> => {
  try {
    work();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a VALIDATION_ERROR');
};

const slack = templates.find((t) => t.id === 'github-pr-opened-to-slack')!;

it('has at least 8 templates with unique ids that together cover every connector', () => {
  expect(templates.length).toBeGreaterThanOrEqual(8);
  expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
  expect(new Set(templates.flatMap((t) => t.connectors))).toEqual(new Set(TEMPLATE_CONNECTORS));
});

it.each(templates.map((t) => [t.id, t] as const))(
  '%s is valid raw and instantiated, and its pattern starts with its trigger',
  (_id, template) => {
    expect(checkDefinition(template.definition).errors).toEqual([]);
    const definition = instantiateTemplate(template, sampleValues(template));
    expect(definition.steps.length).toBeGreaterThan(0);
    const text = JSON.stringify(definition);
    for (const parameter of template.parameters) expect(text).not.toContain(`{{${parameter.name}}}`);
    expect(template.pattern[0]).toEqual(template.trigger);
    expect(template.pattern.length).toBeGreaterThanOrEqual(2);
  },
);

it('substitutes parameters and leaves run-time expressions alone', () => {
  const definition = instantiateTemplate(slack, { channel: '#reviews' });
  expect(definition.steps[1].config).toMatchObject({ input: { channel: '#reviews', text: '{{ steps.message.output.text }}' } });
});

it('uses the default of an optional parameter, and the given value over it', () => {
  const template = templates.find((t) => t.id === 'dropbox-files-to-s3')!;
  const upload = (params: Record<string, unknown>) => instantiateTemplate(template, params).steps.find((s) => s.id === 'upload')!.config;
  expect(upload({ bucket: 'b' })).toMatchObject({ input: { bucket: 'b', keyPrefix: 'dropbox/' } });
  expect(upload({ bucket: 'b', prefix: 'archive/' })).toMatchObject({ input: { keyPrefix: 'archive/' } });
});

it('names a missing required parameter', () => {
  expect(extensionsOf(() => instantiateTemplate(slack, {}))).toMatchObject({
    code: 'VALIDATION_ERROR',
    details: [{ field: 'parameters.channel', message: expect.stringContaining('Required') }],
  });
});

it('refuses unknown parameters, blank values and values that would become expressions', () => {
  const details = (params: Record<string, unknown>) =>
    (extensionsOf(() => instantiateTemplate(slack, params)).details as { field: string }[]).map((d) => d.field);
  expect(details({ channel: '#x', colour: 'red' })).toEqual(['parameters.colour']);
  expect(details({ channel: '   ' })).toEqual(['parameters.channel']);
  expect(details({ channel: '{{ $now() }}' })).toEqual(['parameters.channel']);
  expect(details({ channel: { nested: true } })).toEqual(['parameters.channel']);
});

it('previews a template leniently: given values and defaults filled, the rest left as {{name}} placeholders', () => {
  const archive = templates.find((t) => t.id === 'dropbox-files-to-s3')!;
  const upload = (params: Record<string, unknown>) => previewTemplate(archive, params).steps.find((s) => s.id === 'upload')!.config;
  expect(upload({})).toMatchObject({ input: { bucket: '{{bucket}}', keyPrefix: 'dropbox/', key: '{{ input.event.payload.name }}' } });
  expect(upload({ bucket: ' photos ', prefix: 'archive/' })).toMatchObject({ input: { bucket: 'photos', keyPrefix: 'archive/' } });
  // Unknown names and unacceptable values are ignored, never thrown.
  expect(upload({ bucket: '{{ $now() }}', colour: 'red' })).toMatchObject({ input: { bucket: '{{bucket}}' } });
  expect(previewTemplate(slack, { channel: '#reviews' })).toEqual(instantiateTemplate(slack, { channel: '#reviews' }));
});

describe('over GraphQL', () => {
  let h: TriggerHarness;
  const entities = (representations: object[], selection: string, identity?: object) =>
    h.call(`query($reps: [_Any!]!) { _entities(representations: $reps) { ${selection} } }`, { reps: representations }, identity);

  beforeAll(async () => {
    h = await startTriggerHarness('wf_tpl');
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists templates with the trigger and the hand-made pattern they automate', async () => {
    const response = await h.call('{ workflowTemplates { id trigger { tool eventType } pattern { tool eventType } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data!.workflowTemplates).toContainEqual({
      id: 'github-pr-opened-to-slack',
      trigger: { tool: 'github', eventType: 'pr.opened' },
      pattern: [
        { tool: 'github', eventType: 'pr.opened' },
        { tool: 'slack', eventType: 'message.posted' },
      ],
    });
  });

  it('resolves a WorkflowTemplate reference by id, and an unknown id to null', async () => {
    const response = await entities(
      [
        { __typename: 'WorkflowTemplate', id: 'gitlab-issues-to-teams' },
        { __typename: 'WorkflowTemplate', id: 'no-such-template' },
      ],
      '... on WorkflowTemplate { id name parameters trigger { tool eventType } pattern { eventType } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      {
        id: 'gitlab-issues-to-teams',
        name: 'Mirror GitLab issues to Teams',
        parameters: ['team', 'channel'],
        trigger: { tool: 'gitlab', eventType: 'issue.opened' },
        pattern: [{ eventType: 'issue.opened' }, { eventType: 'message.posted' }],
      },
      null,
    ]);
  });

  it('completes a Suggestion with its workflow definition: prefilled parameters filled, missing ones left as placeholders', async () => {
    const response = await entities(
      [
        { __typename: 'Suggestion', id: 's1', templateId: 'gitlab-issues-to-teams', parameters: { channel: 'releases' } },
        { __typename: 'Suggestion', id: 's2', templateId: 'github-pr-opened-to-slack', parameters: { channel: '#reviews' } },
      ],
      '... on Suggestion { id workflowDefinition }',
    );
    expect(response.errors).toBeUndefined();
    const [teams, slackSuggestion] = response.data!._entities;
    expect(teams.workflowDefinition.steps[1].config.input).toEqual({
      team: '{{team}}',
      channel: 'releases',
      text: '{{ steps.message.output.text }}',
    });
    expect(slackSuggestion.workflowDefinition).toEqual(instantiateTemplate(slack, { channel: '#reviews' }));
  });

  it('answers NOT_FOUND for a suggestion whose template does not exist, and refuses an anonymous caller', async () => {
    const unknown = await entities(
      [{ __typename: 'Suggestion', id: 's3', templateId: 'no-such-template', parameters: {} }],
      '... on Suggestion { workflowDefinition }',
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    const anonymous = await entities(
      [{ __typename: 'Suggestion', id: 's4', templateId: slack.id, parameters: {} }],
      '... on Suggestion { workflowDefinition }',
      {},
    );
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  });
});
