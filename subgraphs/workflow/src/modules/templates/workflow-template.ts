import { validationError, type FieldError } from '@flowgraph/kernel';
import type { WorkflowDefinition } from '../definitions/definition';
import { validateDefinition } from '../definitions/definition.validator';

export const TEMPLATE_CONNECTORS = ['github', 'gitlab', 'slack', 'teams', 'google_drive', 'dropbox', 's3', 'http'] as const;
export type TemplateConnector = (typeof TEMPLATE_CONNECTORS)[number];

/** What a parameter's value must be: any text, or an absolute http(s) URL. */
export type TemplateParameterType = 'STRING' | 'URL';

/** A value the caller fills in; `{{name}}` in the template's step configs is replaced by it. */
export interface TemplateParameter {
  name: string;
  type: TemplateParameterType;
  description: string;
  required: boolean;
  /** Used when the caller gives none (optional parameters only). */
  default?: string;
}

/** One (tool, event type) pair of what a template automates, in Core's event vocabulary. */
export interface EventPattern {
  tool: string;
  eventType: string;
}

/** A built-in starting point for a workflow. */
export interface WorkflowTemplate {
  id: string;
  name: string;
  description: string;
  connectors: TemplateConnector[];
  parameters: TemplateParameter[];
  /**
   * For suggestions (Analytics): the event that starts the work (`trigger`) and the sequence of
   * events a person produces by hand today (`pattern`, starting with the trigger). A detected
   * pattern that matches it points at this template.
   */
  trigger: EventPattern;
  pattern: EventPattern[];
  /**
   * The trigger a workflow created from the template gets: an EVENT trigger filtered on `trigger`
   * (default), or a WEBHOOK trigger when the steps read a request body rather than a Core event.
   */
  triggerKind?: 'EVENT' | 'WEBHOOK';
  /** A valid definition in which `{{parameter}}` placeholders stand for the parameters. */
  definition: WorkflowDefinition;
}

const MAX_PARAMETER_LENGTH = 2000;
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

function isHttpUrl(text: string): boolean {
  const url = URL.parse(text);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** The given values that are acceptable, defaults for the rest, and what is wrong with the others. */
function parameterValues(
  template: WorkflowTemplate,
  given: Record<string, unknown>,
): { values: Map<string, string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const declared = new Map(template.parameters.map((p) => [p.name, p]));
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(given)) {
    const field = `parameters.${name}`;
    const parameter = declared.get(name);
    if (!parameter) errors.push({ field, message: `Template '${template.id}' has no parameter '${name}'` });
    else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      errors.push({ field, message: 'Must be a string' });
    else {
      const text = String(value).trim();
      if (text.length === 0 || text.length > MAX_PARAMETER_LENGTH)
        errors.push({ field, message: `Must be 1 to ${MAX_PARAMETER_LENGTH} characters` });
      else if (text.includes('{{') || text.includes('}}')) errors.push({ field, message: 'Must not contain {{ or }}' });
      else if (parameter.type === 'URL' && !isHttpUrl(text)) errors.push({ field, message: 'Must be an absolute http:// or https:// URL' });
      else values.set(name, text);
    }
  }
  for (const parameter of template.parameters) {
    if (values.has(parameter.name) || errors.some((e) => e.field === `parameters.${parameter.name}`)) continue;
    if (parameter.default !== undefined) values.set(parameter.name, parameter.default);
    else if (parameter.required)
      errors.push({ field: `parameters.${parameter.name}`, message: `Required by template '${template.id}': ${parameter.description}` });
  }
  return { values, errors };
}

/**
 * The template's definition with declared placeholders replaced by `values`; a declared one
 * without a value becomes `unfilled(name)`. Any other `{{ … }}` is a JSONata expression
 * evaluated at run time and is left alone.
 */
function fillPlaceholders(template: WorkflowTemplate, values: Map<string, string>, unfilled: (name: string) => string): WorkflowDefinition {
  const declared = new Set(template.parameters.map((p) => p.name));
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string')
      return value.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? (declared.has(name) ? unfilled(name) : whole));
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return { ...template.definition, steps: template.definition.steps.map((s) => ({ ...s, config: fill(s.config) as typeof s.config })) };
}

/**
 * The template's definition with its parameters filled in, validated like any saved definition.
 * Only declared parameters are replaced: any other `{{ … }}` is a JSONata expression evaluated at
 * run time. Values may not contain `{{`/`}}`, so a value can never become an expression.
 */
export function instantiateTemplate(template: WorkflowTemplate, given: Record<string, unknown>): WorkflowDefinition {
  const { values, errors } = parameterValues(template, given);
  if (errors.length > 0) throw validationError(errors, 'Invalid template parameters');
  return validateDefinition(fillPlaceholders(template, values, () => ''));
}

/**
 * A preview of the workflow the template would become (a suggestion's `workflowDefinition`):
 * acceptable values and defaults are filled in; parameters without one (missing, unknown or
 * unacceptable values) stay as their `{{name}}` placeholder for the person to fill. Never throws.
 */
export function previewTemplate(template: WorkflowTemplate, given: Record<string, unknown>): WorkflowDefinition {
  return fillPlaceholders(template, parameterValues(template, given).values, (name) => `{{${name}}}`);
}
