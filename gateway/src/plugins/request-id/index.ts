import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';

export interface RequestIdOptions {
  /** Header read from the caller and written on the response. Default: `x-request-id`. */
  header?: string;
  /**
   * Incoming ids that match are honoured (so a caller's or a proxy's id links the logs);
   * anything else is replaced, since the id ends up in logs and headers.
   * Default: 1 to 64 of `A-Z a-z 0-9 . _ -`.
   */
  accept?: RegExp;
  /** Makes a new id. Default: `crypto.randomUUID`. */
  generate?: () => string;
}

const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Express middleware: settles the request id (`res.locals.requestId`) before anything else runs
 * and returns it in the response header, also on 401s and errors.
 */
export function requestId(options: RequestIdOptions = {}) {
  const header = options.header ?? 'x-request-id';
  const accept = options.accept ?? SANE_ID;
  const generate = options.generate ?? randomUUID;
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.headers[header];
    const id = typeof incoming === 'string' && accept.test(incoming) ? incoming : generate();
    res.locals.requestId = id;
    res.setHeader(header, id);
    next();
  };
}

/**
 * Apollo plugin: stamps `request_id` on every error the gateway itself raises, so the error
 * formatter passes it on. Subgraph errors already carry the same id (it travels in the identity).
 */
export function requestIdOnErrors<TContext extends { requestId: string }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            // The gateway's own errors about subgraph responses can arrive without extensions.
            const target = error as { extensions?: Record<string, unknown> };
            target.extensions ??= {};
            target.extensions.request_id ??= contextValue.requestId;
          }
        },
      };
    },
  };
}
