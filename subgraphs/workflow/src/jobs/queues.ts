/** Every BullMQ queue of the workflow subgraph, named once. */
export const QUEUES = {
  executions: 'workflow-executions',
  triggers: 'workflow-triggers',
  maintenance: 'workflow-maintenance',
} as const;

/** BullMQ key prefix under the install's Redis prefix, so installs and test files never share queues. */
export const bullPrefix = (redisPrefix: string) => `${redisPrefix}:bull`;
