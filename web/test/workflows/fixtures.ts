import type { WorkflowDetailQuery } from '../../src/generated/graphql';

type Workflow = NonNullable<WorkflowDetailQuery['workflow']>;

/** A workflow as WorkflowDetail returns it: version 3 saved, version 2 live. */
export function workflowDetail(over: Partial<Omit<Workflow, '__typename'>> = {}): WorkflowDetailQuery {
  return {
    workflow: {
      id: 'w1',
      name: 'Deploy alerts',
      description: 'Tell #ops about failed deploys',
      concurrencyLimit: 5,
      deletedAt: null,
      isActive: false,
      tags: ['ops'],
      updatedAt: '2026-01-02T10:00:00Z',
      owner: { id: 'u1', name: 'Ada' },
      liveVersion: { id: 'v2', version: 2 },
      latestVersion: {
        id: 'v3',
        version: 3,
        definition: { steps: [{ id: 'tell', type: 'notify' }], edges: [] },
        createdAt: '2026-01-02T10:00:00Z',
      },
      triggers: [],
      latestExecution: null,
      ...over,
    },
  };
}
