import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Paths of the API, never answered with the app's page. */
const API_PATHS = /^\/(graphql|api|oauth|webhooks|healthz|readyz)(\/|$)/;

/**
 * The browser app's policy: its own scripts only (no inline script, no CDN), the graph and its
 * WebSocket on this origin, inline style attributes (the workflow canvas positions nodes with
 * them), no framing. Replaces the API's `default-src 'none'` on the app's responses only.
 */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A browser's page load, not an API call: GET or HEAD off the API's paths that prefers HTML to
 * JSON (a REST client's `*\/*` prefers JSON, so the legacy unprefixed REST paths still redirect).
 */
function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !API_PATHS.test(req.path) && req.accepts(['json', 'html']) === 'html';
}

/**
 * Serves the built web app (`web/dist`): hashed assets cached for a year, every page load
 * answered with `index.html` (the app routes in the browser), compressed, under the app's CSP.
 * Mount before the legacy REST redirects. No handler when the folder holds no build, so the
 * gateway runs without one.
 */
export function webApp(dir: string | undefined): RequestHandler | undefined {
  if (!dir || !existsSync(join(dir, 'index.html'))) return undefined;
  const index = join(dir, 'index.html');
  const appHeaders = (res: Response) => res.setHeader('Content-Security-Policy', APP_CSP);
  const assets = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders(res, path) {
      appHeaders(res);
      // Vite names every asset by its content: a new build is new URLs.
      res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) return next('router'); // a missing asset: 404, not the page
    appHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  const router = express.Router();
  router.use((req: Request, _res: Response, next: NextFunction) => {
    const isAsset = (req.method === 'GET' || req.method === 'HEAD') && req.path.startsWith('/assets/');
    if (isAsset || wantsPage(req)) next();
    else next('router');
  });
  router.use(compression(), assets, page);
  return router;
}
