import { RedisPubSub, accessChangedChannel, type AccessChangedMessage, type Logger, type Redis } from '@flowgraph/kernel';

export interface AccessChangesOptions {
  /** The gateway's Redis connection; the plugin subscribes on a duplicate of it, closed by `dispose`. Required. */
  redis: Redis;
  /** `REDIS_PREFIX`. Required. */
  redisPrefix: string;
  logger: Logger;
  /** Called for every announcement before the watchers of its user (the API key cache). Default: none. */
  onChange?: (message: AccessChangedMessage) => void;
}

export type AccessListener = (message: AccessChangedMessage) => void;

export interface AccessChanges {
  /** Calls `listener` whenever Core announces that `userId`'s access changed; returns how to stop. */
  watch(userId: string, listener: AccessListener): () => void;
  dispose(): Promise<void>;
}

/**
 * Core's announcements that a user's access changed (sessions revoked, role changed, removed),
 * received on every gateway replica over Redis pub/sub, so open subscriptions are checked again
 * at once rather than at the next periodic check. A message lost while the subscriber connection
 * reconnects is caught by that periodic check (graphql-ws) or by the token's expiry.
 */
export async function accessChanges(options: AccessChangesOptions): Promise<AccessChanges> {
  const watchers = new Map<string, Set<AccessListener>>();
  const subscriber = options.redis.duplicate();
  const pubsub = new RedisPubSub(options.redis, subscriber);
  const messages = await pubsub.subscribe<AccessChangedMessage>(accessChangedChannel(options.redisPrefix));
  const dispatch = (message: AccessChangedMessage) => {
    if (typeof message?.userId !== 'string') return;
    options.onChange?.(message);
    for (const listener of watchers.get(message.userId) ?? []) listener(message);
  };
  const listening = (async () => {
    for await (const message of messages) {
      try {
        dispatch(message);
      } catch (error) {
        options.logger.error({ err: error }, 'access change could not be applied');
      }
    }
  })();
  return {
    watch(userId, listener) {
      let set = watchers.get(userId);
      if (!set) watchers.set(userId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && watchers.get(userId) === set) watchers.delete(userId);
      };
    },
    async dispose() {
      await messages.return?.();
      await listening;
      subscriber.disconnect();
    },
  };
}
