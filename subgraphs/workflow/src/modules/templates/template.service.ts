import { notFound, requireRole, type Identity } from '@flowgraph/kernel';
import type { Workflow } from '../workflows/workflow.entity';
import type { WorkflowService } from '../workflows/workflow.service';
import { templatesById } from './template-catalog';
import { instantiateTemplate, type WorkflowTemplate } from './workflow-template';

export function findTemplate(id: string): WorkflowTemplate | null {
  return templatesById.get(id) ?? null;
}

/** A new (inactive, unpublished) workflow whose version 1 is the template with its parameters filled in. */
export async function createWorkflowFromTemplate(
  workflows: WorkflowService,
  identity: Identity,
  input: { templateId: string; name?: string | null; parameters?: Record<string, unknown> | null },
): Promise<Workflow> {
  // Permission first, so a caller who may not create learns nothing from parameter errors.
  requireRole(identity, 'admin', 'workflows:write');
  const template = findTemplate(input.templateId);
  if (!template) throw notFound('Template');
  const definition = instantiateTemplate(template, input.parameters ?? {});
  return workflows.create(identity, { name: input.name ?? template.name, description: template.description }, definition);
}
