import { Migration } from '@mikro-orm/migrations';

/** Placeholder while being written. */
export class Migration20261125000400_triggers extends Migration {
  override async up(): Promise<void> {}
}
