/**
 * Mining one user through the database, on hand-computed examples: support, confidence,
 * first/last seen, examples, trend, repeated items, ties, `flowgraph` and out-of-window events
 * ignored, and patterns no longer found marked inactive (kept).
 */
import { randomUUID } from 'node:crypto';
import { storeEvents } from '../src/modules/event-copy/event-copy.service';
import type { PatternsUpdated } from '../src/modules/patterns/pattern-listener';
import { PatternMiner } from '../src/modules/patterns/pattern-miner';
import { trendDirection } from '../src/modules/patterns/pattern-trend';
import { mineUserPatterns, minSupportCount, type UserMiningOptions } from '../src/modules/patterns/user-pattern-mining';
import {
  copied,
  openAnalyticsDatabase,
  patternRows,
  testLogger,
  type AnalyticsDatabase,
  type TestEvent,
} from '../src/testing/pattern-pipeline';

const options: UserMiningOptions = {
  idleGapMs: 30 * 60_000,
  maxGapMs: 30 * 60_000,
  minSupport: 2,
  minSupportRatio: 0,
  maxLength: 3,
  windowDays: 30,
};
const NOW = new Date('2026-03-02T12:00:00.000Z');
const orgId = randomUUID();
const otherOrg = randomUUID();

let database: AnalyticsDatabase;
beforeAll(async () => {
  database = await openAnalyticsDatabase('anminer');
});
afterAll(async () => {
  await database.close();
});

const P = { tool: 'github', eventType: 'pr.opened' };
const S = { tool: 'slack', eventType: 'message.posted' };
const J = { tool: 'jira', eventType: 'issue.created' };
const F = { tool: 'flowgraph', eventType: 'workflow.notification' };

function at(userId: string | null, iso: string, item: { tool: string; eventType: string }, org = orgId): TestEvent & { id: string } {
  return { id: randomUUID(), orgId: org, userId, ...item, occurredAt: new Date(iso) };
}

async function store(events: (TestEvent & { id: string })[]): Promise<void> {
  await storeEvents(database.root, events.map(copied));
}

/**
 * Sessions of the user (30-minute idle gap), `flowgraph` events ignored:
 *   S1 2026-02-10 09:00–09:10  P P (F) S
 *   S2 2026-02-20 09:00–09:20  P J (F) S
 *   S3 2026-02-27 14:00–14:15  P P S            (last week: from 2026-02-23 12:00)
 *   S4 2026-03-01 10:00–10:45  P J S            (P→S is 45 min: over the 30-minute max gap)
 * plus a session 40 days ago and one after `now` (outside the window), P S each.
 */
function userEvents(userId: string): (TestEvent & { id: string })[] {
  return [
    at(userId, '2026-01-21T09:00:00Z', P),
    at(userId, '2026-01-21T09:01:00Z', S),
    at(userId, '2026-02-10T09:00:00Z', P),
    at(userId, '2026-02-10T09:05:00Z', P),
    at(userId, '2026-02-10T09:07:00Z', F),
    at(userId, '2026-02-10T09:10:00Z', S),
    at(userId, '2026-02-20T09:00:00Z', P),
    at(userId, '2026-02-20T09:05:00Z', J),
    at(userId, '2026-02-20T09:06:00Z', F),
    at(userId, '2026-02-20T09:20:00Z', S),
    at(userId, '2026-02-27T14:00:00Z', P),
    at(userId, '2026-02-27T14:10:00Z', P),
    at(userId, '2026-02-27T14:15:00Z', S),
    at(userId, '2026-03-01T10:00:00Z', P),
    at(userId, '2026-03-01T10:20:00Z', J),
    at(userId, '2026-03-01T10:45:00Z', S),
    at(userId, '2026-03-02T13:00:00Z', P),
    at(userId, '2026-03-02T13:01:00Z', S),
  ];
}

const example = (startedAt: string, endedAt: string, eventCount = 3) => ({ startedAt, endedAt, eventCount });
const S1 = example('2026-02-10T09:00:00.000Z', '2026-02-10T09:10:00.000Z');
const S2 = example('2026-02-20T09:00:00.000Z', '2026-02-20T09:20:00.000Z');
const S3 = example('2026-02-27T14:00:00.000Z', '2026-02-27T14:15:00.000Z');
const S4 = example('2026-03-01T10:00:00.000Z', '2026-03-01T10:45:00.000Z');

const PS = 'github/pr.opened>slack/message.posted';
const PP = 'github/pr.opened>github/pr.opened';
const PPS = `${PP}>slack/message.posted`;
const PJ = 'github/pr.opened>jira/issue.created';
const JS = 'jira/issue.created>slack/message.posted';
const PJS = `${PJ}>slack/message.posted`;

describe('one user, hand-computed', () => {
  const userId = randomUUID();
  const updates: PatternsUpdated[] = [];
  let miner: PatternMiner;

  beforeAll(async () => {
    miner = new PatternMiner({ root: database.root, options, logger: testLogger(), listener: async (update) => void updates.push(update) });
    await store(userEvents(userId));
  });

  it('finds support, confidence, first/last seen, examples and weekly counts', async () => {
    const result = await miner.mineUser({ orgId, userId }, NOW);
    expect(result).toEqual({ orgId, userId, active: 6, deactivated: 0 });
    const rows = await patternRows(database, 'user_id = $1', [userId]);
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(Object.keys(byKey).sort()).toEqual([PP, PPS, PS, PJ, PJS, JS].sort());

    // P>S: S1, S2, S3 (not S4: 45 min apart; not the sessions outside the window); P is in 4 sessions.
    expect(byKey[PS]).toMatchObject({
      support: 3,
      confidence: 0.75,
      first_seen_at: S1.startedAt,
      last_seen_at: S3.endedAt,
      examples: [S3, S2, S1],
      support_last_week: 1,
      support_previous_week: 1,
      active: true,
    });
    // Repeated item: P>P in S1 and S3, counted once per session; P>P>S in the same two, confidence 2/2.
    expect(byKey[PP]).toMatchObject({
      support: 2,
      confidence: 0.5,
      first_seen_at: S1.startedAt,
      last_seen_at: S3.endedAt,
      examples: [S3, S1],
      support_last_week: 1,
      support_previous_week: 0,
    });
    expect(byKey[PPS]).toMatchObject({ support: 2, confidence: 1, examples: [S3, S1] });
    // P>J>S in S4 too: P→J 20 min and J→S 25 min are each within the max gap.
    expect(byKey[PJ]).toMatchObject({
      support: 2,
      confidence: 0.5,
      first_seen_at: S2.startedAt,
      last_seen_at: S4.endedAt,
      examples: [S4, S2],
      support_last_week: 1,
      support_previous_week: 1,
    });
    expect(byKey[JS]).toMatchObject({ support: 2, confidence: 1 });
    expect(byKey[PJS]).toMatchObject({ support: 2, confidence: 1, examples: [S4, S2] });
    // No pattern with a flowgraph step, though P>F and F>S would have support 2.
    expect(rows.some((r) => r.key.includes('flowgraph'))).toBe(false);
  });

  it('tells the listener the active patterns inside the transaction, most supported first, ties by key', async () => {
    const update = updates[updates.length - 1];
    expect(update).toMatchObject({ orgId, userId, now: NOW });
    expect(update.patterns.map((p) => [p.key, p.support])).toEqual([
      [PS, 3],
      [PP, 2],
      [PPS, 2],
      [PJ, 2],
      [PJS, 2],
      [JS, 2],
    ]);
  });

  it('writes nothing new when mined again at the same time', async () => {
    const before = await database.owner('select id, updated_at, created_at from analytics.patterns where user_id = $1 order by id', [
      userId,
    ]);
    expect(await miner.mineUser({ orgId, userId }, NOW)).toEqual({ orgId, userId, active: 6, deactivated: 0 });
    expect(
      await database.owner('select id, updated_at, created_at from analytics.patterns where user_id = $1 order by id', [userId]),
    ).toEqual(before);
  });

  it('marks patterns no longer found inactive and keeps them; a pattern found again is the same row', async () => {
    const [{ id: ppId }] = await database.owner<{ id: string }>('select id from analytics.patterns where user_id = $1 and key = $2', [
      userId,
      PP,
    ]);
    // Ten days later S1 has left the 30-day window: P>P and P>P>S are left with S3 only.
    const later = new Date('2026-03-12T12:00:00.000Z');
    expect(await miner.mineUser({ orgId, userId }, later)).toEqual({ orgId, userId, active: 4, deactivated: 2 });
    const rows = await patternRows(database, 'user_id = $1', [userId]);
    expect(
      rows
        .filter((r) => !r.active)
        .map((r) => r.key)
        .sort(),
    ).toEqual([PP, PPS].sort());
    expect(rows.find((r) => r.key === PP)).toMatchObject({ support: 2 }); // kept as last found
    // P>S: S2, S3 and the session of 2026-03-02 13:00, no longer after `now`; none in the last 7 days.
    expect(rows.find((r) => r.key === PS)).toMatchObject({
      support: 3,
      first_seen_at: S2.startedAt,
      last_seen_at: '2026-03-02T13:01:00.000Z',
      support_last_week: 0,
      support_previous_week: 2,
    });
    expect(updates[updates.length - 1].patterns.map((p) => p.key)).not.toContain(PP);

    await store([at(userId, '2026-03-11T08:00:00Z', P), at(userId, '2026-03-11T08:01:00Z', P)]);
    expect((await miner.mineUser({ orgId, userId }, later)).active).toBe(5);
    const [again] = await patternRows(database, 'user_id = $1 and key = $2', [userId, PP]);
    expect(again).toMatchObject({ active: true, support: 2, last_seen_at: '2026-03-11T08:01:00.000Z' });
    expect(
      (await database.owner<{ id: string }>('select id from analytics.patterns where user_id = $1 and key = $2', [userId, PP]))[0].id,
    ).toBe(ppId);
  });
});

it('orders events of the same instant by id, whatever the order they were stored in', () => {
  // Two sessions, each A and B at the same millisecond: the event with the smaller id comes first.
  const t1 = new Date('2026-03-01T09:00:00Z');
  const t2 = new Date('2026-03-01T15:00:00Z');
  const events = [
    { id: '00000000-0000-4000-8000-000000000002', tool: 't', eventType: 'a', occurredAt: t1 },
    { id: '00000000-0000-4000-8000-000000000001', tool: 't', eventType: 'b', occurredAt: t1 },
    { id: '00000000-0000-4000-8000-000000000003', tool: 't', eventType: 'b', occurredAt: t2 },
    { id: '00000000-0000-4000-8000-000000000004', tool: 't', eventType: 'a', occurredAt: t2 },
  ];
  const mined = mineUserPatterns(events, NOW, options);
  expect(mined.map((p) => [p.key, p.support])).toEqual([['t/b>t/a', 2]]);
  expect(mineUserPatterns([...events].reverse(), NOW, options)).toEqual(mined);
});

it('applies the larger of the absolute and relative min support', () => {
  expect(minSupportCount({ minSupport: 3, minSupportRatio: 0 }, 100)).toBe(3);
  expect(minSupportCount({ minSupport: 3, minSupportRatio: 0.1 }, 100)).toBe(10);
  expect(minSupportCount({ minSupport: 3, minSupportRatio: 0.3 }, 10)).toBe(3);
  expect(minSupportCount({ minSupport: 1, minSupportRatio: 0.25 }, 9)).toBe(3); // ⌈2.25⌉
  // Through the miner: 4 sessions with A>B in 2 of them; a ratio of 0.75 asks for 3.
  const day = (d: number, h: number, m: number) => new Date(Date.UTC(2026, 1, d, h, m));
  const events = [1, 2, 3, 4].flatMap((d) => [
    { id: `${d}a`, tool: 't', eventType: 'a', occurredAt: day(20 + d, 9, 0) },
    { id: `${d}b`, tool: 't', eventType: d <= 2 ? 'b' : 'c', occurredAt: day(20 + d, 9, 5) },
  ]);
  expect(mineUserPatterns(events, NOW, { ...options, minSupport: 2 }).map((p) => p.key)).toEqual(['t/a>t/b', 't/a>t/c']);
  expect(mineUserPatterns(events, NOW, { ...options, minSupport: 2, minSupportRatio: 0.75 })).toEqual([]);
});

it('mines nothing of events without a user, and keeps each organization’s patterns to itself', async () => {
  const userId = randomUUID();
  const miner = new PatternMiner({ root: database.root, options, logger: testLogger() });
  await store([...userEvents(userId), ...userEvents(userId).map((e) => ({ ...e, id: randomUUID(), userId: null }))]);
  // The same user in another organization has events too, but only one session there.
  await store([at(userId, '2026-02-27T14:00:00Z', P, otherOrg), at(userId, '2026-02-27T14:01:00Z', S, otherOrg)]);
  await miner.mineUser({ orgId, userId }, NOW);
  await miner.mineUser({ orgId: otherOrg, userId }, NOW);
  const rows = await patternRows(database, 'user_id = $1', [userId]);
  expect(rows).toHaveLength(6);
  expect(new Set(rows.map((r) => r.org_id))).toEqual(new Set([orgId]));
});

it('rolls the mining back when the listener fails, and runs the listener’s task only after commit', async () => {
  const userId = randomUUID();
  await store(userEvents(userId));
  const failing = new PatternMiner({
    root: database.root,
    options,
    logger: testLogger(),
    listener: async () => {
      throw new Error('listener down');
    },
  });
  await expect(failing.mineUser({ orgId, userId }, NOW)).rejects.toThrow('listener down');
  expect(await patternRows(database, 'user_id = $1', [userId])).toEqual([]);

  let seenAfterCommit = -1;
  const announcing = new PatternMiner({
    root: database.root,
    options,
    logger: testLogger(),
    // What a publisher sees after commit: the rows, from another connection.
    listener: async () => async () => void (seenAfterCommit = (await patternRows(database, 'user_id = $1', [userId])).length),
  });
  await announcing.mineUser({ orgId, userId }, NOW);
  expect(seenAfterCommit).toBe(6);
});

describe('trend direction', () => {
  const trend = (support: number, supportLastWeek: number, supportPreviousWeek: number) =>
    trendDirection({ support, supportLastWeek, supportPreviousWeek });
  it('is NEW when every session containing the pattern is from the last 7 days', () => {
    expect(trend(4, 4, 0)).toBe('NEW');
    expect(trend(5, 4, 0)).toBe('RISING'); // seen before the last two weeks too
  });
  it('is RISING above +25 %, FALLING below −20 % (÷ 1.25), STEADY between', () => {
    expect(trend(20, 6, 4)).toBe('RISING');
    expect(trend(20, 5, 4)).toBe('STEADY'); // exactly +25 %
    expect(trend(20, 4, 5)).toBe('STEADY'); // exactly ÷ 1.25
    expect(trend(20, 3, 4)).toBe('FALLING');
    expect(trend(20, 0, 2)).toBe('FALLING');
    expect(trend(20, 0, 0)).toBe('STEADY');
  });
});
