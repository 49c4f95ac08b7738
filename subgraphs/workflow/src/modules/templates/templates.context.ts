import type { TriggerService } from '../triggers/trigger.service';
import type { WorkflowService } from '../workflows/workflow.service';
import { TemplateService } from './template.service';

/** The templates module's share of a request context: it creates workflows and triggers through their modules' services. */
export function createTemplatesContext(
  workflows: { service: WorkflowService },
  triggers: { service: TriggerService },
): { service: TemplateService } {
  return { service: new TemplateService({ workflows: workflows.service, triggers: triggers.service }) };
}
