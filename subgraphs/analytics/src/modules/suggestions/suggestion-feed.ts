import type { RedisPubSub } from '@flowgraph/kernel';

/** What is published when a suggestion is offered: ids only; subscribers load it in their own scope. */
export interface SuggestionAddedMessage {
  suggestionId: string;
  orgId: string;
  userId: string;
}

/** One channel per user and organization, so a subscriber only ever receives its own. */
export const suggestionAddedChannel = (redisPrefix: string, orgId: string, userId: string) =>
  `${redisPrefix}:suggestion-added:${orgId}:${userId}`;

/**
 * Announces offered suggestions to every replica's `suggestionAdded` subscribers (Redis pub/sub).
 * A process that only announces (the worker) gives its RedisPubSub no subscriber connection.
 */
export class SuggestionFeed {
  constructor(
    private readonly pubsub: RedisPubSub,
    private readonly redisPrefix: string,
  ) {}

  async publish(message: SuggestionAddedMessage): Promise<void> {
    await this.pubsub.publish(suggestionAddedChannel(this.redisPrefix, message.orgId, message.userId), message);
  }

  subscribe(orgId: string, userId: string): Promise<AsyncIterableIterator<SuggestionAddedMessage>> {
    return this.pubsub.subscribe<SuggestionAddedMessage>(suggestionAddedChannel(this.redisPrefix, orgId, userId));
  }
}
