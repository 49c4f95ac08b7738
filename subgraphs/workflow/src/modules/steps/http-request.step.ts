import { Agent, fetch, type Dispatcher } from 'undici';
import { addressRefusalIn, causeOf, isUnavailable, isUnreachableStatus, type AddressPolicy } from '@flowgraph/kernel';
import { stepConfigSchemas } from '../definitions/definition';
import { resolveTemplate } from './jsonata-expression';
import { parseConfig } from './step-config';
import { DependencyUnavailableError, DoNotRetryError } from './step.errors';
import type { StepContext, StepResult, StepRunner } from './step-runner';

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpRequestStepOptions {
  policy: AddressPolicy;
  /** Larger responses fail the step. Default: 1 MiB. */
  maxResponseBytes?: number;
}

/** Statuses worth another attempt: timeouts, rate limits and server errors. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

async function readCapped(body: AsyncIterable<Uint8Array> | null, cap: number): Promise<string> {
  if (!body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > cap) throw new DoNotRetryError(`Response larger than ${cap} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A refused address fails the step for good; anything else is thrown as it was. */
function refusedOrSame(error: unknown): unknown {
  const refusal = addressRefusalIn(error);
  return refusal ? new DoNotRetryError(refusal.message) : error;
}

/**
 * Calls a URL. Every attempt carries `Idempotency-Key: <executionId>:<stepId>`, so a server that
 * honours it performs the side effect once however often the step is retried or resumed.
 * Redirects are not followed (a redirect could point at a refused address); 3xx is an output.
 */
export function createHttpRequestStep(options: HttpRequestStepOptions): StepRunner & { close(): Promise<void> } {
  const cap = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const dispatcher: Dispatcher = new Agent({ connect: { lookup: options.policy.lookup as never } });
  return {
    close: () => dispatcher.close(),
    async run({ step, data, idempotencyKey, signal }: StepContext): Promise<StepResult> {
      const config = parseConfig('http_request', stepConfigSchemas.http_request, step.config);
      const urlText = String(await resolveTemplate(config.url, data));
      let url: URL;
      try {
        url = new URL(urlText);
      } catch {
        throw new DoNotRetryError(`Invalid URL: ${urlText}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DoNotRetryError(`Only http and https URLs are allowed`);
      try {
        options.policy.checkLiteral(url.hostname);
      } catch (error) {
        throw refusedOrSame(error);
      }
      const body = config.body === undefined ? undefined : await resolveTemplate(config.body, data);
      const headers: Record<string, string> = { ...config.headers, 'idempotency-key': idempotencyKey };
      if (body !== undefined && typeof body !== 'string') headers['content-type'] ??= 'application/json';
      const input = { method: config.method, url: url.toString(), headers: Object.keys(headers), body: body ?? null };
      const response = await fetch(url, {
        method: config.method,
        headers,
        body:
          body === undefined || config.method === 'GET' || config.method === 'HEAD'
            ? undefined
            : typeof body === 'string'
              ? body
              : JSON.stringify(body),
        redirect: 'manual',
        signal,
        dispatcher,
      }).catch((error: unknown) => {
        const refusal = addressRefusalIn(error);
        if (refusal) throw new DoNotRetryError(refusal.message);
        if (!signal.aborted && isUnavailable(error))
          throw new DependencyUnavailableError(url.host, `${url.host} unreachable (${causeOf(error)})`);
        throw error;
      });
      const text = await readCapped(response.body, cap);
      if (!response.ok && !(response.status >= 300 && response.status < 400)) {
        const message = `HTTP ${response.status} from ${url.host}`;
        if (isUnreachableStatus(response.status)) throw new DependencyUnavailableError(url.host, message);
        if (retryable(response.status)) throw new Error(message);
        throw new DoNotRetryError(message);
      }
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { input, output: { status: response.status, body: parsed as Record<string, unknown> } };
    },
  };
}
