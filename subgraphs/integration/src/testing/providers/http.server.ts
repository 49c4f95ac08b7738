import type { Request, Response } from 'express';
import { startProviderServer, type ProviderServer } from './provider-server';

export interface HttpTargetServerOptions {
  /** The Authorization value `/protected` accepts; anything else answers 401. */
  authorization: string;
}

export interface HttpTargetServer extends ProviderServer {
  /** Makes the next `count` requests answer 429 with `Retry-After: seconds`. */
  rateLimitNext(count: number, seconds: number): void;
}

/**
 * A plain web API for the generic HTTP connector: `/echo` (any method) answers JSON describing
 * the request, `/text` answers text, `/missing` a JSON 404, `/protected` checks Authorization;
 * 429 with Retry-After when rate limited. It sets a cookie so tests can see it is not passed on.
 */
export async function startHttpTargetServer(options: HttpTargetServerOptions): Promise<HttpTargetServer> {
  let limited = { count: 0, seconds: 1 };
  const server = await startProviderServer((app) => {
    app.use((_req, res: Response, next) => {
      if (limited.count === 0) return next();
      limited.count -= 1;
      res.status(429).setHeader('retry-after', String(limited.seconds));
      res.json({ error: 'rate limited' });
    });
    app.all('/echo', (req: Request, res: Response) => {
      res.setHeader('etag', '"echo-1"');
      res.setHeader('set-cookie', 'session=secret; HttpOnly');
      res.status(req.method === 'POST' ? 201 : 200).json({ method: req.method, query: req.query, bytes: (req.body as Buffer).length });
    });
    app.get('/text', (_req, res: Response) => void res.type('text/plain').send('plain answer'));
    app.get('/missing', (_req, res: Response) => void res.status(404).json({ error: { message: 'no such thing' } }));
    app.get('/protected', (req: Request, res: Response) => {
      if (req.headers.authorization !== options.authorization) return void res.status(401).json({ message: 'bad credentials' });
      res.json({ ok: true });
    });
  });
  return {
    ...server,
    rateLimitNext(count, seconds) {
      limited = { count, seconds };
    },
  };
}
