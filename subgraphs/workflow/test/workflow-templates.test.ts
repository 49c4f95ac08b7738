import { checkDefinition } from '../src/modules/definitions/definition.validator';
import { templates } from '../src/modules/templates/template-catalog';
import { instantiateTemplate, TEMPLATE_CONNECTORS, type WorkflowTemplate } from '../src/modules/templates/workflow-template';

const sampleValues = (template: WorkflowTemplate) =>
  Object.fromEntries(template.parameters.filter((p) => p.required).map((p) => [p.name, `value-of-${p.name}`]));

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

it.each(templates.map((t) => [t.id, t] as const))('%s is valid raw and instantiated, and its pattern starts with its trigger', (_id, template) => {
  expect(checkDefinition(template.definition).errors).toEqual([]);
  const definition = instantiateTemplate(template, sampleValues(template));
  expect(definition.steps.length).toBeGreaterThan(0);
  const text = JSON.stringify(definition);
  for (const parameter of template.parameters) expect(text).not.toContain(`{{${parameter.name}}}`);
  expect(template.pattern[0]).toEqual(template.trigger);
  expect(template.pattern.length).toBeGreaterThanOrEqual(2);
});

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
  const details = (params: Record<string, unknown>) => (extensionsOf(() => instantiateTemplate(slack, params)).details as { field: string }[]).map((d) => d.field);
  expect(details({ channel: '#x', colour: 'red' })).toEqual(['parameters.colour']);
  expect(details({ channel: '   ' })).toEqual(['parameters.channel']);
  expect(details({ channel: '{{ $now() }}' })).toEqual(['parameters.channel']);
  expect(details({ channel: { nested: true } })).toEqual(['parameters.channel']);
});
