/**
 * Operations whose last answer could not be cached (no hints, or maxAge 0), remembered for a
 * while in this process so their next runs skip the Redis lookup: most traffic is uncacheable,
 * and a round trip each would only add latency. Forgetting early only costs a lookup; remembering
 * too long only costs hits (never correctness), so a full table is simply cleared.
 */
export class UncacheableOperations {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly memoryMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  has(key: string, now = Date.now()): boolean {
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.until.delete(key);
    return false;
  }

  add(key: string, now = Date.now()): void {
    if (this.memoryMs <= 0) return;
    if (this.until.size >= this.maxEntries) this.until.clear();
    this.until.set(key, now + this.memoryMs);
  }

  delete(key: string): void {
    this.until.delete(key);
  }
}
