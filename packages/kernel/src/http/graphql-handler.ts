import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import getRawBody from 'raw-body';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors';
import { IdentityError, verifyIdentity, type Identity } from '../identity';

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  identitySecret: string;
  logger: Logger;
  /** Largest accepted body, in bytes or as `1mb`. */
  bodyLimit: string | number;
  /** Builds the request's context once its identity is verified. */
  context: (identity: Identity) => Promise<TContext>;
}

/**
 * `/graphql` on plain Node http: read the body (bounded), check the gateway's signature over
 * method, target and those very bytes, parse, hand to Apollo Server, write its answer. The same
 * steps the Express stack took (`express.json`, the identity guard, `expressMiddleware`) without
 * the router, content negotiation and ETag hashing each request paid for (decision 0026).
 */
export function graphqlHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>) {
  const { apollo, identitySecret, logger } = options;
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      const read = await readBody(req, options.bodyLimit);
      if (read === 'too large') return answer(res, 413, 'Request body too large', ErrorCode.VALIDATION_ERROR);
      let identity: Identity;
      try {
        identity = verifyIdentity(req.headers, identitySecret, { method: req.method ?? 'POST', target: req.url ?? '/', body: read?.bytes });
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        logger.warn({ reason: error.message, ip: req.socket.remoteAddress }, 'rejected unsigned request');
        return answer(res, 401, 'Requests must come through the gateway', ErrorCode.UNAUTHENTICATED);
      }
      if (read?.malformed) return answer(res, 400, 'Malformed JSON', ErrorCode.VALIDATION_ERROR);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = req.url ?? '';
      const query = url.indexOf('?');
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: query < 0 ? '' : url.slice(query), body: read?.body },
        context: () => options.context(identity),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.setHeader('content-length', Buffer.byteLength(response.body.string));
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      logger.error({ err: error }, 'graphql request failed outside Apollo Server');
      if (!res.headersSent) answer(res, 500, 'Internal server error', ErrorCode.INTERNAL);
      else res.destroy();
    }
  };
}

type ReadBody = { bytes?: Buffer; body?: unknown; malformed?: true } | 'too large' | undefined;

/**
 * The JSON body and its bytes, as `express.json` read them: only for a JSON content type (else no
 * body, which Apollo Server refuses with its own message), and only an object or array at the top.
 */
async function readBody(req: http.IncomingMessage, limit: string | number): Promise<ReadBody> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    req.resume();
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = await getRawBody(req, { limit, length: req.headers['content-length'] });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') return 'too large';
    throw error;
  }
  if (bytes.length === 0) return { body: {} };
  const text = bytes.toString('utf8');
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') return { bytes, malformed: true };
  try {
    return { bytes, body: JSON.parse(text) as unknown };
  } catch {
    return { bytes, malformed: true };
  }
}

function answer(res: http.ServerResponse, status: number, message: string, code: ErrorCode): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
