import { notFound, requireRole, type Identity } from '@flowgraph/kernel';
import type { TriggerService } from '../triggers/trigger.service';
import type { Workflow } from '../workflows/workflow.entity';
import type { WorkflowService } from '../workflows/workflow.service';
import { templatesById } from './template-catalog';
import { instantiateTemplate, type WorkflowTemplate } from './workflow-template';

export function findTemplate(id: string): WorkflowTemplate | null {
  return templatesById.get(id) ?? null;
}

export interface CreateFromTemplateInput {
  templateId: string;
  name?: string | null;
  parameters?: Record<string, unknown> | null;
  /** Publish version 1 and activate the workflow in the same request. */
  activate?: boolean | null;
}

/**
 * A new workflow whose version 1 is the template with its parameters filled in, with the
 * template's trigger (enabled; like every trigger it fires only once the workflow is published
 * and active). Inactive and unpublished unless `activate` asks for both, in the same transaction.
 */
export async function createWorkflowFromTemplate(
  services: { workflows: WorkflowService; triggers: TriggerService },
  identity: Identity,
  input: CreateFromTemplateInput,
): Promise<{ workflow: Workflow; webhookSecret: string | null }> {
  // Permission first, so a caller who may not create learns nothing from parameter errors.
  requireRole(identity, 'admin', 'workflows:write');
  const template = findTemplate(input.templateId);
  if (!template) throw notFound('Template');
  const definition = instantiateTemplate(template, input.parameters ?? {});
  const workflow = await services.workflows.create(identity, { name: input.name ?? template.name, description: template.description }, definition);
  const kind = template.triggerKind ?? 'EVENT';
  const { webhookSecret } = await services.triggers.add(identity, {
    workflowId: workflow.id,
    kind,
    event: kind === 'EVENT' ? { tool: template.trigger.tool, eventType: template.trigger.eventType } : null,
  });
  if (!input.activate) return { workflow, webhookSecret };
  await services.workflows.publish(identity, workflow.id, 1);
  return { workflow: await services.workflows.setActive(identity, workflow.id, true), webhookSecret };
}
