import { randomUUID } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ErrorCode, IdentityError, httpStatusOf, inScopedTransaction, sendUnexpectedError, verifyRequestIdentity, type Identity, type Logger } from '@flowgraph/kernel';
import { activityRangeSchema } from './activity-range';
import { ActivityRepository } from './activity.repository';

export const INTERNAL_ACTIVITY_PATH = '/internal/activity';

export interface ActivityRouteOptions {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
}

function sendError(res: Response, code: ErrorCode, message: string, requestId: string, details?: unknown): void {
  res.status(httpStatusOf[code]).json({ error: { code, message, ...(details ? { details } : {}), request_id: requestId } });
}

/**
 * `GET /internal/activity?from=YYYY-MM-DD&to=YYYY-MM-DD` for Analytics' daily aggregates: the
 * organization's workflow activity per UTC day of the range (at most 366 days) and each workflow
 * owner's first workflow and first successful run. 200 `{ from, to, days: [...], users: [...] }`
 * (see activity.repository.ts); 400 VALIDATION_ERROR with details; 401 unless the call carries a
 * signed `service` identity acting in an organization, whose rows alone it reads (RLS applies).
 */
export function activityRoute(options: ActivityRouteOptions) {
  return (app: Express): void => {
    app.get(INTERNAL_ACTIVITY_PATH, async (req: Request, res: Response) => {
      let identity: Identity;
      try {
        identity = verifyRequestIdentity(req, options.identitySecret);
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        options.logger.warn({ reason: error.message, ip: req.ip }, 'rejected unsigned activity call');
        sendError(res, ErrorCode.UNAUTHENTICATED, 'A signed service identity is required', randomUUID());
        return;
      }
      const requestId = identity.requestId;
      const orgId = identity.orgId;
      if (identity.authMethod !== 'service' || !orgId) {
        sendError(res, ErrorCode.UNAUTHENTICATED, 'A signed service identity acting in an organization is required', requestId);
        return;
      }
      const range = activityRangeSchema.safeParse({ from: req.query.from, to: req.query.to });
      if (!range.success) {
        const details = range.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        sendError(res, ErrorCode.VALIDATION_ERROR, 'Invalid input', requestId, details);
        return;
      }
      try {
        const root = options.orm.em as EntityManager;
        const body = await inScopedTransaction(root, { orgId }, async (em) => {
          const activity = new ActivityRepository(em);
          return { ...range.data, days: await activity.days(orgId, range.data), users: await activity.milestones(orgId) };
        });
        res.json(body);
      } catch (error) {
        sendUnexpectedError(res, error, requestId, options.logger, 'activity report failed');
      }
    });
  };
}
