import type { WorkflowTemplatesQuery } from '../../generated/graphql';

export type TemplateParameterSpec = WorkflowTemplatesQuery['workflowTemplates'][number]['parameterSpecs'][number];

/** A parameter's value checked as createWorkflowFromTemplate will (TemplateParameterType). */
export function checkTemplateParameter(spec: TemplateParameterSpec, value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return spec.required ? `Enter ${spec.name}` : undefined;
  if (trimmed.includes('{{') || trimmed.includes('}}')) return 'Cannot contain {{ or }}';
  if (spec.type === 'URL') {
    try {
      const url = new URL(trimmed);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'An http:// or https:// URL';
    } catch {
      return 'An absolute URL, e.g. https://example.com/hook';
    }
  } else if (trimmed.length > 2000) return 'At most 2,000 characters';
  return undefined;
}

/** The `parameters` to send: filled-in values only (an empty optional one gets its default on the server). */
export function templateParameters(specs: TemplateParameterSpec[], values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(specs.map((spec) => [spec.name, values[spec.name]?.trim() ?? '']).filter(([, value]) => value !== ''));
}

/** The server's field for a parameter is `parameters.<name>` (or `input.parameters.<name>`). */
export function parameterError(fields: Record<string, string>, name: string): string | undefined {
  return fields[`input.parameters.${name}`] ?? fields[`parameters.${name}`];
}
