import { EventRelay, type EventRelayOptions } from './event-relay';

/** The relay from the events outbox (core.event_outbox) to the event stream; `close()` stops it. */
export async function startEventsWorker(options: EventRelayOptions): Promise<{ relay: EventRelay; close(): Promise<void> }> {
  const relay = new EventRelay(options);
  relay.start();
  return {
    relay,
    async close() {
      await relay.stop();
    },
  };
}
