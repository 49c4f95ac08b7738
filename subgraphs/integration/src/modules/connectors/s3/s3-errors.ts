import { causeOf, isUnavailable } from '@flowgraph/kernel';
import { ProviderError } from '../provider-errors';
import { retryAfterMs } from '../provider-http';

/** S3 asks for backoff without saying how long (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). */
const SLOW_DOWN_WAIT_MS = 1_000;

/** S3 error codes meaning the keys themselves do not work. */
const AUTH_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'TokenRefreshRequired']);

/** What the SDK puts on an error deserialized from S3's `<Error>` answer. */
interface S3ServiceFailure {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string> };
}

const isServiceFailure = (error: unknown): error is S3ServiceFailure =>
  error instanceof Error && typeof (error as S3ServiceFailure).$metadata?.httpStatusCode === 'number';

/**
 * The SDK puts `$metadata` on every failure of a request it sent; without an HTTP status nothing
 * answered (refused, reset, timed out). It may also wrap the socket error ("AWS SDK error wrapper
 * for Error: connect ECONNREFUSED …"), hiding the code `isUnavailable` looks for.
 */
const isUnanswered = (error: unknown): error is Error =>
  error instanceof Error && (isUnavailable(error) || ('$metadata' in error && !isServiceFailure(error)));

/**
 * Sorts an SDK failure into a ProviderError. The message is S3's own code and message: the SDK's
 * errors never hold the keys or the signature.
 */
export function s3ErrorToProviderError(error: unknown): unknown {
  if (error instanceof ProviderError) return error;
  if (isUnanswered(error)) return new ProviderError('unavailable', `S3 unreachable (${causeOf(error)})`);
  if (!isServiceFailure(error)) return error;
  const status = error.$metadata!.httpStatusCode!;
  const message = `S3 answered ${status}: ${error.name}: ${error.message}`;
  if (error.name === 'SlowDown' || status === 429) {
    const headers = new Headers(error.$response?.headers ?? {});
    return new ProviderError('rate_limited', message, status, retryAfterMs(headers) ?? SLOW_DOWN_WAIT_MS);
  }
  if (AUTH_CODES.has(error.name)) return new ProviderError('unauthorized', message, status);
  if (status >= 500) return new ProviderError('unavailable', message, status);
  return new ProviderError('rejected', message, status);
}
