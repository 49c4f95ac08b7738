import type { MikroORM } from '@mikro-orm/postgresql';
import { DATA_SUBJECT_ERASE_PATH, DATA_SUBJECT_EXPORT_PATH, dataSubjectEraseRequest, dataSubjectExportRequest } from '@flowgraph/contracts';
import { subjectRoutes, type Logger } from '@flowgraph/kernel';
import { integrationSubjectStatements } from './data-subject.statements';

/** `POST /internal/data-subject/export` and `/erase` (packages/contracts data-subject) for Core's data-subject jobs. */
export function dataSubjectRoutes(options: { orm: MikroORM; identitySecret: string; logger: Logger }) {
  return subjectRoutes({
    ...options,
    subgraph: 'integration',
    statements: integrationSubjectStatements,
    schema: 'integration',
    contract: {
      exportPath: DATA_SUBJECT_EXPORT_PATH,
      erasePath: DATA_SUBJECT_ERASE_PATH,
      exportRequest: dataSubjectExportRequest,
      eraseRequest: dataSubjectEraseRequest,
    },
  });
}
