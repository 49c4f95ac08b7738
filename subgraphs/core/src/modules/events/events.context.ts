import type { RequestContext } from '@flowgraph/kernel';
import { createEventLoaders, type EventLoaders } from './event.loaders';
import { EventRepository } from './event.repository';
import { EventService } from './event.service';
import { PlatformEvents } from './platform-events';

/** The events module's share of a request context; `platformEvents` is for the modules that record platform events. */
export function createEventsContext(base: Pick<RequestContext, 'em' | 'identity'>): {
  loaders: EventLoaders;
  service: EventService;
  platformEvents: PlatformEvents;
} {
  const repository = new EventRepository(base.em);
  return {
    loaders: createEventLoaders(repository, base.identity),
    service: new EventService(repository),
    platformEvents: new PlatformEvents(repository),
  };
}
