import type { IdFormat } from '@flowgraph/kernel';

/** Template ids are slugs (`github-pr-opened-to-slack`), not UUIDs. */
const templateIdFormat: IdFormat = {
  test: (value) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 100,
  message: 'Must be a template id: lowercase letters and digits joined by dashes, at most 100 characters',
};

/** The schema's template-id arguments and input fields, for the subgraph server's id check. */
export const templateIdFormats: Record<string, IdFormat> = {
  'Query.workflowTemplate.id': templateIdFormat,
  'CreateWorkflowFromTemplateInput.templateId': templateIdFormat,
};
