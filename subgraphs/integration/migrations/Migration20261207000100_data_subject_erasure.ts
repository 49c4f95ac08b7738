import { Migration } from '@mikro-orm/migrations';
import { loadConfig, subjectErasureMigration } from '@flowgraph/kernel';
import { integrationSubjectStatements } from '../src/modules/data-subject/data-subject.statements';

/** integration.erase_subject_user and integration.erase_subject_organization: what a data-subject erasure runs here, as the owner. */
export class Migration20261207000100_data_subject_erasure extends Migration {
  override async up(): Promise<void> {
    for (const sql of subjectErasureMigration('integration', loadConfig().DATABASE_APP_ROLE, integrationSubjectStatements))
      this.addSql(sql);
  }
}
