import { rowLoader, type Identity } from '@flowgraph/kernel';
import type { EventRepository } from './event.repository';

/** Per-request loaders; events are looked up within the caller's organization only. */
export function createEventLoaders(repository: EventRepository, identity: Identity) {
  return {
    byId: rowLoader(
      (ids) => (identity.orgId ? repository.findByIds(identity.orgId, ids) : Promise.resolve([])),
      (e) => e.id,
    ),
  };
}

export type EventLoaders = ReturnType<typeof createEventLoaders>;
