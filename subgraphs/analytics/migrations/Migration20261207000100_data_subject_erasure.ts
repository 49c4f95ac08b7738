import { Migration } from '@mikro-orm/migrations';
import { loadConfig, subjectErasureMigration } from '@flowgraph/kernel';
import { analyticsSubjectStatements } from '../src/modules/data-subject/data-subject.statements';

/** analytics.erase_subject_user and analytics.erase_subject_organization: what a data-subject erasure runs here, as the owner. */
export class Migration20261207000100_data_subject_erasure extends Migration {
  override async up(): Promise<void> {
    for (const sql of subjectErasureMigration('analytics', loadConfig().DATABASE_APP_ROLE, analyticsSubjectStatements)) this.addSql(sql);
  }
}
