/** Every BullMQ queue of the Core subgraph, named once. */
export const QUEUES = {
  maintenance: 'core-maintenance',
  /** Data-subject requests: exports and erasures, run step by step (modules/data-subject). */
  dataSubject: 'core-data-subject',
} as const;

/** BullMQ keys live under the install's Redis prefix, so installs and test files share one Redis. */
export const bullPrefix = (redisPrefix: string) => `${redisPrefix}:bull`;
