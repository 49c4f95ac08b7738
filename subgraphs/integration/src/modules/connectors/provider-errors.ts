/**
 * How a provider's answer failed, which decides what happens next:
 * - `rate_limited`: wait `retryAfterMs` (from Retry-After or the provider's reset header), not a failure;
 * - `unauthorized`: the token is refreshed once (OAuth) and the call repeated, else the account is failing;
 * - `unavailable`: connection refused or cut, timeout, 5xx: counts towards the circuit breaker;
 * - `rejected`: the provider refused the call itself (4xx): retrying cannot help.
 */
export type ProviderFailure = 'rate_limited' | 'unauthorized' | 'unavailable' | 'rejected';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly failure: ProviderFailure,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs?: number,
    /**
     * The provider's error answer parsed as JSON, for connectors whose next step depends on its
     * details (Dropbox's 409 tags, Google's 403 quota reasons). Never request data.
     */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export const isProviderError = (error: unknown, failure?: ProviderFailure): error is ProviderError =>
  error instanceof ProviderError && (failure === undefined || error.failure === failure);
