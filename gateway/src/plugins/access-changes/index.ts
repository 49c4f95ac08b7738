import { accessChangedChannel, type AccessChangedMessage, type Logger, type Redis } from '@flowgraph/kernel';

export interface AccessChangesOptions {
  /** The gateway's Redis connection; the plugin subscribes on a duplicate of it, closed by `dispose`. Required. */
  redis: Redis;
  /** `REDIS_PREFIX`. Required. */
  redisPrefix: string;
  logger: Logger;
  /** Called for every announcement before the watchers of its user (the API key cache). Default: none. */
  onChange?: (message: AccessChangedMessage) => void;
  /** First wait before subscribing again when Redis refused; doubles up to 30 s. Default: 1 000 ms. */
  retryMs?: number;
}

export type AccessListener = (message: AccessChangedMessage) => void;

export interface AccessChanges {
  /** Calls `listener` whenever Core announces that `userId`'s access changed; returns how to stop. */
  watch(userId: string, listener: AccessListener): () => void;
  dispose(): Promise<void>;
}

const MAX_RETRY_MS = 30_000;

function parse(raw: string): AccessChangedMessage | undefined {
  try {
    const message = JSON.parse(raw) as Partial<AccessChangedMessage> | null;
    return typeof message?.userId === 'string'
      ? { userId: message.userId, ...(typeof message.orgId === 'string' ? { orgId: message.orgId } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Core's announcements that a user's access changed (sessions revoked, role changed, removed),
 * received on every gateway replica over Redis pub/sub, so open subscriptions are checked again
 * at once rather than at the next periodic check. The gateway starts while Redis is down: the
 * subscription is retried until it holds (ioredis then renews it after every reconnect). A
 * message lost meanwhile is caught by the periodic check (graphql-ws) or the token's expiry.
 */
export function accessChanges(options: AccessChangesOptions): AccessChanges {
  const channel = accessChangedChannel(options.redisPrefix);
  const watchers = new Map<string, Set<AccessListener>>();
  const subscriber = options.redis.duplicate();
  let healthy = true;
  subscriber.on('error', (error: Error) => {
    if (healthy) options.logger.warn({ err: error }, 'access changes: Redis subscriber connection failed');
    healthy = false;
  });
  subscriber.on('ready', () => (healthy = true));
  subscriber.on('message', (from: string, raw: string) => {
    const message = from === channel ? parse(raw) : undefined;
    if (!message) return;
    try {
      options.onChange?.(message);
      for (const listener of watchers.get(message.userId) ?? []) listener(message);
    } catch (error) {
      options.logger.error({ err: error }, 'access change could not be applied');
    }
  });

  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const subscribe = (waitMs: number) => {
    subscriber.subscribe(channel).catch((error: unknown) => {
      if (stopped) return;
      options.logger.warn({ err: error, retry_ms: waitMs }, 'access changes: subscribing failed; retrying');
      retry = setTimeout(() => subscribe(Math.min(waitMs * 2, MAX_RETRY_MS)), waitMs);
      retry.unref();
    });
  };
  subscribe(options.retryMs ?? 1_000);

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
      stopped = true;
      clearTimeout(retry);
      subscriber.disconnect();
    },
  };
}
