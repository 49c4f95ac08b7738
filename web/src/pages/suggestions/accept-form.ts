import type { AcceptSuggestionInput, SuggestionOfferFragment } from '../../generated/graphql';

type ParameterSpec = SuggestionOfferFragment['template']['parameterSpecs'][number];

export interface AcceptForm {
  name: string;
  /** Parameter name → value as typed. */
  parameters: Record<string, string>;
  activate: boolean;
}

const MAX_NAME = 200;
const MAX_TEXT = 2000;

/** The form as first shown: the suggestion's guessed parameters, else the template's defaults. */
export function initialAcceptForm(suggestion: SuggestionOfferFragment): AcceptForm {
  const parameters: Record<string, string> = {};
  for (const spec of suggestion.template.parameterSpecs) {
    const guessed = suggestion.parameters[spec.name];
    parameters[spec.name] = typeof guessed === 'string' ? guessed : (spec.default ?? '');
  }
  return { name: suggestion.title, parameters, activate: false };
}

function checkParameter(spec: ParameterSpec, value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return spec.required ? `Required: ${spec.description}` : undefined;
  if (trimmed.length > MAX_TEXT) return `At most ${MAX_TEXT} characters`;
  if (trimmed.includes('{{') || trimmed.includes('}}')) return 'Must not contain {{ or }}';
  if (spec.type === 'URL' && !/^https?:\/\/[^\s/]+/i.test(trimmed)) return 'Enter an absolute http:// or https:// URL';
  return undefined;
}

/** The checks that failed, keyed `name` or `parameters.<name>`; empty when the form may be sent. */
export function checkAcceptForm(form: AcceptForm, specs: readonly ParameterSpec[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.name.trim()) problems.name = 'Enter a name for the workflow';
  else if (form.name.trim().length > MAX_NAME) problems.name = `At most ${MAX_NAME} characters`;
  for (const spec of specs) {
    const problem = checkParameter(spec, form.parameters[spec.name] ?? '');
    if (problem) problems[`parameters.${spec.name}`] = problem;
  }
  return problems;
}

/** What acceptSuggestion is sent: filled-in parameters only (the server keeps its guesses for the rest). */
export function acceptInput(form: AcceptForm): AcceptSuggestionInput {
  const parameters = Object.fromEntries(
    Object.entries(form.parameters)
      .map(([name, value]) => [name, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
  return {
    name: form.name.trim(),
    activate: form.activate,
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
  };
}

/**
 * The server's field errors keyed as the form's fields: Workflow names a parameter
 * `parameters.<name>` and Analytics may prefix it with `input.`.
 */
export function serverFieldErrors(fields: Record<string, string>): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) mapped[field.replace(/^input\./, '')] = message;
  return mapped;
}
