import { requireRole, validationError, type Identity } from '@flowgraph/kernel';
import type { Workflow } from './workflow.entity';
import type { WorkflowRepository } from './workflow.repository';

export const MAX_WORKFLOW_NAME = 200;

export class WorkflowService {
  constructor(private readonly repository: WorkflowRepository) {}

  async create(identity: Identity, input: { name: string }): Promise<Workflow> {
    const caller = requireRole(identity, 'admin', 'workflows:write');
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_WORKFLOW_NAME) {
      throw validationError([{ field: 'name', message: `Must be 1 to ${MAX_WORKFLOW_NAME} characters` }]);
    }
    const workflow = this.repository.create({ orgId: caller.orgId, userId: caller.userId, name });
    await this.repository.flush();
    return workflow;
  }
}
