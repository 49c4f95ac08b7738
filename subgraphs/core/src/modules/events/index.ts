import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '@flowgraph/kernel';
import { createEventLoaders, type EventLoaders } from './event.loaders';
import { EventRepository } from './event.repository';
import { EventService } from './event.service';

export type { EventLoaders } from './event.loaders';
export { EventService } from './event.service';
export { eventResolvers } from './event.resolver';
export { EventEntity } from './event.entity';

/** The events module's share of a request context. */
export function createEventsContext(em: EntityManager, identity: Identity): { loaders: EventLoaders; service: EventService } {
  const repository = new EventRepository(em);
  return { loaders: createEventLoaders(repository, identity), service: new EventService(repository) };
}
