import { Router, type Response } from 'express';
import type { OpenApiDocument } from './openapi';

/** Redoc's standalone bundle: one self-contained script, served from node_modules (no CDN). */
const redocBundle = require.resolve('redoc/bundles/redoc.standalone.js');

/**
 * The docs page's own CSP, in place of the API's `default-src 'none'`: its script and the
 * document from this origin only, no inline script (Redoc reads the document's URL from the
 * `spec-url` attribute). Redoc's styled-components write `<style>` elements ('unsafe-inline' for
 * styles only) and its search index runs in a worker it builds from a blob.
 */
const docsPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  'worker-src blob:',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Relative URLs: the page is /api/v1/docs, so it works under any prefix a proxy adds. */
const docsPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Flowgraph REST API v1</title>
  </head>
  <body>
    <redoc spec-url="openapi.json"></redoc>
    <script src="docs/redoc.standalone.js"></script>
  </body>
</html>
`;

const withDocsPolicy = (res: Response) => res.set('Content-Security-Policy', docsPolicy);

/**
 * What /api/v1 serves without credentials: `GET /openapi.json` (the document, serialized once at
 * start) and `GET /docs` (Redoc over it, working offline), with the script at `/docs/redoc.standalone.js`.
 * Other paths and methods fall through to the authenticated shim (404/405 in the envelope).
 */
export function apiReference(document: OpenApiDocument): Router {
  const json = JSON.stringify(document);
  const router = Router({ strict: true });
  router.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/json').send(json);
  });
  router.get('/docs', (_req, res) => {
    withDocsPolicy(res).set('Cache-Control', 'no-cache').type('html').send(docsPage);
  });
  router.get('/docs/redoc.standalone.js', (_req, res, next) => {
    res.sendFile(redocBundle, { maxAge: '1h' }, (error) => error && next(error));
  });
  return router;
}
