import { z } from 'zod';
import { defineAction, type ActionCall, type Connector } from '../connector';
import { ProviderError } from '../provider-errors';
import type { ProviderRequest, ProviderResponse } from '../provider-http';

/** The optional secret a connected HTTP integration holds: an Authorization header value. */
const httpSecret = z.object({ authorization: z.string().min(1).max(8_192).optional() });

const url = z
  .string()
  .url()
  .refine((text) => /^https?:\/\//i.test(text), 'an http or https URL');
const headers = z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name'), z.string().max(8_192));

/** Answer headers worth passing on; cookies and the rest stay out of step outputs. */
const KEPT_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified', 'location', 'cache-control', 'retry-after'];

/**
 * Sends one request through the guarded client. The integration's Authorization value wins over
 * one given in the input, and every attempt carries `Idempotency-Key: <executionId>:<stepId>`, so a
 * server that honours it performs the side effect once however often the step is retried.
 */
async function send(
  call: ActionCall<unknown>,
  request: { method: ProviderRequest['method']; url: string; headers?: Record<string, string>; body?: unknown },
): Promise<ProviderResponse> {
  const parsed = httpSecret.safeParse(call.credentials.kind === 'api_key' ? call.credentials.values : {});
  if (!parsed.success) throw new ProviderError('unauthorized', 'The HTTP integration holds a malformed Authorization value');
  const secret = parsed.data;
  const target = new URL(request.url);
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'idempotency-key' || (lower === 'authorization' && secret.authorization)) continue;
    sent[lower] = value;
  }
  sent['idempotency-key'] = call.idempotencyKey;
  if (secret.authorization) sent.authorization = secret.authorization;
  const carriesBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  return call.http.request(
    {
      endpoint: target.origin,
      method: request.method,
      path: target.pathname + target.search,
      headers: sent,
      ...(carriesBody ? (typeof request.body === 'string' ? { body: request.body } : { json: request.body }) : {}),
    },
    call.signal,
  );
}

const keptHeaders = (answer: Headers): Record<string, string> =>
  Object.fromEntries(KEPT_HEADERS.flatMap((name) => (answer.get(name) === null ? [] : [[name, answer.get(name)!]])));

const request = defineAction({
  description: 'Sends an HTTP request (JSON or text body) and returns the status, main headers and body.',
  input: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
    url,
    headers: headers.optional(),
    /** A string is sent as it is; any other value as JSON. */
    body: z.unknown().optional(),
  }),
  output: z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.unknown() }),
  // POST and PATCH are not safe to repeat (the ledger runs them once per key); GET, HEAD, PUT and
  // DELETE are, by HTTP's definition. The Idempotency-Key header covers servers that honour it.
  idempotent: false,
  isIdempotent: (input) => ['GET', 'HEAD', 'PUT', 'DELETE'].includes(input.method),
  async run(call) {
    const answer = await send(call, call.input);
    const body = answer.json !== undefined ? answer.json : answer.bytes.toString('utf8');
    return { status: answer.status, headers: keptHeaders(answer.headers), body };
  },
});

const getJson = defineAction({
  description: 'GETs a URL that must answer JSON, and returns the parsed body.',
  input: z.object({ url, headers: headers.optional() }),
  output: z.object({ status: z.number().int(), body: z.unknown() }),
  idempotent: true,
  async run(call) {
    const answer = await send(call, { method: 'GET', url: call.input.url, headers: { accept: 'application/json', ...call.input.headers } });
    if (answer.json === undefined)
      throw new ProviderError('rejected', `${new URL(call.input.url).host} answered ${answer.status} without a JSON body`, answer.status);
    return { status: answer.status, body: answer.json };
  },
});

/** `{ message }`, `{ error: "…" }` or `{ error: { message } }`: the shapes most JSON APIs answer errors with. */
function errorMessage(body: unknown): string | undefined {
  const shaped = z
    .object({ message: z.string().optional(), error: z.union([z.string(), z.object({ message: z.string() })]).optional() })
    .safeParse(body);
  if (!shaped.success) return undefined;
  const { message, error } = shaped.data;
  return message ?? (typeof error === 'string' ? error : error?.message);
}

export const httpConnector: Connector = {
  id: 'http',
  displayName: 'HTTP',
  auth: { kind: 'api_key', fieldNames: ['authorization'], fields: httpSecret as z.ZodType<Record<string, string>> },
  // No base URL: every action names its own.
  endpoints: {},
  actions: { request, get_json: getJson },
  callsUserUrls: true,
  // Senders sign with the generic scheme (X-Flowgraph-Signature) and name their own event types.
  webhooks: { scheme: 'generic', eventTypes: 'any' },
  errorMessage,
  // Arbitrary hosts publish no limit; ten a second per integration keeps us a polite client.
  rateLimit: { requests: 10, perSeconds: 1 },
  async healthCheck() {
    // Nothing to check: there is no fixed endpoint, and the Authorization value is opaque.
  },
};
