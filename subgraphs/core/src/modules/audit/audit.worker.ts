import { createAuditStreamConsumer, type AuditStreamConsumerOptions } from './audit-stream.consumer';

/** The consumer storing the other subgraphs' audit entries in the audit log; `close()` stops it. */
export async function startAuditWorker(options: AuditStreamConsumerOptions): Promise<{ close(): Promise<void> }> {
  const consumer = createAuditStreamConsumer(options);
  await consumer.start();
  return {
    async close() {
      await consumer.stop();
    },
  };
}
