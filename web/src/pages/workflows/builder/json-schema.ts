/**
 * The part of JSON Schema the builder's forms understand (what zod's toJSONSchema and our step
 * catalog produce): typed scalars, enums, required properties, bounds; anything else is edited as JSON.
 */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

/** One input of a generated form. */
export interface FormField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  options?: string[];
  schema: JsonSchema;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{{ … }}`: an expression the worker evaluates when the step runs, so its type is known only then. */
export const isExpression = (value: unknown) => typeof value === 'string' && /^\s*\{\{[\s\S]*\}\}\s*$/.test(value);

/** A nullable property (`anyOf: [X, { type: 'null' }]`) is edited as X. */
function unwrapNullable(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf?.filter((option) => option.type !== 'null');
  return options?.length === 1 ? { ...options[0], description: schema.description ?? options[0]!.description } : schema;
}

function kindOf(schema: JsonSchema): FieldKind {
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) return 'enum';
  switch (schema.type) {
    case 'string':
      return 'text';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    default:
      return 'json';
  }
}

/** The form an object schema describes: one field per property, in the schema's order. */
export function formFields(schema: JsonSchema): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const property = unwrapNullable(raw);
    const kind = kindOf(property);
    return {
      name,
      label: property.title ?? name,
      kind,
      required: required.has(name),
      description: property.description,
      options: kind === 'enum' ? (property.enum as string[]) : undefined,
      schema: property,
    };
  });
}

/** Why a value does not fit its field, or undefined when it does. */
export function checkValue(field: FormField, value: unknown, allowExpressions = false): string | undefined {
  if (value === undefined || value === '') return field.required ? 'Required' : undefined;
  if (allowExpressions && isExpression(value)) return undefined;
  const schema = field.schema;
  switch (field.kind) {
    case 'text': {
      if (typeof value !== 'string') return 'Must be text';
      if (schema.minLength !== undefined && value.length < schema.minLength) return `At least ${schema.minLength} characters`;
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return `At most ${schema.maxLength} characters`;
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) return 'Not in the expected format';
      if (schema.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
        return 'Must be an id (UUID)';
      if (schema.format === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'Must be an email address';
      return undefined;
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Must be a number';
      if (field.kind === 'integer' && !Number.isInteger(value)) return 'Must be a whole number';
      if (schema.minimum !== undefined && value < schema.minimum) return `At least ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `At most ${schema.maximum}`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Must be true or false';
    case 'enum':
      return field.options!.includes(value as string) ? undefined : `Must be one of ${field.options!.join(', ')}`;
    case 'json':
      if (schema.type === 'object' && !isRecord(value)) return 'Must be a JSON object';
      if (schema.type === 'array' && !Array.isArray(value)) return 'Must be a JSON list';
      return undefined;
  }
}

/** Every field that does not fit, by property name; empty when the values may be saved. */
export function checkValues(schema: JsonSchema, values: Record<string, unknown>, allowExpressions = false): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of formFields(schema)) {
    const problem = checkValue(field, values[field.name], allowExpressions);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}
