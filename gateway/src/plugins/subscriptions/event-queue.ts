/**
 * A push-to-pull bridge: upstream events are pushed, the transport pulls them with `next()`.
 * Unlike an async generator, `return()` takes effect at once even while a `next()` is waiting
 * (a generator parked on `await` cannot be returned), so leaving releases the upstream
 * subscription immediately. `onEnd` runs exactly once, however the queue ends.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private readonly waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void }[] = [];
  private failure: { error: unknown } | undefined;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  /** Events waiting to be pulled: how far the consumer is behind. */
  get length(): number {
    return this.items.length;
  }

  get done(): boolean {
    return this.ended;
  }

  push(item: T): void {
    if (this.ended) return;
    const take = this.waiting.shift();
    if (take) take.resolve({ value: item, done: false });
    else this.items.push(item);
  }

  /** Ends the stream after what is queued; with an error, `next()` rejects once the queue is drained. */
  end(error?: unknown): void {
    if (this.ended) return;
    if (error !== undefined) this.failure = { error };
    this.finish();
    // Someone waiting means nothing is queued: tell them now (the first one gets the error).
    for (const take of this.waiting.splice(0)) {
      if (this.failure) take.reject(asError(this.failure.error));
      else take.resolve({ value: undefined, done: true });
      this.failure = undefined;
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      return Promise.reject(asError(error));
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.failure = undefined;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.return();
    return Promise.reject(asError(error));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private finish(): void {
    this.ended = true;
    this.onEnd();
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
