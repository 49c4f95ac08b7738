import type { Redis } from 'ioredis';

type Listener = (message: unknown) => void;

/**
 * Publish/subscribe over Redis, so a message published by any process reaches the subscribers
 * of every replica. One subscriber connection per process; a channel is subscribed while it has
 * at least one listener. Messages are JSON.
 */
export class RedisPubSub {
  private readonly listeners = new Map<string, Set<Listener>>();

  /**
   * `subscriber` is put in subscriber mode and must not be used for anything else; a process
   * that only publishes (a worker) passes none.
   */
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber?: Redis,
  ) {
    subscriber?.on('message', (channel: string, raw: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        return;
      }
      for (const listener of set) listener(message);
    });
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.publisher.publish(channel, JSON.stringify(message));
  }

  /**
   * An async iterator of the channel's messages, from the moment the subscription is
   * confirmed by Redis. Calling `return()` (which graphql-ws does when a client leaves) unsubscribes.
   */
  async subscribe<T>(channel: string): Promise<AsyncIterableIterator<T>> {
    const subscriber = this.subscriber;
    if (!subscriber) throw new Error('This RedisPubSub was created without a subscriber connection');
    const queue: T[] = [];
    const waiting: ((result: IteratorResult<T>) => void)[] = [];
    let done = false;
    const listener: Listener = (message) => {
      const next = waiting.shift();
      if (next) next({ value: message as T, done: false });
      else queue.push(message as T);
    };
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      set.add(listener);
      await subscriber.subscribe(channel);
    } else {
      set.add(listener);
    }
    const stop = async (): Promise<IteratorResult<T>> => {
      if (!done) {
        done = true;
        const current = this.listeners.get(channel);
        current?.delete(listener);
        if (current && current.size === 0) {
          this.listeners.delete(channel);
          await subscriber.unsubscribe(channel).catch(() => undefined);
        }
        for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
      }
      return { value: undefined, done: true };
    };
    const iterator: AsyncIterableIterator<T> = {
      next: () => {
        if (done) return Promise.resolve({ value: undefined, done: true });
        const value = queue.shift();
        if (value !== undefined) return Promise.resolve({ value, done: false });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: stop,
      throw: async (error?: unknown) => {
        await stop();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
