import { Migration } from '@mikro-orm/migrations';

/**
 * A step that cannot reach a dependency (Core down, a host refusing connections) waits for it
 * instead of spending its attempts: whom it waits on, and since when (the wait's horizon counts
 * from there), shown as `StepRun.waitingOn` and `Execution.waitingOn`.
 */
export class Migration20261206000200_dependency_waits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table workflow.step_runs add column waiting_on text, add column waiting_since timestamptz(3)`);
  }
}
