import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { checkValues, formFields, type JsonSchema } from '../../src/pages/workflows/builder/json-schema';
import { SchemaForm } from '../../src/pages/workflows/builder/SchemaForm';
import { STEP_CONFIG_SCHEMAS } from '../../src/pages/workflows/builder/step-catalog';

const schema: JsonSchema = {
  type: 'object',
  required: ['channel', 'count'],
  properties: {
    channel: { type: 'string', minLength: 1, description: 'A channel id or #name' },
    count: { type: 'integer', minimum: 1 },
    urgent: { type: 'boolean' },
    tone: { type: 'string', enum: ['calm', 'loud'] },
    extra: { type: 'object' },
    reviewer: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
};

/** The form as the builder uses it: values held by the caller, problems checked on demand. */
function Harness({ initial = {} }: { initial?: Record<string, unknown> }) {
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form aria-label="config">
      <SchemaForm schema={schema} values={values} onChange={setValues} errors={errors} />
      <button type="button" onClick={() => setErrors(checkValues(schema, values))}>
        Check
      </button>
      <output data-testid="values">{JSON.stringify(values)}</output>
    </form>
  );
}

const valuesShown = () => JSON.parse(screen.getByTestId('values').textContent!) as Record<string, unknown>;

describe('the form generated from a config schema', () => {
  it('has one labelled control per property, of the kind its type asks for', () => {
    render(<Harness />);
    expect(screen.getByRole('textbox', { name: /channel/ })).toHaveAccessibleDescription('A channel id or #name');
    expect(screen.getByRole('textbox', { name: /count/ })).toHaveAttribute('inputmode', 'numeric');
    expect(screen.getByRole('checkbox', { name: 'urgent' })).not.toBeChecked();
    expect(screen.getByRole('combobox', { name: 'tone' })).toHaveDisplayValue('—');
    expect(screen.getByRole('textbox', { name: 'extra' }).tagName).toBe('TEXTAREA');
    expect(screen.getByRole('textbox', { name: 'reviewer' }).tagName).toBe('INPUT');
  });

  it('gives back typed values as they are filled in', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByRole('textbox', { name: /channel/ }), '#reviews');
    await user.type(screen.getByRole('textbox', { name: /count/ }), '3');
    await user.click(screen.getByRole('checkbox', { name: 'urgent' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'tone' }), 'loud');
    await user.type(screen.getByRole('textbox', { name: 'extra' }), '{{"a": 1}');
    expect(valuesShown()).toEqual({ channel: '#reviews', count: 3, urgent: true, tone: 'loud', extra: { a: 1 } });
  });

  it('shows required-field and type errors on the fields they concern', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ count: 'many', extra: '{ nope' }} />);
    await user.click(screen.getByRole('button', { name: 'Check' }));
    const channel = screen.getByRole('textbox', { name: /channel/ });
    expect(channel).toHaveAttribute('aria-invalid', 'true');
    expect(channel).toHaveAccessibleDescription(expect.stringContaining('Required'));
    expect(screen.getByRole('textbox', { name: /count/ })).toHaveAccessibleDescription('Must be a number');
    expect(screen.getByRole('textbox', { name: 'extra' })).toHaveAccessibleDescription('Must be a JSON object');
    expect(screen.getByRole('checkbox', { name: 'urgent' })).not.toHaveAttribute('aria-invalid');
  });

  it('clears a value emptied by the person, so a required one is missing again', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ channel: 'x', count: 2 }} />);
    await user.clear(screen.getByRole('textbox', { name: /count/ }));
    expect(valuesShown()).toEqual({ channel: 'x' });
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByRole('textbox', { name: /count/ })).toHaveAccessibleDescription('Required');
  });
});

describe('the step config schemas', () => {
  it('ask for what the server requires of each step type', () => {
    const required = (type: string) =>
      formFields(STEP_CONFIG_SCHEMAS[type]!)
        .filter((f) => f.required)
        .map((f) => f.name);
    expect(required('http_request')).toEqual(['url']);
    expect(required('condition')).toEqual(['expression']);
    expect(required('delay')).toEqual(['ms']);
    expect(required('notify')).toEqual(['message']);
    expect(formFields(STEP_CONFIG_SCHEMAS.http_request!).find((f) => f.name === 'method')?.options).toContain('DELETE');
  });

  it('bounds a delay to 30 days', () => {
    expect(checkValues(STEP_CONFIG_SCHEMAS.delay!, { ms: 31 * 24 * 3600 * 1000 })).toEqual({ ms: 'At most 2592000000' });
  });
});
