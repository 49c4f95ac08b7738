import { Migration } from '@mikro-orm/migrations';
import { loadConfig, subjectErasureMigration } from '@flowgraph/kernel';
import { workflowSubjectStatements } from '../src/modules/data-subject/data-subject.statements';

/** workflow.erase_subject_user and workflow.erase_subject_organization: what a data-subject erasure runs here, as the owner. */
export class Migration20261207000100_data_subject_erasure extends Migration {
  override async up(): Promise<void> {
    for (const sql of subjectErasureMigration('workflow', loadConfig().DATABASE_APP_ROLE, workflowSubjectStatements)) this.addSql(sql);
  }
}
