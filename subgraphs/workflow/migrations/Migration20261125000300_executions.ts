import { Migration } from '@mikro-orm/migrations';

/** Placeholder while being written. */
export class Migration20261125000300_executions extends Migration {
  override async up(): Promise<void> {}
}
