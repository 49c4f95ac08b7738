import { notFound, requireRole, validationError, type Identity } from '@flowgraph/kernel';
import type { WorkflowDefinition } from '../definitions/definition';
import { MAX_IDEMPOTENCY_KEY } from '../executions/execution-starter';
import type { TriggerService } from '../triggers/trigger.service';
import type { Workflow } from '../workflows/workflow.entity';
import type { WorkflowService } from '../workflows/workflow.service';
import { templates, templatesById } from './template-catalog';
import { instantiateTemplate, previewTemplate, type WorkflowTemplate } from './workflow-template';

function findTemplate(id: string): WorkflowTemplate | null {
  return templatesById.get(id) ?? null;
}

function checkIdempotencyKey(key: string): string {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY) {
    throw validationError([{ field: 'idempotencyKey', message: `Must be 1 to ${MAX_IDEMPOTENCY_KEY} characters` }]);
  }
  return key;
}

export interface CreateFromTemplateInput {
  templateId: string;
  name?: string | null;
  parameters?: Record<string, unknown> | null;
  /** Publish version 1 and activate the workflow in the same request. */
  activate?: boolean | null;
  /**
   * Makes the request safe to repeat: the first request with a key creates the workflow; a later
   * or concurrent one with the same key (in the organization) returns that workflow without the
   * webhook secret, creating, triggering or publishing nothing. The same key with another
   * templateId or other parameters is a CONFLICT; a repeat's name and activate are not used.
   */
  idempotencyKey?: string | null;
}

/** The template catalog (read-only, the same for everyone) and workflows made from its templates. */
export class TemplateService {
  constructor(private readonly services: { workflows: WorkflowService; triggers: TriggerService }) {}

  list(identity: Identity): WorkflowTemplate[] {
    requireRole(identity, 'viewer', 'workflows:read');
    return [...templates];
  }

  /** Suggestions (Analytics) point at templates by id; an unknown id is null. */
  get(identity: Identity, id: string): WorkflowTemplate | null {
    requireRole(identity, 'viewer', 'workflows:read');
    return findTemplate(id);
  }

  /**
   * Analytics' `Suggestion` as this subgraph completes it: the router passes the suggestion's
   * `templateId` and prefilled `parameters` (@requires). Analytics authorized the suggestion itself.
   */
  suggestion(
    identity: Identity,
    ref: { id: string; templateId?: string | null; parameters?: Record<string, unknown> | null },
  ): { id: string; templateId: string; parameters: Record<string, unknown> } {
    requireRole(identity, 'viewer', 'suggestions:read');
    return { id: ref.id, templateId: ref.templateId ?? '', parameters: ref.parameters ?? {} };
  }

  /** The workflow a suggestion would make; the template catalog holds nothing private. */
  preview(templateId: string, parameters: Record<string, unknown> | null | undefined): WorkflowDefinition {
    const template = templateId ? findTemplate(templateId) : null;
    if (!template) throw notFound('Template');
    return previewTemplate(template, parameters ?? {});
  }

  /**
   * A new workflow whose version 1 is the template with its parameters filled in, with the
   * template's trigger (enabled; like every trigger it fires only once the workflow is published
   * and active). Inactive and unpublished unless `activate` asks for both, in the same transaction.
   */
  async createWorkflow(identity: Identity, input: CreateFromTemplateInput): Promise<{ workflow: Workflow; webhookSecret: string | null }> {
    // Permission first, so a caller who may not create learns nothing from parameter errors.
    requireRole(identity, 'admin', 'workflows:write');
    const template = findTemplate(input.templateId);
    if (!template) throw notFound('Template');
    const definition = instantiateTemplate(template, input.parameters ?? {});
    const fields = { name: input.name ?? template.name, description: template.description };
    let workflow: Workflow;
    if (input.idempotencyKey != null) {
      const idempotency = {
        key: checkIdempotencyKey(input.idempotencyKey),
        request: { templateId: template.id, parameters: input.parameters ?? {} },
      };
      const once = await this.services.workflows.createOnce(identity, idempotency, fields, definition);
      // The secret was shown to the first request only; it is kept encrypted and never shown again.
      if (!once.created) return { workflow: once.workflow, webhookSecret: null };
      workflow = once.workflow;
    } else {
      workflow = await this.services.workflows.create(identity, fields, definition);
    }
    const kind = template.triggerKind ?? 'EVENT';
    const { webhookSecret } = await this.services.triggers.add(identity, {
      workflowId: workflow.id,
      kind,
      event: kind === 'EVENT' ? { tool: template.trigger.tool, eventType: template.trigger.eventType } : null,
    });
    if (!input.activate) return { workflow, webhookSecret };
    await this.services.workflows.publish(identity, workflow.id, 1);
    return { workflow: await this.services.workflows.setActive(identity, workflow.id, true), webhookSecret };
  }
}
