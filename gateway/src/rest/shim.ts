import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { ErrorCode, sendUnexpectedError, type FieldError, type Logger } from '@flowgraph/kernel';
import type { GraphQLSchema } from 'graphql';
import type { ZodError, ZodType } from 'zod';
import type { GatewayContext } from '../context';
import { CREDENTIAL_HEADERS, etagMatches } from '../plugins/response-cache';
import {
  TrustedDocumentRefusal,
  type ClientIdentity,
  type OperationParams,
  type trustedDocumentResolver,
} from '../plugins/trusted-documents';
import { envelopeOf, sendRestError } from './envelope';
import { persistedDocuments } from './generated/documents';
import { answerShape, toRest, type Shape } from './operation-shape';
import type { RestRoute, RouteInput } from './routes';

export interface RestShimOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The same context /graphql builds for a request (identity, request id, logger). */
  contextOf(res: Response): GatewayContext;
  routes: RestRoute[];
  /** The public API schema: what the routes' answers are shaped by. */
  apiSchema: GraphQLSchema;
  /** The gateway's trusted-document resolution: a route's operation is resolved by id like any client's. */
  resolveDocument: ReturnType<typeof trustedDocumentResolver>;
  logger: Logger;
}

function detailsOf(error: ZodError, prefix: string): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: [prefix, ...issue.path.map(String), key].join('.'), message: 'Unknown field' }))
      : [{ field: [prefix, ...issue.path.map(String)].join('.'), message: issue.message }],
  );
}

/**
 * The REST shim's two ends, mounted on /api/v1 around the gateway's shared middleware:
 * `prepare` matches a route, validates its input and turns the request into the GraphQL request
 * of its operation; `execute` resolves it by `documentId` (trusted documents, like any client's)
 * and runs it through Apollo Server's own pipeline and answers in REST: the envelope on
 * errors (a partial result is an error), cursor pages with `next_cursor` and `Link`, `ETag` and
 * `304` on GET. Unknown paths are 404 and known paths with another method 405.
 */
export function restShim(options: RestShimOptions): { prepare: Router; execute: RequestHandler } {
  // Each route's answer, shaped by its operation's selections over the schema (checked at start).
  const answerShapes = new Map<RestRoute, Shape>(
    options.routes.map((route) => [route, answerShape(options.apiSchema, persistedDocuments[route.operation].body, route.result)]),
  );
  const prepare = Router({ strict: true });
  for (const route of options.routes) {
    prepare[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](
      route.path,
      (req: Request, res: Response, next: NextFunction) => {
        // An empty body (`content-length: 0`) is no body; any other must be JSON.
        const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
        if (route.body && hasBody && !req.is('application/json'))
          return sendRestError(res, ErrorCode.VALIDATION_ERROR, 'Content-Type must be application/json', [], 415);
        const input: RouteInput = { params: {}, query: {}, headers: {}, body: undefined };
        const problems: FieldError[] = [];
        const check = (schema: ZodType | undefined, value: unknown, where: keyof RouteInput) => {
          if (!schema) return;
          const parsed = schema.safeParse(value ?? {});
          if (parsed.success) (input as unknown as Record<string, unknown>)[where] = parsed.data;
          else problems.push(...detailsOf(parsed.error, where));
        };
        check(route.params, req.params, 'params');
        check(route.query, req.query, 'query');
        check(route.headers, req.headers, 'headers');
        check(route.body, req.body, 'body');
        if (problems.length > 0) return sendRestError(res, ErrorCode.VALIDATION_ERROR, 'Invalid request', problems);
        res.locals.restRoute = route;
        res.locals.restOperation = {
          documentId: `sha256:${persistedDocuments[route.operation].id}`,
          operationName: route.operation,
          variables: route.variables(input),
        } satisfies OperationParams;
        next('router'); // on to `execute`
      },
    );
  }
  // A path the table has, with a method it has not: 405 naming the methods it has (matched by Express, as the routes are).
  for (const path of new Set(options.routes.map((route) => route.path))) {
    const allow = options.routes
      .filter((route) => route.path === path)
      .map((route) => route.method)
      .join(', ');
    prepare.all(path, (req: Request, res: Response) => {
      res.set('Allow', allow);
      sendRestError(res, ErrorCode.VALIDATION_ERROR, `Method ${req.method} is not allowed here`, [], 405);
    });
  }
  prepare.use((_req: Request, res: Response) => sendRestError(res, ErrorCode.NOT_FOUND, 'No such endpoint'));

  const execute: RequestHandler = async (req, res) => {
    const route = res.locals.restRoute as RestRoute;
    const requestId = res.locals.requestId as string;
    try {
      // By id, as any client's: a key bound to another client is refused here (403).
      const operation = options.resolveDocument(
        res.locals.restOperation as OperationParams,
        res.locals.identity as ClientIdentity,
        requestId,
      );
      if (operation instanceof TrustedDocumentRefusal) return sendRestError(res, operation.code, operation.message);
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      headers.set('content-type', 'application/json');
      const answer: RestAnswer = {};
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: '', body: operation },
        context: async () => Object.assign(options.contextOf(res), { restAnswer: answer }),
      });
      if (response.body.kind !== 'complete') throw new Error('REST operations do not stream');
      for (const [name, value] of response.headers) if (name !== 'content-type' && name !== 'content-length') res.set(name, value);
      // The result as Apollo answered it, without parsing its serialisation back (what Apollo
      // refuses before any plugin runs, a malformed request, has only the serialisation).
      const result = (answer.response?.body.kind === 'single' ? answer.response.body.singleResult : JSON.parse(response.body.string)) as {
        data?: Record<string, unknown> | null;
        errors?: Parameters<typeof envelopeOf>[0][];
      };
      if (result.errors?.length) {
        const { status, body } = envelopeOf(result.errors[0], requestId);
        const retryAfter = result.errors[0].extensions?.retryAfter;
        if (retryAfter !== undefined && !res.get('retry-after')) res.set('Retry-After', String(retryAfter));
        return res.status(status).json(body);
      }
      const at = valueAt(result.data, route.result.path);
      if (at === null || at === undefined) return sendRestError(res, ErrorCode.NOT_FOUND, 'Not found');
      const page = route.result.page ? (at as Connection) : undefined;
      const body = page
        ? {
            data: toRest(
              page.edges.map((edge) => edge.node),
              answerShapes.get(route)!,
            ),
            next_cursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
          }
        : { data: toRest(at, answerShapes.get(route)!) };
      if (page?.pageInfo.hasNextPage && page.pageInfo.endCursor) res.set('Link', `<${nextUrl(req, page.pageInfo.endCursor)}>; rel="next"`);
      const json = JSON.stringify(body);
      if (req.method === 'GET') {
        // HTTP caching of the answer sent: a weak ETag of its bytes, 304 for a match, Vary on the credentials.
        const etag = `W/"${createHash('sha256').update(json).digest('base64url')}"`;
        res.set({ ETag: etag, Vary: CREDENTIAL_HEADERS.join(', ') });
        const ifNoneMatch = req.headers['if-none-match'];
        if (ifNoneMatch && etagMatches(ifNoneMatch, etag)) return res.status(304).end();
      }
      res
        .status(route.status ?? 200)
        .type('application/json')
        .send(json);
    } catch (error) {
      sendUnexpectedError(res, error, requestId, options.logger, `REST ${route.method} ${route.path}`);
    }
  };
  return { prepare, execute };
}

/** This request's URL with `cursor` set to the next page's. */
function nextUrl(req: Request, cursor: string): string {
  const url = new URL(req.originalUrl, 'http://placeholder');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

interface Connection {
  edges: { node: unknown }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function valueAt(data: Record<string, unknown> | null | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at === null || at === undefined ? at : (at as Record<string, unknown>)[key]), data);
}

/** Where `restAnswers` leaves a REST request's GraphQL response for the shim. */
interface RestAnswer {
  response?: GraphQLResponse;
}

/**
 * Apollo Server plugin: hands a REST request's response to the shim as an object (a no-op for
 * every other request), so the shim reads the result without parsing Apollo's serialisation.
 */
export const restAnswers: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ contextValue }) {
    const answer = contextValue.restAnswer as RestAnswer | undefined;
    if (!answer) return;
    return {
      async willSendResponse({ response }) {
        answer.response = response;
      },
    };
  },
};
