import type { WorkflowDefinition } from '../../src/pages/workflows/builder/definition';
import type { ConnectorCatalog } from '../../src/pages/workflows/builder/step-catalog';

/** The example of docs/workflows.md: a condition with both branches. */
export const branching: WorkflowDefinition = {
  steps: [
    { id: 'fetch', type: 'http_request', config: { url: 'https://api.example.com/items' } },
    { id: 'big', type: 'condition', config: { expression: '$count(steps.fetch.output.body.items) > 10' } },
    { id: 'tell', type: 'notify', config: { message: 'Many items' } },
    { id: 'skip', type: 'transform', config: { expression: '{ "skipped": true }' } },
  ],
  edges: [
    { from: 'fetch', to: 'big' },
    { from: 'big', to: 'tell', when: 'true' },
    { from: 'big', to: 'skip', when: 'false' },
  ],
};

/** Slack's post_message as `Query.connectors` describes it (zod's toJSONSchema). */
export const connectors: ConnectorCatalog = [
  {
    id: 'SLACK',
    displayName: 'Slack',
    actions: [
      {
        name: 'post_message',
        description: 'Posts a message to a channel',
        inputSchema: {
          type: 'object',
          properties: {
            channel: { type: 'string', minLength: 1, maxLength: 200 },
            text: { type: 'string', minLength: 1, maxLength: 40000 },
            threadTs: { type: 'string', maxLength: 50 },
          },
          required: ['channel', 'text'],
          additionalProperties: false,
        },
      },
    ],
  },
];
