import type { Federation } from './federation-kit';

/** A parsed server-sent event. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * Opens a GraphQL event stream on the gateway's `/graphql/stream` and parses its events as they
 * come; `ended` settles when the server ends the response (or the client aborts it).
 */
export async function openStream(
  federation: Federation,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; query: string },
) {
  const abort = new AbortController();
  const method = init.method ?? 'POST';
  const streamUrl = `${federation.gateway.url}/stream`;
  const url = method === 'GET' ? `${streamUrl}?query=${encodeURIComponent(init.query)}` : streamUrl;
  const response = await fetch(url, {
    method,
    headers: { accept: 'text/event-stream', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: method === 'POST' ? JSON.stringify({ query: init.query }) : undefined,
    signal: abort.signal,
  });
  const events: StreamEvent[] = [];
  let ended: Promise<void> = Promise.resolve();
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    ended = (async () => {
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += Buffer.from(chunk).toString('utf8');
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event) events.push({ event, data: data ? JSON.parse(data) : null });
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return { response, events, ended, close: () => abort.abort() };
}
