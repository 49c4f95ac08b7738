/**
 * A stand-in for the gateway, for rendering pages with the real SessionProvider. The provider
 * builds its urql client with session/client.ts's createGraphClient; a test file replaces that
 * module with `graphClientModule`:
 *
 *   vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);
 *
 * The client it makes sends each operation to the handler named like the operation (set with
 * `answer`), through urql's own fetchExchange (after the app's consent exchange), and records
 * every call in `calls`.
 */
import { Client, fetchExchange } from 'urql';
import { consentExchange } from '../../src/session/consent-exchange';

export interface GraphCall {
  operationName: string;
  variables: Record<string, unknown>;
}
type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
export type Handler = (variables: Record<string, unknown>) => Answer | Promise<Answer>;

let handlers: Record<string, Handler> = {};
export const calls: GraphCall[] = [];

/** Replaces the handlers and forgets earlier calls. */
export function answer(next: Record<string, Handler>): void {
  handlers = next;
  calls.length = 0;
}

/** A GraphQL error as the gateway formats it. */
export function graphError(message: string, code: string, details?: { field: string; message: string }[]): Answer {
  return { errors: [{ message, extensions: { code, request_id: 'req-test', ...(details ? { details } : {}) } }] };
}

export const callsOf = (operationName: string) => calls.filter((call) => call.operationName === operationName);

/** urql sends queries as GET (in the URL) and mutations as POST (in the body). */
function operationOf(url: RequestInfo | URL, init?: RequestInit): GraphCall {
  if (init?.body) {
    const body = JSON.parse(String(init.body)) as { operationName: string; variables?: Record<string, unknown> };
    return { operationName: body.operationName, variables: body.variables ?? {} };
  }
  const params = new URL(String(url)).searchParams;
  return {
    operationName: params.get('operationName') ?? '',
    variables: JSON.parse(params.get('variables') ?? '{}') as Record<string, unknown>,
  };
}

async function gateway(url: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const call = operationOf(url, init);
  calls.push(call);
  const handler = handlers[call.operationName];
  const result = handler ? await handler(call.variables) : { errors: [{ message: `No handler for ${call.operationName}` }] };
  return new Response(JSON.stringify(result), { status: 200, headers: { 'content-type': 'application/json' } });
}

export const graphClientModule = {
  // The app's own consent exchange stays in: CONSENT_REQUIRED reaches the SessionProvider as in the app.
  createGraphClient: (_store: unknown, options: { onConsentRequired?: () => void } = {}) => ({
    client: new Client({
      url: 'http://flowgraph.test/graphql',
      exchanges: [consentExchange(() => options.onConsentRequired?.()), fetchExchange],
      fetch: gateway,
    }),
    ws: { dispose() {} },
  }),
};
