import cors from 'cors';
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export interface HttpHardeningOptions {
  /**
   * Browser origins allowed to call the graph with credentials (exact match, no wildcard).
   * Default: `['http://localhost:5173']`, the web app's dev server.
   */
  corsOrigins?: string[];
  /** Production mode: strict CSP, introspection off and no schema hints in errors (unless overridden). Required. */
  production: boolean;
  /** Serve introspection. Default: on except in production. */
  introspection?: boolean;
  /** HSTS max-age in seconds. Default: 31 536 000 (one year), with includeSubDomains. */
  hstsMaxAgeSeconds?: number;
}

/** Headers a browser client may send: credentials, tracing, and the ones that pass CSRF prevention. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-request-id',
  'traceparent',
  'tracestate',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'if-none-match',
];
/** Response headers a browser client may read. */
const EXPOSED_HEADERS = ['x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after', 'etag'];

/**
 * The HTTP front: security headers (helmet; an API's CSP `default-src 'none'` in production,
 * none in development so Apollo's local landing page can load), CORS for an allow-list of
 * origins with credentials, and the Apollo Server options that close what a public graph should
 * not show: CSRF prevention (kept on), introspection and "Did you mean …" hints off in production.
 * The body limit stays with `express.json` (`BODY_LIMIT`).
 */
export function httpHardening(options: HttpHardeningOptions) {
  const origins = new Set(options.corsOrigins ?? ['http://localhost:5173']);
  if (origins.has('*')) throw new Error('CORS origins: "*" cannot be combined with credentials; list the origins');
  const middleware: RequestHandler[] = [
    helmet({
      contentSecurityPolicy: options.production
        ? { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } }
        : false,
      strictTransportSecurity: { maxAge: options.hstsMaxAgeSeconds ?? 31_536_000, includeSubDomains: true },
    }),
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && origins.has(origin)),
      credentials: true,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    }),
  ];
  return {
    middleware,
    apolloOptions: {
      // Apollo Server's default, stated so nobody turns it off by accident: GET and simple POSTs
      // need a header a cross-site form cannot send (content-type JSON, apollo-require-preflight…).
      csrfPrevention: true,
      introspection: options.introspection ?? !options.production,
      hideSchemaDetailsFromClientErrors: options.production,
    },
  };
}
