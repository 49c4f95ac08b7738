import { z } from 'zod';

/**
 * Every subgraph but Core (which runs the requests) answers a data-subject request about what it
 * holds: `POST /internal/data-subject/export` gathers a user's rows, `POST /internal/data-subject/erase`
 * erases a user's rows (or a whole organization's). Called by Core's worker with a signed `service`
 * identity; both are idempotent, so a retried step does no harm.
 */
export const DATA_SUBJECT_EXPORT_PATH = '/internal/data-subject/export';
export const DATA_SUBJECT_ERASE_PATH = '/internal/data-subject/erase';

/** The person: their id and email, and the organizations whose rows about them are gathered or erased. */
export const dataSubjectUser = z.object({
  kind: z.literal('user'),
  userId: z.uuid(),
  email: z.string().min(1).max(320),
  organizationIds: z.array(z.uuid()).max(1000),
  /** Stands for the user where a row must keep its shape (authored shared data, audit entries). */
  pseudonym: z.uuid(),
});

/** An organization deleted by its owner: every row it owns goes. */
export const dataSubjectOrganization = z.object({ kind: z.literal('organization'), orgId: z.uuid() });

export const dataSubjectExportRequest = dataSubjectUser.omit({ pseudonym: true });
export const dataSubjectEraseRequest = z.discriminatedUnion('kind', [dataSubjectUser, dataSubjectOrganization]);

/** A subgraph's share of the archive: rows by table name. */
export const dataSubjectExport = z.object({
  subgraph: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

/** Rows erased (deleted or pseudonymised) by table, for the job's progress record. */
export const dataSubjectErasure = z.object({ subgraph: z.string(), rows: z.record(z.string(), z.number()) });

export type DataSubjectUser = z.infer<typeof dataSubjectUser>;
export type DataSubjectExportRequest = z.infer<typeof dataSubjectExportRequest>;
export type DataSubjectEraseRequest = z.infer<typeof dataSubjectEraseRequest>;
export type DataSubjectExport = z.infer<typeof dataSubjectExport>;
export type DataSubjectErasure = z.infer<typeof dataSubjectErasure>;

/**
 * Core's `POST /internal/data-exports/download`: the gateway passes on a download link's parts
 * with the caller's identity; Core answers the archive once (it is deleted as it is handed out).
 */
export const DATA_EXPORT_DOWNLOAD_PATH = '/internal/data-exports/download';

export const dataExportDownloadRequest = z.object({
  requestId: z.uuid(),
  expires: z.coerce.number().int().positive(),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Must be a link signature'),
});

export const dataExportDownloadResponse = z.object({ fileName: z.string(), archive: z.record(z.string(), z.unknown()) });

export type DataExportDownloadRequest = z.infer<typeof dataExportDownloadRequest>;
export type DataExportDownloadResponse = z.infer<typeof dataExportDownloadResponse>;
