import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DATA_EXPORT_DOWNLOAD_PATH, dataExportDownloadRequest, type DataExportDownloadResponse } from '@flowgraph/contracts';
import { inScopedTransaction, internalRoute, notFound, type Logger } from '@flowgraph/kernel';
import { DataSubjectRepository } from './data-subject.repository';
import { exportLinkVerifies } from './export-link';

/**
 * `POST /internal/data-exports/download` (packages/contracts data-subject), called by the gateway
 * for `GET /data-exports/:id` with the caller's identity: the link must be signed for this caller
 * and unexpired, and the archive is handed out once (taken from its row as it is read). Every
 * refusal is the same 404, so a link says nothing to someone it was not made for.
 */
export function exportDownloadRoute(options: { orm: MikroORM; identitySecret: string; logger: Logger }) {
  return internalRoute({
    method: 'POST',
    path: DATA_EXPORT_DOWNLOAD_PATH,
    input: dataExportDownloadRequest,
    identitySecret: options.identitySecret,
    logger: options.logger,
    unsigned: 'A signed identity is required',
    refuse: (identity) => (identity.userId && identity.authMethod !== 'service' ? null : 'A signed-in user is required'),
    handle: async ({ identity, input }): Promise<DataExportDownloadResponse> => {
      const userId = identity.userId!;
      const valid = input.expires > Date.now() && exportLinkVerifies(options.identitySecret, { ...input, userId });
      if (!valid) throw notFound('Export');
      const archive = await inScopedTransaction(options.orm.em.fork() as EntityManager, { userId }, (em) =>
        new DataSubjectRepository(em).takeArchive(input.requestId, userId),
      );
      if (!archive) throw notFound('Export');
      return { fileName: `flowgraph-export-${input.requestId}.json`, archive };
    },
  });
}
