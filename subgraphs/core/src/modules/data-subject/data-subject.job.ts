import type { EntityManager } from '@mikro-orm/postgresql';
import { auditStreamKey, bindNamed, exportSubjectRows, inScopedTransaction } from '@flowgraph/kernel';
import type { Logger, Redis } from '@flowgraph/kernel';
import { AuditRepository } from '../audit/audit.repository';
import { coreExportStatements } from './core-export.statements';
import { DataSubjectRepository, type DataSubjectRequest } from './data-subject.repository';
import { endAccess } from './end-access';
import { EXPORT_TTL_MS } from './export-link';
import { eraseFromRedis } from './redis-erasure';
import { SUBJECT_SUBGRAPHS, type SubjectClients } from './subject-clients';

export const DATA_SUBJECT_JOB = 'data-subject-request';
export const EXPORT_EXPIRY_JOB = 'data-export-expiry';

/** Job data carries the request's id only: the person's id and email stay in Postgres, never in Redis. */
export interface DataSubjectJobData {
  requestId: string;
}

export interface DataSubjectJobDeps {
  root: EntityManager;
  redis: Redis;
  redisPrefix: string;
  clients: SubjectClients;
  logger: Logger;
}

type Step = { name: string; run: () => Promise<void> };

/**
 * Runs one data-subject request as named steps, each idempotent and recorded when done, so a job
 * retried after a crash or a worker restart skips what is done and finishes the rest. Returns
 * when every step is done; throws (BullMQ retries) when one fails.
 */
export async function runDataSubjectRequest(deps: DataSubjectJobDeps, requestId: string): Promise<DataSubjectRequest | null> {
  const scope = await requestScope(deps.root, requestId);
  // A finished erasure no longer names its person, so it has no scope: nothing is left to do.
  if (!scope) return null;
  const inScope = <T>(work: (em: EntityManager, requests: DataSubjectRepository) => Promise<T>) =>
    inScopedTransaction(deps.root, scope, (em) => work(em, new DataSubjectRepository(em)));
  const request = await inScope((_em, requests) => requests.byId(requestId));
  if (!request) throw new Error(`data-subject request ${requestId} not found`);
  if (request.status === 'completed') return request;
  const steps = stepsOf(deps, request, inScope);
  for (const step of steps) {
    if (request.stepsDone.includes(step.name)) continue;
    await step.run();
    deps.logger.info({ request_id: requestId, kind: request.kind, step: step.name }, 'data-subject step done');
  }
  return (await inScope((_em, requests) => requests.byId(requestId))) ?? request;
}

type InScope = <T>(work: (em: EntityManager, requests: DataSubjectRepository) => Promise<T>) => Promise<T>;

async function requestScope(root: EntityManager, requestId: string): Promise<{ userId: string; orgId?: string } | null> {
  const [row] = await root
    .fork()
    .execute<{ userId: string | null; orgId: string | null }[]>(
      `select user_id as "userId", org_id as "orgId" from core.data_subject_request_scope(?)`,
      [requestId],
    );
  if (!row) throw new Error(`data-subject request ${requestId} not found`);
  return row.userId ? { userId: row.userId, orgId: row.orgId ?? undefined } : null;
}

function stepsOf(deps: DataSubjectJobDeps, request: DataSubjectRequest, inScope: InScope): Step[] {
  const done = (name: string) => inScope((_em, requests) => requests.stepDone(request.id, name));
  const step = (name: string, work: () => Promise<unknown>): Step => ({ name, run: async () => (await work(), await done(name)) });
  const userId = request.userId!;
  const email = request.email!;
  if (request.kind === 'export') {
    const organizationIds = request.plan.sharedOrganizations ?? [];
    return [
      {
        name: 'core',
        run: async () =>
          inScope(async (_em, requests) =>
            requests.addToArchive(request.id, 'core', { core: await exportCore(deps.root, userId, email, organizationIds) }),
          ),
      },
      ...SUBJECT_SUBGRAPHS.map((subgraph) => ({
        name: subgraph,
        run: async () => {
          const part = await deps.clients[subgraph].export({ kind: 'user', userId, email, organizationIds });
          await inScope((_em, requests) => requests.addToArchive(request.id, subgraph, { [subgraph]: part.tables }));
        },
      })),
      {
        name: 'finish',
        run: () =>
          inScope(async (em, requests) => {
            await requests.finish(request.id, { archiveExpiresAt: new Date(Date.now() + EXPORT_TTL_MS) });
            await completedEntry(em, request, userId);
          }),
      },
    ];
  }
  const sole = request.plan.soleOrganizations ?? [];
  const shared = request.plan.sharedOrganizations ?? [];
  if (request.kind === 'organization_erasure') {
    const orgId = request.orgId!;
    return [
      step('access', () => endAccessStep(deps, { org: orgId })),
      ...SUBJECT_SUBGRAPHS.map((subgraph) => step(subgraph, () => deps.clients[subgraph].erase({ kind: 'organization', orgId }))),
      step('core', () => deps.root.fork().execute(`select core.erase_organization(?)`, [orgId])),
      step('redis', () => eraseFromRedis(redisOptions(deps, false), [orgId], request.pseudonym)),
      {
        name: 'finish',
        run: () =>
          inScope(async (em, requests) => {
            await requests.finish(request.id);
            await completedEntry(em, request, userId);
          }),
      },
    ];
  }
  const subject = { kind: 'user' as const, userId, email, pseudonym: request.pseudonym, organizationIds: shared };
  return [
    step('access', () => endAccessStep(deps, { user: userId })),
    ...sole.flatMap((orgId) =>
      SUBJECT_SUBGRAPHS.map((subgraph) =>
        step(`organization:${orgId}:${subgraph}`, () => deps.clients[subgraph].erase({ kind: 'organization', orgId })),
      ),
    ),
    ...SUBJECT_SUBGRAPHS.map((subgraph) => step(subgraph, () => deps.clients[subgraph].erase(subject))),
    step('core', async () => {
      const em = deps.root.fork();
      for (const orgId of sole) await em.execute(`select core.erase_organization(?)`, [orgId]);
      await em.execute(`select core.erase_user(?, ?, ?)`, [userId, email, request.pseudonym]);
    }),
    step('redis', () => eraseFromRedis(redisOptions(deps, true), [userId, email, ...sole], request.pseudonym)),
    {
      // Last: entries relayed while the steps ran are pseudonymised too, then the request forgets the person.
      name: 'finish',
      run: async () => {
        const em = deps.root.fork();
        await em.execute(`select core.pseudonymise_audit_entries(?, ?, ?)`, [userId, email, request.pseudonym]);
        await inScope((tx) => completedEntry(tx, request, request.pseudonym));
        await em.execute(`select core.close_erasure(?)`, [request.id]);
      },
    },
  ];
}

const redisOptions = (deps: DataSubjectJobDeps, pseudonymiseAudit: boolean) => ({
  redis: deps.redis,
  prefix: deps.redisPrefix,
  auditStream: auditStreamKey(deps.redisPrefix),
  pseudonymiseAudit,
});

function endAccessStep(deps: DataSubjectJobDeps, subject: { user?: string; org?: string }): Promise<void> {
  return inScopedTransaction(deps.root, {}, (em) => endAccess(em, { client: deps.redis, prefix: deps.redisPrefix }, subject));
}

async function exportCore(root: EntityManager, userId: string, email: string, organizationIds: readonly string[]) {
  const personal: Record<string, Record<string, unknown>[]> = {};
  await inScopedTransaction(
    root,
    { userId },
    async (em) => {
      for (const [name, sql] of Object.entries(coreExportStatements.personal)) {
        const [text, params] = bindNamed(sql, { user: userId, email });
        personal[name] = await em.execute<Record<string, unknown>[]>(text, params);
      }
    },
    { readOnly: true },
  );
  const perOrganization = await exportSubjectRows(root, coreExportStatements.perOrganization, { userId, email, organizationIds });
  return { ...personal, ...perOrganization };
}

const COMPLETED_ACTION = {
  export: 'data_subject.export_completed',
  erasure: 'data_subject.erasure_completed',
  organization_erasure: 'data_subject.organization_erasure_completed',
};

async function completedEntry(em: EntityManager, request: DataSubjectRequest, actorId: string): Promise<void> {
  await new AuditRepository(em).insert({
    orgId: request.orgId,
    actorId,
    action: COMPLETED_ACTION[request.kind],
    targetType: 'DataSubjectRequest',
    targetId: request.id,
    metadata: request.kind === 'organization_erasure' ? { organizationId: request.orgId } : {},
  });
}
