import { useId, useState } from 'react';
import { formFields, type FormField, type JsonSchema } from './json-schema';

interface SchemaFormProps {
  schema: JsonSchema;
  values: Record<string, unknown>;
  onChange: (values: Record<string, unknown>) => void;
  /** Problems by property name: the builder's checks or the server's. */
  errors?: Record<string, string>;
  disabled?: boolean;
  /** Properties set elsewhere (a connector step's connector and action), not shown. */
  omit?: string[];
}

/**
 * The form an object schema describes: text, number, checkbox or choice per property, and a JSON
 * text area for anything else (objects, lists, untyped values). A value that does not parse is
 * kept as typed, so the checks can say what is wrong with it.
 */
export function SchemaForm({ schema, values, onChange, errors = {}, disabled, omit = [] }: SchemaFormProps) {
  const fields = formFields(schema).filter((field) => !omit.includes(field.name));
  const set = (name: string, value: unknown) => {
    const next = { ...values };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(next);
  };
  return (
    <>
      {fields.map((field) => (
        <SchemaField
          key={field.name}
          field={field}
          value={values[field.name]}
          onChange={(value) => set(field.name, value)}
          error={errors[field.name]}
          disabled={disabled}
        />
      ))}
    </>
  );
}

interface SchemaFieldProps {
  field: FormField;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
  disabled?: boolean;
}

function SchemaField({ field, value, onChange, error, disabled }: SchemaFieldProps) {
  const id = useId();
  const hint = field.description;
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  };
  const label = (
    <label htmlFor={id}>
      {field.label}
      {field.required && <span aria-hidden="true"> *</span>}
    </label>
  );
  let control;
  switch (field.kind) {
    case 'boolean':
      return (
        <div className="field field-check">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {label}
          <FieldNotes id={id} hint={hint} error={error} />
        </div>
      );
    case 'enum':
      control = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">—</option>
          {field.options!.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
    case 'integer':
      control = (
        <input
          {...common}
          type="text"
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(parseNumber(e.target.value))}
        />
      );
      break;
    case 'text':
      control = (
        <input
          {...common}
          type="text"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
      break;
    case 'json':
      control = <JsonArea common={common} value={value} onChange={onChange} />;
      break;
  }
  return (
    <div className="field">
      {label}
      {control}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

function FieldNotes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </>
  );
}

/** Empty is no value; a number is a number; anything else stays text (an expression, or a mistake to point out). */
export function parseNumber(text: string): unknown {
  if (text.trim() === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

/** JSON as typed: the parsed value when it parses, else the text itself. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function JsonArea({ common, value, onChange }: { common: Record<string, unknown>; value: unknown; onChange: (value: unknown) => void }) {
  // The text is the person's own while they type; reformatting it on each key would move the caret.
  const [text, setText] = useState(() => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2)));
  return (
    <textarea
      {...common}
      rows={4}
      spellCheck={false}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseJson(e.target.value));
      }}
    />
  );
}
