import cors from 'cors';
import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { BREAK, GraphQLError, type ValidationRule } from 'graphql';
import { ErrorCode } from '@flowgraph/kernel';

export interface HttpHardeningOptions {
  /**
   * Browser origins allowed to call the graph with credentials (exact match, no wildcard).
   * Default: `['http://localhost:5173']`, the web app's dev server.
   */
  corsOrigins?: string[];
  /** Production mode: introspection off and no schema hints in errors (unless overridden). Required. */
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

/** Refuses `__schema` and `__type` once per operation, naming neither the server library nor a switch. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
    context.reportError(new GraphQLError('Introspection is disabled', { nodes: [node] }));
    return BREAK;
  },
});

/**
 * Answers any path no route took with the REST error envelope and 404, instead of Express's HTML
 * page (which also names the framework). Mount after every route.
 */
function notFound(_req: Request, res: Response): void {
  res
    .status(404)
    .json({ error: { code: ErrorCode.NOT_FOUND, message: 'No such endpoint', details: [], request_id: res.locals.requestId as string } });
}

/** First in an `app.use(path, …)` mount, which also matches longer paths: those are unknown too. */
function exactPath(req: Request, res: Response, next: NextFunction): void {
  if (req.path === '/') return next();
  notFound(req, res);
}

/**
 * The HTTP front: security headers (helmet; an API's CSP `default-src 'none'` in every mode:
 * the pages served here set their own, and Apollo's landing page is off), CORS for an allow-list of
 * origins with credentials, and the Apollo Server options that close what a public graph should
 * not show: CSRF prevention (kept on), introspection and "Did you mean …" hints off in production.
 * Introspection is refused by a rule of ours: Apollo Server's message names the library and how
 * to switch introspection on. `notFound` ends the routes; `exactPath` keeps a mount from
 * serving paths below its own. The body limit stays with `express.json` (`BODY_LIMIT`).
 */
export function httpHardening(options: HttpHardeningOptions) {
  const origins = new Set(options.corsOrigins ?? ['http://localhost:5173']);
  if (origins.has('*')) throw new Error('CORS origins: "*" cannot be combined with credentials; list the origins');
  const middleware: RequestHandler[] = [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
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
  const introspection = options.introspection ?? !options.production;
  const validationRules: ValidationRule[] = introspection ? [] : [noIntrospection];
  return {
    middleware,
    notFound,
    exactPath,
    /** Spread into ApolloServer's `validationRules` (with any others). */
    validationRules,
    apolloOptions: {
      // Apollo Server's default, stated so nobody turns it off by accident: GET and simple POSTs
      // need a header a cross-site form cannot send (content-type JSON, apollo-require-preflight…).
      csrfPrevention: true,
      // Refused by `validationRules` above instead, with a neutral message.
      introspection: true,
      hideSchemaDetailsFromClientErrors: options.production,
    },
  };
}
