import type { ServerResponse } from 'node:http';
import { startTestHttpServer } from './test-http-server';

/**
 * The outside world of a three-step workflow (first → second → third, each an http_request)
 * whose second step can be held in flight: while `holding`, /hold requests get no answer, so a
 * worker is inside that step when the test kills or stops it.
 */
export async function startHeldStepServer() {
  const held: ServerResponse[] = [];
  const web = await startTestHttpServer((req, res) => {
    if (req.url?.startsWith('/hold') && state.holding) return void held.push(res);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url }));
  });
  const state = {
    holding: true,
    /** Requests seen so far, with their Idempotency-Key. */
    seen: web.seen,
    /** first → second (held while `holding`) → third. */
    definition: () => ({
      steps: [
        { id: 'first', type: 'http_request', config: { url: `${web.url}/first`, method: 'POST' } },
        { id: 'second', type: 'http_request', config: { url: `${web.url}/hold/second`, method: 'POST' } },
        { id: 'third', type: 'http_request', config: { url: `${web.url}/third`, method: 'POST' } },
      ],
      edges: [
        { from: 'first', to: 'second' },
        { from: 'second', to: 'third' },
      ],
    }),
    /** The Idempotency-Keys sent to `path`, in order. */
    keysSeen: (path: string) => web.seen.filter((s) => s.path === path).map((s) => s.idempotencyKey),
    /** Answers the held requests (200) and holds no more. */
    release() {
      state.holding = false;
      for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    },
    /** Drops the held requests unanswered (between tests). */
    dropHeld() {
      for (const res of held.splice(0)) res.destroy();
    },
    close: web.close,
  };
  return state;
}

export type HeldStepServer = Awaited<ReturnType<typeof startHeldStepServer>>;
