import CircuitBreaker from 'opossum';
import { isProviderError } from '../connectors/provider-errors';

export interface BreakerSettings {
  /** Calls in the rolling window before the breaker may open. Default 5. */
  volumeThreshold?: number;
  /** Share of failed calls (percent) that opens it. Default 50. */
  errorThresholdPercentage?: number;
  /** How long it stays open before one trial call (half-open). Default 30 s. */
  resetTimeoutMs?: number;
  /** The rolling window failures are counted over. Default 60 s. */
  rollingWindowMs?: number;
}

/** Breakers kept at once; the least recently used is shut down beyond this (each holds a timer). */
const MAX_BREAKERS = 1000;

export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  constructor(
    readonly key: string,
    readonly retryAfterMs: number,
  ) {
    super(`Circuit open for ${key}: its recent calls failed; the next trial is in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

/**
 * A circuit breaker (opossum) per connector and account, in this process: after repeated
 * outages (`unavailable`: 5xx, timeouts, refused connections) calls fail fast with
 * CircuitOpenError, then one trial call half-opens it. A provider refusing a call, asking to
 * wait or rejecting a token is not an outage and does not count.
 */
export class ConnectorBreakers {
  private readonly breakers = new Map<string, { breaker: CircuitBreaker<[() => Promise<unknown>], unknown>; openedAt: number }>();
  private readonly settings: Required<BreakerSettings>;

  constructor(settings: BreakerSettings = {}) {
    this.settings = {
      volumeThreshold: settings.volumeThreshold ?? 5,
      errorThresholdPercentage: settings.errorThresholdPercentage ?? 50,
      resetTimeoutMs: settings.resetTimeoutMs ?? 30_000,
      rollingWindowMs: settings.rollingWindowMs ?? 60_000,
    };
  }

  async run<T>(key: string, call: () => Promise<T>): Promise<T> {
    const entry = this.entryOf(key);
    try {
      return (await entry.breaker.fire(call)) as T;
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        throw new CircuitOpenError(key, Math.max(1, entry.openedAt + this.settings.resetTimeoutMs - Date.now()));
      }
      throw error;
    }
  }

  /** Whether calls for `key` fail fast now (for health). */
  isOpen(key: string): boolean {
    return this.breakers.get(key)?.breaker.opened ?? false;
  }

  shutdown(): void {
    for (const { breaker } of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }

  private entryOf(key: string) {
    const existing = this.breakers.get(key);
    if (existing) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.breakers.delete(key);
      this.breakers.set(key, existing);
      return existing;
    }
    const breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      timeout: false,
      volumeThreshold: this.settings.volumeThreshold,
      errorThresholdPercentage: this.settings.errorThresholdPercentage,
      resetTimeout: this.settings.resetTimeoutMs,
      rollingCountTimeout: this.settings.rollingWindowMs,
      // true = not a failure: only outages open the circuit.
      errorFilter: (error: unknown) => !isProviderError(error, 'unavailable'),
    });
    const entry = { breaker, openedAt: 0 };
    breaker.on('open', () => (entry.openedAt = Date.now()));
    this.breakers.set(key, entry);
    if (this.breakers.size > MAX_BREAKERS) {
      const [oldestKey, oldest] = this.breakers.entries().next().value!;
      oldest.breaker.shutdown();
      this.breakers.delete(oldestKey);
    }
    return entry;
  }
}
