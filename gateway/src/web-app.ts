import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Paths of the API, and of built files (a missing one is 404), never answered with the app's page. */
const NOT_PAGES = /^\/(graphql|api|oauth|webhooks|healthz|readyz|assets)(\/|$)/;

/**
 * The browser app's policy: its own scripts only (no inline script, no CDN), the graph and its
 * WebSocket on this origin, inline style attributes (the workflow canvas positions nodes with
 * them; the API explorer's editor writes style elements), no framing. Workers fall back to
 * `script-src 'self'`: the explorer's editor workers are built files of this origin. Replaces
 * the API's `default-src 'none'` on the app's responses only.
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

/** Prefers HTML to JSON: a browser's navigation, not an API client (a REST client's `*\/*` prefers JSON). */
const prefersHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';

/**
 * A browser's page load, not an API call: GET or HEAD off the API's and assets' paths that prefers HTML to
 * JSON (a REST client's `*\/*` prefers JSON, so the legacy unprefixed REST paths still redirect).
 */
function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !NOT_PAGES.test(req.path) && prefersHtml(req);
}

/**
 * Serves the built web app (`web/dist`): hashed assets cached for a year, every page load
 * answered with `index.html` (the app routes in the browser), compressed, under the app's CSP.
 * `/explorer` is the API explorer (`explorer.html`, GraphiQL as the signed-in user), and a
 * browser opening the graph's URL (GET `/graphql` preferring HTML) is sent there: Apollo's
 * landing page is off. Mount before `/graphql` and the legacy REST redirects. No handler when
 * the folder holds no build, so the gateway runs without one.
 */
export function webApp(dir: string | undefined): RequestHandler | undefined {
  if (!dir || !existsSync(join(dir, 'index.html'))) return undefined;
  const index = join(dir, 'index.html');
  const explorer = existsSync(join(dir, 'explorer.html')) ? join(dir, 'explorer.html') : undefined;
  const appHeaders = (res: Response) => res.setHeader('Content-Security-Policy', APP_CSP);
  const assets = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders(res, path) {
      appHeaders(res);
      // Vite names every asset by its content: a new build is new URLs.
      res.setHeader('Cache-Control', path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) return next('router'); // a missing asset: 404, not the page
    const isExplorer = req.path === '/explorer';
    if (isExplorer && !explorer) return next('router'); // a build without it: 404, not the app in a loop
    appHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(isExplorer ? explorer! : index);
  };
  const router = express.Router();
  if (explorer) router.get('/graphql', (req, res, next) => (prefersHtml(req) ? res.redirect(302, '/explorer') : next('router')));
  router.use((req: Request, _res: Response, next: NextFunction) => {
    const isAsset = (req.method === 'GET' || req.method === 'HEAD') && req.path.startsWith('/assets/');
    if (isAsset || wantsPage(req)) next();
    else next('router');
  });
  router.use(compression(), assets, page);
  return router;
}
