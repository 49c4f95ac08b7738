import type { Request, Response } from 'express';
import { isDraining } from '../shutdown';
import { withTimeout } from '../timeouts';

export type ReadinessCheck = () => Promise<unknown>;

const CHECK_TIMEOUT_MS = 2000;

/** `/healthz`: the process is up. */
export function liveness(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}

/**
 * `/readyz`: every dependency answers; 503 names the ones that do not. A stopping process answers
 * 503 `draining` at once, so load balancers stop sending it requests while it finishes the ones it has.
 */
export function readiness(checks: Record<string, ReadinessCheck>) {
  return async (_req: Request, res: Response): Promise<void> => {
    if (isDraining()) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS, 'readiness check');
          return [name, { status: 'ok' }] as const;
        } catch (error) {
          return [name, { status: 'down', error: (error as Error).message }] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r.status === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  };
}
