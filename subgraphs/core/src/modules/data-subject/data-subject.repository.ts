import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

export type DataSubjectKind = 'export' | 'erasure' | 'organization_erasure';
export type DataSubjectStatus = 'pending' | 'running' | 'completed' | 'failed';

/** What an erasure was planned to cover when it was requested (so a resumed job does the same). */
export interface ErasurePlan {
  /** Organizations the person was the only member of: erased whole. */
  soleOrganizations?: string[];
  /** Organizations that live on: the person's rows there are erased or pseudonymised. */
  sharedOrganizations?: string[];
}

export interface DataSubjectRequest {
  id: string;
  kind: DataSubjectKind;
  userId: string | null;
  email: string | null;
  orgId: string | null;
  pseudonym: string;
  status: DataSubjectStatus;
  plan: ErasurePlan;
  stepsDone: string[];
  error: string | null;
  archiveExpiresAt: Date | null;
  downloadedAt: Date | null;
  hasArchive: boolean;
  requestedAt: Date;
  completedAt: Date | null;
}

const COLUMNS = `id, kind, user_id as "userId", email, org_id as "orgId", pseudonym, status, plan, steps_done as "stepsDone", error,
  archive_expires_at as "archiveExpiresAt", downloaded_at as "downloadedAt", archive is not null as "hasArchive",
  requested_at as "requestedAt", completed_at as "completedAt"`;

type Row = Omit<DataSubjectRequest, 'archiveExpiresAt' | 'downloadedAt' | 'requestedAt' | 'completedAt'> &
  Record<'archiveExpiresAt' | 'downloadedAt' | 'completedAt', string | Date | null> & { requestedAt: string | Date };

/** Raw rows carry timestamps as the driver gives them (text): the request has dates. */
const date = (value: string | Date | null) => (value === null ? null : new Date(value));
const fromRow = (row: Row): DataSubjectRequest => ({
  ...row,
  archiveExpiresAt: date(row.archiveExpiresAt),
  downloadedAt: date(row.downloadedAt),
  completedAt: date(row.completedAt),
  requestedAt: new Date(row.requestedAt),
});

/** Data-subject requests, under row-level security: the person's own (and their organization's erasure). */
export class DataSubjectRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(request: {
    kind: DataSubjectKind;
    userId: string;
    email: string;
    orgId?: string;
    plan?: ErasurePlan;
  }): Promise<DataSubjectRequest> {
    const [row] = await this.em.execute<Row[]>(
      `insert into core.data_subject_requests (id, kind, user_id, email, org_id, pseudonym, plan) values (?, ?, ?, ?, ?, ?, ?::jsonb) returning ${COLUMNS}`,
      [randomUUID(), request.kind, request.userId, request.email, request.orgId ?? null, randomUUID(), JSON.stringify(request.plan ?? {})],
    );
    return fromRow(row);
  }

  async byId(id: string): Promise<DataSubjectRequest | null> {
    const [row] = await this.em.execute<Row[]>(`select ${COLUMNS} from core.data_subject_requests where id = ?`, [id]);
    return row ? fromRow(row) : null;
  }

  /** The person's latest requests, newest first (a handful: one list, no pages). */
  async latest(userId: string, limit: number): Promise<DataSubjectRequest[]> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from core.data_subject_requests where user_id = ? order by requested_at desc, id desc limit ?`,
      [userId, limit],
    );
    return rows.map(fromRow);
  }

  /** An unfinished request of the kind, so asking twice does not start two. */
  async open(userId: string, kind: DataSubjectKind, orgId?: string): Promise<DataSubjectRequest | null> {
    const [row] = await this.em.execute<Row[]>(
      `select ${COLUMNS} from core.data_subject_requests
       where user_id = ? and kind = ? and status in ('pending', 'running') and org_id is not distinct from ? limit 1`,
      [userId, kind, orgId ?? null],
    );
    return row ? fromRow(row) : null;
  }

  async stepDone(id: string, step: string): Promise<void> {
    await this.em.execute(
      `update core.data_subject_requests set status = 'running', steps_done = array_append(steps_done, ?) where id = ? and not (? = any(steps_done))`,
      [step, id, step],
    );
  }

  /** Adds a subgraph's share to the archive being built, and the step as done, together. */
  async addToArchive(id: string, step: string, part: Record<string, unknown>): Promise<void> {
    await this.em.execute(
      `update core.data_subject_requests set status = 'running', archive = coalesce(archive, '{}'::jsonb) || ?::jsonb,
         steps_done = array_append(steps_done, ?) where id = ? and not (? = any(steps_done))`,
      [JSON.stringify(part), step, id, step],
    );
  }

  async finish(id: string, values: { archiveExpiresAt?: Date } = {}): Promise<void> {
    await this.em.execute(
      `update core.data_subject_requests set status = 'completed', error = null, completed_at = now(), archive_expires_at = ? where id = ?`,
      [values.archiveExpiresAt?.toISOString() ?? null, id],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.em.execute(`update core.data_subject_requests set status = 'failed', error = ? where id = ?`, [error.slice(0, 500), id]);
  }

  /** Hands the archive out once: it is taken from the row in the same statement that records the download. */
  async takeArchive(id: string, userId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.em.execute<{ archive: Record<string, unknown> }[]>(
      `update core.data_subject_requests r set archive = null, downloaded_at = now()
       from (select id, archive from core.data_subject_requests where id = ? for update) old
       where r.id = old.id and r.user_id = ? and r.kind = 'export' and r.status = 'completed' and r.archive is not null
         and r.downloaded_at is null and r.archive_expires_at > now()
       returning old.archive`,
      [id, userId],
    );
    return row?.archive ?? null;
  }

  /** Deletes an archive nobody downloaded once it has expired. */
  async dropArchive(id: string): Promise<void> {
    await this.em.execute(`update core.data_subject_requests set archive = null where id = ? and archive_expires_at <= now()`, [id]);
  }
}
