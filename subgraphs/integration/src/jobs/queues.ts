/** Every BullMQ queue of the integration subgraph, named once. */
export const QUEUES = {
  health: 'integration-health',
  maintenance: 'integration-maintenance',
} as const;

/** BullMQ key prefix under the install's Redis prefix, so installs and test files never share queues. */
export const bullPrefix = (redisPrefix: string) => `${redisPrefix}:bull`;
