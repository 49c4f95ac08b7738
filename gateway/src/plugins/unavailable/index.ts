import type { Response } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode, UNAVAILABLE_RETRY_AFTER_SECONDS, unavailable } from '@flowgraph/kernel';

/**
 * Apollo plugin: a response whose every error is UNAVAILABLE (a subgraph, Postgres or Redis out
 * for now) answers HTTP 503 with `Retry-After`, so clients and proxies see a retryable outage
 * rather than a 200 with nulls. A response with any other error keeps its status.
 */
export function unavailableStatus<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === ErrorCode.UNAVAILABLE)) return;
          const retryAfter = Math.max(...errors.map((e) => Number(e.extensions?.retryAfter) || UNAVAILABLE_RETRY_AFTER_SECONDS));
          response.http.status = 503;
          response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}

/** Express: ends a request whose dependency failed before GraphQL ran (authentication), in the same shape. */
export function respondUnavailable(res: Response): void {
  const refusal = unavailable();
  res.setHeader('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  res
    .status(503)
    .json({ errors: [{ message: refusal.message, extensions: { ...refusal.extensions, request_id: res.locals.requestId as string } }] });
}
