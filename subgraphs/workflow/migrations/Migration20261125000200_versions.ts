import { Migration } from '@mikro-orm/migrations';

/** Placeholder while being written. */
export class Migration20261125000200_versions extends Migration {
  override async up(): Promise<void> {}
}
