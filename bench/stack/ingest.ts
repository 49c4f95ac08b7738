/**
 * The event-ingest figure: `ingestEvents` through the gateway in batches of 1,000 from 4 callers
 * at once, against a raw `COPY` of as many rows into core.events on the same database.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INGEST, eventsBatch, gatewayCall, type SeededOrganization } from './seed';
import type { Stack } from './stack';

const BATCH = 1000;
const CALLERS = 4;

/** Rows a second stored by ingestEvents: `rows` in batches of 1,000 from 4 members at once. */
export async function ingestRowsPerSecond(stack: Stack, org: SeededOrganization, rows: number, round: number) {
  let left = Math.ceil(rows / BATCH);
  let stored = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, c) => {
      // Other members each round: ingestEvents is limited per caller (@rateLimit, 60,000 events a minute).
      const caller = org.members[1 + ((round * CALLERS + c) % (org.members.length - 1))];
      while (left-- > 0) {
        const data = await gatewayCall<{ ingestEvents: { createdCount: number } }>(stack.gatewayUrl, caller.token, INGEST, {
          events: eventsBatch(BATCH, `ingest${round}-${c}`),
        });
        stored += data.ingestEvents.createdCount;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rows: stored, seconds, rowsPerSecond: stored / seconds };
}

const csv = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * Rows a second of a raw COPY (psql `\copy`, one statement) of as many rows shaped like the
 * ingested ones. They are in no outbox row, so the relay does not pick them up afterwards; a
 * checkout from before core.event_outbox (a baseline) marks its outbox per row, so there they are
 * copied marked published.
 */
export function copyRowsPerSecond(stack: Stack, org: SeededOrganization, rows: number) {
  const file = path.join(os.tmpdir(), `bench-stack-copy-${randomUUID().slice(0, 8)}.csv`);
  const userId = org.members[0].userId;
  const stamped =
    execFileSync('psql', [
      stack.ownerUrl,
      '-tAc',
      `select count(*) from information_schema.columns where table_schema = 'core' and table_name = 'events' and column_name = 'published_at'`,
    ])
      .toString()
      .trim() === '1';
  const lines = eventsBatch(rows, `copy-${randomUUID().slice(0, 8)}`).map((e) =>
    [
      randomUUID(),
      org.orgId,
      userId,
      e.idempotencyKey,
      e.eventType,
      e.tool,
      e.occurredAt,
      csv(JSON.stringify(e.payload)),
      ...(stamped ? [e.occurredAt] : []),
    ].join(','),
  );
  const columns = `id, org_id, user_id, idempotency_key, event_type, tool, occurred_at, payload${stamped ? ', published_at' : ''}`;
  writeFileSync(file, lines.join('\n') + '\n');
  try {
    const started = performance.now();
    execFileSync('psql', [
      stack.ownerUrl,
      '-v',
      'ON_ERROR_STOP=1',
      '-qc',
      `\\copy core.events (${columns}) from '${file}' with (format csv)`,
    ]);
    const seconds = (performance.now() - started) / 1000;
    return { rows, seconds, rowsPerSecond: rows / seconds };
  } finally {
    rmSync(file, { force: true });
  }
}
