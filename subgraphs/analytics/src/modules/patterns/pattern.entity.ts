import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One step of a pattern, as stored in the `sequence` jsonb array. */
export interface PatternStep {
  tool: string;
  eventType: string;
}

export const PatternEntity = defineEntity({
  name: 'Pattern',
  tableName: 'analytics.patterns',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    userId: p.uuid(),
    sequence: p.json<PatternStep[]>(),
    support: p.integer(),
    // float8 arrives from pg as a number; runtimeType keeps MikroORM from turning it into a string.
    confidence: p.double().$type<number>().runtimeType('number'),
    firstSeenAt: p.datetime(3),
    lastSeenAt: p.datetime(3),
    createdAt: p.datetime(3),
  },
});

export type Pattern = InferEntity<typeof PatternEntity>;
