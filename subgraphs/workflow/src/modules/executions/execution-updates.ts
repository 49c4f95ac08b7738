import type { RedisPubSub } from '@flowgraph/kernel';
import type { Execution } from './execution.entity';

/** What is published on each change: ids only; subscribers load the execution in their own scope. */
export interface ExecutionUpdateMessage {
  executionId: string;
  orgId: string;
}

export const executionChannel = (redisPrefix: string, executionId: string) => `${redisPrefix}:execution-updated:${executionId}`;

/** Announces execution changes to every replica's `executionUpdated` subscribers. */
export class ExecutionUpdates {
  constructor(
    private readonly pubsub: RedisPubSub,
    private readonly redisPrefix: string,
  ) {}

  async publish(execution: Pick<Execution, 'id' | 'orgId'>): Promise<void> {
    const message: ExecutionUpdateMessage = { executionId: execution.id, orgId: execution.orgId };
    await this.pubsub.publish(executionChannel(this.redisPrefix, execution.id), message);
  }

  subscribe(executionId: string): Promise<AsyncIterableIterator<ExecutionUpdateMessage>> {
    return this.pubsub.subscribe<ExecutionUpdateMessage>(executionChannel(this.redisPrefix, executionId));
  }
}
