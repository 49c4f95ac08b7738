/** Every BullMQ queue of the analytics subgraph, named once. */
export const QUEUES = {
  analytics: 'analytics',
} as const;

/** BullMQ keys live under the install's Redis prefix, so installs and test files share one Redis. */
export const bullPrefix = (redisPrefix: string) => `${redisPrefix}:bull`;
