import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { exportSubjectRows, type SubjectStatements } from '../db/subject-statements';
import type { Logger } from '../logger';
import { internalRoute } from './internal-route';

type ExportRequest = { userId: string; email: string; organizationIds: string[] };
type EraseRequest =
  { kind: 'user'; userId: string; email: string; organizationIds: string[]; pseudonym: string } | { kind: 'organization'; orgId: string };

export interface SubjectRoutesOptions {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
  /** The subgraph's name in the archive (`workflow`). */
  subgraph: string;
  statements: SubjectStatements;
  /** `<schema>` whose erasure functions (kernel subjectErasureMigration) the erase route calls. */
  schema: string;
  /** The contract's paths and schemas (packages/contracts data-subject). */
  contract: {
    exportPath: string;
    erasePath: string;
    exportRequest: z.ZodType<ExportRequest>;
    eraseRequest: z.ZodType<EraseRequest>;
  };
}

/**
 * A subgraph's two data-subject routes (see packages/contracts data-subject): export gathers the
 * user's rows per organization under its row-level security; erase calls the schema's erasure
 * function for the user or the organization (one transaction). Only signed `service` callers.
 */
export function subjectRoutes(options: SubjectRoutesOptions) {
  const root = () => options.orm.em.fork() as EntityManager;
  const common = {
    method: 'POST' as const,
    identitySecret: options.identitySecret,
    logger: options.logger,
    unsigned: 'A signed service identity is required',
    refuse: (identity: { authMethod: string }) => (identity.authMethod === 'service' ? null : 'A signed service identity is required'),
  };
  const exportRoute = internalRoute({
    ...common,
    path: options.contract.exportPath,
    input: options.contract.exportRequest,
    bodyLimit: '1mb',
    handle: async ({ input }) => ({
      subgraph: options.subgraph,
      tables: await exportSubjectRows(root(), options.statements.exportUser, input),
    }),
  });
  const eraseRoute = internalRoute({
    ...common,
    path: options.contract.erasePath,
    input: options.contract.eraseRequest,
    bodyLimit: '1mb',
    handle: async ({ input }) => {
      const [answer] =
        input.kind === 'organization'
          ? await root().execute<{ rows: Record<string, number> }[]>(`select ${options.schema}.erase_subject_organization(?) as rows`, [
              input.orgId,
            ])
          : await root().execute<{ rows: Record<string, number> }[]>(`select ${options.schema}.erase_subject_user(?, ?, ?) as rows`, [
              input.userId,
              input.email,
              input.pseudonym,
            ]);
      return { subgraph: options.subgraph, rows: answer.rows };
    },
  });
  return (app: Parameters<ReturnType<typeof internalRoute>>[0]) => {
    exportRoute(app);
    eraseRoute(app);
  };
}
