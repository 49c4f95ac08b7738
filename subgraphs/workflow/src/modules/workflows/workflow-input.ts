import { validationError, type FieldError } from '@flowgraph/kernel';
import type { WorkflowDefinition } from '../definitions/definition';
import { checkDefinition } from '../definitions/definition.validator';

export const MAX_WORKFLOW_NAME = 200;
export const MAX_WORKFLOW_DESCRIPTION = 2000;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
export const MIN_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 100;

/** What create and update accept; every field optional here (create requires `name` itself). */
export interface WorkflowFieldsInput {
  name?: string | null;
  description?: string | null;
  tags?: string[] | null;
  definition?: Record<string, unknown> | null;
  concurrencyLimit?: number | null;
}

export interface WorkflowFields {
  name?: string;
  description?: string;
  tags?: string[];
  definition?: WorkflowDefinition;
  concurrencyLimit?: number;
}

/** Normalises and checks the given fields; every problem (definition ones included) in one VALIDATION_ERROR. */
export function checkWorkflowFields(input: WorkflowFieldsInput): WorkflowFields {
  const errors: FieldError[] = [];
  const fields: WorkflowFields = {};
  if (input.name != null) {
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_WORKFLOW_NAME)
      errors.push({ field: 'name', message: `Must be 1 to ${MAX_WORKFLOW_NAME} characters` });
    else fields.name = name;
  }
  if (input.description != null) {
    const description = input.description.trim();
    if (description.length > MAX_WORKFLOW_DESCRIPTION)
      errors.push({ field: 'description', message: `Must be at most ${MAX_WORKFLOW_DESCRIPTION} characters` });
    else fields.description = description;
  }
  if (input.tags != null) {
    const tags = [...new Set(input.tags.map((t) => t.trim()))];
    if (tags.length > MAX_TAGS) errors.push({ field: 'tags', message: `At most ${MAX_TAGS} tags (got ${tags.length})` });
    tags.forEach((tag, i) => {
      if (tag.length === 0 || tag.length > MAX_TAG_LENGTH)
        errors.push({ field: `tags[${i}]`, message: `Must be 1 to ${MAX_TAG_LENGTH} characters` });
    });
    fields.tags = tags;
  }
  if (input.concurrencyLimit != null) {
    const limit = input.concurrencyLimit;
    if (!Number.isInteger(limit) || limit < MIN_CONCURRENCY || limit > MAX_CONCURRENCY) {
      errors.push({ field: 'concurrencyLimit', message: `Must be a whole number from ${MIN_CONCURRENCY} to ${MAX_CONCURRENCY}` });
    } else fields.concurrencyLimit = limit;
  }
  if (input.definition != null) {
    const checked = checkDefinition(input.definition);
    if (checked.definition) fields.definition = checked.definition;
    else errors.push(...checked.errors);
  }
  if (errors.length > 0) throw validationError(errors);
  return fields;
}
