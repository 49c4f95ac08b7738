import type { Request, Response } from 'express';
import { withTimeout } from '../timeouts';

export type ReadinessCheck = () => Promise<unknown>;

const CHECK_TIMEOUT_MS = 2000;

/** `/healthz`: the process is up. */
export function liveness(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}

/** `/readyz`: every dependency answers; 503 names the ones that do not. */
export function readiness(checks: Record<string, ReadinessCheck>) {
  return async (_req: Request, res: Response): Promise<void> => {
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
