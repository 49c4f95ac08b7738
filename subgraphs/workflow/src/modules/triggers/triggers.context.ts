import type { Queue } from 'bullmq';
import type { RequestContext, SecretKeyring } from '@flowgraph/kernel';
import { createTriggerLoaders, type TriggerLoaders } from './trigger.loaders';
import { TriggerRepository } from './trigger.repository';
import { TriggerScheduler } from './trigger-scheduler';
import { TriggerService } from './trigger.service';

/** Process-wide pieces the triggers module needs per request. */
export interface TriggerModuleDeps {
  /** The `workflow-triggers` BullMQ queue (cron schedulers live there). */
  triggersQueue: Queue;
  cipher: SecretKeyring;
  /** PUBLIC_URL: webhook URLs start with it. */
  publicUrl: string;
}

/** The triggers module's share of a request context; `scheduler` is for other modules (workflow activation, deletion). */
export function createTriggersContext(
  base: Pick<RequestContext, 'em'>,
  deps: TriggerModuleDeps,
): { loaders: TriggerLoaders; service: TriggerService; scheduler: TriggerScheduler } {
  const repository = new TriggerRepository(base.em);
  const scheduler = new TriggerScheduler(deps.triggersQueue, base.em);
  return {
    loaders: createTriggerLoaders(repository),
    service: new TriggerService(repository, { scheduler, cipher: deps.cipher, publicUrl: deps.publicUrl }),
    scheduler,
  };
}
